#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.h"
#include "data/id_map.h"

namespace rd {

/**
 * Accumulates raw interactions with original ids as a loader parses them, then builds the compact
 * Dataset: dense ids ordered by original id (numerically when every id is an integer), per-user CSR
 * sorted by item (stable, so duplicates keep file order), side information attached to the items
 * that have interactions, and the content hash. Peak memory while building is about the raw columns
 * plus one output column.
 */
class DatasetBuilder {
public:
    DatasetBuilder(bool hasRatings, bool hasTimestamps, bool presplit = false);

    void reserve(size_t interactions);
    int32_t user(std::string_view originalId) {
        if (lastUser_ >= 0 && originalId == users_.key(lastUser_)) return lastUser_;
        return lastUser_ = users_.intern(originalId);
    }
    int32_t item(std::string_view originalId) { return items_.intern(originalId); }
    void add(int32_t user, int32_t item, float rating = 1.0f, int64_t timestamp = 0,
             SplitPart part = SplitPart::Train) {
        rawUsers_.push_back(user);
        rawItems_.push_back(item);
        if (hasRatings_) rawRatings_.push_back(rating);
        if (hasTimestamps_) rawTimes_.push_back(timestamp);
        if (presplit_) rawParts_.push_back(static_cast<uint8_t>(part));
    }
    /** Interactions added so far. */
    size_t interactionCount() const { return rawUsers_.size(); }

    void setCategoryNames(std::vector<std::string> names) { categoryNames_ = std::move(names); }
    /** Side information for an original item id; items never interacted with are ignored at build.
     */
    void setItemInfo(std::string_view originalItemId, std::string title,
                     std::vector<int32_t> categories);

    Dataset build(std::string name, std::string sourcePath, std::string format);

private:
    bool hasRatings_, hasTimestamps_, presplit_;
    IdMap users_, items_;
    int32_t lastUser_ = -1;
    std::vector<int32_t> rawUsers_, rawItems_;
    std::vector<float> rawRatings_;
    std::vector<int64_t> rawTimes_;
    std::vector<uint8_t> rawParts_;
    std::vector<std::string> categoryNames_;
    IdMap infoIds_;
    std::vector<std::string> infoTitles_;
    std::vector<std::vector<int32_t>> infoCategories_;
};

}  // namespace rd
