#include "main_window.h"
#include "core_text.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
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
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QDialog>

#include <QDockWidget>
#include <QTextBrowser>
#include <QTimer>

#include <exception>
#include <utility>

#include <nlohmann/json.hpp>

#include "compare_tab.h"
#include "data_tab.h"
#include "dataset_load_job.h"
#include "distill/method_registry.h"
#include "diversity_tab.h"
#include "experiment_runner.h"
#include "experiment_worker.h"
#include "explanation_panel.h"
#include "import_dialog.h"
#include "language.h"
#include "live_tab.h"
#include "presentation_style.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "runs_dock.h"
#include "setup_tab.h"
#include "users_tab.h"
#include "store/run_store.h"
#include "util/torch_info.h"

namespace rd {

namespace {

const QString kDemo = QStringLiteral("demo");
const QString kOrganization = QStringLiteral("RecDistill");
const QString kApplication = QStringLiteral("RecDistill");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastPathKey = QStringLiteral("data/lastPath");
const QString kDatabaseKey = QStringLiteral("store/path");
const QString kThreadsKey = QStringLiteral("train/threads");
const QString kPresentationKey = QStringLiteral("view/presentation");
const QString kDemoPaceKey = QStringLiteral("run/demoPace");
constexpr int kDemoPaceMs = 400;  // pause after each epoch at demo pace

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("RecDistill"));
    setAcceptDrops(true);

    createTabs();

    job_ = new DatasetLoadJob(this);
    connect(job_, &DatasetLoadJob::finished, this, &MainWindow::onLoaded);
    connect(job_, &DatasetLoadJob::failed, this, &MainWindow::onFailed);

    runner_ = new ExperimentRunner(this);
    explanation_ = new ExplanationPanel(this);
    addDockWidget(Qt::RightDockWidgetArea, explanation_);
    explanation_->hide();
    connectRunner();
    createMenus();
    createStatusBar();
    restoreSettings();
}

MainWindow::~MainWindow() {
    // The runner's destructor cancels and waits; it must finish before the store it reports to goes.
    delete runner_;
    runner_ = nullptr;
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
    runsDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, runsDock_);
    resizeDocks({runsDock_}, {320}, Qt::Horizontal);

    connect(setupTab_, &SetupTab::runRequested, this, &MainWindow::startExperiment);
    connect(setupTab_, &SetupTab::validityChanged, this,
            [this](bool valid) { if (startAction_) startAction_->setEnabled(valid && !isRunning()); });
    connect(liveTab_, &LiveTab::cancelRequested, this, &MainWindow::cancelExperiment);
    connect(runsDock_, &RunsDock::selectionChanged, compareTab_, &CompareTab::showRuns);
    connect(runsDock_, &RunsDock::selectionChanged, diversityTab_, &DiversityTab::showRuns);
    connect(runsDock_, &RunsDock::selectionChanged, usersTab_, &UsersTab::showRuns);
    connect(runsDock_, &RunsDock::selectionChanged, this, [this] {
        if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    });
    connect(runsDock_, &RunsDock::rerunRequested, this, [this](const nlohmann::json& config) {
        if (!config.is_object()) return;
        setupTab_->setConfig(config);
        tabs_->setCurrentWidget(setupTab_);
    });
}

void MainWindow::connectRunner() {
    ExperimentWorker* w = runner_->worker();
    connect(w, &ExperimentWorker::stageStarted, this,
            [this](int index, int, const QString& stage) {
                liveTab_->stageStarted(index, stage);
                explanation_->stageStarted(index);
                runsDock_->refresh();  // the new run appears as running
                if (PresentationStyle::enabled()) PresentationStyle::apply(this);
            });
    connectLiveTab();
    connect(w, &ExperimentWorker::stageFinished, this,
            [this](const QString& stage, const QString& status, const QString& error, qint64,
                   const QVariantMap& headline) {
                liveTab_->stageFinished(stage, status, error, headline);
                runsDock_->refresh();
            });
    connect(runner_, &ExperimentRunner::finished, this, &MainWindow::onExperimentFinished);
}

void MainWindow::connectLiveTab() {
    ExperimentWorker* w = runner_->worker();
    connect(w, &ExperimentWorker::epochReported, liveTab_, &LiveTab::epochReported);
    connect(w, &ExperimentWorker::stageEvaluating, liveTab_, &LiveTab::stageEvaluating);
    connect(w, &ExperimentWorker::logMessage, liveTab_, &LiveTab::log);
}

