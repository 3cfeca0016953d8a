#include "main_window.h"
#include "core_text.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDialog>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "app_settings.h"
#include "compare_tab.h"
#include "data_tab.h"
#include "distill/method_registry.h"
#include "diversity_tab.h"
#include "experiment_runner.h"
#include "explanation_panel.h"
#include "import_dialog.h"
#include "language.h"
#include "live_tab.h"
#include "presentation_style.h"
#include "run_catalog.h"
#include "run_selection.h"
#include "runs_dock.h"
#include "setup_tab.h"
#include "store_session.h"
#include "study_catalog.h"
#include "trash_dialog.h"
#include "users_tab.h"
#include "util/torch_info.h"
#include "workbench.h"

namespace rd {

namespace {

const QString kDemo = QStringLiteral("demo");

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), workbench_(new Workbench(this)) {
    setWindowTitle(QStringLiteral("RecDistill"));
    setAcceptDrops(true);
    createTabs();
    explanation_ = new ExplanationPanel(this);
    addDockWidget(Qt::RightDockWidgetArea, explanation_);
    explanation_->hide();
    createMenus();
    createStatusBar();
    connectTabs();
    connectWorkbench();
    restoreSettings();
}

MainWindow::~MainWindow() {
    // The Runs tree goes before the model it shows; then the workbench stops the runner (a bounded
    // wait, nothing reported any more) and closes the store.
    delete runsDock_;
    runsDock_ = nullptr;
    delete workbench_;
    workbench_ = nullptr;
}

ExperimentRunner* MainWindow::runner() const {
    return workbench_->runner();
}

void MainWindow::createTabs() {
    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    dataTab_ = new DataTab;
    setupTab_ = new SetupTab;
    liveTab_ = new LiveTab;
    compareTab_ = new CompareTab;
    diversityTab_ = new DiversityTab;
    usersTab_ = new UsersTab;
    tabs_->addTab(dataTab_, tr("&Data"));
    tabs_->addTab(setupTab_, tr("&Setup"));
    tabs_->addTab(liveTab_, tr("&Live"));
    tabs_->addTab(compareTab_, tr("&Compare"));
    tabs_->addTab(diversityTab_, tr("D&iversity"));
    tabs_->addTab(usersTab_, tr("&Users"));
    setCentralWidget(tabs_);

    runsDock_ = new RunsDock(this);
    // Closable, so View ▸ Runs can hide and show it in every mode (presentation mode hides it).
    runsDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                           QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, runsDock_);
    resizeDocks({runsDock_}, {320}, Qt::Horizontal);
}

/** The tabs and the dock follow the workbench; called again for the ones a language change
 * rebuilds. */
