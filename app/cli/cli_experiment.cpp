#include "cli_experiment.h"
#include "cli_interrupt.h"

#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "catalog/run_vocabulary.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "pipeline/experiment_pipeline.h"
#include "pipeline/progress_estimate.h"
#include "store/run_store.h"

CliExperiment runCliExperiment(const std::string& configJson, bool asJson, bool record,
                               long long experimentId, rd::DataParallel* dp) {
    CliExperiment run{rd::ExperimentConfig::fromJson(nlohmann::json::parse(configJson)), {}};
    std::ostream silent(nullptr);  // the other ranks' progress: rank 0 speaks for the job
    if (dp) {
        run.config.train.dataParallel = dp;
        run.config.teacherTrain.dataParallel = dp;
        run.config.reuseTeacher = false;
        record = record && dp->rank() == 0;
    }
    const rd::ExperimentConfig& cfg = run.config;
    std::ostream& log = dp && dp->rank() != 0 ? silent : asJson ? std::cerr : std::cout;
    std::unique_ptr<rd::RunStore> store;
    if (record) {
        try {
            store = std::make_unique<rd::RunStore>(cliStorePath());
        } catch (const std::exception& e) {
            throw std::invalid_argument(std::string(e.what()) +
                                        " (use --db FILE for another store, or --no-store)");
        }
    }

    rd::PipelineCallbacks cb;
    rd::ProgressEstimate progress(rd::plannedStages(cfg));
    int stageIndex = 0;
    auto stageStart = std::chrono::steady_clock::now();
    cb.onStageStarted = [&](const rd::StageInfo& s) {
        stageIndex = s.index;
        stageStart = std::chrono::steady_clock::now();
        progress.stageStarted(s.index);
        if (cfg.singleModel) {
            log << "model " << cfg.teacher.name << " " << cfg.teacher.params.dump() << "\n"
                << std::flush;
            return;
        }
        log << "\n== stage " << s.index + 1 << "/" << s.count << ": " << s.stage << " (" << s.model
            << (s.role == rd::role::kDistilled ? " + " + s.method : std::string()) << ")\n"
            << std::flush;
    };
    cb.onEpoch = [&](const rd::EpochReport& r) {
        progress.epoch(stageIndex, r.epoch, r.seconds, r.evaluated, r.improved);
        log << "[" << r.stage << "] epoch " << r.epoch << "/" << r.maxEpochs;
        for (const auto& [name, v] : r.losses) log << "  " << name << " " << formatNumber(v);
        if (r.evaluated) {
            const auto it = r.valid.find(cfg.train.validMetric);
            if (it != r.valid.end())
                log << "  " << cfg.train.validMetric << " " << formatNumber(it->second);
            if (r.improved) log << " *";
        }
        // Early stopping decides the length: "best at 30, stops by 40 at the latest".
        log << "  " << formatNumber(r.seconds, "%.2f") << " s";
        if (progress.bestEpoch(stageIndex) > 0 && progress.stopsEarly(stageIndex))
            log << "  best at " << progress.bestEpoch(stageIndex) << ", stops by "
                << progress.latestStop(stageIndex) << " at the latest";
        log << "  ETA " << formatNumber(progress.stageSecondsLeft(stageIndex), "%.0f") << " s";
        if (progress.stageCount() > 1)
            log << " (experiment " << formatNumber(progress.secondsLeft(), "%.0f") << " s)";
        log << "\n" << std::flush;
    };
    cb.onEvaluating = [&](const rd::StageInfo& s) {
        log << "[" << s.stage << "] evaluating on test\n" << std::flush;
    };
    cb.onStageFinished = [&](const rd::StageResult& r) {
        progress.stageFinished(
            r.info.index,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - stageStart).count());
        log << "[" << r.info.stage << "] " << r.status;
        if (r.status == rd::status::kFinished)
            log << ": NDCG@10 " << formatNumber(r.value("NDCG@10", NAN)) << ", Recall@10 "
                << formatNumber(r.value("Recall@10", NAN));
        if (!r.error.empty()) log << ": " << r.error;
        log << (r.runId ? " (run " + std::to_string(r.runId) + ")" : std::string()) << "\n"
            << std::flush;
    };
    cb.onLog = [&](const std::string& m) { log << m << "\n" << std::flush; };

    {
        const CliInterrupt interrupt;
        run.outcome = rd::runExperiment(cfg, cb, interrupt.token(), store.get(), experimentId);
    }
    return run;
}

int exitCodeOf(const rd::ExperimentOutcome& out) {
    if (out.status == rd::status::kCancelled) {
        std::cerr << out.error
                  << "\n";  // where it stopped, e.g. "cancelled while loading the data"
        return 130;
    }
    if (out.status == rd::status::kFailed) {
        std::cerr << "error: " << out.error << "\n";
        return 3;
    }
    return 0;
}
