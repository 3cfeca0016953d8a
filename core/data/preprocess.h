#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "data/dataset.h"

namespace rd {

/** Optional preprocessing, recorded in the experiment config. Defaults change nothing. */
struct PreprocessConfig {
    std::optional<float>
        ratingThreshold;  ///< keep interactions with rating >= t (implicit feedback)
    bool dropDuplicates =
        false;         ///< keep one (user, item): the latest (timestamp, then file order)
    int userCore = 0;  ///< iterative k-core: every user keeps >= userCore interactions
    int itemCore = 0;  ///< ... and every item >= itemCore
    int maxUsers = 0;  ///< 0 = all; else the most active users (ties: smaller id)
    int maxItems = 0;  ///< 0 = all; else the most popular items (ties: smaller id)
};

struct PreprocessReport {
    int64_t removedByThreshold = 0;
    int64_t removedDuplicates = 0;
    int64_t removedByCore = 0;
    int coreIterations = 0;  ///< passes the k-core filter needed to converge
    int64_t removedByLimits = 0;
};

/**
 * Applies the steps in the order threshold -> duplicates -> max users/items -> k-core (iterated
 * until stable). Throws std::invalid_argument with a clear message when a step needs a column the
 * data set lacks (threshold without ratings) or when nothing is left.
 */
Dataset preprocess(const Dataset& dataset, const PreprocessConfig& config,
                   PreprocessReport* report = nullptr);

}  // namespace rd
