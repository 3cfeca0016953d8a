// `recdistill-cli distill CONFIG.json`: teacher → student alone → student + each method, one table.

#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "config/json_config.h"
#include "pipeline/experiment_pipeline.h"
#include "store/run_store.h"

namespace {

rd::CancelToken gDistillCancel;

void onInterrupt(int) { gDistillCancel.cancel(); }

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
    {"Recall@10", "Recall@10", "%10.4f"},   {"NDCG@10", "NDCG@10", "%10.4f"},
    {"MRR@10", "MRR@10", "%10.4f"},         {"Hit@10", "Hit@10", "%10.4f"},
    {"Gap NDCG", "GapClosed:NDCG@10", "%9.1f%%"}, {"Gap Rec", "GapClosed:Recall@10", "%9.1f%%"},
    {"Cov@10", "ItemCoverage@10", "%10.4f"}, {"Gini@10", "Gini@10", "%10.4f"},
    {"Novel@10", "Novelty@10", "%10.3f"},   {"LTail@10", "LongTail@10", "%10.4f"},
    {"Agree@10", "Agreement@10", "%10.4f"}, {"params", "params", "%10.0f"},
    {"p50 ms", "latency_p50_ms", "%10.3f"},
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
        if (r.status != "finished") {
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
    o << "Gap = GapClosed = (distilled − student) / (teacher − student); Agree = top-10 overlap with the teacher;\n"
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
    const CliArgs args(argv, {"set"}, {"json", "no-store"});
    if (args.positional().size() != 1) throw std::invalid_argument("distill takes one CONFIG.json");
    nlohmann::json json = readConfigFile(args.positional().front());
    for (const auto& s : args.values("set")) rd::jsoncfg::applyOverride(json, s);
    return runDistillConfig(json.dump(), args.has("json"), !args.has("no-store"), 0);
}

int runDistillConfig(const std::string& configJson, bool asJson, bool record, long long experimentId) {
    const rd::ExperimentConfig cfg = rd::ExperimentConfig::fromJson(nlohmann::json::parse(configJson));
    std::ostream& log = asJson ? std::cerr : std::cout;
    std::unique_ptr<rd::RunStore> store;
    if (record) {
        try {
            store = std::make_unique<rd::RunStore>(cliStorePath());
        } catch (const std::exception& e) {
            throw std::invalid_argument(std::string(e.what()) + " (use --db FILE for another store, or --no-store)");
        }
    }

    rd::PipelineCallbacks cb;
    double stageElapsed = 0;
    cb.onStageStarted = [&](const rd::StageInfo& s) {
        stageElapsed = 0;
        log << "\n== stage " << s.index + 1 << "/" << s.count << ": " << s.stage << " (" << s.model
            << (s.role == "distilled" ? " + " + s.method : std::string()) << ")\n"
            << std::flush;
    };
    cb.onEpoch = [&](const rd::EpochReport& r) {
        stageElapsed += r.seconds;
        log << "[" << r.stage << "] epoch " << r.epoch << "/" << r.maxEpochs;
        for (const auto& [name, v] : r.losses) log << "  " << name << " " << formatNumber(v);
        if (r.evaluated) {
            const auto it = r.valid.find(cfg.train.validMetric);
            if (it != r.valid.end()) log << "  " << cfg.train.validMetric << " " << formatNumber(it->second);
            if (r.improved) log << " *";
        }
        log << "  " << formatNumber(r.seconds, "%.2f") << " s  ETA "
            << formatNumber(stageElapsed / r.epoch * (r.maxEpochs - r.epoch), "%.0f") << " s\n"
            << std::flush;
    };
    cb.onEvaluating = [&](const rd::StageInfo& s) { log << "[" << s.stage << "] evaluating on test\n" << std::flush; };
    cb.onStageFinished = [&](const rd::StageResult& r) {
        log << "[" << r.info.stage << "] " << r.status;
        if (r.status == "finished")
            log << ": NDCG@10 " << formatNumber(r.value("NDCG@10", NAN)) << ", Recall@10 "
                << formatNumber(r.value("Recall@10", NAN));
        if (!r.error.empty()) log << ": " << r.error;
        log << (r.runId ? " (run " + std::to_string(r.runId) + ")" : std::string()) << "\n" << std::flush;
    };
    cb.onLog = [&](const std::string& m) { log << m << "\n" << std::flush; };

    std::signal(SIGINT, onInterrupt);
    const rd::ExperimentOutcome out = rd::runExperiment(cfg, cb, &gDistillCancel, store.get(), experimentId);
    std::signal(SIGINT, SIG_DFL);

    if (asJson) {
        nlohmann::json j;
        j["status"] = out.status;
        if (!out.error.empty()) j["error"] = out.error;
        if (out.experimentId) j["experiment_id"] = out.experimentId;
        j["data"] = out.dataSummary;
        j["rows"] = nlohmann::json::array();
        for (const auto& r : out.stages) j["rows"].push_back(rowJson(r));
        j["config"] = cfg.source;
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "\n" << cfg.name << "\n" << out.dataSummary << "\n\n";
        printComparison(out, std::cout);
        if (out.experimentId)
            std::cout << "recorded as experiment " << out.experimentId << " (recdistill-cli runs; export experiment:"
                      << out.experimentId << ")\n";
    }
    if (out.status == "cancelled") {
        std::cerr << out.error << "\n";  // where it stopped, e.g. "cancelled while loading the data"
        return 130;
    }
    if (out.status == "failed") {
        std::cerr << "error: " << out.error << "\n";
        return 3;
    }
    return 0;
}
