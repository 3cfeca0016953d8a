#include "main_window.h"

#include <QAction>
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
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "data_tab.h"
#include "dataset_load_job.h"
#include "util/torch_info.h"

namespace rd {

namespace {

const QString kDemo = QStringLiteral("demo");
const QString kOrganization = QStringLiteral("RecDistill");
const QString kApplication = QStringLiteral("RecDistill");
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastPathKey = QStringLiteral("data/lastPath");

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("RecDistill"));
    setAcceptDrops(true);

    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    dataTab_ = new DataTab;
    tabs_->addTab(dataTab_, tr("&Data"));
    setCentralWidget(tabs_);

    job_ = new DatasetLoadJob(this);
    connect(job_, &DatasetLoadJob::finished, this, &MainWindow::onLoaded);
    connect(job_, &DatasetLoadJob::failed, this, &MainWindow::onFailed);

    createMenus();
    createStatusBar();
    restoreSettings();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open data set…"), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open data &folder…"), this, &MainWindow::chooseFolder);
    file->addAction(tr("Open d&emo data set"), this, [this] { openDataset(kDemo); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About RecDistill"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createStatusBar() {
    statusText_ = new QLabel;
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
}

void MainWindow::openStartupDataset() {
    const QString last = QSettings(kOrganization, kApplication).value(kLastPathKey).toString();
    const bool usable = !last.isEmpty() && (last == kDemo || QFileInfo::exists(last));
    demoIfStartupFails_ = usable && last != kDemo;
    openDataset(usable ? last : kDemo);
}

void MainWindow::openDataset(const QString& path) {
    const QString shown =
        path == kDemo ? tr("the built-in demo data set") : QDir::toNativeSeparators(path);
    statusText_->setText(tr("Loading %1 …").arg(shown));
    busy_->show();
    dataTab_->showLoading(shown);
    job_->start(path);
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
    if (!path.isEmpty()) openDataset(path);
}

void MainWindow::chooseFolder() {
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Open data folder (MovieLens, LightGCN train/valid/test)"), startDirectory());
    if (!path.isEmpty()) openDataset(path);
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
