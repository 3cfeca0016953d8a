#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

#include "data/dataset.h"
#include "data/dataset_stats.h"
#include "data/load_options.h"
#include "workbench.h"

class QLabel;
class QProgressBar;
class QToolButton;
class QPushButton;
class QTabWidget;

namespace rd {

class CompareTab;
class DataTab;
class DiversityTab;
class ExplanationPanel;
class ExperimentRunner;
class ImportDialog;
class LiveTab;
class RunsDock;
class SetupTab;
class TrashDialog;
class UsersTab;

/**
 * The main window assembles: the menus, the status bar, the Runs dock, the explanation panel and a
 * tab per task (Data, Setup, Live, Compare, Diversity, Users), and wires them to the Workbench,
 * which holds the application's state (data set, run database, runs and their selection, the
 * experiment runner). Its dialogs are window-modal without nested event loops (open(), not exec()).
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Workbench* workbench() const { return workbench_; }
    ExperimentRunner* runner() const;

    /** Opens the last data set when it still exists, else the built-in demo. */
    void openStartupDataset() { workbench_->openStartupDataset(); }
    /** Starts loading in the background; datasetLoaded() or loadFailed() follows. */
    void openDataset(const QString& path, const LoadOptions& options = {}) {
        workbench_->openDataset(path, options);
    }
    /** Opens (non-modal) the import dialog for a delimited file; OK loads it through openDataset()
     * with the dialog's mapping and points the Setup tab at it (with the rating threshold). */
    ImportDialog* importDelimited(const QString& path);
    bool isLoading() const { return workbench_->isLoading(); }
    bool hasDataset() const { return workbench_->hasDataset(); }
    const DatasetStats& currentStats() const { return workbench_->datasetStats(); }
    std::shared_ptr<const Dataset> currentDataset() const { return workbench_->dataset(); }

    /** Starts opening (or creating) a run database; the one open stays in use until it is ready. */
    bool openDatabase(const QString& path) {
        workbench_->openDatabase(path);
        return true;
    }
    QString databasePath() const { return workbench_->databasePath(); }
    /** Starts a copy of the open run database (with its checkpoints) at path, in the background;
     * false when none can start now. The status line reports the outcome
     * (Workbench::exportFinished). */
    bool exportDatabase(const QString& path);
    /** Starts merging another run database into the open one, in the background. */
    bool importDatabase(const QString& path);

    /** Starts the Setup tab's experiment; false (with a message) when invalid or one is running. */
    bool startExperiment();
    void cancelExperiment();
    bool isRunning() const;
    /** Tests answer the "cancel the running experiment?" question on close with this. */
    void setCloseAnswer(bool cancelAndClose) { closeAnswer_ = cancelAndClose ? 1 : 0; }
    /** Tests turn the error message boxes off; the errors still show in the status line. */
    void setErrorDialogsEnabled(bool enabled) { errorDialogs_ = enabled; }
    QString lastError() const { return lastError_; }
    /** Classroom mode: larger fonts and lines (PresentationStyle), the explanation panel shown. */
    void setPresentationMode(bool on);

    QTabWidget* tabs() const { return tabs_; }
    DataTab* dataTab() const { return dataTab_; }
    SetupTab* setupTab() const { return setupTab_; }
    LiveTab* liveTab() const { return liveTab_; }
    CompareTab* compareTab() const { return compareTab_; }
    DiversityTab* diversityTab() const { return diversityTab_; }
    UsersTab* usersTab() const { return usersTab_; }
    RunsDock* runsDock() const { return runsDock_; }
    /** Edit ▸ Undo (Ctrl+Z) and the status bar's Undo: the experiment moved to the trash last
     * comes back; false when there is none. */
    bool undoTrash();
    QAction* undoAction() const { return undoAction_; }
    QPushButton* undoButton() const { return undoButton_; }
    /** Edit ▸ Trash…: the trashed experiments, to restore or delete for good (non-modal). */
    TrashDialog* showTrash();
    ExplanationPanel* explanationPanel() const { return explanation_; }

Q_SIGNALS:
    void datasetLoaded();
    void loadFailed(const QString& message);
    void experimentFinished(const QString& status, qint64 experimentId);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createTabs();
    void connectTabs();
    void connectWorkbench();
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    /** Moves and shrinks the window into the available area of its screen. */
    void clampToScreen();
    /** Builds menus, tabs and the Runs dock again (after a language change), keeping the setup. */
    void rebuildInterface();
    void updateBusy();
    void showMessage(const QString& title, const QString& text);
    void updateUndo();
    enum PathMode { OpenFile, SaveFile, OpenFolder };
    /** A file chooser without a nested event loop: then(path) follows when the user picks one. */
    void askForPath(const QString& title, const QString& start, const QString& filter,
                    PathMode mode, const std::function<void(const QString&)>& then);
    QString startDirectory() const;
    void chooseDatabase(bool create);
    void chooseLanguage(const QString& code);
    void showMethods();
    void showAbout();
    void onExperimentStarted();
    void onExperimentFinished(const QString& status, const QString& error, qint64 experimentId);
    void askToCancelAndClose();

    Workbench* workbench_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DataTab* dataTab_ = nullptr;
    SetupTab* setupTab_ = nullptr;
    LiveTab* liveTab_ = nullptr;
    CompareTab* compareTab_ = nullptr;
    DiversityTab* diversityTab_ = nullptr;
    UsersTab* usersTab_ = nullptr;
    RunsDock* runsDock_ = nullptr;
    ExplanationPanel* explanation_ = nullptr;
    QAction* startAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* presentationAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QLabel* statusText_ = nullptr;
    QPushButton* undoButton_ = nullptr;
    int undoShown_ = 0;  ///< bumped per trashed experiment: older timers leave the button alone
    QProgressBar* busy_ = nullptr;
    QToolButton* cancelTransfer_ = nullptr;  ///< beside busy_ while a copy or import runs
    QString lastError_;
    std::function<void()> afterLoad_;  ///< what an import sets once its file has loaded
    QString runningName_;              ///< the running experiment's name, for the status bar
    int dockWidth_ = 320;              ///< the Runs dock's width before presentation mode hid it
    int closeAnswer_ = -1;             // -1: ask the user
    bool errorDialogs_ = true;
    bool announceDatabaseFailure_ = false;
};

}  // namespace rd
