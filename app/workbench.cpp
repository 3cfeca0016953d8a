#include "workbench.h"
#include "core_text.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <utility>

#include "app_settings.h"
#include "dataset_load_job.h"
#include "experiment_runner.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "run_catalog.h"
#include "run_selection.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "store_session.h"
#include "study/study_plan.h"
#include "study_catalog.h"
#include "util/cancel_token.h"

namespace rd {

namespace {

const QString kDemo = QStringLiteral("demo");
constexpr int kDemoPaceMs = 400;  // pause after each epoch at demo pace

/** What a copy or an import hands back from its pool thread. */
struct TransferOutcome {
    QString error;
    bool cancelled = false;
    ImportSummary summary;
};

/** Runs f(RunStore&) on a global pool thread with a connection of its own (a copy may take long;
 * the session's queries go on meanwhile); every exception becomes the outcome's message. */
template <typename F>
QFuture<TransferOutcome> transfer(const QString& database, F f) {
    return QtConcurrent::run([database = QFile::encodeName(database).toStdString(), f] {
        TransferOutcome out;
        try {
            RunStore store(database);
            f(store, out);
        } catch (const Cancelled&) {
            out.cancelled = true;
        } catch (const std::exception& e) {
            out.error = CoreText::message(std::string(e.what()));
        }
        return out;
    });
}

}  // namespace

Workbench::Workbench(QObject* parent)
    : QObject(parent),
      job_(new DatasetLoadJob(this)),
      runner_(new ExperimentRunner(this)),
      catalog_(new RunCatalog(this)),
      selection_(new RunSelection(this)),
      studies_(new StudyCatalog(this)) {
    connect(job_, &DatasetLoadJob::finished, this,
            [this](const DatasetStats& stats, std::shared_ptr<const Dataset> dataset) {
                demoIfStartupFails_ = false;
                stats_ = stats;
                dataset_ = std::move(dataset);
                datasetPath_ = job_->path();
                // Saved now, not at exit, so a crash later still reopens this data set.
                AppSettings::setLastDatasetPath(job_->path());
                Q_EMIT datasetChanged(stats_);
            });
    connect(job_, &DatasetLoadJob::failed, this, [this](const QString& message) {
        Q_EMIT datasetFailed(message);
        if (demoIfStartupFails_ && !hasDataset()) {
            demoIfStartupFails_ = false;
            openDataset(kDemo);
        }
    });

    runner_->setPaceMs(AppSettings::demoPace() ? kDemoPaceMs : 0);
    connect(runner_, &ExperimentRunner::stageStarted, catalog_,
            [this](int index, int, const QString&, const QString& role, const QString& method,
                   const QString& model, qint64 experimentId) {
                catalog_->stageStarted(index, role, method, model, experimentId);
            });
    connect(runner_, &ExperimentRunner::stageFinished, catalog_,
            [this](int index, const QString&, const QString& status, const QString& error,
                   qint64 runId, const QVariantMap& headline) {
                catalog_->stageFinished(index, runId, status, error, headline);
            });
    connect(runner_, &ExperimentRunner::studyExperimentStarted, this,
            [this](int index, int total, const QString& cell, qint64 seed, const QString& name) {
                catalog_->experimentStarted(name);  // a new experiment's rows
                Q_EMIT studyExperimentStarted(index, total, cell, seed, studyStages_);
            });
    connect(runner_, &ExperimentRunner::studyFinished, this,
            [this](qint64 studyId) { finishedStudy_ = studyId; });
    connect(runner_, &ExperimentRunner::finished, this,
            [this](const QString& status, const QString& error, qint64 experimentId) {
                if (const qint64 study = std::exchange(finishedStudy_, 0)) {
                    // Every experiment of the study joins the tree, then Compare shows the study.
                    catalog_->reload();
                    studies_->reload();
                    openStudy(study);
                } else {
                    catalog_->experimentFinished(experimentId);  // re-read, then checked
                }
                Q_EMIT experimentFinished(status, error, experimentId);
            });

    connect(catalog_->model(), &RunsModel::checkedRunsChanged, selection_, &RunSelection::setRuns);
    // Ticks are remembered per database: saved as they change (not while a tree is being read),
    // given back once the database's tree is read, so Compare is not empty after a restart.
    connect(catalog_->model(), &RunsModel::checkedRunsChanged, this,
            [this](const QList<qint64>& runIds) {
                if (checksRestored_ && !catalog_->isLoading() && !databasePath().isEmpty())
                    AppSettings::setCheckedRuns(databasePath(), runIds);
            });
    connect(catalog_, &RunCatalog::loaded, this, [this](const QString& error) {
        if (!error.isEmpty() || databasePath().isEmpty()) return;
        const QList<qint64> saved = AppSettings::checkedRuns(databasePath());
        if (!checksRestored_ && !saved.isEmpty() && catalog_->model()->checkedRuns().isEmpty())
            catalog_->model()->setCheckedRuns(saved);
        checksRestored_ = true;
    });
    connect(selection_, &RunSelection::runsChanged, this, &Workbench::selectionChanged);
    connect(selection_, &RunSelection::snapshotsReady, this, &Workbench::snapshotsReady);
    connect(selection_, &RunSelection::runsChanged, studies_, &StudyCatalog::followRuns);
}

Workbench::~Workbench() {
    // Views may still be connected; nothing the runner says while it stops should reach them.
    disconnect(runner_, nullptr, nullptr, nullptr);
    delete runner_;  // cancels and waits (bounded) before the sessions go
    runner_ = nullptr;
}

// ---- data set
// -------------------------------------------------------------------------------------

void Workbench::openStartupDataset() {
    const QString last = AppSettings::lastDatasetPath();
    const bool usable = !last.isEmpty() && (last == kDemo || QFileInfo::exists(last));
    demoIfStartupFails_ = usable && last != kDemo;
    openDataset(usable ? last : kDemo);
}

void Workbench::openDataset(const QString& path, const LoadOptions& options) {
    Q_EMIT datasetLoading(path);
    job_->start(path, options);
}

bool Workbench::isLoading() const {
    return job_->isRunning();
}

// ---- run database
// ---------------------------------------------------------------------------------

void Workbench::openStartupDatabase() {
    const QString saved = AppSettings::databasePath();
    const QString fallback = QString::fromStdString(RunStore::defaultPath());
    defaultIfStartupFails_ = !saved.isEmpty() && saved != fallback;
    openDatabase(saved.isEmpty() ? fallback : saved);
}

void Workbench::openDatabase(const QString& path) {
    checksRestored_ = false;  // the next tree read gives this database's ticks back
    delete pending_;          // superseded: its results are dropped
    auto* session = new StoreSession(path, this);
    pending_ = session;
    connect(session, &StoreSession::opened, this, [this, session](int recovered) {
        if (session == pending_) adopt(session, recovered);
    });
    connect(session, &StoreSession::failed, this, [this, session, path](const QString& message) {
        if (session != pending_) return;
        pending_ = nullptr;
        session->deleteLater();
        Q_EMIT storeFailed(path, CoreText::message(message));
        if (defaultIfStartupFails_) {
            defaultIfStartupFails_ = false;
            openDatabase(QString::fromStdString(RunStore::defaultPath()));
        }
    });
    Q_EMIT storeOpening(path);
}

void Workbench::adopt(StoreSession* session, int recovered) {
    defaultIfStartupFails_ = false;
    pending_ = nullptr;
    StoreSession* old = session_;
    session_ = session;
    AppSettings::setDatabasePath(session->path());
    catalog_->setSession(session_);
    selection_->setSession(session_);
    studies_->setSession(session_);
    Q_EMIT storeChanged(session_, recovered);
    delete old;  // every view has let go of it by now
}

QString Workbench::databasePath() const {
    if (pending_) return pending_->path();
    return session_ ? session_->path() : QString();
}

bool Workbench::exportDatabase(const QString& path) {
    if (transferring_ || !session_) return false;
    transferring_ = true;
    transferCancel_ = std::make_shared<CancelToken>();
    auto* watcher = new QFutureWatcher<TransferOutcome>(this);
    connect(watcher, &QFutureWatcher<TransferOutcome>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        transferring_ = false;
        const TransferOutcome out = watcher->result();
        Q_EMIT exportFinished(path, out.error, out.cancelled);
    });
    const std::string target = QFile::encodeName(path).toStdString();
    watcher->setFuture(transfer(
        session_->path(), [target, cancel = transferCancel_](RunStore& store, TransferOutcome&) {
            store.exportTo(target, cancel.get());
        }));
    return true;
}

