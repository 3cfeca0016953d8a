#include "runs_dock.h"
#include "core_text.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

#include "app_settings.h"
#include "export_model_dialog.h"
#include "run_catalog.h"
#include "runs_model.h"
#include "runs_proxy_model.h"
#include "study_catalog.h"

namespace rd {

RunsDock::RunsDock(QWidget* parent) : QDockWidget(tr("Runs"), parent) {
    setObjectName(QStringLiteral("runsDock"));
    filter_ = new QLineEdit;
    filter_->setObjectName(QStringLiteral("runFilter"));
    filter_->setPlaceholderText(tr("Filter runs… (Ctrl+F)"));
    filter_->setClearButtonEnabled(true);
    regex_ = new QCheckBox(tr("Regex"));
    regex_->setToolTip(tr("Read the filter as a regular expression"));
    error_ = new QLabel;
    error_->setObjectName(QStringLiteral("runStoreError"));
    error_->setWordWrap(true);
    error_->hide();

    // An experiment is shown when it or one of its runs matches; a matching experiment shows all
    // its runs.
    proxy_ = new RunsProxyModel(this);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setAutoAcceptChildRows(true);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterRole(Qt::EditRole);  // experiment names without the "#id" shown first
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    tree_ = new QTreeView;
    tree_->setObjectName(QStringLiteral("runTree"));
    tree_->setModel(proxy_);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    tree_->setUniformRowHeights(true);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(regex_);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterRow);
    layout->addWidget(error_);
    studies_ = new QTreeWidget;
    studies_->setObjectName(QStringLiteral("studyList"));
    studies_->setRootIsDecorated(false);
    studies_->setUniformRowHeights(true);
    studies_->setHeaderLabels({tr("Study"), tr("Experiments"), tr("Status")});
    studies_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    studies_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    studies_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    studies_->header()->setStretchLastSection(false);
    studies_->setToolTip(
        tr("Double-click a study to compare it: means over its seeds with their "
           "intervals and tests"));
    studies_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(studies_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        Q_EMIT studyOpenRequested(item->data(0, Qt::UserRole).toLongLong());
    });
    connect(studies_, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QTreeWidgetItem* item = studies_->itemAt(pos);
        if (!item) return;
        const qint64 id = item->data(0, Qt::UserRole).toLongLong();
        auto* menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Compare this study"), this,
                        [this, id] { Q_EMIT studyOpenRequested(id); });
        menu->popup(studies_->viewport()->mapToGlobal(pos));
    });
    studyBox_ = new QWidget;
    auto* studyLayout = new QVBoxLayout(studyBox_);
    studyLayout->setContentsMargins(0, 0, 0, 0);
    auto* studyTitle = new QLabel(tr("Studies"));
    studyTitle->setBuddy(studies_);
    studyLayout->addWidget(studyTitle);
    studyLayout->addWidget(studies_, 1);
    studyBox_->hide();  // until the store has a study
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(tree_);
    split->addWidget(studyBox_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    setWidget(body);

    connect(filter_, &QLineEdit::textChanged, this, &RunsDock::applyFilter);
    connect(regex_, &QCheckBox::toggled, this, &RunsDock::applyFilter);
    connect(tree_, &QTreeView::customContextMenuRequested, this, &RunsDock::showMenu);
    // Shift+F10 opens the row's context menu, as the Menu key does.
    auto* menuKey = new QAction(tree_);
    menuKey->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    menuKey->setShortcutContext(Qt::WidgetShortcut);
    tree_->addAction(menuKey);
    connect(menuKey, &QAction::triggered, this,
            [this] { showMenu(tree_->visualRect(tree_->currentIndex()).center()); });
    // Delete on a row moves its experiment to the trash (undoable).
    auto* trashKey = new QAction(tree_);
    trashKey->setShortcut(QKeySequence::Delete);
    trashKey->setShortcutContext(Qt::WidgetShortcut);
    tree_->addAction(trashKey);
    connect(trashKey, &QAction::triggered, this, [this] {
        const qint64 id = tree_->currentIndex().data(RunsModel::ExperimentIdRole).toLongLong();
        if (id) deleteExperiment(id);
    });
}

void RunsDock::focusFilter() {
    filter_->setFocus(Qt::ShortcutFocusReason);
    filter_->selectAll();
}

