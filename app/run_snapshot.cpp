#include "run_snapshot.h"

#include <QCoreApplication>

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "config/json_config.h"
#include "core_text.h"
#include "store/run_store.h"

namespace rd {

double RunSnapshot::value(const std::string& metric) const {
    const auto it = results.find(metric);
    return it == results.end() ? NAN : it->second;
}

std::vector<RunSnapshot> loadRunSnapshots(RunStore& store, const QList<qint64>& runIds,
                                          const std::string& validMetric) {
    std::vector<RunSnapshot> out;
    std::set<int64_t> experiments;
    for (qint64 id : runIds) {
        const auto run = store.run(id);
        if (!run) continue;
        RunSnapshot s;
        s.record = *run;
        experiments.insert(run->experimentId);
        s.label = CoreText::runLabel(run->role, run->method, run->model);
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
        out.push_back(std::move(s));
    }
    if (experiments.size() > 1)
        for (RunSnapshot& s : out)
            s.label = QStringLiteral("#%1 %2").arg(s.record.experimentId).arg(s.label);
    return out;
}

}  // namespace rd
