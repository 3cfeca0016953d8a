// `recdistill-cli train CONFIG.json`: train and evaluate one model; `models`: list the registry.

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "pipeline/prepared_data.h"
#include "pipeline/run_artifacts.h"
#include "config/json_config.h"
#include "config/run_config.h"
#include "data/data_loader.h"
#include "data/dataset_stats.h"
#include "data/stats_json.h"
#include "engine/train_data.h"
#include "eval/evaluator.h"
#include "models/model_registry.h"
#include "store/run_recorder.h"
#include "store/run_store.h"
#include "util/hasher.h"
#include "util/torch_info.h"

namespace {

rd::CancelToken gCancel;

void onInterrupt(int) { gCancel.cancel(); }

std::string fmt(double v, const char* f = "%.4f") { return formatNumber(v, f); }

void printTable(const rd::MetricTable& m, const std::vector<int>& ks, std::ostream& o) {
    const char* names[] = {"Recall",   "Precision", "Hit",     "MRR",         "NDCG",      "MAP",
                           "ItemCoverage", "Gini",  "Entropy", "AvgPopularity", "LongTail", "Novelty",
                           "ILD",      "Personalization"};
    o << "metric         ";
    for (int k : ks) o << "     @" << k << (k < 10 ? "  " : (k < 100 ? " " : ""));
    o << "\n";
    for (const char* n : names) {
        if (!m.count(std::string(n) + "@" + std::to_string(ks.front()))) continue;
        char label[32];
        std::snprintf(label, sizeof label, "%-15s", n);
        o << label;
        for (int k : ks) {
            const auto it = m.find(std::string(n) + "@" + std::to_string(k));
            o << (it == m.end() ? "        -" : fmt(it->second, std::abs(it->second) >= 100 ? "%9.1f" : "%9.4f"));
        }
        o << "\n";
    }
}

}  // namespace

namespace {

/** The store side of one `train`: opened before any work, so a bad --db is refused up front. */
struct TrainRecording {
    std::unique_ptr<rd::RunStore> store;
    std::unique_ptr<rd::RunRecorder> recorder;

    // A store that fails in the middle of training must not lose the training itself: warn, stop recording.
    template <typename F>
    void guarded(F&& f) {
        if (!recorder) return;
        try {
            f();
        } catch (const std::exception& e) {
            std::cerr << "warning: run store: " << e.what() << "; this run is no longer recorded\n";
            recorder.reset();
        }
    }
};

}  // namespace

int runTrainCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"set"}, {"json", "no-store"});
    if (args.positional().size() != 1) throw std::invalid_argument("train takes one CONFIG.json");
    nlohmann::json json = readConfigFile(args.positional().front());
    for (const auto& s : args.values("set")) rd::jsoncfg::applyOverride(json, s);
    return runTrainConfig(json.dump(), args.has("json"), !args.has("no-store"), 0);
}

