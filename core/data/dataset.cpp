#include "data/dataset.h"

#include "util/hasher.h"

namespace rd {

std::vector<int32_t> Dataset::interactionUsers() const {
    std::vector<int32_t> users(items.size());
    for (int32_t u = 0; u < numUsers(); ++u)
        for (int64_t k = userOffsets[u]; k < userOffsets[u + 1]; ++k) users[k] = u;
    return users;
}

std::vector<int64_t> Dataset::itemDegrees() const {
    std::vector<int64_t> deg(itemIds.size(), 0);
    for (int32_t i : items) ++deg[i];
    return deg;
}

Dataset Dataset::subset(const std::vector<uint8_t>& keep) const {
    Dataset out;
    out.name = name;
    out.sourcePath = sourcePath;
    out.format = format;
    out.categoryNames = categoryNames;

    std::vector<int32_t> itemMap(itemIds.size(), -1);
    for (size_t k = 0; k < items.size(); ++k)
        if (keep[k]) itemMap[items[k]] = 0;
    int32_t nextItem = 0;
    for (size_t i = 0; i < itemMap.size(); ++i) {
        if (itemMap[i] < 0) continue;
        itemMap[i] = nextItem++;
        out.itemIds.push_back(itemIds[i]);
        if (!itemTitles.empty()) out.itemTitles.push_back(itemTitles[i]);
    }
    if (hasCategories()) {
        out.itemCategoryOffsets.push_back(0);
        for (size_t i = 0; i < itemMap.size(); ++i) {
            if (itemMap[i] < 0) continue;
            for (int32_t c = itemCategoryOffsets[i]; c < itemCategoryOffsets[i + 1]; ++c)
                out.itemCategories.push_back(itemCategories[c]);
            out.itemCategoryOffsets.push_back(static_cast<int32_t>(out.itemCategories.size()));
        }
    }

    for (int32_t u = 0; u < numUsers(); ++u) {
        const size_t before = out.items.size();
        for (int64_t k = userOffsets[u]; k < userOffsets[u + 1]; ++k) {
            if (!keep[k]) continue;
            out.items.push_back(itemMap[items[k]]);
            if (!ratings.empty()) out.ratings.push_back(ratings[k]);
            if (!timestamps.empty()) out.timestamps.push_back(timestamps[k]);
            if (!givenSplit.empty()) out.givenSplit.push_back(givenSplit[k]);
            if (!fileOrder.empty()) out.fileOrder.push_back(fileOrder[k]);
        }
        if (out.items.size() == before) continue;
        out.userIds.push_back(userIds[u]);
        out.userOffsets.push_back(static_cast<int64_t>(out.items.size()));
    }
    out.rehash();
    return out;
}

void Dataset::rehash() {
    Hasher h;
    h.u64(userIds.size());
    for (const auto& s : userIds) h.str(s);
    h.u64(itemIds.size());
    for (const auto& s : itemIds) h.str(s);
    h.vec(userOffsets);
    h.vec(items);
    h.vec(ratings);
    h.vec(timestamps);
    h.vec(givenSplit);
    hash = h.hex();
}

size_t Dataset::interactionBytes() const {
    return userOffsets.size() * sizeof(int64_t) + items.size() * sizeof(int32_t) +
           ratings.size() * sizeof(float) + timestamps.size() * sizeof(int64_t) + givenSplit.size();
}

}  // namespace rd
