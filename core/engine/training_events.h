#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "eval/metric_table.h"

namespace rd {

/** One finished epoch: each loss term by name, time, and validation metrics when evaluated. */
struct EpochReport {
    std::string stage;  ///< e.g. "teacher", "student", "rrd"
    int epoch = 0;      ///< 1-based
    int maxEpochs = 0;
    std::vector<std::pair<std::string, double>> losses;  ///< mean per term, e.g. {"bpr", 0.31}
    double seconds = 0;
    bool evaluated = false;
    MetricTable valid;
    bool improved = false;  ///< this evaluation is the best so far
};

/** Plain callbacks out of core; front ends turn them into table rows or queued Qt signals. */
struct TrainCallbacks {
    std::function<void(const EpochReport&)> onEpoch;
    std::function<void(const std::string& message)> onLog;
};

}  // namespace rd
