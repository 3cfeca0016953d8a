// `recdistill-cli distill CONFIG.json`: teacher → student alone → student + each method, one table.

#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "cli_data_parallel.h"
#include "cli_experiment.h"
#include "config/json_config.h"

namespace {

std::string rowLabel(const rd::StageResult& r) {
    if (r.info.role == "teacher") return "teacher " + r.info.model;
    if (r.info.role == "student") return "student " + r.info.model + " alone";
    return "  + " + r.info.stage;
}

struct Column {
    const char* header;
    const char* metric;
    const char* format;
};

const Column kColumns[] = {
    {"Recall@10", "Recall@10", "%10.4f"},
    {"NDCG@10", "NDCG@10", "%10.4f"},
    {"MRR@10", "MRR@10", "%10.4f"},
    {"Hit@10", "Hit@10", "%10.4f"},
    {"Gap NDCG", "GapClosed:NDCG@10", "%9.1f%%"},
    {"Gap Rec", "GapClosed:Recall@10", "%9.1f%%"},
    {"Cov@10", "ItemCoverage@10", "%10.4f"},
    {"Gini@10", "Gini@10", "%10.4f"},
    {"Novel@10", "Novelty@10", "%10.3f"},
    {"LTail@10", "LongTail@10", "%10.4f"},
    {"Agree@10", "Agreement@10", "%10.4f"},
    {"params", "params", "%10.0f"},
    {"serve ms", "serving_p50_ms", "%10.4f"},  // as the window's Compare and bench_latency
};

void printComparison(const rd::ExperimentOutcome& out, std::ostream& o) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%-24s", "");
    o << buf;
    for (const Column& c : kColumns) {
        std::snprintf(buf, sizeof buf, "%10s", c.header);
        o << buf;
    }
    o << "\n";
    for (const rd::StageResult& r : out.stages) {
        std::snprintf(buf, sizeof buf, "%-24s", rowLabel(r).c_str());
        o << buf;
        if (r.status != "finished" || !r.test.count("eval_users")) {
            // Failed, cancelled, or finished without metrics (an external teacher whose scores do
            // not cover the test users: "not evaluated"; it has its size figures only).
            if (r.status == "finished")
                o << "  " << r.error << "\n";
            else
                o << "  " << r.status << (r.error.empty() ? "" : ": " + r.error) << "\n";
            continue;
        }
        for (const Column& c : kColumns) {
            const auto it = r.test.find(c.metric);
            if (it == r.test.end()) {
                o << "         -";
                continue;
            }
            const bool percent = std::string(c.metric).rfind("GapClosed", 0) == 0;
            std::snprintf(buf, sizeof buf, c.format, percent ? 100 * it->second : it->second);
            o << buf;
        }
        o << (r.reused ? "  (saved teacher reused)" : "") << "\n";
    }
    o << "Gap = GapClosed = (distilled − student) / (teacher − student); Agree = top-10 overlap "
         "with the teacher;\n"
         "p50 ms = per-user top-K latency (median).\n";
}

nlohmann::json rowJson(const rd::StageResult& r) {
    nlohmann::json j;
    j["role"] = r.info.role;
    j["method"] = r.info.method;
    j["stage"] = r.info.stage;
    j["model"] = r.info.model;
    j["status"] = r.status;
    if (!r.error.empty()) j["error"] = r.error;
    if (r.runId) j["run_id"] = r.runId;
    j["reused"] = r.reused;
    nlohmann::json test = nlohmann::json::object(), gap = nlohmann::json::object();
    for (const auto& [name, value] : r.test) {
        if (name.rfind("GapClosed:", 0) == 0)
            gap[name.substr(10)] = value;
        else if (name.find('@') != std::string::npos)
            test[name] = value;
        else
            j[name] = value;  // cost figures: params, bytes, train_seconds, latency_p50_ms, …
    }
    j["test"] = test;
    j["gap_closed"] = gap;
    j["exposure"] = {{"recommendation_share", r.exposure.recommendationShare},
                     {"training_share", r.exposure.trainingShare}};
    return j;
}

}  // namespace

int runDistillCommand(const std::vector<std::string>& argv) {
    std::set<std::string> valued{"set"};
    valued.insert(dataParallelOptionNames().begin(), dataParallelOptionNames().end());
    const CliArgs args(argv, valued, {"json", "no-store"});
    if (args.positional().size() != 1) throw std::invalid_argument("distill takes one CONFIG.json");
    nlohmann::json json = readConfigFile(args.positional().front());
    for (const auto& s : args.values("set")) rd::jsoncfg::applyOverride(json, s);
    if (json.is_object() && json.contains("model") && !json.contains("teacher"))
        throw std::invalid_argument(
            "distill: the config names one \"model\" (train it with recdistill-cli train; an "
            "experiment names a teacher and a student)");
    const std::unique_ptr<rd::DataParallel> dp = connectDataParallel(args);
    return runDistillConfig(json.dump(), args.has("json"), !args.has("no-store"), 0, dp.get());
}

int runDistillConfig(const std::string& configJson, bool asJson, bool record,
                     long long experimentId, rd::DataParallel* dp) {
    const CliExperiment run = runCliExperiment(configJson, asJson, record, experimentId, dp);
    if (dp && dp->rank() != 0) return exitCodeOf(run.outcome);  // rank 0 prints the results
    const rd::ExperimentConfig& cfg = run.config;
    const rd::ExperimentOutcome& out = run.outcome;
    if (asJson) {
        nlohmann::json j;
        j["status"] = out.status;
        if (!out.error.empty()) j["error"] = out.error;
        if (out.experimentId) j["experiment_id"] = out.experimentId;
        j["data"] = out.dataSummary;
        j["rows"] = nlohmann::json::array();
        for (const auto& r : out.stages) j["rows"].push_back(rowJson(r));
        j["config"] = cfg.source;
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::cout << "\n" << cfg.name << "\n" << out.dataSummary << "\n\n";
        printComparison(out, std::cout);
        if (out.experimentId)
            std::cout << "recorded as experiment " << out.experimentId
                      << " (recdistill-cli runs; export experiment:" << out.experimentId << ")\n";
    }
    return exitCodeOf(out);
}