void RunsDock::setCatalog(RunCatalog* catalog) {
    catalog_ = catalog;
    RunsModel* model = catalog->model();
    proxy_->setSourceModel(model);
    QHeaderView* header = tree_->header();
    header->setSectionResizeMode(RunsModel::NameColumn, QHeaderView::Stretch);
    for (int c = RunsModel::NameColumn + 1; c < RunsModel::ColumnCount; ++c)
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    header->setStretchLastSection(false);
    // The experiment's name says teacher → student; the run's model is a column to show on demand
    // (the header's context menu), so the dock's default width keeps room for the name.
    tree_->setColumnHidden(RunsModel::ModelColumn, true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this,
            [this, model](const QPoint& pos) {
                auto* menu = new QMenu(this);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                for (int c = RunsModel::NameColumn + 1; c < RunsModel::ColumnCount; ++c) {
                    QAction* a = menu->addAction(model->headerData(c, Qt::Horizontal).toString());
                    a->setCheckable(true);
                    a->setChecked(!tree_->isColumnHidden(c));
                    connect(a, &QAction::toggled, this,
                            [this, c](bool on) { tree_->setColumnHidden(c, !on); });
                }
                menu->popup(tree_->header()->mapToGlobal(pos));
            });
    // A click on a header sorts the experiments by it (their runs stay in stage order); the choice
    // is remembered.
    const int column = AppSettings::runsSortColumn(RunsModel::DateColumn);
    tree_->setSortingEnabled(true);
    tree_->sortByColumn(
        column >= 0 && column < RunsModel::ColumnCount ? column : int(RunsModel::DateColumn),
        AppSettings::runsSortOrder());
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [](int section, Qt::SortOrder order) { AppSettings::setRunsSort(section, order); });
    // A new experiment (the one just started) opens to show its stages as they run.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this, model](const QModelIndex& parent, int first, int last) {
                if (parent.isValid()) return;
                for (int row = first; row <= last; ++row)
                    tree_->expand(proxy_->mapFromSource(model->index(row, 0)));
            });
    connect(model, &RunsModel::checkedRunsChanged, this, [this] {
        if (expandWhenChecked_) expandExperiment(std::exchange(expandWhenChecked_, 0));
    });
    connect(catalog, &RunCatalog::loaded, this, [this](const QString& error) {
        error_->setText(error.isEmpty() ? QString()
                                        : tr("Could not read the run store: %1").arg(error));
        error_->setVisible(!error.isEmpty());
        applyFilter();
    });
}

void RunsDock::setStudies(StudyCatalog* studies) {
    studyCatalog_ = studies;
    connect(studies, &StudyCatalog::studiesChanged, this, &RunsDock::fillStudies);
    fillStudies();
}

void RunsDock::fillStudies() {
    studies_->clear();
    if (!studyCatalog_) return;
    for (const StudyEntry& e : studyCatalog_->studies()) {
        auto* item = new QTreeWidgetItem(studies_);
        item->setText(
            0,
            QStringLiteral("#%1 %2").arg(e.record.id).arg(QString::fromStdString(e.record.name)));
        item->setData(0, Qt::UserRole, static_cast<qlonglong>(e.record.id));
        item->setToolTip(0, tr("study #%1, created %2")
                                .arg(e.record.id)
                                .arg(QString::fromStdString(e.record.created)));
        item->setText(1, QString::number(e.experiments));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, CoreText::status(QString::fromStdString(e.record.status)));
    }
    studyBox_->setVisible(studies_->topLevelItemCount() > 0);
}

void RunsDock::selectExperiment(qint64 experimentId) {
    if (!catalog_) return;
    expandWhenChecked_ = experimentId;
    catalog_->selectExperiment(experimentId);
}

void RunsDock::expandExperiment(qint64 experimentId) {
    if (!catalog_) return;
    tree_->expand(proxy_->mapFromSource(catalog_->model()->experimentIndex(experimentId)));
}

QList<qint64> RunsDock::checkedRuns() const {
    return catalog_ ? catalog_->model()->checkedRuns() : QList<qint64>();
}

void RunsDock::setFilter(const QString& text, bool regex) {
    regex_->setChecked(regex);
    filter_->setText(text);
    applyFilter();
}

void RunsDock::applyFilter() {
    const QString text = filter_->text().trimmed();
    if (regex_->isChecked()) {
        const QRegularExpression re(text, QRegularExpression::CaseInsensitiveOption);
        filter_->setStyleSheet(re.isValid() ? QString()
                                            : QStringLiteral("QLineEdit { color: #b00020; }"));
        filter_->setToolTip(re.isValid() ? QString() : re.errorString());
        if (!re.isValid()) return;
        proxy_->setFilterRegularExpression(re);
    } else {
        filter_->setStyleSheet(QString());
        filter_->setToolTip(QString());
        proxy_->setFilterFixedString(text);
    }
    if (text.isEmpty() || !proxy_->sourceModel()) return;
    // Experiments shown for a matching run open, so the match is seen.
    for (int row = 0; row < proxy_->rowCount(); ++row) {
        const QModelIndex top = proxy_->index(row, 0);
        if (proxy_->rowCount(top) > 0 && !matchesFilter(proxy_->mapToSource(top)))
            tree_->expand(top);
    }
}

bool RunsDock::matchesFilter(const QModelIndex& sourceRow) const {
    const QRegularExpression& re = proxy_->filterRegularExpression();
    const QAbstractItemModel* model = proxy_->sourceModel();
    for (int c = 0; c < model->columnCount(); ++c)
        if (re.match(sourceRow.siblingAtColumn(c).data().toString()).hasMatch()) return true;
    return false;
}

