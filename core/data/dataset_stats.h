#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rd {

struct Dataset;

/** min / median / mean / max of a count distribution. */
struct CountSummary {
    int64_t min = 0;
    double median = 0;
    double mean = 0;
    int64_t max = 0;
};

/** Statistics of a data set, as shown in the Data tab and printed by the CLI (plain C++ types). */
struct DatasetStats {
    std::string name, format, sourcePath, hash;
    int32_t users = 0;
    int32_t items = 0;
    int64_t interactions = 0;
    double density = 0;
    CountSummary perUser, perItem;
    double top1Share = 0, top10Share = 0,
           top20Share = 0;                 ///< share of interactions of the top x % items
    std::vector<int64_t> popularityCurve;  ///< item interaction counts, most popular first
    bool hasRatings = false, hasTimestamps = false, presplit = false;
    std::vector<std::pair<double, int64_t>> ratingHistogram;  ///< rating value -> count, ascending
    int64_t firstTimestamp = 0, lastTimestamp = 0;
    std::vector<std::pair<std::string, int32_t>> categories;  ///< name -> number of items
    int64_t trainInteractions = 0, validInteractions = 0, testInteractions = 0;  ///< pre-split only
    int64_t itemsOnlyInHeldOut = 0;  ///< pre-split only: items with no training interaction
};

DatasetStats computeStats(const Dataset& dataset);

}  // namespace rd
