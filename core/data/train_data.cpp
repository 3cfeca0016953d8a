#include "data/train_data.h"

#include <algorithm>

#include "util/rng.h"

namespace rd {

bool UserItemMatrix::contains(int32_t u, int32_t item) const {
    return std::binary_search(items.begin() + offsets[u], items.begin() + offsets[u + 1], item);
}

int32_t UserItemMatrix::drawAbsent(int32_t u, int32_t numItems, Rng& rng) const {
    const bool saturated = degree(u) >= numItems;
    int32_t item;
    do {
        item = static_cast<int32_t>(rng.below(static_cast<uint64_t>(numItems)));
    } while (!saturated && contains(u, item));
    return item;
}

TrainingData TrainingData::fromSplit(const Dataset& ds, const Split& split) {
    TrainingData td;
    td.numUsers = ds.numUsers();
    td.numItems = ds.numItems();
    td.datasetHash = ds.hash;
    UserItemMatrix* parts[3] = {&td.train, &td.valid, &td.test};
    for (auto* m : parts) m->offsets.reserve(static_cast<size_t>(td.numUsers) + 1);
    td.itemPopularity.assign(td.numItems, 0);
    td.itemUserCount.assign(td.numItems, 0);
    for (int32_t u = 0; u < td.numUsers; ++u) {
        int32_t lastTrainItem = -1;
        for (int64_t k = ds.userBegin(u); k < ds.userEnd(u); ++k) {
            const int32_t item = ds.items[k];
            UserItemMatrix* m = parts[split.part[k]];
            // Rows are sorted because the data set's rows are; a duplicate (user, item) stays one
            // entry per part, so a held-out item is never also counted twice.
            if (static_cast<int64_t>(m->items.size()) > m->offsets.back() &&
                m->items.back() == item)
                continue;
            m->items.push_back(item);
            if (m == &td.train) {
                td.trainUsers.push_back(u);
                td.trainItems.push_back(item);
                ++td.itemPopularity[item];
                if (item != lastTrainItem) ++td.itemUserCount[item];
                lastTrainItem = item;
            }
        }
        for (auto* m : parts) m->offsets.push_back(static_cast<int64_t>(m->items.size()));
    }
    td.categoryOffsets = ds.itemCategoryOffsets;
    td.categories = ds.itemCategories;
    if (ds.hasTimestamps()) {
        const auto train = static_cast<uint8_t>(SplitPart::Train);
        const auto valid = static_cast<uint8_t>(SplitPart::Valid);
        td.trainSequences = timeOrdered(ds, split, [&](uint8_t p) { return p == train; });
        td.testHistories =
            timeOrdered(ds, split, [&](uint8_t p) { return p == train || p == valid; });
    }
    return td;
}

template <typename Keep>
UserSequences TrainingData::timeOrdered(const Dataset& ds, const Split& split, Keep keep) {
    UserSequences seq;
    seq.offsets.reserve(static_cast<size_t>(ds.numUsers()) + 1);
    std::vector<int64_t> pos;
    for (int32_t u = 0; u < ds.numUsers(); ++u) {
        pos.clear();
        for (int64_t k = ds.userBegin(u); k < ds.userEnd(u); ++k)
            if (keep(split.part[k])) pos.push_back(k);
        std::sort(pos.begin(), pos.end(), [&](int64_t a, int64_t b) { return ds.earlier(a, b); });
        for (int64_t k : pos) seq.items.push_back(ds.items[k]);
        seq.offsets.push_back(static_cast<int64_t>(seq.items.size()));
    }
    return seq;
}

}  // namespace rd
