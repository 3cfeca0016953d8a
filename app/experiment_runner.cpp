#include "experiment_runner.h"

#include "experiment_worker.h"

namespace rd {

ExperimentRunner::ExperimentRunner(QObject* parent) : QObject(parent) {
    thread_.setObjectName(QStringLiteral("experiment worker"));
    worker_ = new ExperimentWorker(&cancel_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(this, &ExperimentRunner::requestRun, worker_, &ExperimentWorker::run, Qt::QueuedConnection);
    connect(worker_, &ExperimentWorker::experimentFinished, this,
            [this](const QString& status, const QString& error, qint64 experimentId) {
                running_ = false;
                Q_EMIT finished(status, error, experimentId);
            });
    thread_.start();
}

ExperimentRunner::~ExperimentRunner() {
    cancel_.cancel();
    thread_.quit();
    thread_.wait();
}

bool ExperimentRunner::start(const QString& configJson, const QString& databasePath, QString* why) {
    if (running_) {
        if (why)
            *why = tr("An experiment is already running. Wait for it to finish or cancel it first.");
        return false;
    }
    cancel_.reset();
    running_ = true;
    Q_EMIT started();
    Q_EMIT requestRun(configJson, databasePath);
    return true;
}

void ExperimentRunner::cancel() {
    if (running_) cancel_.cancel();
}

void ExperimentRunner::cancelAndWait() {
    if (!running_) return;
    cancel_.cancel();
    // The worker's run() returns once the cancellation is recorded; quitting the thread then waits
    // for exactly that. A fresh thread serves later runs (none: this is the close path).
    thread_.quit();
    thread_.wait();
    running_ = false;
}

}  // namespace rd
