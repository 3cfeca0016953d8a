#pragma once

#include <QMainWindow>

#include <memory>

#include "data/dataset.h"
#include "data/dataset_stats.h"
#include "data/load_options.h"

class QLabel;
class QProgressBar;
class QTabWidget;

namespace rd {

class CompareTab;
class DataTab;
class DatasetLoadJob;
class DiversityTab;
class ExplanationPanel;
class ImportDialog;
class ExperimentRunner;
class LiveTab;
class RunStore;
class RunsDock;
class SetupTab;
class UsersTab;

/**
 * The main window only assembles: the menus, the status bar, the Runs dock and a tab per task (Data,
 * Setup, Live, Compare, Diversity, Users). It owns the open data set and the job that loads the next one,
 * the GUI thread's run-store connection and the experiment runner (one experiment at a time, on its
 * worker thread), and remembers geometry, the last data set, the last run database and the thread
 * count in QSettings ("RecDistill", "RecDistill").
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /** Opens the last data set when it still exists, else the built-in demo. */
    void openStartupDataset();
    /** Starts loading in the background; datasetLoaded() or loadFailed() follows. */
    void openDataset(const QString& path, const LoadOptions& options = {});
    /** Opens (non-modal) the import dialog for a delimited file; OK loads it through openDataset()
     * with the dialog's mapping and points the Setup tab at it (with the rating threshold). */
    ImportDialog* importDelimited(const QString& path);

    bool isLoading() const;
    bool hasDataset() const { return dataset_ != nullptr; }
    const DatasetStats& currentStats() const { return stats_; }
    std::shared_ptr<const Dataset> currentDataset() const { return dataset_; }
    QString lastError() const { return lastError_; }
    QTabWidget* tabs() const { return tabs_; }
    DataTab* dataTab() const { return dataTab_; }
    SetupTab* setupTab() const { return setupTab_; }
    LiveTab* liveTab() const { return liveTab_; }
    CompareTab* compareTab() const { return compareTab_; }
    DiversityTab* diversityTab() const { return diversityTab_; }
    UsersTab* usersTab() const { return usersTab_; }
    RunsDock* runsDock() const { return runsDock_; }
    ExperimentRunner* runner() const { return runner_; }
    RunStore* store() const { return store_.get(); }
    /** A consistent copy of the open run database (with its checkpoints) at path; false with a message. */
    bool exportDatabase(const QString& path);

    /** Opens (or creates) a run database for the GUI; false with lastError() set when refused. */
    bool openDatabase(const QString& path);
    QString databasePath() const { return databasePath_; }
    /** Starts the Setup tab's experiment; false (with a message) when invalid or one is running. */
    bool startExperiment();
    void cancelExperiment();
    bool isRunning() const;
    /** Tests answer the "cancel the running experiment?" question on close with this. */
    void setCloseAnswer(bool cancelAndClose) { closeAnswer_ = cancelAndClose ? 1 : 0; }
    /** Tests turn the error message box off; the error still shows in the Data tab. */
    void setErrorDialogsEnabled(bool enabled) { errorDialogs_ = enabled; }

Q_SIGNALS:
    void datasetLoaded();
    void loadFailed(const QString& message);
    void experimentFinished(const QString& status, qint64 experimentId);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createTabs();
    void connectRunner();
    void connectLiveTab();
    /** Builds menus, tabs and the Runs dock again (after a language change), keeping the setup. */
    void rebuildInterface();
    void onExperimentFinished(const QString& status, const QString& error, qint64 experimentId);
    void chooseDatabase(bool create);
    void showMethods();
    void chooseLanguage(const QString& code);
public:
    /** Classroom mode: larger fonts and lines (PresentationStyle), the explanation panel shown. */
    void setPresentationMode(bool on);
    ExplanationPanel* explanationPanel() const { return explanation_; }

private:
    void showMessage(const QString& title, const QString& text);
    void exportDatabaseCopy();
    void createStatusBar();
    void restoreSettings();
    void chooseFile();
    void chooseFolder();
    void chooseDelimitedFile();
    void showAbout();
    void onLoaded(const DatasetStats& stats, std::shared_ptr<const Dataset> dataset);
    void onFailed(const QString& message);
    QString startDirectory() const;

    QTabWidget* tabs_ = nullptr;
    DataTab* dataTab_ = nullptr;
    SetupTab* setupTab_ = nullptr;
    LiveTab* liveTab_ = nullptr;
    CompareTab* compareTab_ = nullptr;
    DiversityTab* diversityTab_ = nullptr;
    UsersTab* usersTab_ = nullptr;
    RunsDock* runsDock_ = nullptr;
    ExperimentRunner* runner_ = nullptr;
    std::unique_ptr<RunStore> store_;
    QString databasePath_;
    QAction* startAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* presentationAction_ = nullptr;
    ExplanationPanel* explanation_ = nullptr;
    int closeAnswer_ = -1;  // -1: ask the user
    DatasetLoadJob* job_ = nullptr;
    QLabel* statusText_ = nullptr;
    QProgressBar* busy_ = nullptr;

    std::shared_ptr<const Dataset> dataset_;
    DatasetStats stats_;
    QString lastError_;
    bool errorDialogs_ = true;
    bool demoIfStartupFails_ = false;
};

}  // namespace rd
