#include "experiment_runner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <atomic>

namespace rd {

namespace {

std::atomic<int> abandoned{0};

}  // namespace

ExperimentRunner::ExperimentRunner(QObject* parent) : QObject(parent) {
    createWorker();
}

ExperimentRunner::~ExperimentRunner() {
    if (running_) cancelAndWait(kCloseWaitMs);
    // Idle now (or a fresh worker after one was left behind): its event loop ends at once.
    thread_->quit();
    thread_->wait();
    delete thread_;
}

void ExperimentRunner::createWorker() {
    cancel_ = std::make_shared<CancelToken>();
    thread_ = new QThread;
    thread_->setObjectName(QStringLiteral("experiment worker"));
    worker_ = new ExperimentWorker(cancel_);
    worker_->setPaceMs(paceMs_);
    worker_->moveToThread(thread_);
    // The worker goes with its thread (deferred deletes run as the thread finishes).
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    // Every connection has this runner as receiver, so the worker's last signals are events posted
    // to it, which cancelAndWait() can deliver at once.
    connect(worker_, &ExperimentWorker::stageStarted, this, &ExperimentRunner::stageStarted);
    connect(worker_, &ExperimentWorker::epochReported, this, &ExperimentRunner::epochReported);
    connect(worker_, &ExperimentWorker::stageEvaluating, this, &ExperimentRunner::stageEvaluating);
    connect(worker_, &ExperimentWorker::stageFinished, this, &ExperimentRunner::stageFinished);
    connect(worker_, &ExperimentWorker::logMessage, this, &ExperimentRunner::logMessage);
    connect(worker_, &ExperimentWorker::studyExperimentStarted, this,
            &ExperimentRunner::studyExperimentStarted);
    connect(worker_, &ExperimentWorker::studyFinished, this, &ExperimentRunner::studyFinished);
    connect(worker_, &ExperimentWorker::experimentFinished, this,
            [this](const QString& status, const QString& error, qint64 experimentId) {
                running_ = false;
                Q_EMIT finished(status, error, experimentId);
            });
    thread_->start();
}

bool ExperimentRunner::start(const QString& configJson, const QString& databasePath, QString* why) {
    if (running_) {
        if (why)
            *why =
                tr("An experiment is already running. Wait for it to finish or cancel it first.");
        return false;
    }
    cancel_->reset();
    worker_->setPipeline(pipeline_);  // idle until the run below arrives, which happens after this
    running_ = true;
    Q_EMIT started();
    ExperimentWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker, [worker, configJson, databasePath] { worker->run(configJson, databasePath); },
        Qt::QueuedConnection);
    return true;
}

void ExperimentRunner::cancel() {
    if (running_) cancel_->cancel();
}

bool ExperimentRunner::cancelAndWait(int timeoutMs) {
    if (!running_) return true;
    cancel_->cancel();
    // run() returns once the cancellation is recorded; the quit then ends the thread's event loop.
    thread_->quit();
    if (thread_->wait(QDeadlineTimer(timeoutMs))) {
        // Its last signals are queued to this object: deliver them now, in order (finished()
        // included).
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
        running_ = false;
        delete thread_;  // finished; the worker was deleted with it
        createWorker();
        return true;
    }
    abandonWorker(timeoutMs);
    createWorker();
    running_ = false;
    Q_EMIT finished(QStringLiteral("cancelled"), QString(), 0);
    return false;
}

void ExperimentRunner::abandonWorker(int waitedMs) {
    qWarning(
        "RecDistill: the experiment worker did not stop within %d ms of the cancel; leaving it "
        "behind "
        "(if the process ends first, its running stage is marked 'interrupted' when the run "
        "database is "
        "next opened)",
        waitedMs);
    // Nothing from it reaches this runner any more; the thread and worker delete themselves if the
    // run ever returns while the process lives.
    disconnect(worker_, nullptr, this, nullptr);
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    ++abandoned;
    // Counted until its thread ends (this runs on that thread, so no receiver: a direct call).
    connect(thread_, &QThread::finished, [] { --abandoned; });
    connect(thread_, &QThread::finished, thread_, &QObject::deleteLater);
    thread_ = nullptr;
    worker_ = nullptr;
}

void ExperimentRunner::setPaceMs(int ms) {
    paceMs_ = ms;
    worker_->setPaceMs(ms);  // atomic: safe while it runs
}

void ExperimentRunner::setPipeline(PipelineFunction pipeline) {
    pipeline_ = std::move(pipeline);  // handed to the worker at the next start()
}

int ExperimentRunner::abandonedWorkers() {
    return abandoned.load();
}

}  // namespace rd
