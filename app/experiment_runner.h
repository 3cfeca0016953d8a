#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include "util/cancel_token.h"

namespace rd {

class ExperimentWorker;

/**
 * Owns the worker thread and the ExperimentWorker living on it, and allows one experiment at a time:
 * start() refuses a second one with a message. cancel() takes effect within one mini-batch; the
 * stage is recorded as cancelled. The destructor cancels and waits, so no thread outlives the window.
 */
class ExperimentRunner : public QObject {
    Q_OBJECT

public:
    explicit ExperimentRunner(QObject* parent = nullptr);
    ~ExperimentRunner() override;

    /** Returns false with *why set when an experiment is already running. */
    bool start(const QString& configJson, const QString& databasePath, QString* why = nullptr);
    void cancel();
    bool isRunning() const { return running_; }
    bool isCancelling() const { return running_ && cancel_.cancelled(); }
    /** Cancels, then blocks until the worker has recorded the cancellation and returned. */
    void cancelAndWait();
    ExperimentWorker* worker() const { return worker_; }

Q_SIGNALS:
    void started();
    void finished(const QString& status, const QString& error, qint64 experimentId);
    void requestRun(const QString& configJson, const QString& databasePath);

private:
    QThread thread_;
    ExperimentWorker* worker_ = nullptr;
    CancelToken cancel_;
    bool running_ = false;
};

}  // namespace rd