void MainWindow::connectTabs() {
    Workbench* w = workbench_;
    ExperimentRunner* runner = w->runner();
    runsDock_->setCatalog(w->catalog());
    if (const QString path = w->databasePath(); !path.isEmpty())
        runsDock_->setWindowTitle(tr("Runs — %1").arg(QFileInfo(path).fileName()));
    usersTab_->setSession(w->session());
    connect(w, &Workbench::storeChanged, usersTab_, &UsersTab::setSession);
    // One read of the checked runs, one vector, three tabs.
    const RunSnapshots current = w->selection()->snapshots();
    compareTab_->showSnapshots(current);
    diversityTab_->showSnapshots(current);
    usersTab_->showSnapshots(current);
    connect(w, &Workbench::snapshotsReady, compareTab_, &CompareTab::showSnapshots);
    // The checked runs as a study, when they form one (read after the snapshots are asked for).
    compareTab_->showStudy(w->studies()->table());
    connect(w->studies(), &StudyCatalog::tableReady, compareTab_, &CompareTab::showStudy);
    connect(w->studies(), &StudyCatalog::tableReady, compareTab_, [this] {
        if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    });
    runsDock_->setStudies(w->studies());
    connect(runsDock_, &RunsDock::statusMessage, statusText_, &QLabel::setText);
    connect(runsDock_, &RunsDock::studyOpenRequested, this, [this](qint64 studyId) {
        workbench_->openStudy(studyId);
        tabs_->setCurrentWidget(compareTab_);
    });
    connect(w, &Workbench::snapshotsReady, diversityTab_, &DiversityTab::showSnapshots);
    connect(w, &Workbench::snapshotsReady, usersTab_, &UsersTab::showSnapshots);
    connect(w, &Workbench::snapshotsReady, compareTab_, [this] {
        if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    });

    connect(runner, &ExperimentRunner::stageStarted, liveTab_,
            [this](int index, int, const QString& stage) { liveTab_->stageStarted(index, stage); });
    connect(runner, &ExperimentRunner::epochReported, liveTab_, &LiveTab::epochReported);
    connect(runner, &ExperimentRunner::stageEvaluating, liveTab_, &LiveTab::stageEvaluating);
    connect(runner, &ExperimentRunner::logMessage, liveTab_, &LiveTab::log);
    connect(runner, &ExperimentRunner::stageFinished, liveTab_,
            [this](int, const QString& stage, const QString& status, const QString& error, qint64,
                   const QVariantMap& headline) {
                liveTab_->stageFinished(stage, status, error, headline);
            });

    connect(setupTab_, &SetupTab::runRequested, this, &MainWindow::startExperiment);
    connect(setupTab_, &SetupTab::validityChanged, this, [this](bool valid) {
        if (startAction_) startAction_->setEnabled(valid || isRunning());
    });
    connect(liveTab_, &LiveTab::cancelRequested, this, &MainWindow::cancelExperiment);
    // The status bar carries the ETA too, so it is in view from every tab.
    connect(liveTab_, &LiveTab::progressChanged, this, [this](const QString& summary) {
        if (isRunning() && !summary.isEmpty())
            statusText_->setText(tr("Running %1 — %2").arg(runningName_, summary));
    });
    connect(runsDock_, &RunsDock::rerunRequested, this, [this](const nlohmann::json& config) {
        setupTab_->setConfig(config);
        tabs_->setCurrentWidget(setupTab_);
    });
}

