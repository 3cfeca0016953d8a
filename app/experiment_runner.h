#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>

#include <memory>

#include "experiment_worker.h"

class QThread;

namespace rd {

/**
 * Owns the worker thread and the ExperimentWorker living on it, and allows one experiment at a
 * time: start() refuses a second one with a message. It re-emits the worker's signals (so nothing
 * outside reaches the worker) and holds the demo pace. cancel() sets the cancel token; the running
 * stage is recorded as cancelled. cancelAndWait() waits a bounded time: when the worker returns,
 * its last signals are delivered and a fresh worker serves the next start(); when it does not, the
 * worker is left behind (its thread keeps running detached) so the caller — closing the window —
 * never hangs.
 */
class ExperimentRunner : public QObject {
    Q_OBJECT

public:
    explicit ExperimentRunner(QObject* parent = nullptr);
    /** Cancels a run in progress and waits for it at most kCloseWaitMs. */
    ~ExperimentRunner() override;

    /** How long closing waits for a cancelled worker before leaving it behind. */
    static constexpr int kCloseWaitMs = 2000;

    /** Returns false with *why set when an experiment is already running. */
    bool start(const QString& configJson, const QString& databasePath, QString* why = nullptr);
    void cancel();
    bool isRunning() const { return running_; }
    bool isCancelling() const { return running_ && cancel_->cancelled(); }
    /**
     * Cancels, then waits at most timeoutMs for the worker to record the cancellation and return.
     * true: it did; its remaining signals (the cancelled stage, finished()) have been delivered
     * before this returns. false: it did not; it is left running on its own thread,
     * finished("cancelled") is emitted for it, and the warning goes to the log. Either way the
     * runner can start() again.
     */
    bool cancelAndWait(int timeoutMs = kCloseWaitMs);

    /** Demo pace: the pause after each epoch (0 = none), for this and every later run. */
    void setPaceMs(int ms);
    int paceMs() const { return paceMs_; }
    /** Tests run a stand-in for the core pipeline (empty: runExperiment), from the next start() on.
     */
    void setPipeline(PipelineFunction pipeline);
    /** Workers left behind by cancelAndWait() in this process (main() then exits without joining).
     */
    static int abandonedWorkers();

Q_SIGNALS:
    void started();
    void stageStarted(int index, int count, const QString& stage, const QString& role,
                      const QString& method, const QString& model, qint64 experimentId);
    void epochReported(const QString& stage, int epoch, int maxEpochs, const QVariantMap& losses,
                       const QVariantMap& valid, double seconds);
    void stageEvaluating(const QString& stage);
    void stageFinished(int index, const QString& stage, const QString& status, const QString& error,
                       qint64 runId, const QVariantMap& headline);
    void logMessage(const QString& message);
    /** A study's experiment index (0-based) of total starts; see ExperimentWorker. */
    void studyExperimentStarted(int index, int total, const QString& cell, qint64 seed,
                                const QString& name);
    void studyFinished(qint64 studyId, const QString& status);
    void finished(const QString& status, const QString& error, qint64 experimentId);

private:
    void createWorker();
    void abandonWorker(int waitedMs);

    QThread* thread_ = nullptr;
    ExperimentWorker* worker_ = nullptr;
    std::shared_ptr<CancelToken> cancel_;
    PipelineFunction pipeline_;
    int paceMs_ = 0;
    bool running_ = false;
};

}  // namespace rd
