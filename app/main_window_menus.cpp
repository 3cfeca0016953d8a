#include "core_text.h"
#include "main_window.h"

// MainWindow's menus and the choosers and dialogs behind them (kept apart from the assembly and the
// wiring in main_window.cpp; the same class, so its texts keep their translation context).

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "app_settings.h"
#include "compare_tab.h"
#include "distill/method_registry.h"
#include "explanation_panel.h"
#include "import_dialog.h"
#include "language.h"
#include "presentation_style.h"
#include "runs_dock.h"
#include "setup_tab.h"
#include "util/torch_info.h"
#include "workbench.h"

namespace rd {

namespace {

const QString kDemo = QStringLiteral("demo");

}  // namespace

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open data set…"), this, [this] {
        askForPath(tr("Open data set"), startDirectory(),
                   tr("Interaction files (*.data *.dat *.csv *.tsv *.txt *.inter);;All files (*)"),
                   OpenFile, [this](const QString& path) { openDataset(path); });
    });
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open data &folder…"), this, [this] {
        askForPath(tr("Open data folder (MovieLens, LightGCN train/valid/test)"), startDirectory(),
                   QString(), OpenFolder, [this](const QString& path) { openDataset(path); });
    });
    file->addAction(tr("&Import delimited file…"), this, [this] {
        askForPath(tr("Import delimited file"), startDirectory(),
                   tr("Delimited text (*.csv *.tsv *.txt *.dat *.data *.inter);;All files (*)"),
                   OpenFile, [this](const QString& path) { importDelimited(path); });
    });
    file->addAction(tr("Open d&emo data set"), this, [this] { openDataset(kDemo); });
    file->addSeparator();
    file->addAction(tr("Open run &database…"), this, [this] { chooseDatabase(false); });
    file->addAction(tr("&New run database…"), this, [this] { chooseDatabase(true); });
    file->addAction(tr("Import &runs from another database…"), this, [this] {
        askForPath(tr("Open run database"), QFileInfo(databasePath()).absolutePath(),
                   tr("Run databases (*.sqlite *.db);;All files (*)"), OpenFile,
                   [this](const QString& path) { importDatabase(path); });
    });
    file->addSeparator();
    file->addAction(tr("&Export comparison as CSV…"), this, [this] { compareTab_->exportCsv(); });
    file->addAction(tr("Export comparison as &LaTeX…"), this,
                    [this] { compareTab_->exportLatex(); });
    file->addAction(tr("Export run &database copy…"), this, [this] {
        askForPath(tr("Export run database"),
                   QDir(startDirectory()).filePath(QStringLiteral("runs-copy.sqlite")),
                   tr("SQLite databases (*.sqlite)"), SaveFile,
                   [this](const QString& path) { exportDatabase(path); });
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    undoAction_ = edit->addAction(tr("&Undo move to trash"), this, &MainWindow::undoTrash);
    undoAction_->setObjectName(QStringLiteral("undoTrashAction"));
    // A line edit with the focus keeps its own Ctrl+Z (it overrides the shortcut).
    undoAction_->setShortcut(QKeySequence::Undo);
    QAction* trash = edit->addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("&Trash…"),
                                     this, &MainWindow::showTrash);
    trash->setObjectName(QStringLiteral("trashAction"));
    updateUndo();

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    startAction_ = run->addAction(style()->standardIcon(QStyle::SP_MediaPlay),
                                  tr("&Start experiment"), this, &MainWindow::startExperiment);
    startAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    // Enabled while a run goes on too: Ctrl+R then says why nothing starts instead of nothing.
    startAction_->setEnabled(setupTab_->isValid() || isRunning());
    cancelAction_ = run->addAction(style()->standardIcon(QStyle::SP_BrowserStop),
                                   tr("&Cancel experiment"), this, &MainWindow::cancelExperiment);
    cancelAction_->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Period), QKeySequence(Qt::Key_Escape)});
    cancelAction_->setEnabled(isRunning());
    run->addSeparator();
    QAction* pace = run->addAction(tr("&Demo pace (slower, same results)"), this,
                                   [this](bool on) { workbench_->setDemoPace(on); });
    pace->setObjectName(QStringLiteral("demoPaceAction"));
    pace->setCheckable(true);
    pace->setChecked(workbench_->demoPace());
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(runsDock_->toggleViewAction());
    QAction* find = view->addAction(tr("&Find runs"), this, [this] {
        runsDock_->show();
        runsDock_->raise();
        runsDock_->focusFilter();
    });
    find->setObjectName(QStringLiteral("findRunsAction"));
    find->setShortcut(QKeySequence::Find);
    view->addAction(explanation_->toggleViewAction());
    presentationAction_ =
        view->addAction(tr("&Presentation mode"), this, &MainWindow::setPresentationMode);
    presentationAction_->setCheckable(true);
    presentationAction_->setChecked(PresentationStyle::enabled());
    presentationAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    presentationAction_->setToolTip(
        tr("Larger fonts and thicker lines for a projector, with the explanation panel"));
    view->addSeparator();
    QMenu* language = view->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    auto* languages = new QActionGroup(language);
    const QString saved = Language::setting();
    // The language names stay in their own language, so either can be found whatever is shown.
    const std::pair<QString, QString> choices[] = {
        {QString(), tr("System default")},
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

void MainWindow::chooseDatabase(bool create) {
    const QString start = QFileInfo(databasePath()).absolutePath();
    askForPath(create ? tr("New run database") : tr("Open run database"), start,
               tr("Run databases (*.sqlite *.db);;All files (*)"), create ? SaveFile : OpenFile,
               [this](const QString& path) {
                   if (isRunning()) {
                       showMessage(
                           tr("Cannot switch databases"),
                           tr("An experiment is running; it records into the open database."));
                       return;
                   }
                   announceDatabaseFailure_ = true;
                   openDatabase(path);
               });
}

QString MainWindow::startDirectory() const {
    const QString last = AppSettings::lastDatasetPath();
    if (last.isEmpty() || last == kDemo) return QDir::homePath();
    return QFileInfo(last).absolutePath();  // a folder's parent, so it can be picked again
}

void MainWindow::askForPath(const QString& title, const QString& start, const QString& filter,
                            PathMode mode, const std::function<void(const QString&)>& then) {
    auto* dialog = new QFileDialog(this, title, start, filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(mode == SaveFile ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog->setFileMode(mode == OpenFolder ? QFileDialog::Directory
                        : mode == OpenFile ? QFileDialog::ExistingFile
                                           : QFileDialog::AnyFile);
    if (mode == OpenFolder) dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, then);
    dialog->open();
}

void MainWindow::chooseLanguage(const QString& code) {
    if (code == Language::setting()) return;
    Language::setSetting(code);
    const QString next = Language::effective();
    if (next == Language::current()) return;
    // At once when idle: the menus, the tabs and the Runs dock are built again in the new language
    // (the tabs build many texts from data once, so rebuilding is simpler and surer than
    // re-translating each in place). During a run the running tabs must not go: then it applies at
    // the next start.
    if (!isRunning() && Language::install(next)) {
        // Queued: this runs inside the language action's triggered(), and the rebuild deletes that
        // menu.
        QTimer::singleShot(0, this, &MainWindow::rebuildInterface);
        return;
    }
    showMessage(
        tr("Language"),
        next == QLatin1String("zh_CN")
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
    // Leaving, the dock comes back at the width it had (it returned at 90–150 px).
    if (on && runsDock_->isVisible()) dockWidth_ = runsDock_->width();
    runsDock_->setVisible(!on);
    if (!on) resizeDocks({runsDock_}, {std::max(dockWidth_, 240)}, Qt::Horizontal);
    explanation_->setVisible(on);
    if (on) resizeDocks({explanation_}, {width() / 4}, Qt::Horizontal);
    AppSettings::setPresentationMode(on);
}

void MainWindow::showMethods() {
    QString html;
    for (const MethodInfo& m : methodInfos())
        html += QStringLiteral("<h3>%1</h3><p>%2</p><pre>%3</pre>")
                    .arg(CoreText::methodName(m).toHtmlEscaped(),
                         CoreText::methodDescription(m).toHtmlEscaped(),
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
    auto* box =
        new QMessageBox(QMessageBox::NoIcon, tr("About RecDistill"), text, QMessageBox::Ok, this);
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::exportDatabase(const QString& path) {
    if (!workbench_->exportDatabase(path)) return false;
    statusText_->setText(
        tr("Exporting the run database to %1 …").arg(QDir::toNativeSeparators(path)));
    updateBusy();
    return true;
}

bool MainWindow::importDatabase(const QString& path) {
    if (!workbench_->importDatabase(path)) return false;
    statusText_->setText(tr("Importing the runs of %1 …").arg(QDir::toNativeSeparators(path)));
    updateBusy();
    return true;
}

ImportDialog* MainWindow::importDelimited(const QString& path) {
    auto* dialog = new ImportDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString file = dialog->path();
        // The threshold is preprocessing, recorded in the experiment config (the Data tab shows the
        // file as loaded) once the file has loaded: a failed import changes nothing.
        const std::optional<double> threshold = dialog->ratingThreshold();
        afterLoad_ = [this, threshold] {
            nlohmann::json config = setupTab_->config();
            if (threshold)
                config["data"]["preprocess"]["rating_threshold"] = *threshold;
            else if (config["data"].contains("preprocess"))
                config["data"]["preprocess"].erase("rating_threshold");
            setupTab_->setConfig(config);
        };
        openDataset(file, dialog->options());
    });
    dialog->open();
    return dialog;
}

}  // namespace rd
