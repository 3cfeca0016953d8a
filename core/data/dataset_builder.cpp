#include "data/dataset_builder.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace rd {

namespace {

bool parseInteger(std::string_view s, long long& out) {
    if (s.empty() || s.size() > 18) return false;
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

/** new id of each old id, ordering original ids numerically when all are integers. */
std::vector<int32_t> orderByOriginal(const IdMap& ids) {
    const int32_t n = ids.size();
    std::vector<int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::vector<long long> numeric(n);
    bool allNumeric = true;
    for (int32_t i = 0; i < n && allNumeric; ++i) allNumeric = parseInteger(ids.key(i), numeric[i]);
    if (allNumeric) {
        std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
            return numeric[a] != numeric[b] ? numeric[a] < numeric[b] : ids.key(a) < ids.key(b);
        });
    } else {
        std::sort(order.begin(), order.end(),
                  [&](int32_t a, int32_t b) { return ids.key(a) < ids.key(b); });
    }
    std::vector<int32_t> rank(n);
    for (int32_t r = 0; r < n; ++r) rank[order[r]] = r;
    return rank;
}

template <typename T>
void scatter(std::vector<T>& column, const std::vector<int32_t>& users,
             const std::vector<int64_t>& offsets) {
    if (column.empty()) return;
    std::vector<T> out(column.size());
    std::vector<int64_t> cursor(offsets.begin(), offsets.end() - 1);
    for (size_t k = 0; k < users.size(); ++k) out[cursor[users[k]]++] = column[k];
    column.swap(out);
}

template <typename T>
void permuteRange(std::vector<T>& column, int64_t begin, const std::vector<int32_t>& idx,
                  std::vector<T>& tmp) {
    if (column.empty()) return;
    tmp.resize(idx.size());
    for (size_t j = 0; j < idx.size(); ++j) tmp[j] = column[begin + idx[j]];
    std::copy(tmp.begin(), tmp.end(), column.begin() + begin);
}

}  // namespace

DatasetBuilder::DatasetBuilder(bool hasRatings, bool hasTimestamps, bool presplit)
    : hasRatings_(hasRatings), hasTimestamps_(hasTimestamps), presplit_(presplit) {}

void DatasetBuilder::reserve(size_t n) {
    rawUsers_.reserve(n);
    rawItems_.reserve(n);
    if (hasRatings_) rawRatings_.reserve(n);
    if (hasTimestamps_) rawTimes_.reserve(n);
    if (presplit_) rawParts_.reserve(n);
}

void DatasetBuilder::setItemInfo(std::string_view originalItemId, std::string title,
                                 std::vector<int32_t> categories) {
    const int32_t id = infoIds_.intern(originalItemId);
    if (id >= static_cast<int32_t>(infoTitles_.size())) {
        infoTitles_.resize(id + 1);
        infoCategories_.resize(id + 1);
    }
    infoTitles_[id] = std::move(title);
    infoCategories_[id] = std::move(categories);
}

Dataset DatasetBuilder::build(std::string name, std::string sourcePath, std::string format) {
    Dataset ds;
    ds.name = std::move(name);
    ds.sourcePath = std::move(sourcePath);
    ds.format = std::move(format);

    const std::vector<int32_t> userRank = orderByOriginal(users_);
    const std::vector<int32_t> itemRank = orderByOriginal(items_);
    const int32_t nUsers = users_.size(), nItems = items_.size();
    ds.userIds.resize(nUsers);
    ds.itemIds.resize(nItems);
    for (int32_t i = 0; i < nUsers; ++i) ds.userIds[userRank[i]] = std::string(users_.key(i));
    for (int32_t i = 0; i < nItems; ++i) ds.itemIds[itemRank[i]] = std::string(items_.key(i));
    users_ = IdMap();
    items_ = IdMap();
    lastUser_ = -1;

    for (auto& u : rawUsers_) u = userRank[u];
    for (auto& i : rawItems_) i = itemRank[i];

    ds.userOffsets.assign(static_cast<size_t>(nUsers) + 1, 0);
    for (int32_t u : rawUsers_) ++ds.userOffsets[u + 1];
    for (int32_t u = 0; u < nUsers; ++u) ds.userOffsets[u + 1] += ds.userOffsets[u];

    // One column at a time, freeing each raw column once placed: peak = raw + one column.
    scatter(rawItems_, rawUsers_, ds.userOffsets);
    ds.items.swap(rawItems_);
    scatter(rawRatings_, rawUsers_, ds.userOffsets);
    ds.ratings.swap(rawRatings_);
    scatter(rawTimes_, rawUsers_, ds.userOffsets);
    ds.timestamps.swap(rawTimes_);
    if (hasTimestamps_) {
        // scatter keeps each user's lines in file order: number them before the sort by item.
        ds.fileOrder.resize(ds.items.size());
        for (int32_t u = 0; u < nUsers; ++u)
            for (int64_t k = ds.userOffsets[u]; k < ds.userOffsets[u + 1]; ++k)
                ds.fileOrder[k] = static_cast<int32_t>(k - ds.userOffsets[u]);
    }
    scatter(rawParts_, rawUsers_, ds.userOffsets);
    ds.givenSplit.swap(rawParts_);
    std::vector<int32_t>().swap(rawUsers_);

#pragma omp parallel
    {
        std::vector<int32_t> idx, tmpI;
        std::vector<float> tmpF;
        std::vector<int64_t> tmpT;
        std::vector<uint8_t> tmpP;
        std::vector<int32_t> tmpO;
#pragma omp for schedule(dynamic, 256)
        for (int32_t u = 0; u < nUsers; ++u) {
            const int64_t b = ds.userOffsets[u], e = ds.userOffsets[u + 1];
            if (std::is_sorted(ds.items.begin() + b, ds.items.begin() + e)) continue;
            idx.resize(static_cast<size_t>(e - b));
            std::iota(idx.begin(), idx.end(), 0);
            std::stable_sort(idx.begin(), idx.end(), [&](int32_t x, int32_t y) {
                return ds.items[b + x] < ds.items[b + y];
            });
            permuteRange(ds.items, b, idx, tmpI);
            permuteRange(ds.ratings, b, idx, tmpF);
            permuteRange(ds.timestamps, b, idx, tmpT);
            permuteRange(ds.givenSplit, b, idx, tmpP);
            permuteRange(ds.fileOrder, b, idx, tmpO);
        }
    }

    ds.categoryNames = std::move(categoryNames_);
    if (infoIds_.size() > 0) {
        ds.itemTitles.resize(nItems);
        ds.itemCategoryOffsets.assign(1, 0);
        for (int32_t i = 0; i < nItems; ++i) {
            const int32_t info = infoIds_.find(ds.itemIds[i]);
            if (info >= 0) {
                ds.itemTitles[i] = infoTitles_[info];
                for (int32_t c : infoCategories_[info]) ds.itemCategories.push_back(c);
            }
            ds.itemCategoryOffsets.push_back(static_cast<int32_t>(ds.itemCategories.size()));
        }
        if (ds.categoryNames.empty()) ds.itemCategoryOffsets.clear(), ds.itemCategories.clear();
    }
    ds.rehash();
    return ds;
}

}  // namespace rd