void RunsDock::showMenu(const QPoint& pos) {
    const QModelIndex index = tree_->indexAt(pos);
    const qint64 id = index.data(RunsModel::ExperimentIdRole).toLongLong();
    if (!id || !catalog_) return;
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Compare this experiment"), this, [this, id] { selectExperiment(id); });
    menu->addAction(tr("Re-run with the same config"), this, [this, id] {
        catalog_->readConfig(id, this, [this](const nlohmann::json& config) {
            if (config.is_object()) Q_EMIT rerunRequested(config);
        });
    });
    menu->addSeparator();
    menu->addAction(tr("Rename…"), this, [this, id] { askRename(id); });
    menu->addAction(tr("Notes…"), this, [this, id] { editNotes(id); });
    menu->addAction(tr("Tags…"), this, [this, id] { editTags(id); });
    menu->addAction(tr("Export results (CSV)…"), this, [this, id] { exportExperiment(id); });
    // On a run's row: that run's trained model, for serving (its own dialog).
    if (const qint64 runId = index.data(RunsModel::RunIdRole).toLongLong())
        menu->addAction(tr("Export model…"), this,
                        [this, runId, label = index.siblingAtColumn(0).data().toString()] {
                            auto* dialog = new ExportModelDialog(runId, label, catalog_, this);
                            dialog->setAttribute(Qt::WA_DeleteOnClose);
                            dialog->open();
                        });
    menu->addSeparator();
    QAction* trash =
        menu->addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("Move experiment to trash"),
                        this, [this, id] { deleteExperiment(id); });
    trash->setShortcut(QKeySequence::Delete);
    menu->popup(tree_->viewport()->mapToGlobal(pos));
}

void RunsDock::showError(const QString& title, const QString& message) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void RunsDock::askRename(qint64 id) {
    const ExperimentRecord* e = catalog_->model()->experiment(id);
    if (!e) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename experiment"));
    dialog->setLabelText(tr("New name:"));
    dialog->setTextValue(QString::fromStdString(e->name));
    dialog->resize(fontMetrics().averageCharWidth() * 70, dialog->sizeHint().height());
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id](const QString& name) { renameExperiment(id, name); });
    dialog->open();
}

bool RunsDock::renameExperiment(qint64 id, const QString& name) {
    if (name.trimmed().isEmpty() || !catalog_) return false;
    catalog_->renameExperiment(id, name, this, [this](const QString& error) {
        if (!error.isEmpty()) showError(tr("Rename experiment"), error);
    });
    return true;
}

void RunsDock::editNotes(qint64 id) {
    const ExperimentRecord* e = catalog_->model()->experiment(id);
    if (!e) return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog->setWindowTitle(tr("Notes"));
    dialog->setLabelText(tr("Notes on %1:").arg(QString::fromStdString(e->name)));
    dialog->setTextValue(QString::fromStdString(e->notes));
    // Long notes wrap at the dialog's width instead of scrolling sideways.
    for (QPlainTextEdit* edit : dialog->findChildren<QPlainTextEdit*>())
        edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    dialog->resize(fontMetrics().averageCharWidth() * 70, fontMetrics().height() * 16);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString& notes) {
        catalog_->setNotes(id, notes, this, [this](const QString& error) {
            if (!error.isEmpty()) showError(tr("Notes"), error);
        });
    });
    dialog->open();
}

void RunsDock::editTags(qint64 id) {
    const ExperimentRecord* e = catalog_->model()->experiment(id);
    if (!e) return;
    QStringList current;
    for (const std::string& t : e->tags) current << QString::fromStdString(t);
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Tags"));
    // One word each, as `recdistill-cli tag` takes them: "first try" becomes two tags.
    dialog->setLabelText(tr("Tags (one word each), separated by commas or spaces:"));
    dialog->setTextValue(current.join(QStringLiteral(", ")));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString& text) {
        catalog_->setTags(
            id, text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts), this,
            [this](const QString& error) {
                if (!error.isEmpty()) showError(tr("Tags"), error);
            });
    });
    dialog->open();
}

void RunsDock::deleteExperiment(qint64 id) {
    // No question first: the experiment goes to the trash, and Edit ▸ Undo (Ctrl+Z), the status
    // bar's Undo or Edit ▸ Trash brings it back. The status bar names it by id, name and runs.
    if (!catalog_) return;
    catalog_->trashExperiment(id, this, [this](const QString& error) {
        if (!error.isEmpty()) showError(tr("Move to trash"), error);
    });
}

void RunsDock::exportExperiment(qint64 id) {
    auto* dialog =
        new QFileDialog(this, tr("Export results"), QStringLiteral("experiment-%1.csv").arg(id),
                        tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, [this, id](const QString& path) {
        catalog_->exportResults(id, path, this, [this, id, path](const QString& error) {
            if (!error.isEmpty())
                showError(tr("Could not export"), error);
            else
                Q_EMIT statusMessage(tr("Exported the results of experiment #%1 to %2")
                                         .arg(id)
                                         .arg(QDir::toNativeSeparators(path)));
        });
    });
    dialog->open();
}

}  // namespace rd
