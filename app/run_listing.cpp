#include "run_listing.h"

#include <algorithm>
#include <map>

#include "store/run_store.h"

namespace rd {

namespace {

void attachHeadlines(RunStore& store, std::vector<RunEntry*>& runs) {
    std::vector<int64_t> ids;
    ids.reserve(runs.size());
    for (const RunEntry* r : runs) ids.push_back(r->record.id);
    const std::map<int64_t, double> values = store.finalValues(kHeadlineMetric, ids);
    for (RunEntry* r : runs)
        if (const auto it = values.find(r->record.id); it != values.end()) r->headline = it->second;
}

}  // namespace

std::vector<ExperimentEntry> loadExperimentEntries(RunStore& store) {
    std::vector<ExperimentEntry> out;
    std::map<int64_t, size_t> position;
    std::map<int64_t, std::string> datasets;
    for (const DatasetRecord& d : store.datasets()) datasets[d.id] = d.name;
    for (ExperimentRecord& e : store.experiments()) {
        position[e.id] = out.size();
        const auto d = datasets.find(e.datasetId);
        out.push_back({std::move(e), {}, d == datasets.end() ? std::string() : d->second});
    }
    for (RunRecord& r : store.runs()) {  // every run, in id order
        const auto it = position.find(r.experimentId);
        if (it != position.end()) out[it->second].runs.push_back({std::move(r), std::nullopt});
    }
    std::vector<RunEntry*> all;
    for (ExperimentEntry& e : out)
        for (RunEntry& r : e.runs) all.push_back(&r);
    attachHeadlines(store, all);
    // Newest first: the experiment just run is at the top.
    std::sort(out.begin(), out.end(), [](const ExperimentEntry& a, const ExperimentEntry& b) {
        return a.record.id > b.record.id;
    });
    return out;
}

std::optional<ExperimentEntry> loadExperimentEntry(RunStore& store, int64_t experimentId) {
    std::optional<ExperimentRecord> record = store.experiment(experimentId);
    if (!record || !record->deletedAt.empty()) return std::nullopt;
    std::string dataset;
    if (record->datasetId > 0)
        if (const auto d = store.dataset(record->datasetId)) dataset = d->name;
    ExperimentEntry out{std::move(*record), {}, std::move(dataset)};
    for (RunRecord& r : store.runs(experimentId)) out.runs.push_back({std::move(r), std::nullopt});
    std::vector<RunEntry*> all;
    for (RunEntry& r : out.runs) all.push_back(&r);
    attachHeadlines(store, all);
    return out;
}

}  // namespace rd
