#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "data/dataset_stats.h"
#include "data/load_options.h"
#include "pipeline/stage_result.h"
#include "run_snapshot.h"

namespace rd {

class CancelToken;
class DatasetLoadJob;
class ExperimentRunner;
class RunCatalog;
class RunSelection;
class RunsModel;
class StoreSession;
class StudyCatalog;

/**
 * The application's state without any widget: the open data set and the job that loads the next
 * one, the run database (its session: a connection on a thread of its own), the Runs model and the
 * runs checked for comparison with their snapshots, and the experiment runner. It remembers the
 * last data set, database, thread count and demo pace (AppSettings). Views subscribe to its
 * signals; nothing here blocks the GUI thread on the store or the engine (closing waits a bounded
 * time, see cancelAndWait()).
 */
class Workbench : public QObject {
    Q_OBJECT

public:
    explicit Workbench(QObject* parent = nullptr);
    ~Workbench() override;

    // ---- data set
    // ---------------------------------------------------------------------------------
    /** The last data set when it still exists, else the built-in demo (also when the last one
     * fails). */
    void openStartupDataset();
    /** Loads in the background; datasetChanged() or datasetFailed() follows. path may be "demo". */
    void openDataset(const QString& path, const LoadOptions& options = {});
    bool isLoading() const;
    bool hasDataset() const { return dataset_ != nullptr; }
    /** The path the open data set was loaded from ("demo" for the built-in one). */
    QString datasetPath() const { return datasetPath_; }
    const DatasetStats& datasetStats() const { return stats_; }
    std::shared_ptr<const Dataset> dataset() const { return dataset_; }

    // ---- run database
    // -----------------------------------------------------------------------------
    /** The database opened last when it opens, else the default one. */
    void openStartupDatabase();
    /** Opens (or creates) path on the session's thread; storeChanged() or storeFailed() follows,
     * and until then the database open before stays in use. A newer request supersedes a pending
     * one. */
    void openDatabase(const QString& path);
    /** The database in use, or the one being opened. */
    QString databasePath() const;
    bool isOpeningDatabase() const { return pending_ != nullptr; }
    StoreSession* session() const { return session_; }
    /** A consistent copy of the database with its checkpoint files (RunStore::exportTo) on a pool
     * thread with a connection of its own; exportFinished() follows. False when a copy or import is
     * running. */
    bool exportDatabase(const QString& path);
    /** Merges another run database into this one (RunStore::importFrom) on a pool thread, then
     * reads the Runs tree again; importFinished() follows. False when a copy or import is running.
     */
    bool importDatabase(const QString& path);
    bool isTransferring() const { return transferring_; }
    /** Stops the running copy or import within milliseconds (RunStore's cancel): nothing is left
     * of a copy, the store is as it was before an import; the finished signal says cancelled. */
    void cancelTransfer();

    // ---- experiment
    // -------------------------------------------------------------------------------
    /** Starts config on the worker thread, recording into databasePath(); false with *why
     * otherwise. A config with "study" runs the study (every seed and cell); it is then opened in
     * Compare. */
    bool startExperiment(const nlohmann::json& config, int threads, QString* why);
    void cancelExperiment();
    bool isRunning() const;
    /** Closing: cancels and waits at most timeoutMs (see ExperimentRunner::cancelAndWait). */
    bool cancelAndWait(int timeoutMs);
    ExperimentRunner* runner() const { return runner_; }
    void setDemoPace(bool on);
    bool demoPace() const;

    // ---- runs
    // -------------------------------------------------------------------------------------
    RunCatalog* catalog() const { return catalog_; }
    RunsModel* runsModel() const;
    RunSelection* selection() const { return selection_; }
    /** The studies of the store, and the table of the one the checked runs belong to. */
    StudyCatalog* studies() const { return studies_; }
    /** Checks every run of the study, so Compare shows it as a study. */
    void openStudy(qint64 studyId);

Q_SIGNALS:
    void datasetLoading(const QString& path);
    void datasetChanged(const rd::DatasetStats& stats);
    void datasetFailed(const QString& message);
    void storeOpening(const QString& path);
    /** A database is open and in use (the Runs tree is being read); recovered: runs a dead process
     * left 'running', now 'interrupted'. */
    void storeChanged(rd::StoreSession* session, int recovered);
    void storeFailed(const QString& path, const QString& message);
    /** cancelled: stopped by cancelTransfer(), nothing written (error is then empty). */
    void exportFinished(const QString& path, const QString& error, bool cancelled);
    /** experiments and runs: how many the import added. */
    void importFinished(const QString& path, const QString& error, int experiments, int runs,
                        bool cancelled);
    void experimentStarted(const QString& name, const std::vector<rd::StageInfo>& stages,
                           const QString& validMetric);
    void experimentFinished(const QString& status, const QString& error, qint64 experimentId);
    /** A study's experiment index (0-based) of total starts (its stages as experimentStarted's). */
    void studyExperimentStarted(int index, int total, const QString& cell, qint64 seed,
                                const std::vector<rd::StageInfo>& stages);
    /** The runs checked for comparison; snapshotsReady() follows once they are read. */
    void selectionChanged(const QList<qint64>& runIds);
    void snapshotsReady(const rd::RunSnapshots& snapshots);

private:
    void adopt(StoreSession* session, int recovered);

    DatasetLoadJob* job_ = nullptr;
    std::shared_ptr<const Dataset> dataset_;
    DatasetStats stats_;
    QString datasetPath_;
    bool checksRestored_ = false;  ///< the open database's remembered ticks were given back
    bool demoIfStartupFails_ = false;

    StoreSession* session_ = nullptr;
    StoreSession* pending_ = nullptr;
    bool defaultIfStartupFails_ = false;
    bool transferring_ = false;
    std::shared_ptr<CancelToken> transferCancel_;  ///< the running copy's or import's

    ExperimentRunner* runner_ = nullptr;
    RunCatalog* catalog_ = nullptr;
    RunSelection* selection_ = nullptr;
    StudyCatalog* studies_ = nullptr;
    std::vector<StageInfo> studyStages_;  ///< each experiment of the running study
    qint64 finishedStudy_ = 0;            ///< opened in Compare once the run ends
};

}  // namespace rd
