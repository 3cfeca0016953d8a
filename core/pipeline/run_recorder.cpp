#include "pipeline/run_recorder.h"

#include <algorithm>

#include "store/run_store.h"

namespace rd {

RunRecorder::RunRecorder(RunStore& store, const RunRecord& run)
    : store_(store), runId_(store.startRun(run)) {}

RunRecorder::~RunRecorder() {
    if (finished_) return;
    try {
        store_.finishRun(runId_, "failed",
                         "the stage ended without a result (an error interrupted it)");
    } catch (...) {
        // Nothing more can be done here; the next open marks the run 'interrupted' once this
        // process is gone.
    }
}

void RunRecorder::epoch(const EpochReport& report) {
    std::vector<std::pair<std::string, double>> values;
    for (const auto& [name, v] : report.losses) values.emplace_back("loss/" + name, v);
    if (report.evaluated)
        for (const auto& [name, v] : report.valid) values.emplace_back("valid/" + name, v);
    values.emplace_back("epoch_seconds", report.seconds);
    store_.addPoints(runId_, report.epoch, values, RunStore::nowSeconds());
}

void RunRecorder::results(const MetricTable& finals, const PopularityExposure& exposure,
                          const TopKLists& lists, size_t sampleUsers) {
    store_.setFinalResults(runId_, finals);
    store_.setExposure(runId_, {exposure.recommendationShare, exposure.trainingShare});
    std::vector<TopKSample> samples;
    const size_t n = lists.size();
    const size_t take = std::min(n, sampleUsers);
    for (size_t i = 0; i < take; ++i) {
        // Evenly spread rows, so the sample is the same users for every run on the same split.
        const size_t row = take == n ? i : i * n / take;
        TopKSample s;
        s.user = lists.users[row];
        for (int32_t j = 0; j < lists.k; ++j)
            if (lists.row(row)[j] >= 0) s.items.push_back(lists.row(row)[j]);
        samples.push_back(std::move(s));
    }
    store_.setTopKSamples(runId_, samples);
}

void RunRecorder::userValues(const PerUserValues& values) {
    for (const auto& [metric, v] : values.values)
        store_.setUserValues(runId_, metric, {values.users, v});
}

void RunRecorder::finish(const std::string& status, const std::string& error) {
    store_.finishRun(runId_, status, error);
    finished_ = true;
}

}  // namespace rd
