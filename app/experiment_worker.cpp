#include "experiment_worker.h"
#include "core_text.h"

#include <QFile>
#include <QThread>

#include <exception>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "pipeline/experiment_config.h"
#include "store/run_store.h"
#include "study/study_runner.h"

namespace rd {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QVariantMap toMap(const MetricTable& table) {
    QVariantMap map;
    for (const auto& [name, value] : table) map.insert(q(name), value);
    return map;
}

/**
 * The experiment the pipeline recorded for this config: the newest with the same config text (the
 * pipeline adds it just before the first stage starts; the stage events carry no id of their own).
 * Read here, on the worker's connection, so the GUI can place the stage's row without a query.
 */
int64_t findExperiment(RunStore& store, const ExperimentConfig& config) {
    const std::string json = config.source.dump();
    const std::vector<ExperimentRecord> all = store.experiments();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->configJson == json && it->name == config.name) return it->id;
    return 0;
}

}  // namespace

ExperimentWorker::ExperimentWorker(std::shared_ptr<const CancelToken> cancel, QObject* parent)
    : QObject(parent), cancel_(std::move(cancel)) {}

void ExperimentWorker::replayEpochs(RunStore& store, int64_t run, const std::string& stage,
                                    int maxEpochs) {
    std::map<int64_t, std::pair<QVariantMap, QVariantMap>> byEpoch;  // losses, validation
    for (const MetricPoint& p : store.points(run)) {
        if (p.name.rfind("loss/", 0) == 0)
            byEpoch[p.step].first.insert(q(p.name.substr(5)), p.value);
        else if (p.name.rfind("valid/", 0) == 0)
            byEpoch[p.step].second.insert(q(p.name.substr(6)), p.value);
    }
    for (const auto& [epoch, values] : byEpoch)
        Q_EMIT epochReported(q(stage), static_cast<int>(epoch), maxEpochs, values.first,
                             values.second, 0.0);
}

PipelineCallbacks ExperimentWorker::pipelineCallbacks(std::function<int64_t()> experimentId,
                                                      RunStore* store) {
    PipelineCallbacks cb;
    cb.onStageStarted = [this, experimentId](const StageInfo& s) {
        Q_EMIT stageStarted(s.index, s.count, q(s.stage), q(s.role), q(s.method), q(s.model),
                            experimentId());
    };
    cb.onEpoch = [this](const EpochReport& r) {
        QVariantMap losses;
        for (const auto& [name, value] : r.losses) losses.insert(q(name), value);
        Q_EMIT epochReported(q(r.stage), r.epoch, r.maxEpochs, losses,
                             r.evaluated ? toMap(r.valid) : QVariantMap(), r.seconds);
        // Demo pace: wait in short steps so Cancel still stops within a moment.
        for (int waited = 0; waited < paceMs_.load() && !cancel_->cancelled(); waited += 20)
            QThread::msleep(20);
    };
    cb.onEvaluating = [this](const StageInfo& s) { Q_EMIT stageEvaluating(q(s.stage)); };
    cb.onStageFinished = [this, store](const StageResult& r) {
        // A reused teacher trained in an earlier run: draw that run's curves as its reference.
        if (const auto from = r.test.find("reused_from_run");
            store && r.reused && from != r.test.end() && from->second > 0) {
            try {
                replayEpochs(*store, static_cast<int64_t>(from->second), r.info.stage,
                             r.info.maxEpochs);
                Q_EMIT logMessage(tr("%1: the curves shown are those of run %2, whose trained "
                                     "model is reused")
                                      .arg(q(r.info.stage))
                                      .arg(static_cast<qlonglong>(from->second)));
            } catch (const std::exception&) {
                // No curve is no reason to stop the experiment.
            }
        }
        Q_EMIT stageFinished(r.info.index, q(r.info.stage), q(r.status), CoreText::message(r.error),
                             r.runId, toMap(r.test));
    };
    cb.onLog = [this](const std::string& m) { Q_EMIT logMessage(CoreText::logLine(m)); };
    return cb;
}

void ExperimentWorker::run(const QString& configJson, const QString& databasePath) {
    // Nothing may escape into Qt's event loop: every failure becomes experimentFinished("failed").
    try {
        const nlohmann::json json = nlohmann::json::parse(configJson.toStdString());
        if (json.is_object() && json.contains("study")) {
            runStudyConfig(json, databasePath);
            return;
        }
        const ExperimentConfig config = ExperimentConfig::fromJson(json);
        RunStore store(QFile::encodeName(databasePath).toStdString());
        int64_t experimentId = 0;
        const PipelineCallbacks cb = pipelineCallbacks(
            [&] {
                if (experimentId == 0) {
                    try {
                        experimentId = findExperiment(store, config);
                    } catch (const std::exception&) {
                        // The GUI finds the experiment through the stage's run when it finishes.
                    }
                }
                return experimentId;
            },
            &store);
        const ExperimentOutcome outcome = pipeline_
                                              ? pipeline_(config, cb, cancel_.get(), &store)
                                              : runExperiment(config, cb, cancel_.get(), &store);
        Q_EMIT experimentFinished(q(outcome.status), CoreText::message(outcome.error),
                                  outcome.experimentId);
    } catch (const std::exception& e) {
        const QString error = CoreText::message(std::string(e.what()));
        Q_EMIT logMessage(tr("Error: %1").arg(error));
        Q_EMIT experimentFinished(QStringLiteral("failed"), error, 0);
    } catch (...) {
        Q_EMIT experimentFinished(QStringLiteral("failed"), tr("unknown error"), 0);
    }
}

void ExperimentWorker::runStudyConfig(const nlohmann::json& json, const QString& databasePath) {
    const StudyPlan plan = StudyPlan::fromJson(json);
    const std::string path = QFile::encodeName(databasePath).toStdString();
    RunStore store(path);  // to name each experiment's row; the study writes through its own
    const ExperimentConfig* current = nullptr;
    int64_t experimentId = 0, last = 0;
    StudyCallbacks cb;
    // One job: the callbacks come one experiment after another, on this thread.
    cb.onExperimentStarted = [&](const StudyExperiment& e, int index, int total) {
        current = &e.config;
        experimentId = 0;
        Q_EMIT studyExperimentStarted(index, total,
                                      q(plan.cellLabels.at(static_cast<size_t>(e.cell))), e.seed,
                                      q(e.config.name));
    };
    cb.onExperimentFinished = [&](const StudyExperiment&, int, int, const ExperimentOutcome& o) {
        if (o.experimentId) last = o.experimentId;
    };
    cb.pipeline = pipelineCallbacks(
        [&] {
            if (experimentId == 0 && current) {
                try {
                    experimentId = findExperiment(store, *current);
                } catch (const std::exception&) {
                }
            }
            return experimentId;
        },
        &store);
    cb.onLog = [this](const std::string& m) { Q_EMIT logMessage(CoreText::logLine(m)); };
    const StudyOutcome out = runStudy(plan, path, StudyOptions{}, cb, cancel_.get());
    Q_EMIT studyFinished(out.studyId, q(out.status));
    Q_EMIT experimentFinished(q(out.status), CoreText::message(out.error), last);
}

}  // namespace rd