void Workbench::cancelTransfer() {
    if (transferring_ && transferCancel_) transferCancel_->cancel();
}

bool Workbench::importDatabase(const QString& path) {
    if (transferring_ || !session_) return false;
    transferring_ = true;
    transferCancel_ = std::make_shared<CancelToken>();
    auto* watcher = new QFutureWatcher<TransferOutcome>(this);
    connect(watcher, &QFutureWatcher<TransferOutcome>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        transferring_ = false;
        const TransferOutcome out = watcher->result();
        if (out.error.isEmpty() && !out.cancelled) {  // other experiments (and studies) joined
            catalog_->reload();
            studies_->reload();
        }
        Q_EMIT importFinished(path, out.error, static_cast<int>(out.summary.experimentIds.size()),
                              static_cast<int>(out.summary.runs), out.cancelled);
    });
    const std::string source = QFile::encodeName(path).toStdString();
    watcher->setFuture(transfer(session_->path(), [source, cancel = transferCancel_](
                                                      RunStore& store, TransferOutcome& out) {
        out.summary = store.importFrom(source, cancel.get());
    }));
    return true;
}

// ---- experiment
// -----------------------------------------------------------------------------------

bool Workbench::startExperiment(const nlohmann::json& json, int threads, QString* why) {
    if (runner_->isRunning())
        return runner_->start(QString(), QString(), why);  // refuses, saying why
    ExperimentConfig config;
    studyStages_.clear();
    try {
        if (json.is_object() && json.contains("study")) {
            const StudyPlan plan = StudyPlan::fromJson(json);  // every cell, before any work
            config = plan.experiments.front().config;
            studyStages_ = plannedStages(config);
        } else {
            config = ExperimentConfig::fromJson(json);
        }
    } catch (const std::exception& e) {
        if (why) *why = CoreText::message(std::string(e.what()));
        return false;
    }
    AppSettings::setThreads(threads);
    const QString name = QString::fromStdString(config.name);
    finishedStudy_ = 0;
    catalog_->experimentStarted(name);
    Q_EMIT experimentStarted(name, plannedStages(config),
                             QString::fromStdString(config.train.validMetric));
    return runner_->start(QString::fromStdString(json.dump()), databasePath(), why);
}

void Workbench::cancelExperiment() {
    runner_->cancel();
}

bool Workbench::isRunning() const {
    return runner_ && runner_->isRunning();
}

bool Workbench::cancelAndWait(int timeoutMs) {
    return runner_->cancelAndWait(timeoutMs);
}

void Workbench::setDemoPace(bool on) {
    runner_->setPaceMs(on ? kDemoPaceMs : 0);
    AppSettings::setDemoPace(on);
}

bool Workbench::demoPace() const {
    return runner_->paceMs() > 0;
}

void Workbench::openStudy(qint64 studyId) {
    studies_->readRuns(studyId, this, [this](const QList<qint64>& runIds) {
        if (!runIds.isEmpty()) catalog_->model()->setCheckedRuns(runIds);
    });
}

RunsModel* Workbench::runsModel() const {
    return catalog_->model();
}

}  // namespace rd