void MainWindow::rebuildInterface() {
    // What the user set up survives; the tabs' views are rebuilt from the open data set and the store.
    const nlohmann::json config = setupTab_->config();
    const int threads = setupTab_->threads();
    const int tab = tabs_->currentIndex();
    const QList<qint64> checked = runsDock_->checkedRuns();
    const QByteArray state = saveState();
    // clear() only detaches the menus: delete them too, or their actions' shortcuts would stay
    // registered twice (and so become ambiguous).
    for (QMenu* menu : menuBar()->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)) menu->deleteLater();
    menuBar()->clear();
    removeDockWidget(runsDock_);
    delete runsDock_;
    runsDock_ = nullptr;
    createTabs();  // setCentralWidget() deletes the old tabs, their connections with them
    connectLiveTab();
    createMenus();
    setupTab_->setConfig(config);
    setupTab_->setThreads(threads);
    if (dataset_) {
        dataTab_->showStats(stats_);
        setWindowTitle(tr("%1 — RecDistill").arg(QString::fromStdString(stats_.name)));
    }
    if (store_) {
        compareTab_->setStore(store_.get());
        diversityTab_->setStore(store_.get());
        usersTab_->setStore(store_.get());
        runsDock_->setStore(store_.get());
        runsDock_->setWindowTitle(tr("Runs — %1").arg(QFileInfo(databasePath_).fileName()));
        if (!checked.isEmpty())
            if (const auto run = store_->run(checked.first())) runsDock_->selectExperiment(run->experimentId);
    }
    restoreState(state);
    tabs_->setCurrentIndex(tab);
    explanation_->refresh();
    if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    statusText_->setText(tr("Language: %1").arg(Language::current() == QLatin1String("zh_CN")
                                                      ? QStringLiteral("简体中文")
                                                      : QStringLiteral("English")));
}

bool MainWindow::openDatabase(const QString& path) {
    try {
        auto store = std::make_unique<RunStore>(path.toStdString());
        runsDock_->setStore(nullptr);
        compareTab_->setStore(nullptr);
        diversityTab_->setStore(nullptr);
        usersTab_->setStore(nullptr);
        store_ = std::move(store);
    } catch (const std::exception& e) {
        lastError_ = tr("Could not open the run database %1: %2").arg(path, QString::fromStdString(e.what()));
        statusText_->setText(lastError_);
        return false;
    }
    databasePath_ = path;
    compareTab_->setStore(store_.get());
    diversityTab_->setStore(store_.get());
    usersTab_->setStore(store_.get());
    runsDock_->setStore(store_.get());
    QSettings(kOrganization, kApplication).setValue(kDatabaseKey, path);
    runsDock_->setWindowTitle(tr("Runs — %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::isRunning() const {
    return runner_ && runner_->isRunning();
}

bool MainWindow::startExperiment() {
    QString why;
    if (isRunning()) {
        runner_->start(QString(), QString(), &why);
    } else if (!setupTab_->isValid()) {
        why = tr("The experiment config is not valid: %1").arg(setupTab_->reason());
    } else if (!store_) {
        why = tr("No run database is open.");
    }
    if (!why.isEmpty()) {
        showMessage(tr("Cannot start the experiment"), why);
        return false;
    }
    const nlohmann::json json = setupTab_->config();
    const ExperimentConfig config = ExperimentConfig::fromJson(json);
    liveTab_->begin(plannedStages(config), QString::fromStdString(config.train.validMetric));
    explanation_->begin(plannedStages(config));
    QSettings(kOrganization, kApplication).setValue(kThreadsKey, setupTab_->threads());
    runner_->start(QString::fromStdString(json.dump()), databasePath_);
    setupTab_->setRunning(true);
    startAction_->setEnabled(false);
    cancelAction_->setEnabled(true);
    busy_->show();
    statusText_->setText(tr("Running %1 …").arg(QString::fromStdString(config.name)));
    tabs_->setCurrentWidget(liveTab_);
    return true;
}

void MainWindow::cancelExperiment() {
    if (!isRunning()) return;
    runner_->cancel();
    statusText_->setText(tr("Cancelling — the running stage stops within a mini-batch …"));
    liveTab_->cancelButton()->setEnabled(false);
}

void MainWindow::onExperimentFinished(const QString& status, const QString& error, qint64 experimentId) {
    liveTab_->finish(status, error);
    explanation_->finish(status);
    setupTab_->setRunning(false);
    startAction_->setEnabled(setupTab_->isValid());
    cancelAction_->setEnabled(false);
    busy_->hide();
    statusText_->setText(status == QLatin1String("finished") ? tr("Experiment finished")
                                                             : tr("Experiment %1").arg(CoreText::status(status)));
    if (experimentId > 0)
        runsDock_->selectExperiment(experimentId);  // the Compare and Diversity tabs follow
    else
        runsDock_->refresh();
    if (PresentationStyle::enabled()) PresentationStyle::apply(this);
    Q_EMIT experimentFinished(status, experimentId);
}

void MainWindow::exportDatabaseCopy() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export run database"),
                                                      QDir(startDirectory()).filePath(QStringLiteral("runs-copy.sqlite")),
                                                      tr("SQLite databases (*.sqlite)"));
    if (!path.isEmpty()) exportDatabase(path);
}

