#include "run_snapshot.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "config/json_config.h"
#include "core_text.h"
#include "store/run_store.h"

namespace rd {

namespace {

/** The run that trained the model of a reused teacher: the first run with the same checkpoint
 * file (the reusing run records the file as its own); run itself when it trained it. */
int64_t trainedRunOf(RunStore& store, int64_t run) {
    int64_t first = run;
    for (const ArtifactRecord& a : store.artifacts(run)) {
        if (a.kind != "checkpoint" || a.reuseKey.empty()) continue;
        for (const ArtifactRecord& other : store.reusableArtifacts(a.kind, a.reuseKey))
            if (other.relativePath == a.relativePath) first = std::min(first, other.runId);
    }
    return first;
}

}  // namespace

RunStyle RunSnapshot::style() const {
    return runStyle(record.role, record.method, occurrence);
}

double RunSnapshot::value(const std::string& metric) const {
    const auto it = results.find(metric);
    return it == results.end() ? NAN : it->second;
}

std::vector<RunSnapshot> loadRunSnapshots(RunStore& store, const QList<qint64>& runIds,
                                          const std::string& validMetric) {
    std::vector<RunSnapshot> out;
    std::set<int64_t> experiments;
    std::map<int64_t, std::vector<RunRecord>> siblings;  // by experiment, for the occurrences
    for (qint64 id : runIds) {
        const auto run = store.run(id);
        if (!run) continue;
        RunSnapshot s;
        s.record = *run;
        experiments.insert(run->experimentId);
        s.label = CoreText::runLabel(run->role, run->method, run->model);
        // The second "rrd" of one experiment is "rrd#2" in Live: the same count here keeps its
        // style.
        if (run->role == "distilled") {
            auto found = siblings.find(run->experimentId);
            if (found == siblings.end())
                found = siblings.emplace(run->experimentId, store.runs(run->experimentId)).first;
            s.occurrence = 0;
            for (const RunRecord& r : found->second)
                if (r.role == run->role && r.method == run->method && r.id <= run->id)
                    ++s.occurrence;
            s.occurrence = std::max(1, s.occurrence);
            if (s.occurrence > 1) s.label += QStringLiteral("#%1").arg(s.occurrence);
        }
        s.results = store.finalResults(id);
        s.exposure = store.exposure(id);
        s.validMetric = validMetric;
        if (s.validMetric.empty()) {
            // The experiment's own validation metric (its config holds it; the run's params do
            // not).
            s.validMetric = "NDCG@10";
            if (const auto e = store.experiment(run->experimentId)) {
                const nlohmann::json config = jsoncfg::parseOrNull(e->configJson);
                if (config.is_object() && config.contains("train") && config["train"].is_object())
                    s.validMetric = config["train"].value("valid_metric", s.validMetric);
            }
        }
        for (const MetricPoint& p : store.points(id, "valid/" + s.validMetric))
            s.validCurve.emplace_back(static_cast<double>(p.step), p.value);
        if (s.validCurve.empty() && run->role == "teacher")
            for (const MetricPoint& p :
                 store.points(trainedRunOf(store, id), "valid/" + s.validMetric))
                s.validCurve.emplace_back(static_cast<double>(p.step), p.value);
        out.push_back(std::move(s));
    }
    if (experiments.size() > 1)
        for (RunSnapshot& s : out)
            s.label = QStringLiteral("#%1 %2").arg(s.record.experimentId).arg(s.label);
    return out;
}

}  // namespace rd
