#pragma once

#include <cstdint>
#include <string>

#include "engine/training_events.h"
#include "eval/metric_table.h"
#include "eval/per_user_metrics.h"
#include "eval/ranking_metrics.h"
#include "store/store_records.h"

namespace rd {

class RunStore;

/**
 * Records one training stage into a RunStore as it happens: the run row at construction
 * ('running'), one transaction of points per epoch (each loss term as "loss/NAME", each validation
 * metric as "valid/NAME", and "epoch_seconds"), then final results, the exposure histogram and a
 * sample of per-user top-K lists, and the final status. A recorder destroyed without finish() (an
 * exception escaped the stage) marks its run 'failed', so no run stays 'running' behind a live
 * process.
 */
class RunRecorder {
public:
    RunRecorder(RunStore& store, const RunRecord& run);
    ~RunRecorder();
    RunRecorder(const RunRecorder&) = delete;
    RunRecorder& operator=(const RunRecorder&) = delete;

    int64_t runId() const { return runId_; }
    void epoch(const EpochReport& report);
    /** Final metrics, exposure by popularity, and the top-K lists of up to sampleUsers evenly
     * spread users. */
    void results(const MetricTable& finals, const PopularityExposure& exposure,
                 const TopKLists& lists, size_t sampleUsers = 100);
    /** Each test user's value of every metric in values (one transaction per metric). */
    void userValues(const PerUserValues& values);
    void finish(const std::string& status, const std::string& error = {});

private:
    RunStore& store_;
    int64_t runId_ = 0;
    bool finished_ = false;
};

}  // namespace rd
