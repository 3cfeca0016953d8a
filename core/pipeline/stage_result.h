#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/training_events.h"
#include "eval/metric_table.h"
#include "eval/per_user_metrics.h"
#include "eval/ranking_metrics.h"

namespace rd {

/** One stage of an experiment as planned: the teacher, the student alone, or the student + a
 * method. */
struct StageInfo {
    int index = 0;       ///< 0-based position in the experiment
    int count = 0;       ///< stages in the experiment
    std::string stage;   ///< "teacher", "student", or the method's stage name ("rrd")
    std::string role;    ///< "teacher", "student" or "distilled"
    std::string method;  ///< "" for the teacher, "none" for the student alone
    std::string model;
    /** The stage's training schedule (its trainer's stopping rule), for progress estimates. */
    int maxEpochs = 0;
    int patience = 0;   ///< evaluations without improvement before an early stop (0 = never)
    int evalEvery = 0;  ///< validation every n epochs (0 = never, so no early stop)
    int minEpochs = 0;  ///< early stopping not before this epoch (a method's annealing)
};

/** What one stage produced: test metrics with cost figures, and how it compares with teacher and
 * student. */
struct StageResult {
    StageInfo info;
    std::string status;  ///< finished, failed, cancelled
    std::string error;
    bool reused = false;  ///< a saved teacher was loaded instead of trained
    int64_t runId = 0;    ///< in the run store (0 = not recorded)
    /**
     * Test metrics ("NDCG@10", …) plus cost figures: params, bytes, train_seconds, epochs,
     * best_epoch, eval_seconds, latency_p50_ms, latency_p95_ms; and beside the teacher:
     * "Agreement@10", "GapClosed:NDCG@10", "GapClosed:Recall@10" (student rows only).
     */
    MetricTable test;
    MetricTable
        valid;  ///< validation metrics at the kept (best) epoch; empty when not trained here
    PopularityExposure exposure;
    TopKLists lists;        ///< every test user's top max(K)
    PerUserValues perUser;  ///< each test user's NDCG@K and Recall@K (paired tests of studies)

    double value(const std::string& name, double otherwise) const {
        const auto it = test.find(name);
        return it == test.end() ? otherwise : it->second;
    }
};

/** Plain callbacks out of the pipeline (called on the thread that runs it). */
struct PipelineCallbacks {
    /** The experiment's row exists in the store (its id), before the first stage starts. */
    std::function<void(int64_t)> onExperimentRecorded;
    std::function<void(const StageInfo&)> onStageStarted;
    std::function<void(const EpochReport&)> onEpoch;
    std::function<void(const StageInfo&)> onEvaluating;
    std::function<void(const StageResult&)> onStageFinished;
    std::function<void(const std::string&)> onLog;
};

/** The whole experiment: finished when every stage ran (a failed method stage does not stop the
 * others). */
struct ExperimentOutcome {
    std::string status;  ///< finished, failed (teacher or student failed), cancelled
    std::string error;
    int64_t experimentId = 0;
    std::string dataSummary;
    int threads = 0;                  ///< LibTorch intra-op threads the experiment ran with
    std::string ildBasis;             ///< what ILD's item vectors were (categories or interactions)
    std::vector<StageResult> stages;  ///< in order; stages after a cancel are absent
};

}  // namespace rd
