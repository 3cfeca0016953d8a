#pragma once

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "data/split.h"

namespace rd {

class Rng;

/** Per-user CSR of item ids, each row sorted. */
struct UserItemMatrix {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
    int64_t begin(int32_t u) const { return offsets[u]; }
    int64_t end(int32_t u) const { return offsets[u + 1]; }
    int64_t degree(int32_t u) const { return offsets[u + 1] - offsets[u]; }
    bool contains(int32_t u, int32_t item) const;
    int64_t nnz() const { return static_cast<int64_t>(items.size()); }
    /** An item drawn uniformly from the numItems items that are not in row u, by rejection (any
     *  item when the row holds every item). */
    int32_t drawAbsent(int32_t u, int32_t numItems, Rng& rng) const;
};

/** Per-user item sequences in time order (oldest first; repeats kept), a CSR. */
struct UserSequences {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
    int64_t begin(int32_t u) const { return offsets[u]; }
    int64_t end(int32_t u) const { return offsets[u + 1]; }
    int64_t length(int32_t u) const { return offsets[u + 1] - offsets[u]; }
    bool empty() const { return items.empty(); }
};

/**
 * A data set cut by a split into what training and evaluation read: the training, validation and
 * test interactions as user CSRs, the flat training pairs that mini-batches draw from, and item
 * popularity from the training part only (the popularity that diversity metrics and `pop` use).
 */
struct TrainingData {
    int32_t numUsers = 0;
    int32_t numItems = 0;
    UserItemMatrix train, valid, test;
    std::vector<int32_t> trainUsers, trainItems;  ///< one entry per training interaction
    std::vector<int64_t> itemPopularity;          ///< training interactions per item
    std::vector<int64_t> itemUserCount;           ///< distinct training users per item
    std::vector<int32_t> categoryOffsets,
        categories;  ///< item categories when the data set has them
    std::string datasetHash;
    /** With timestamps only (else empty): each user's training interactions in time order (ties
     *  in file order), the history a sequential model trains on and ranks validation from; and the
     *  training plus validation interactions in time order, the history it ranks test from. */
    UserSequences trainSequences, testHistories;

    bool hasSequences() const { return trainSequences.offsets.size() > 1; }
    /** The history a sequential model reads before ranking `part` (Valid: training; Test:
     *  training and validation). */
    const UserSequences& historyBefore(SplitPart part) const {
        return part == SplitPart::Test ? testHistories : trainSequences;
    }

    static TrainingData fromSplit(const Dataset& dataset, const Split& split);
    /** The held-out part for a split part (Valid or Test). */
    const UserItemMatrix& heldOut(SplitPart part) const {
        return part == SplitPart::Test ? test : valid;
    }

private:
    template <typename Keep>
    static UserSequences timeOrdered(const Dataset& dataset, const Split& split, Keep keep);
};

}  // namespace rd