void MainWindow::connectWorkbench() {
    Workbench* w = workbench_;
    // An experiment moved to the trash is named in the status bar with an Undo beside it (for half
    // a minute; Edit ▸ Undo and Edit ▸ Trash stay).
    connect(w->catalog(), &RunCatalog::trashed, this,
            [this](qint64, const QString& label, int runs) {
                statusText_->setText(
                    tr("Moved %1 with its %n run(s) to the trash", "", runs).arg(label));
                undoButton_->setToolTip(tr("Bring %1 back (Ctrl+Z)").arg(label));
                undoButton_->show();
                const int shown = ++undoShown_;
                QTimer::singleShot(30000, undoButton_, [this, shown] {
                    if (shown == undoShown_) undoButton_->hide();
                });
            });
    connect(w->catalog(), &RunCatalog::trashChanged, this, &MainWindow::updateUndo);
    connect(w, &Workbench::datasetLoading, this, [this](const QString& path) {
        const QString shown =
            path == kDemo ? tr("the built-in demo data set") : QDir::toNativeSeparators(path);
        statusText_->setText(tr("Loading %1 …").arg(shown));
        dataTab_->showLoading(shown);
        updateBusy();
    });
    connect(w, &Workbench::datasetChanged, this, [this](const DatasetStats& stats) {
        lastError_.clear();
        statusText_->setText(tr("Loaded %1").arg(QString::fromStdString(stats.name)));
        setWindowTitle(tr("%1 — RecDistill").arg(QString::fromStdString(stats.name)));
        dataTab_->showStats(stats);
        // The experiment runs on the data set the window shows: set only once it loaded, so a
        // failed open leaves Setup as it was (and a restart reopens both together).
        setupTab_->setDataPath(workbench_->datasetPath());
        if (afterLoad_) std::exchange(afterLoad_, nullptr)();
        updateBusy();
        Q_EMIT datasetLoaded();
    });
    connect(w, &Workbench::datasetFailed, this, [this](const QString& message) {
        afterLoad_ = nullptr;
        lastError_ = message;
        statusText_->setText(tr("Could not open the data set"));
        dataTab_->showError(message);
        updateBusy();
        if (errorDialogs_) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the data set"),
                                        message, QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("loadErrorBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        Q_EMIT loadFailed(message);
    });

    connect(w, &Workbench::storeOpening, this, [this](const QString& path) {
        statusText_->setText(tr("Loading %1 …").arg(QDir::toNativeSeparators(path)));
        updateBusy();
    });
    connect(w, &Workbench::storeChanged, this, [this](StoreSession* session) {
        announceDatabaseFailure_ = false;
        runsDock_->setWindowTitle(tr("Runs — %1").arg(QFileInfo(session->path()).fileName()));
        // The "Loading …" line goes unless something else has been said since.
        if (statusText_->text() ==
            tr("Loading %1 …").arg(QDir::toNativeSeparators(session->path())))
            statusText_->clear();
        updateBusy();
    });
    connect(w, &Workbench::storeFailed, this, [this](const QString& path, const QString& message) {
        const QString text = tr("Could not open the run database %1: %2").arg(path, message);
        if (std::exchange(announceDatabaseFailure_, false))
            showMessage(tr("Could not open the run database"), text);
        lastError_ = text;
        statusText_->setText(text);
        updateBusy();
    });
    connect(w, &Workbench::exportFinished, this,
            [this](const QString& path, const QString& error, bool cancelled) {
                updateBusy();
                if (cancelled)
                    statusText_->setText(tr("Export cancelled; nothing was written"));
                else if (!error.isEmpty())
                    showMessage(tr("Could not export the run database"), error);
                else
                    statusText_->setText(
                        tr("Run database exported to %1").arg(QDir::toNativeSeparators(path)));
            });
    connect(w, &Workbench::importFinished, this,
            [this](const QString& path, const QString& error, int experiments, int runs,
                   bool cancelled) {
                updateBusy();
                if (cancelled)
                    statusText_->setText(tr("Import cancelled; the run database is as it was"));
                else if (!error.isEmpty())
                    showMessage(tr("Could not import the run database"), error);
                else
                    statusText_->setText(
                        tr("Imported %n experiment(s) with %1 run(s) from %2", nullptr, experiments)
                            .arg(runs)
                            .arg(QDir::toNativeSeparators(path)));
            });

    connect(w, &Workbench::experimentStarted, this,
            [this](const QString& name, const std::vector<StageInfo>& stages,
                   const QString& validMetric) {
                liveTab_->begin(stages, validMetric);
                explanation_->begin(stages);
                runningName_ = name;
                statusText_->setText(tr("Running %1 …").arg(name));
            });
    connect(w, &Workbench::studyExperimentStarted, this,
            [this](int index, int total, const QString& cell, qint64 seed,
                   const std::vector<StageInfo>& stages) {
                liveTab_->studyExperiment(index, total, cell, seed, stages);
                explanation_->begin(stages);
            });
    connect(w->runner(), &ExperimentRunner::stageStarted, this, [this](int index) {
        explanation_->stageStarted(index);
        if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    });
    connect(w, &Workbench::experimentFinished, this, &MainWindow::onExperimentFinished);
}

void MainWindow::rebuildInterface() {
    // What the user set up survives; the tabs' views are rebuilt from the workbench's state.
    nlohmann::json config = setupTab_->config();
    const int threads = setupTab_->threads();
    const int preset = setupTab_->presetIndex();
    // A name the user did not type is generated again, in the new language.
    if (!setupTab_->nameTyped()) config.erase("name");
    const int tab = tabs_->currentIndex();
    const QByteArray state = saveState();
    // clear() only detaches the menus: delete them too, or their actions' shortcuts would stay
    // registered twice (and so become ambiguous).
    for (QMenu* menu : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly))
        menu->deleteLater();
    menuBar()->clear();
    removeDockWidget(runsDock_);
    delete runsDock_;
    createTabs();  // setCentralWidget() deletes the old tabs, their connections with them
    createMenus();
    connectTabs();
    setupTab_->applyPreset(preset);
    setupTab_->setConfig(config);
    setupTab_->setThreads(threads);
    if (workbench_->hasDataset()) {
        const DatasetStats& stats = workbench_->datasetStats();
        dataTab_->showStats(stats);
        setWindowTitle(tr("%1 — RecDistill").arg(QString::fromStdString(stats.name)));
    }
    restoreState(state);
    tabs_->setCurrentIndex(tab);
    explanation_->refresh();
    // The rebuilt Compare tab starts side by side: in presentation mode it needs its tabs again
    // (a language switch while presenting left three narrow charts with large fonts).
    compareTab_->setPresentation(PresentationStyle::enabled());
    if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    statusText_->setText(tr("Language: %1")
                             .arg(Language::current() == QLatin1String("zh_CN")
                                      ? QStringLiteral("简体中文")
                                      : QStringLiteral("English")));
}

