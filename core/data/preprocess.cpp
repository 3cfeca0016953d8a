#include "data/preprocess.h"

#include <algorithm>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace rd {

namespace {

int64_t countKept(const std::vector<uint8_t>& keep) {
    return std::count(keep.begin(), keep.end(), uint8_t{1});
}

// Every step only clears flags, so checking after each one names the step that emptied the data.
void requireSomethingLeft(const std::vector<uint8_t>& keep, const std::string& step) {
    if (countKept(keep) == 0)
        throw std::invalid_argument("preprocessing left no interactions: " + step +
                                    " removed every remaining interaction; loosen it");
}

// The ids ranked by count (descending, ties by smaller dense id, which is original-id order) and
// cut to the first `limit`: the returned flags say which ids survive.
std::vector<uint8_t> topByCount(const std::vector<int64_t>& counts, int limit) {
    std::vector<int32_t> order(counts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int32_t a, int32_t b) { return counts[a] > counts[b]; });
    std::vector<uint8_t> chosen(counts.size(), 0);
    const size_t n = std::min(order.size(), static_cast<size_t>(limit));
    for (size_t r = 0; r < n; ++r) chosen[order[r]] = 1;
    return chosen;
}

void applyThreshold(const Dataset& d, float threshold, std::vector<uint8_t>& keep) {
    if (!d.hasRatings())
        throw std::invalid_argument(
            "a rating threshold needs ratings, but this data set has none (implicit feedback); "
            "clear the threshold");
    // Written as !(r >= t) so NaN ratings are dropped too.
    for (size_t k = 0; k < keep.size(); ++k)
        if (!(d.ratings[k] >= threshold)) keep[k] = 0;
}

void dropDuplicates(const Dataset& d, std::vector<uint8_t>& keep) {
    // Equal items sit next to each other in a user's row, in file order (the builder's sort is
    // stable), so within each run the last kept one with the greatest timestamp is the latest.
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        int64_t k = d.userBegin(u);
        const int64_t end = d.userEnd(u);
        while (k < end) {
            int64_t runEnd = k;
            while (runEnd < end && d.items[runEnd] == d.items[k]) ++runEnd;
            int64_t best = -1;
            for (int64_t j = k; j < runEnd; ++j) {
                if (!keep[j]) continue;
                if (best < 0 || !d.hasTimestamps() || d.timestamps[j] >= d.timestamps[best])
                    best = j;
            }
            for (int64_t j = k; j < runEnd; ++j)
                if (j != best) keep[j] = 0;
            k = runEnd;
        }
    }
}

// Users are limited first and items then ranked by popularity among the kept users, so the item
// limit sees the data the model will see.
void applyLimits(const Dataset& d, int maxUsers, int maxItems, std::vector<uint8_t>& keep) {
    if (maxUsers > 0 && maxUsers < d.numUsers()) {
        std::vector<int64_t> degree(d.numUsers(), 0);
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k) degree[u] += keep[k];
        const auto chosen = topByCount(degree, maxUsers);
        for (int32_t u = 0; u < d.numUsers(); ++u)
            if (!chosen[u])
                std::fill(keep.begin() + d.userBegin(u), keep.begin() + d.userEnd(u), uint8_t{0});
    }
    if (maxItems > 0 && maxItems < d.numItems()) {
        std::vector<int64_t> degree(d.numItems(), 0);
        for (size_t k = 0; k < keep.size(); ++k) degree[d.items[k]] += keep[k];
        const auto chosen = topByCount(degree, maxItems);
        for (size_t k = 0; k < keep.size(); ++k)
            if (!chosen[d.items[k]]) keep[k] = 0;
    }
}

// Each pass counts degrees over what is still kept and drops every interaction of a user or item
// below its core; removing them can push others below, hence the loop. Returns the passes that
// removed something (the final pass that only confirms stability is not counted).
int applyCore(const Dataset& d, int userCore, int itemCore, std::vector<uint8_t>& keep) {
    const auto users = d.interactionUsers();
    int passes = 0;
    for (;;) {
        std::vector<int64_t> userDeg(d.numUsers(), 0), itemDeg(d.numItems(), 0);
        for (size_t k = 0; k < keep.size(); ++k) {
            if (!keep[k]) continue;
            ++userDeg[users[k]];
            ++itemDeg[d.items[k]];
        }
        bool removed = false;
        for (size_t k = 0; k < keep.size(); ++k) {
            if (keep[k] && (userDeg[users[k]] < userCore || itemDeg[d.items[k]] < itemCore)) {
                keep[k] = 0;
                removed = true;
            }
        }
        if (!removed) return passes;
        ++passes;
    }
}

}  // namespace

Dataset preprocess(const Dataset& dataset, const PreprocessConfig& config,
                   PreprocessReport* report) {
    PreprocessReport rep;
    std::vector<uint8_t> keep(dataset.numInteractions(), 1);
    int64_t kept = dataset.numInteractions();

    if (config.ratingThreshold) {
        applyThreshold(dataset, *config.ratingThreshold, keep);
        std::ostringstream step;
        step << "the rating threshold " << *config.ratingThreshold;
        requireSomethingLeft(keep, step.str());
        rep.removedByThreshold = kept - countKept(keep);
        kept -= rep.removedByThreshold;
    }
    if (config.dropDuplicates) {
        dropDuplicates(dataset, keep);
        rep.removedDuplicates = kept - countKept(keep);
        kept -= rep.removedDuplicates;
    }
    if (config.maxUsers > 0 || config.maxItems > 0) {
        applyLimits(dataset, config.maxUsers, config.maxItems, keep);
        rep.removedByLimits = kept - countKept(keep);
        kept -= rep.removedByLimits;
    }
    if (config.userCore > 0 || config.itemCore > 0) {
        rep.coreIterations = applyCore(dataset, config.userCore, config.itemCore, keep);
        requireSomethingLeft(keep, "the k-core filter (user core " +
                                       std::to_string(config.userCore) + ", item core " +
                                       std::to_string(config.itemCore) + ")");
        rep.removedByCore = kept - countKept(keep);
        kept -= rep.removedByCore;
    }
    if (kept == 0)
        throw std::invalid_argument("preprocessing left no interactions: the data set is empty");

    if (report) *report = rep;
    if (kept == dataset.numInteractions()) return dataset;
    return dataset.subset(keep);
}

}  // namespace rd
