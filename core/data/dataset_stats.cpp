#include "data/dataset_stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "data/dataset.h"

namespace rd {

namespace {

CountSummary summarize(std::vector<int64_t> counts) {
    CountSummary s;
    if (counts.empty()) return s;
    std::sort(counts.begin(), counts.end());
    const size_t n = counts.size();
    s.min = counts.front();
    s.max = counts.back();
    s.median = n % 2 ? static_cast<double>(counts[n / 2])
                     : 0.5 * static_cast<double>(counts[n / 2 - 1] + counts[n / 2]);
    s.mean = static_cast<double>(std::accumulate(counts.begin(), counts.end(), int64_t{0})) /
             static_cast<double>(n);
    return s;
}

/** Share of all interactions held by the ceil(fraction * n) most popular items. */
double topShare(const std::vector<int64_t>& sortedDesc, double fraction, int64_t total) {
    if (total == 0 || sortedDesc.empty()) return 0;
    const auto k =
        static_cast<size_t>(std::max<double>(1.0, std::ceil(fraction * sortedDesc.size() - 1e-9)));
    const int64_t held = std::accumulate(
        sortedDesc.begin(), sortedDesc.begin() + std::min(k, sortedDesc.size()), int64_t{0});
    return static_cast<double>(held) / static_cast<double>(total);
}

}  // namespace

DatasetStats computeStats(const Dataset& ds) {
    DatasetStats st;
    st.name = ds.name;
    st.format = ds.format;
    st.sourcePath = ds.sourcePath;
    st.hash = ds.hash;
    st.users = ds.numUsers();
    st.items = ds.numItems();
    st.interactions = ds.numInteractions();
    if (st.users > 0 && st.items > 0)
        st.density =
            static_cast<double>(st.interactions) / (static_cast<double>(st.users) * st.items);

    std::vector<int64_t> perUser(ds.numUsers());
    for (int32_t u = 0; u < ds.numUsers(); ++u) perUser[u] = ds.userDegree(u);
    st.perUser = summarize(std::move(perUser));
    std::vector<int64_t> perItem = ds.itemDegrees();
    st.perItem = summarize(perItem);
    std::sort(perItem.begin(), perItem.end(), std::greater<>());
    st.top1Share = topShare(perItem, 0.01, st.interactions);
    st.top10Share = topShare(perItem, 0.10, st.interactions);
    st.top20Share = topShare(perItem, 0.20, st.interactions);
    st.popularityCurve = std::move(perItem);

    st.hasRatings = ds.hasRatings();
    if (st.hasRatings) {
        std::map<float, int64_t> hist;
        for (float r : ds.ratings) ++hist[r];
        for (const auto& [r, c] : hist) st.ratingHistogram.emplace_back(r, c);
    }
    st.hasTimestamps = ds.hasTimestamps();
    if (st.hasTimestamps && !ds.timestamps.empty()) {
        const auto [lo, hi] = std::minmax_element(ds.timestamps.begin(), ds.timestamps.end());
        st.firstTimestamp = *lo;
        st.lastTimestamp = *hi;
    }
    if (ds.hasCategories()) {
        std::vector<int32_t> counts(ds.numCategories(), 0);
        for (int32_t c : ds.itemCategories) ++counts[c];
        for (int32_t c = 0; c < ds.numCategories(); ++c)
            st.categories.emplace_back(ds.categoryNames[c], counts[c]);
    }
    st.presplit = ds.isPresplit();
    if (st.presplit) {
        std::vector<uint8_t> inTrain(ds.numItems(), 0);
        for (size_t k = 0; k < ds.givenSplit.size(); ++k) {
            switch (static_cast<SplitPart>(ds.givenSplit[k])) {
                case SplitPart::Train:
                    ++st.trainInteractions, inTrain[ds.items[k]] = 1;
                    break;
                case SplitPart::Valid:
                    ++st.validInteractions;
                    break;
                case SplitPart::Test:
                    ++st.testInteractions;
                    break;
            }
        }
        st.itemsOnlyInHeldOut = std::count(inTrain.begin(), inTrain.end(), 0);
    }
    return st;
}

}  // namespace rd