void MainWindow::updateBusy() {
    busy_->setVisible(workbench_->isLoading() || workbench_->isOpeningDatabase() ||
                      workbench_->isRunning() || workbench_->isTransferring());
    if (cancelTransfer_) cancelTransfer_->setVisible(workbench_->isTransferring());
    if (cancelAction_)
        cancelAction_->setEnabled(workbench_->isRunning() || workbench_->isTransferring());
}

// ---- experiments --------------------------------------------------------------------------------

bool MainWindow::isRunning() const {
    return workbench_ && workbench_->isRunning();
}

bool MainWindow::startExperiment() {
    QString why;
    if (isRunning()) {
        // Said where the user looks, without a dialog in the way of the running charts.
        lastError_ =
            tr("An experiment is already running: wait for it to end or cancel it (Esc) "
               "before starting another.");
        statusText_->setText(lastError_);
        return false;
    }
    {
        if (!setupTab_->isValid())
            why = tr("The experiment config is not valid: %1").arg(setupTab_->reason());
        else if (databasePath().isEmpty())
            why = tr("No run database is open.");
    }
    if (why.isEmpty() &&
        workbench_->startExperiment(setupTab_->config(), setupTab_->threads(), &why)) {
        onExperimentStarted();
        return true;
    }
    showMessage(tr("Cannot start the experiment"), why);
    return false;
}

void MainWindow::onExperimentStarted() {
    setupTab_->setRunning(true);
    cancelAction_->setEnabled(true);
    updateBusy();
    tabs_->setCurrentWidget(liveTab_);
}

void MainWindow::cancelExperiment() {
    if (!isRunning() && workbench_->isTransferring()) {  // Esc stops a copy or import too
        workbench_->cancelTransfer();
        statusText_->setText(tr("Cancelling …"));
        return;
    }
    if (!isRunning()) return;
    workbench_->cancelExperiment();
    liveTab_->cancelling();
    statusText_->setText(tr("Cancelling — the running stage stops within a mini-batch …"));
}

void MainWindow::onExperimentFinished(const QString& status, const QString& error,
                                      qint64 experimentId) {
    liveTab_->finish(status, error);
    explanation_->finish(status);
    setupTab_->setRunning(false);
    startAction_->setEnabled(setupTab_->isValid());
    cancelAction_->setEnabled(false);
    updateBusy();
    statusText_->setText(status == QLatin1String("finished")
                             ? tr("Experiment finished")
                             : tr("Experiment %1").arg(CoreText::status(status)));
    // The workbench checks the experiment's runs; Compare, Diversity and Users follow once they are
    // read.
    if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    Q_EMIT experimentFinished(status, experimentId);
}

