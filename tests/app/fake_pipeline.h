#pragma once

// Stand-ins for the core pipeline (ExperimentRunner::setPipeline) that record real rows through the
// RunStore API in milliseconds, so window and controller tests can drive stage events
// deterministically, plus a seeder that fills a run database before a test opens it.

#include <QThread>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "experiment_worker.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "presets.h"
#include "store/run_store.h"

namespace rdtest {

/** The quick-demo preset with two methods: four stages (teacher, student alone, softlabel, rd). */
inline nlohmann::json fourStageConfig(const std::string& name = "fake experiment") {
    nlohmann::json c = rd::builtinPresets().front().config;
    c["name"] = name;
    c["data"]["preprocess"] = {{"max_users", 150}};
    c["methods"] = {"softlabel", "rd"};
    c["train"]["epochs"] = 2;
    c["train"]["threads"] = 1;
    return c;
}

/** The value a fake stage records for NDCG@10 (Recall@10 is twice that). */
inline double fakeNdcg(int stage) {
    return 0.125 * (stage + 1);
}

/** How a fake pipeline behaves; shared with the test (the worker thread reads it). */
struct FakeControl {
    std::atomic<int> released{
        1 << 30};  ///< stages allowed to finish (stage k waits for released > k)
    std::atomic<bool> ignoreCancel{false};
    std::atomic<int> stubbornMs{0};     ///< with ignoreCancel: how long it goes on after the cancel
    std::atomic<bool> returned{false};  ///< set as the pipeline returns
};

inline int64_t fakeExperiment(rd::RunStore& store, const rd::ExperimentConfig& c) {
    rd::DatasetRecord d;
    d.name = "fake";
    d.sourcePath = "fake";
    d.format = "fake";
    d.contentHash = "0123";
    rd::ExperimentRecord e;
    e.name = c.name;
    e.datasetId = store.addDataset(d);
    e.configJson = c.source.dump();
    return store.addExperiment(e);
}

/** Records every planned stage as the real pipeline would (experiment, then per stage: started
 * event, run row, final results, finished row, finished event), waiting for control->released
 * between. */
inline rd::PipelineFunction fakePipeline(std::shared_ptr<FakeControl> control) {
    return [control](const rd::ExperimentConfig& c, const rd::PipelineCallbacks& cb,
                     const rd::CancelToken* cancel, rd::RunStore* store) {
        rd::ExperimentOutcome out;
        out.experimentId = fakeExperiment(*store, c);
        out.status = "finished";
        for (const rd::StageInfo& s : rd::plannedStages(c)) {
            cb.onStageStarted(s);
            rd::RunRecord r;
            r.experimentId = out.experimentId;
            r.role = s.role;
            r.model = s.model;
            r.method = s.method;
            rd::StageResult result;
            result.info = s;
            result.runId = store->startRun(r);
            int stubborn = 0;
            while (control->released.load() <= s.index) {
                if (cancel->cancelled()) {
                    if (!control->ignoreCancel.load() || stubborn >= control->stubbornMs.load())
                        break;
                    stubborn += 5;
                }
                QThread::msleep(5);
            }
            if (cancel->cancelled()) {
                store->finishRun(result.runId, "cancelled");
                result.status = "cancelled";
                cb.onStageFinished(result);
                out.status = "cancelled";
                break;
            }
            result.test = {{"NDCG@10", fakeNdcg(s.index)}, {"Recall@10", 2 * fakeNdcg(s.index)}};
            store->setFinalResults(result.runId, result.test);
            store->setExposure(result.runId,
                               rd::ExposureHistogram{{0.5, 0.3, 0.2}, {0.4, 0.4, 0.2}});
            store->setTopKSamples(result.runId, {{1, {3, 4, 5}}, {2, {6, 7, 8}}});
            store->finishRun(result.runId, "finished");
            result.status = "finished";
            cb.onStageFinished(result);
        }
        control->returned = true;
        return out;
    };
}

/** Fills a run database with experiments × runsEach finished runs (final results, exposure,
 * samples). */
inline std::vector<int64_t> seedStore(const std::string& path, int experiments, int runsEach) {
    rd::RunStore store(path);
    const rd::ExperimentConfig c = rd::ExperimentConfig::fromJson(fourStageConfig("seeded"));
    std::vector<int64_t> ids;
    for (int e = 0; e < experiments; ++e) {
        rd::ExperimentConfig named = c;
        named.name = "seeded " + std::to_string(e);
        const int64_t id = fakeExperiment(store, named);
        ids.push_back(id);
        for (int k = 0; k < runsEach; ++k) {
            rd::RunRecord r;
            r.experimentId = id;
            r.role = k == 0 ? "teacher" : k == 1 ? "student" : "distilled";
            r.model = k == 0 ? "lightgcn" : "mf";
            r.method = k == 0 ? "" : k == 1 ? "none" : "rrd";
            const int64_t run = store.startRun(r);
            store.setFinalResults(run, {{"NDCG@10", fakeNdcg(k)}, {"Recall@10", 2 * fakeNdcg(k)}});
            store.setExposure(run, rd::ExposureHistogram{{0.6, 0.3, 0.1}, {0.4, 0.4, 0.2}});
            store.setTopKSamples(run, {{1, {3, 4, 5}}});
            store.finishRun(run, "finished");
        }
    }
    return ids;
}

}  // namespace rdtest
