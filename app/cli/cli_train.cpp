// `recdistill-cli train CONFIG.json`: train and evaluate one model; `models`: list the registry.

#include <cmath>
#include <cstdio>
#include <iostream>

#include "catalog/metric_catalog.h"
#include "catalog/param_schema.h"
#include "catalog/run_vocabulary.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "cli_data_parallel.h"
#include "cli_experiment.h"
#include "config/json_config.h"
#include "models/model_registry.h"

namespace {

std::string fmt(double v, const char* f = "%.4f") {
    return formatNumber(v, f);
}

/** Accuracy and beyond-accuracy metrics at every K, one row per metric, in the catalogue's order.
 */
void printTable(const rd::MetricTable& m, const std::vector<int>& ks, std::ostream& o) {
    o << "metric         ";
    for (int k : ks) o << "     @" << k << (k < 10 ? "  " : (k < 100 ? " " : ""));
    o << "\n";
    for (const rd::MetricInfo& info : rd::metricCatalog()) {
        if (!info.atK || !m.count(std::string(info.stem) + "@" + std::to_string(ks.front())))
            continue;
        char label[32];
        std::snprintf(label, sizeof label, "%-15s", info.stem);
        o << label;
        for (int k : ks) {
            const auto it = m.find(std::string(info.stem) + "@" + std::to_string(k));
            o << (it == m.end() ? "        -"
                                : fmt(it->second, std::abs(it->second) >= 100 ? "%9.1f" : "%9.4f"));
        }
        o << "\n";
    }
}

}  // namespace

int runTrainCommand(const std::vector<std::string>& argv) {
    std::set<std::string> valued{"set"};
    valued.insert(dataParallelOptionNames().begin(), dataParallelOptionNames().end());
    const CliArgs args(argv, valued, {"json", "no-store"});
    if (args.positional().size() != 1) throw std::invalid_argument("train takes one CONFIG.json");
    nlohmann::json json = readConfigFile(args.positional().front());
    for (const auto& s : args.values("set")) rd::jsoncfg::applyOverride(json, s);
    if (!json.is_object() || !json.contains("model"))
        throw std::invalid_argument(
            "train: the config has no \"model\" (a config with a teacher and a student is "
            "an experiment: recdistill-cli distill)");
    const std::unique_ptr<rd::DataParallel> dp = connectDataParallel(args);
    return runTrainConfig(json.dump(), args.has("json"), !args.has("no-store"), 0, dp.get());
}

int runTrainConfig(const std::string& configJson, bool asJson, bool record, long long experimentId,
                   rd::DataParallel* dp) {
    // One stage through the same pipeline as `distill`: recording, evaluation, cost figures,
    // checkpoint.
    const CliExperiment run = runCliExperiment(configJson, asJson, record, experimentId, dp);
    if (dp && dp->rank() != 0) return exitCodeOf(run.outcome);  // rank 0 prints the results
    const rd::ExperimentConfig& cfg = run.config;
    const rd::ExperimentOutcome& out = run.outcome;
    if (out.stages.empty() || out.stages.front().status != rd::status::kFinished)
        return exitCodeOf(out);
    const rd::StageResult& r = out.stages.front();
    const auto num = [&r](const char* name) { return r.value(name, NAN); };
    const auto whole = [&num](const char* name) {
        return static_cast<long long>(std::llround(num(name)));
    };
    if (asJson) {
        nlohmann::json j;
        j["status"] = r.status;
        if (r.runId) j["run_id"] = r.runId;
        j["model"] = cfg.teacher.name;
        j["model_params"] = cfg.teacher.params;
        j["params"] = static_cast<int64_t>(num("params"));
        j["bytes"] = static_cast<int64_t>(num("bytes"));
        j["train_seconds"] = num("train_seconds");
        j["epochs"] = static_cast<int>(num("epochs"));
        j["best_epoch"] = static_cast<int>(num("best_epoch"));
        j["threads"] = out.threads;
        j["valid"] = r.valid;
        nlohmann::json test = nlohmann::json::object();
        for (const auto& [name, value] : r.test)
            if (name.find('@') != std::string::npos || name.rfind("latency", 0) == 0 ||
                name.rfind("serving", 0) == 0 || name.rfind("eval_", 0) == 0)
                test[name] = value;
        j["test"] = test;
        j["ild_basis"] = out.ildBasis;
        j["exposure"] = {{"recommendation_share", r.exposure.recommendationShare},
                         {"training_share", r.exposure.trainingShare}};
        j["config"] = cfg.source;
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::cout << "\n"
                  << cfg.teacher.name << ": " << r.status << " after " << whole("epochs")
                  << " epochs (best " << whole("best_epoch") << "), "
                  << fmt(num("train_seconds"), "%.1f") << " s; " << whole("params")
                  << " parameters, " << whole("bytes") << " bytes\n\nTest (full ranking):\n";
        printTable(r.test, cfg.train.ks, std::cout);
        std::cout << "evaluation " << fmt(num("eval_seconds"), "%.3f") << " s for "
                  << r.lists.size() << " users; per-user latency p50 "
                  << fmt(num("latency_p50_ms"), "%.2f") << " ms, p95 "
                  << fmt(num("latency_p95_ms"), "%.2f") << " ms\n";
        if (r.test.count("serving_p50_ms"))
            std::cout
                << "serving (top-10 for one user by brute force, one thread, as bench_latency "
                   "--serving): p50 "
                << fmt(num("serving_p50_ms"), "%.4f") << " ms, p99 "
                << fmt(num("serving_p99_ms"), "%.4f") << " ms, " << whole("serving_bytes")
                << " bytes scanned\n";
        if (r.runId)
            std::cout << "recorded as run " << r.runId << " (recdistill-cli show " << r.runId
                      << ")\n";
    }
    return exitCodeOf(out);
}

int runModelsCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    if (args.has("json")) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& m : rd::modelInfos())
            arr.push_back({{"name", m.name},
                           {"display_name", m.displayName},
                           {"description", m.description},
                           {"trainable", m.trainable},
                           {"params", rd::schemaToJson(m.schema)}});
        std::cout << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    for (const auto& m : rd::modelInfos()) {
        std::cout << m.name << " — " << m.displayName << "\n  " << m.description << "\n";
        for (const auto& p : m.schema) {
            std::cout << "  " << p.name << " (" << rd::paramTypeName(p.type) << ", default "
                      << p.defaultValue.dump();
            if (p.type == rd::ParamSpec::Type::Choice) {
                std::cout << ", one of";
                for (const auto& c : p.choices) std::cout << " " << c;
            } else if (p.type != rd::ParamSpec::Type::Bool) {
                std::cout << ", range [" << p.min << ", " << p.max << "]";
            }
            std::cout << "): " << p.help << "\n";
        }
        std::cout << "\n";
    }
    return 0;
}