void MainWindow::showMessage(const QString& title, const QString& text) {
    lastError_ = text;
    statusText_->setText(text);
    if (!errorDialogs_) return;
    auto* box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::createStatusBar() {
    statusText_ = new QLabel;
    statusText_->setObjectName(QStringLiteral("statusText"));
    busy_ = new QProgressBar;
    busy_->setObjectName(QStringLiteral("busyIndicator"));
    busy_->setRange(0, 0);  // no known total: an indeterminate busy indicator
    busy_->setMaximumWidth(fontMetrics().averageCharWidth() * 24);
    busy_->hide();
    cancelTransfer_ = new QToolButton;
    cancelTransfer_->setObjectName(QStringLiteral("cancelTransferButton"));
    cancelTransfer_->setText(tr("Cancel"));
    cancelTransfer_->setToolTip(
        tr("Stop the database copy or import (Esc); nothing is left of it"));
    cancelTransfer_->hide();
    connect(cancelTransfer_, &QToolButton::clicked, this, &MainWindow::cancelExperiment);
    undoButton_ = new QPushButton;
    undoButton_->setObjectName(QStringLiteral("undoTrashButton"));
    undoButton_->setFlat(true);
    undoButton_->hide();
    connect(undoButton_, &QPushButton::clicked, this, &MainWindow::undoTrash);
    statusBar()->addWidget(statusText_, 1);
    statusBar()->addPermanentWidget(undoButton_);
    statusBar()->addPermanentWidget(busy_);
    statusBar()->addPermanentWidget(cancelTransfer_);
}

bool MainWindow::undoTrash() {
    RunCatalog* catalog = workbench_->catalog();
    const QString label = catalog->undoLabel();
    return catalog->undoTrash(this, [this, label](const QString& error) {
        statusText_->setText(error.isEmpty() ? tr("Restored %1 from the trash").arg(label)
                                             : tr("Could not restore %1: %2").arg(label, error));
    });
}

TrashDialog* MainWindow::showTrash() {
    auto* dialog = new TrashDialog(workbench_->catalog(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::updateUndo() {
    RunCatalog* catalog = workbench_->catalog();
    const bool can = catalog->canUndoTrash();
    if (undoAction_) {
        undoAction_->setEnabled(can);
        undoAction_->setText(can ? tr("&Undo move to trash of %1").arg(catalog->undoLabel())
                                 : tr("&Undo move to trash"));
    }
    if (!undoButton_) return;  // the menus come before the status bar
    undoButton_->setText(tr("Undo"));
    if (!can) undoButton_->hide();
}

void MainWindow::clampToScreen() {
    // Saved at another scale factor or on a larger screen, the geometry can reach past this one:
    // shrink to the screen and move inside it, so the status bar and the Run button stay in view.
    const QRect available = screen()->availableGeometry();
    QRect g = geometry();
    if (available.contains(g)) return;
    g.setSize(g.size().boundedTo(available.size()));
    g.moveLeft(std::clamp(g.left(), available.left(), available.right() - g.width() + 1));
    g.moveTop(std::clamp(g.top(), available.top(), available.bottom() - g.height() + 1));
    setGeometry(g);
}

void MainWindow::restoreSettings() {
    if (!restoreGeometry(AppSettings::windowGeometry())) {
        // No saved geometry: a size relative to the screen instead of fixed pixels.
        const QSize available = screen()->availableGeometry().size();
        resize(available.width() * 4 / 5, available.height() * 4 / 5);
    }
    clampToScreen();
    restoreState(AppSettings::windowState());
    setupTab_->setThreads(AppSettings::threads());
    if (AppSettings::presentationMode()) setPresentationMode(true);
    workbench_->openStartupDatabase();
}

// ---- closing and dropping -----------------------------------------------------------------------

void MainWindow::askToCancelAndClose() {
    auto* box = new QMessageBox(QMessageBox::Question, tr("An experiment is running"),
                                tr("Cancel the running experiment and quit? The stage in progress "
                                   "is recorded as cancelled; finished stages are kept."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton* button) {
        if (box->standardButton(button) != QMessageBox::Yes) return;
        closeAnswer_ = 1;
        close();
        closeAnswer_ = -1;
    });
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (isRunning()) {
        if (closeAnswer_ != 1) {
            event->ignore();
            if (closeAnswer_ < 0) askToCancelAndClose();
            return;
        }
        statusText_->setText(tr("Cancelling …"));
        // Bounded: a worker that has not returned by then is left behind (the log says so) and the
        // window closes anyway.
        workbench_->cancelAndWait(ExperimentRunner::kCloseWaitMs);
    }
    // A database copy or import stops within milliseconds and leaves nothing half-written; the
    // process exit waits for its pool thread.
    workbench_->cancelTransfer();
    AppSettings::setWindowGeometry(saveGeometry());
    AppSettings::setWindowState(saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    event->acceptProposedAction();
    openDataset(urls.first().toLocalFile());
}

}  // namespace rd
