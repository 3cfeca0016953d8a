#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "pipeline/experiment_pipeline.h"
#include "util/cancel_token.h"

namespace rd {

class RunStore;

/** What the worker calls to run an experiment: runExperiment, or a stand-in in tests. */
using PipelineFunction = std::function<ExperimentOutcome(
    const ExperimentConfig&, const PipelineCallbacks&, const CancelToken*, RunStore*)>;

/**
 * Runs one experiment through the core pipeline on the thread it was moved to (or a study, when
 * the config has a "study": every experiment of it through runStudy, one after another). It opens
 * its own RunStore connection for the run (the GUI reads through another) and turns the pipeline's
 * callbacks into signals with plain Qt values, which reach the GUI queued. The cancel token is
 * shared with the GUI thread, which sets it directly (the worker's event loop is busy while it
 * trains).
 */
class ExperimentWorker : public QObject {
    Q_OBJECT

public:
    explicit ExperimentWorker(std::shared_ptr<const CancelToken> cancel, QObject* parent = nullptr);
    /** Classroom "demo pace": a pause after every epoch (0 = none). Only slows the run: the
     * training itself, its seeds and so its results are unchanged. Safe from any thread. */
    void setPaceMs(int ms) { paceMs_.store(ms); }
    int paceMs() const { return paceMs_.load(); }
    /** Set while no run is in progress (empty: runExperiment). */
    void setPipeline(PipelineFunction pipeline) { pipeline_ = std::move(pipeline); }

public Q_SLOTS:
    /** configJson: an experiment config as text; databasePath: the run store to record into. */
    void run(const QString& configJson, const QString& databasePath);

Q_SIGNALS:
    /** experimentId: the experiment's row in the store (0 when it could not be found). */
    void stageStarted(int index, int count, const QString& stage, const QString& role,
                      const QString& method, const QString& model, qint64 experimentId);
    /** losses and valid map names to values; valid is empty when the epoch was not evaluated. */
    void epochReported(const QString& stage, int epoch, int maxEpochs, const QVariantMap& losses,
                       const QVariantMap& valid, double seconds);
    void stageEvaluating(const QString& stage);
    /** headline: the stage's test metrics (NDCG@10, …). */
    void stageFinished(int index, const QString& stage, const QString& status, const QString& error,
                       qint64 runId, const QVariantMap& headline);
    void logMessage(const QString& message);
    /** A study's next experiment starts: index 0-based of total, its cell's label and seed. */
    void studyExperimentStarted(int index, int total, const QString& cell, qint64 seed,
                                const QString& name);
    /** The study ended (it is recorded as studyId); experimentFinished() follows. */
    void studyFinished(qint64 studyId, const QString& status);
    void experimentFinished(const QString& status, const QString& error, qint64 experimentId);

private:
    /** The pipeline's callbacks as signals; experimentId() names the running experiment's row;
     * store (this thread's connection) gives a reused teacher its recorded curves. */
    PipelineCallbacks pipelineCallbacks(std::function<int64_t()> experimentId, RunStore* store);
    /** Reports the epochs recorded for run as epochReported() of stage (0 s each): a reused
     * teacher keeps its reference curve in Live. */
    void replayEpochs(RunStore& store, int64_t run, const std::string& stage, int maxEpochs);
    void runStudyConfig(const nlohmann::json& json, const QString& databasePath);

    std::shared_ptr<const CancelToken> cancel_;
    std::atomic<int> paceMs_{0};
    PipelineFunction pipeline_;
};

}  // namespace rd