int runTrainConfig(const std::string& configJson, bool asJson, bool record, long long experimentId) {
    const rd::RunConfig cfg = rd::RunConfig::fromJson(nlohmann::json::parse(configJson));
    std::ostream& log = asJson ? std::cerr : std::cout;

    TrainRecording rec;
    if (record) {
        try {
            rec.store = std::make_unique<rd::RunStore>(cliStorePath());
        } catch (const std::exception& e) {
            throw std::invalid_argument(std::string(e.what()) + " (use --db FILE for another store, or --no-store)");
        }
    }

    const int threads = rd::setComputeThreads(cfg.train.threads);
    // Ctrl+C cancels in every phase from here on (loading, training, evaluation); the handler only
    // sets the token, and each phase stops at its next check point.
    std::signal(SIGINT, onInterrupt);
    struct DefaultSigint {
        ~DefaultSigint() { std::signal(SIGINT, SIG_DFL); }
    } restoreSigint;
    rd::PreparedData prepared;
    try {
        prepared = rd::prepareData(cfg.data, &gCancel);
    } catch (const rd::Cancelled&) {
        std::cerr << "cancelled while loading the data\n";
        return 130;
    }
    const rd::TrainingData& data = prepared.data;
    const rd::DatasetRecord& datasetRecord = prepared.record;
    log << prepared.summary << "\n" << "model " << cfg.model.name << " " << cfg.model.params.dump() << ", " << threads
        << " threads\n";
    if (rec.store) {
        const int64_t datasetId = rec.store->addDataset(datasetRecord);
        if (experimentId == 0) {
            rd::ExperimentRecord e;
            e.name = cfg.source.value("name", std::string("train ") + cfg.model.name + " on " + datasetRecord.name);
            e.datasetId = datasetId;
            e.configJson = cfg.source.dump();
            experimentId = rec.store->addExperiment(e);
        }
        rd::RunRecord r;
        r.experimentId = experimentId;
        r.role = "model";
        r.model = cfg.model.name;
        r.seed = cfg.train.seed;
        r.appVersion = RECDISTILL_VERSION;
        r.torchVersion = rd::torchVersion();
        r.threads = threads;
        r.paramsJson = cfg.model.params.dump();
        rec.recorder = std::make_unique<rd::RunRecorder>(*rec.store, r);
        log << "recording run " << rec.recorder->runId() << " (experiment " << experimentId << ") in "
            << rec.store->path() << "\n";
    }

    double elapsed = 0;
    rd::TrainCallbacks cb;
    cb.onEpoch = [&](const rd::EpochReport& r) {
        rec.guarded([&] { rec.recorder->epoch(r); });
        elapsed += r.seconds;
        const double eta = elapsed / r.epoch * (r.maxEpochs - r.epoch);
        log << "epoch " << r.epoch << "/" << r.maxEpochs;
        for (const auto& [name, v] : r.losses) log << "  " << name << " " << fmt(v);
        if (r.evaluated) {
            const auto it = r.valid.find(cfg.train.validMetric);
            if (it != r.valid.end()) log << "  " << cfg.train.validMetric << " " << fmt(it->second);
            if (r.improved) log << " *";
        }
        log << "  " << fmt(r.seconds, "%.2f") << " s  ETA " << fmt(eta, "%.0f") << " s\n" << std::flush;
    };
    cb.onLog = [&](const std::string& m) { log << m << "\n"; };
    const rd::TrainOutcome out = rd::trainModel(data, cfg.model, cfg.train, "model", cb, &gCancel);
    // A cancelled run is recorded as such and not evaluated: on a large data set the evaluation
    // alone takes longer than a Ctrl+C may wait.
    auto cancelled = [&](const char* during) {
        rec.guarded([&] { rec.recorder->finish("cancelled"); });
        std::cerr << cfg.model.name << ": cancelled during " << during << " after " << out.epochsRun
                  << " epochs\n";
        if (asJson) {
            nlohmann::json j;
            j["status"] = "cancelled";
            if (rec.recorder) j["run_id"] = rec.recorder->runId();
            j["model"] = cfg.model.name;
            j["epochs"] = out.epochsRun;
            j["best_epoch"] = out.bestEpoch;
            j["train_seconds"] = out.trainSeconds;
            j["config"] = cfg.source;
            std::cout << j.dump(2) << "\n";
        }
        return 130;
    };
    if (out.status == "cancelled") return cancelled("training");
    if (out.status == "failed") {
        rec.guarded([&] { rec.recorder->finish("failed", out.error); });
        std::cerr << "error: training failed: " << out.error << "\n";
        return 3;
    }
    rd::EvalOptions eo;
    eo.part = rd::SplitPart::Test;
    eo.ks = cfg.train.ks;
    eo.batchUsers = cfg.train.evalBatchUsers;
    eo.latencySample = 100;
    eo.seed = cfg.train.seed;
    eo.cancel = &gCancel;
    rd::EvalResult test;
    try {
        test = rd::evaluateModel(*out.model, data, eo);
    } catch (const rd::Cancelled&) {
        return cancelled("evaluation");
    }
    const int64_t runId = rec.recorder ? rec.recorder->runId() : 0;
    if (rec.recorder) {
        rd::MetricTable finals = test.metrics;
        finals["params"] = static_cast<double>(out.model->parameterCount());
        finals["bytes"] = static_cast<double>(out.model->storedBytes());
        finals["train_seconds"] = out.trainSeconds;
        finals["epochs"] = out.epochsRun;
        finals["best_epoch"] = out.bestEpoch;
        rec.guarded([&] { rec.recorder->results(finals, test.exposure, test.lists); });
        // A model trained here can serve later as an experiment's teacher: same reuse key.
        const std::string key = rd::modelReuseKey(data.datasetHash, cfg.data.split, cfg.model, cfg.train);
        rec.guarded([&] { rd::saveRunCheckpoint(*rec.store, rec.recorder->runId(), *out.model, cfg.source, key); });
        rec.guarded([&] { rec.recorder->finish(out.status); });
    }

    if (asJson) {
        nlohmann::json j;
        j["status"] = out.status;
        if (runId) j["run_id"] = runId;
        j["model"] = cfg.model.name;
        j["model_params"] = cfg.model.params;
        j["params"] = out.model->parameterCount();
        j["bytes"] = out.model->storedBytes();
        j["train_seconds"] = out.trainSeconds;
        j["epochs"] = out.epochsRun;
        j["best_epoch"] = out.bestEpoch;
        j["threads"] = threads;
        j["valid"] = out.bestValid;
        j["test"] = test.metrics;
        j["ild_basis"] = rd::ildBasis(rd::makeEvalContext(data, cfg.train.seed));
        j["exposure"] = {{"recommendation_share", test.exposure.recommendationShare},
                         {"training_share", test.exposure.trainingShare}};
        j["config"] = cfg.source;
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "\n" << cfg.model.name << ": " << out.status << " after " << out.epochsRun << " epochs (best "
                  << out.bestEpoch << "), " << fmt(out.trainSeconds, "%.1f") << " s; " << out.model->parameterCount()
                  << " parameters, " << out.model->storedBytes() << " bytes\n\nTest (full ranking):\n";
        printTable(test.metrics, cfg.train.ks, std::cout);
        std::cout << "evaluation " << fmt(test.seconds, "%.3f") << " s for " << test.lists.size()
                  << " users; per-user latency p50 " << fmt(test.metrics.at("latency_p50_ms"), "%.2f") << " ms, p95 "
                  << fmt(test.metrics.at("latency_p95_ms"), "%.2f") << " ms\n";
        if (runId) std::cout << "recorded as run " << runId << " (recdistill-cli show " << runId << ")\n";
    }
    return 0;
}

int runModelsCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    if (args.has("json")) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& m : rd::modelInfos())
            arr.push_back({{"name", m.name}, {"display_name", m.displayName}, {"description", m.description},
                           {"trainable", m.trainable}, {"params", rd::schemaToJson(m.schema)}});
        std::cout << arr.dump(2) << "\n";
        return 0;
    }
    for (const auto& m : rd::modelInfos()) {
        std::cout << m.name << " — " << m.displayName << "\n  " << m.description << "\n";
        for (const auto& p : m.schema) {
            std::cout << "  " << p.name << " (" << rd::paramTypeName(p.type) << ", default " << p.defaultValue.dump();
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