bool MainWindow::exportDatabase(const QString& path) {
    if (!store_) return false;
    try {
        store_->exportTo(path.toStdString());
    } catch (const std::exception& e) {
        showMessage(tr("Could not export the run database"), QString::fromUtf8(e.what()));
        return false;
    }
    statusText_->setText(tr("Run database exported to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::showMessage(const QString& title, const QString& text) {
    lastError_ = text;
    statusText_->setText(text);
    if (!errorDialogs_) return;
    auto* box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open data set…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open data &folder…"), this, &MainWindow::chooseFolder);
    file->addAction(tr("&Import delimited file…"), this, &MainWindow::chooseDelimitedFile);
    file->addAction(tr("Open d&emo data set"), this, [this] { openDataset(kDemo); });
    file->addSeparator();
    file->addAction(tr("Open run &database…"), this, [this] { chooseDatabase(false); });
    file->addAction(tr("&New run database…"), this, [this] { chooseDatabase(true); });
    file->addSeparator();
    file->addAction(tr("&Export comparison as CSV…"), compareTab_, &CompareTab::exportCsv);
    file->addAction(tr("Export comparison as &LaTeX…"), compareTab_, &CompareTab::exportLatex);
    file->addAction(tr("Export run &database copy…"), this, &MainWindow::exportDatabaseCopy);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    startAction_ = run->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start experiment"), this,
                                  &MainWindow::startExperiment);
    startAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    startAction_->setEnabled(setupTab_->isValid());
    cancelAction_ = run->addAction(style()->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel experiment"), this,
                                   &MainWindow::cancelExperiment);
    cancelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    cancelAction_->setEnabled(isRunning());
    run->addSeparator();
    QAction* pace = run->addAction(tr("&Demo pace (slower, same results)"), this, [this](bool on) {
        runner_->worker()->setPaceMs(on ? kDemoPaceMs : 0);
        QSettings(kOrganization, kApplication).setValue(kDemoPaceKey, on);
    });
    pace->setObjectName(QStringLiteral("demoPaceAction"));
    pace->setCheckable(true);
    pace->setChecked(runner_->worker()->paceMs() > 0);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(runsDock_->toggleViewAction());
    view->addAction(explanation_->toggleViewAction());
    presentationAction_ = view->addAction(tr("&Presentation mode"), this, &MainWindow::setPresentationMode);
    presentationAction_->setCheckable(true);
    presentationAction_->setChecked(PresentationStyle::enabled());
    presentationAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    presentationAction_->setToolTip(tr("Larger fonts and thicker lines for a projector, with the explanation panel"));
    view->addSeparator();
    QMenu* language = view->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    auto* languages = new QActionGroup(language);
    const QString saved = Language::setting();
    // The language names stay in their own language, so either can be found whatever is shown.
    const std::pair<QString, QString> choices[] = {{QString(), tr("System default")},
                                                   {QStringLiteral("en"), QStringLiteral("English")},
                                                   {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto& [code, name] : choices) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == saved);
        a->setData(code);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] { chooseLanguage(code); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Distillation &methods"), this, &MainWindow::showMethods);
    QAction* about = help->addAction(tr("&About RecDistill"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar() {
    statusText_ = new QLabel;
    statusText_->setObjectName(QStringLiteral("statusText"));
    busy_ = new QProgressBar;
    busy_->setRange(0, 0);  // no known total: an indeterminate busy indicator
    busy_->setMaximumWidth(fontMetrics().averageCharWidth() * 24);
    busy_->hide();
    statusBar()->addWidget(statusText_, 1);
    statusBar()->addPermanentWidget(busy_);
}

void MainWindow::restoreSettings() {
    QSettings settings(kOrganization, kApplication);
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // No saved geometry: a size relative to the screen instead of fixed pixels.
        const QSize available = screen()->availableGeometry().size();
        resize(available.width() * 4 / 5, available.height() * 4 / 5);
    }
    restoreState(settings.value(kStateKey).toByteArray());
    setupTab_->setThreads(settings.value(kThreadsKey, 0).toInt());
    runner_->worker()->setPaceMs(settings.value(kDemoPaceKey, false).toBool() ? kDemoPaceMs : 0);
    if (settings.value(kPresentationKey, false).toBool()) setPresentationMode(true);
    const QString saved = settings.value(kDatabaseKey).toString();
    if (saved.isEmpty() || !openDatabase(saved)) openDatabase(QString::fromStdString(RunStore::defaultPath()));
}

void MainWindow::chooseDatabase(bool create) {
    const QString start = QFileInfo(databasePath_).absolutePath();
    const QString filter = tr("Run databases (*.sqlite *.db);;All files (*)");
    const QString path = create ? QFileDialog::getSaveFileName(this, tr("New run database"), start, filter)
                                : QFileDialog::getOpenFileName(this, tr("Open run database"), start, filter);
    if (path.isEmpty()) return;
    if (isRunning()) {
        showMessage(tr("Cannot switch databases"), tr("An experiment is running; it records into the open database."));
        return;
    }
    if (!openDatabase(path)) showMessage(tr("Could not open the run database"), lastError_);
}

void MainWindow::chooseLanguage(const QString& code) {
    if (code == Language::setting()) return;
    Language::setSetting(code);
    const QString next = Language::effective();
    if (next == Language::current()) return;
    // At once when idle: the menus, the tabs and the Runs dock are built again in the new language (the
    // tabs build many texts from data once, so rebuilding is simpler and surer than re-translating each
    // in place). During a run the running tabs must not go: then it applies at the next start.
    if (!isRunning() && Language::install(next)) {
        // Queued: this runs inside the language action's triggered(), and the rebuild deletes that menu.
        QTimer::singleShot(0, this, &MainWindow::rebuildInterface);
        return;
    }
    showMessage(tr("Language"), next == QLatin1String("zh_CN")
                                    ? QStringLiteral("界面语言将在重新启动 RecDistill 后切换为简体中文。\n") +
                                          tr("The language changes when RecDistill is restarted.")
                                    : QStringLiteral("The language changes to English when RecDistill is restarted.\n") +
                                          tr("The language changes when RecDistill is restarted."));
}

void MainWindow::setPresentationMode(bool on) {
    PresentationStyle::setEnabled(on);
    compareTab_->setPresentation(on);
    PresentationStyle::apply(this);
    // The widgets take the new application font in posted events: fit the tables again after them.
    QTimer::singleShot(0, this, [this] { PresentationStyle::apply(this); });
    if (presentationAction_) presentationAction_->setChecked(on);
    // On a projector the explanation takes the Runs dock's place (View menu brings either back).
    runsDock_->setVisible(!on);
    explanation_->setVisible(on);
    if (on) resizeDocks({explanation_}, {width() / 4}, Qt::Horizontal);
    QSettings(kOrganization, kApplication).setValue(kPresentationKey, on);
}

void MainWindow::showMethods() {
    QString html;
    for (const MethodInfo& m : methodInfos())
        html += QStringLiteral("<h3>%1</h3><p>%2</p><pre>%3</pre>")
                    .arg(CoreText::methodName(m).toHtmlEscaped(), CoreText::methodDescription(m).toHtmlEscaped(),
                         CoreText::methodFormula(m).toHtmlEscaped());
    auto* dialog = new QDialog(this);
    dialog->setWindowTitle(tr("Distillation methods"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* text = new QTextBrowser;
    text->setHtml(html);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    dialog->resize(640, 560);
    dialog->open();
}

void MainWindow::openStartupDataset() {
    const QString last = QSettings(kOrganization, kApplication).value(kLastPathKey).toString();
    const bool usable = !last.isEmpty() && (last == kDemo || QFileInfo::exists(last));
    demoIfStartupFails_ = usable && last != kDemo;
    openDataset(usable ? last : kDemo);
}

void MainWindow::openDataset(const QString& path, const LoadOptions& options) {
    const QString shown =
        path == kDemo ? tr("the built-in demo data set") : QDir::toNativeSeparators(path);
    statusText_->setText(tr("Loading %1 …").arg(shown));
    busy_->show();
    dataTab_->showLoading(shown);
    job_->start(path, options);
}

bool MainWindow::isLoading() const {
    return job_->isRunning();
}

void MainWindow::onLoaded(const DatasetStats& stats, std::shared_ptr<const Dataset> dataset) {
    demoIfStartupFails_ = false;
    stats_ = stats;
    dataset_ = std::move(dataset);
    lastError_.clear();
    busy_->hide();
    statusText_->setText(tr("Loaded %1").arg(QString::fromStdString(stats.name)));
    setWindowTitle(tr("%1 — RecDistill").arg(QString::fromStdString(stats.name)));
    dataTab_->showStats(stats);
    // Saved now, not at exit, so a crash later still reopens this data set.
    QSettings(kOrganization, kApplication).setValue(kLastPathKey, job_->path());
    Q_EMIT datasetLoaded();
}

void MainWindow::onFailed(const QString& message) {
    lastError_ = message;
    busy_->hide();
    statusText_->setText(tr("Could not open the data set"));
    dataTab_->showError(message);
    if (errorDialogs_) {
        // open(), not exec(): no nested event loop, so nothing (tests included) blocks on it.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open the data set"),
                                    message, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("loadErrorBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    Q_EMIT loadFailed(message);
    if (demoIfStartupFails_ && !hasDataset()) {
        demoIfStartupFails_ = false;
        openDataset(kDemo);
    }
}

QString MainWindow::startDirectory() const {
    const QString last = QSettings(kOrganization, kApplication).value(kLastPathKey).toString();
    if (last.isEmpty() || last == kDemo) return QDir::homePath();
    return QFileInfo(last).absolutePath();  // a folder's parent, so it can be picked again
}

void MainWindow::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open data set"), startDirectory(),
        tr("Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)"));
    if (path.isEmpty()) return;
    openDataset(path);
    setupTab_->setDataPath(path);
}

void MainWindow::chooseFolder() {
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Open data folder (MovieLens, LightGCN train/valid/test)"), startDirectory());
    if (path.isEmpty()) return;
    openDataset(path);
    setupTab_->setDataPath(path);
}

void MainWindow::chooseDelimitedFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import delimited file"), startDirectory(),
        tr("Delimited text (*.csv *.tsv *.txt *.dat *.data *.inter);;All files (*)"));
    if (!path.isEmpty()) importDelimited(path);
}

ImportDialog* MainWindow::importDelimited(const QString& path) {
    auto* dialog = new ImportDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString file = dialog->path();
        openDataset(file, dialog->options());
        setupTab_->setDataPath(file);
        // The threshold is preprocessing, recorded in the experiment config (the Data tab shows the
        // file as loaded).
        nlohmann::json config = setupTab_->config();
        if (const auto t = dialog->ratingThreshold())
            config["data"]["preprocess"]["rating_threshold"] = *t;
        else if (config["data"].contains("preprocess"))
            config["data"]["preprocess"].erase("rating_threshold");
        setupTab_->setConfig(config);
    });
    dialog->open();
    return dialog;
}

void MainWindow::showAbout() {
    const QString text =
        tr("<h3>RecDistill %1</h3>"
           "<p>A workbench for knowledge distillation in recommender systems.</p>"
           "<p>Built with Qt %2 and LibTorch %3.</p>"
           "<p>The MovieLens data sets are collected and published by GroupLens Research "
           "(<a href=\"https://grouplens.org\">grouplens.org</a>). RecDistill never bundles them: "
           "load them from your own download and acknowledge GroupLens when you publish.</p>")
            .arg(QStringLiteral(RECDISTILL_VERSION), QString::fromLatin1(qVersion()),
                 QString::fromStdString(torchVersion()));
    QMessageBox::about(this, tr("About RecDistill"), text);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (isRunning()) {
        bool cancel = closeAnswer_ == 1;
        if (closeAnswer_ < 0)
            cancel = QMessageBox::question(this, tr("An experiment is running"),
                                           tr("Cancel the running experiment and quit? The stage in progress "
                                              "is recorded as cancelled; finished stages are kept.")) ==
                     QMessageBox::Yes;
        if (!cancel) {
            event->ignore();
            return;
        }
        statusText_->setText(tr("Cancelling …"));
        runner_->cancelAndWait();
    }
    QSettings settings(kOrganization, kApplication);
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
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
