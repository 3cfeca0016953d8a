#include "experiment_worker.h"
#include "core_text.h"

#include <QThread>

#include <exception>

#include <nlohmann/json.hpp>

#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "store/run_store.h"

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

}  // namespace

ExperimentWorker::ExperimentWorker(const CancelToken* cancel, QObject* parent)
    : QObject(parent), cancel_(cancel) {}

void ExperimentWorker::run(const QString& configJson, const QString& databasePath) {
    // Nothing may escape into Qt's event loop: every failure becomes experimentFinished("failed").
    try {
        const ExperimentConfig config =
            ExperimentConfig::fromJson(nlohmann::json::parse(configJson.toStdString()));
        RunStore store(databasePath.toStdString());
        PipelineCallbacks cb;
        cb.onStageStarted = [this](const StageInfo& s) {
            Q_EMIT stageStarted(s.index, s.count, q(s.stage), q(s.role), q(s.method), q(s.model));
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
        cb.onStageFinished = [this](const StageResult& r) {
            Q_EMIT stageFinished(q(r.info.stage), q(r.status), CoreText::message(r.error), r.runId, toMap(r.test));
        };
        cb.onLog = [this](const std::string& m) { Q_EMIT logMessage(q(m)); };
        const ExperimentOutcome outcome = runExperiment(config, cb, cancel_, &store);
        Q_EMIT experimentFinished(q(outcome.status), CoreText::message(outcome.error), outcome.experimentId);
    } catch (const std::exception& e) {
        const QString error = CoreText::message(std::string(e.what()));
        Q_EMIT logMessage(tr("Error: %1").arg(error));
        Q_EMIT experimentFinished(QStringLiteral("failed"), error, 0);
    } catch (...) {
        Q_EMIT experimentFinished(QStringLiteral("failed"), tr("unknown error"), 0);
    }
}

}  // namespace rd
