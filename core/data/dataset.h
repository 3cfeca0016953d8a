#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

/** Which part of a split an interaction belongs to. */
enum class SplitPart : uint8_t { Train = 0, Valid = 1, Test = 2 };

/**
 * An interaction data set held compactly: users and items remapped to dense int32 ids (in the order
 * of their original ids, so the mapping does not depend on the file's line order), interactions as
 * a per-user CSR of item ids sorted ascending (ties keep file order), with optional parallel
 * rating, timestamp and "given split" columns. About 17 bytes per interaction with every column
 * present. Item side information (titles, categories as an item -> category CSR) is optional.
 */
struct Dataset {
    std::string name;        ///< display name (file or folder name, "demo")
    std::string sourcePath;  ///< what was opened
    std::string format;      ///< loader name, e.g. "ml-100k"

    std::vector<std::string> userIds;  ///< original id of each dense user id
    std::vector<std::string> itemIds;  ///< original id of each dense item id

    std::vector<int64_t> userOffsets{0};  ///< size numUsers()+1
    std::vector<int32_t> items;           ///< size numInteractions(), sorted within each user
    std::vector<float> ratings;           ///< empty when the source has no ratings
    std::vector<int64_t> timestamps;      ///< empty when the source has no timestamps
    std::vector<uint8_t> givenSplit;      ///< SplitPart per interaction; empty unless pre-split
    /** Each interaction's place among its user's lines in the source (0 = the user's first line),
     *  kept with timestamps so that time order can break ties as the file lists them (sequences,
     *  leave-one-out). Empty without timestamps. Not part of the hash. */
    std::vector<int32_t> fileOrder;

    std::vector<std::string> itemTitles;       ///< empty or numItems() (UTF-8)
    std::vector<std::string> categoryNames;    ///< e.g. MovieLens genres
    std::vector<int32_t> itemCategoryOffsets;  ///< empty or numItems()+1
    std::vector<int32_t> itemCategories;       ///< category ids, CSR over items

    std::string hash;  ///< content hash of the normalised interactions (16 hex digits)

    int32_t numUsers() const { return static_cast<int32_t>(userIds.size()); }
    int32_t numItems() const { return static_cast<int32_t>(itemIds.size()); }
    int64_t numInteractions() const { return static_cast<int64_t>(items.size()); }
    int32_t numCategories() const { return static_cast<int32_t>(categoryNames.size()); }
    bool hasRatings() const { return !ratings.empty(); }
    bool hasTimestamps() const { return !timestamps.empty(); }
    bool isPresplit() const { return !givenSplit.empty(); }
    bool hasFileOrder() const { return !fileOrder.empty(); }
    /** Whether interaction a of a user comes before interaction b of the same user in time: by
     *  timestamp, ties in file order (by position in the CSR when the file order is unknown).
     *  Needs timestamps. */
    bool earlier(int64_t a, int64_t b) const {
        if (timestamps[a] != timestamps[b]) return timestamps[a] < timestamps[b];
        if (!fileOrder.empty() && fileOrder[a] != fileOrder[b]) return fileOrder[a] < fileOrder[b];
        return a < b;
    }
    bool hasCategories() const { return !itemCategoryOffsets.empty(); }
    int64_t userBegin(int32_t u) const { return userOffsets[u]; }
    int64_t userEnd(int32_t u) const { return userOffsets[u + 1]; }
    int64_t userDegree(int32_t u) const { return userOffsets[u + 1] - userOffsets[u]; }

    /** The user of each interaction (expanded from the CSR). */
    std::vector<int32_t> interactionUsers() const;
    /** Number of interactions of each item. */
    std::vector<int64_t> itemDegrees() const;

    /**
     * A copy holding only the interactions whose flag in keep is non-zero (size numInteractions());
     * users and items left with no interaction are dropped, the others renumbered in the same
     * order. Side information follows its items; the hash is recomputed.
     */
    Dataset subset(const std::vector<uint8_t>& keep) const;

    /** Recomputes `hash` from ids, CSR and columns. */
    void rehash();

    /** Bytes held by the interaction arrays (for the memory goal). */
    size_t interactionBytes() const;
};

}  // namespace rd
