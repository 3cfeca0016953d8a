#include "runs_dock.h"
#include "core_text.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <exception>

#include "store/run_store.h"

namespace rd {

namespace {

enum Column { kName, kModel, kStatus, kHeadline, kColumns };
constexpr int kRunRole = Qt::UserRole + 1;         // run id (runs), 0 for experiments
constexpr int kExperimentRole = Qt::UserRole + 2;  // experiment id (both)

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QIcon statusIcon(const std::string& status) {
    QStyle* style = QApplication::style();
    if (status == "finished") return style->standardIcon(QStyle::SP_DialogApplyButton);
    if (status == "running") return style->standardIcon(QStyle::SP_MediaPlay);
    if (status == "cancelled") return style->standardIcon(QStyle::SP_DialogCancelButton);
    if (status == "interrupted") return style->standardIcon(QStyle::SP_MessageBoxWarning);
    return style->standardIcon(QStyle::SP_MessageBoxCritical);
}

QString runLabel(const RunRecord& run) {
    if (run.role == "teacher") return QObject::tr("teacher");
    if (run.role == "student") return QObject::tr("student alone");
    if (run.role == "distilled") return QObject::tr("+ %1").arg(q(run.method));
    return q(run.role);
}

}  // namespace

RunsDock::RunsDock(QWidget* parent) : QDockWidget(tr("Runs"), parent) {
    setObjectName(QStringLiteral("runsDock"));
    filter_ = new QLineEdit;
    filter_->setObjectName(QStringLiteral("runFilter"));
    filter_->setPlaceholderText(tr("Filter runs…"));
    filter_->setClearButtonEnabled(true);
    regex_ = new QCheckBox(tr("Regex"));
    regex_->setToolTip(tr("Read the filter as a regular expression"));
    tree_ = new QTreeWidget;
    tree_->setObjectName(QStringLiteral("runTree"));
    tree_->setColumnCount(kColumns);
    tree_->setHeaderLabels({tr("Experiment / run"), tr("Model"), tr("Status"), tr("NDCG@10")});
    tree_->headerItem()->setToolTip(kHeadline, CoreText::metricTooltip(QStringLiteral("NDCG@10")));
    tree_->header()->setSectionResizeMode(kName, QHeaderView::Stretch);
    for (int c = kModel; c < kColumns; ++c) tree_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    tree_->setUniformRowHeights(true);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(regex_);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterRow);
    layout->addWidget(tree_, 1);
    setWidget(body);

    connect(filter_, &QLineEdit::textChanged, this, &RunsDock::applyFilter);
    connect(regex_, &QCheckBox::toggled, this, &RunsDock::applyFilter);
    connect(tree_, &QTreeWidget::customContextMenuRequested, this, &RunsDock::showMenu);
    connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (filling_ || column != kName) return;
        const qint64 run = item->data(kName, kRunRole).toLongLong();
        if (run == 0) return;  // experiments are tri-state summaries of their runs
        if (item->checkState(kName) == Qt::Checked)
            checked_.insert(run);
        else
            checked_.remove(run);
        Q_EMIT selectionChanged(checkedRuns());
    });
    connect(tree_, &QTreeWidget::itemExpanded, this,
            [this](QTreeWidgetItem* item) { expanded_.insert(item->data(kName, kExperimentRole).toLongLong()); });
    connect(tree_, &QTreeWidget::itemCollapsed, this,
            [this](QTreeWidgetItem* item) { expanded_.remove(item->data(kName, kExperimentRole).toLongLong()); });
}

void RunsDock::setStore(RunStore* store) {
    store_ = store;
    checked_.clear();
    refresh();
    Q_EMIT selectionChanged(checkedRuns());
}

void RunsDock::refresh() {
    filling_ = true;
    tree_->clear();
    if (store_) {
        try {
            std::vector<ExperimentRecord> experiments = store_->experiments();
            // Newest first: the experiment just run is at the top.
            std::sort(experiments.begin(), experiments.end(),
                      [](const ExperimentRecord& a, const ExperimentRecord& b) { return a.id > b.id; });
            for (const ExperimentRecord& e : experiments) {
                auto* top = new QTreeWidgetItem(tree_);
                top->setText(kName, q(e.name));
                QString tip = tr("#%1, created %2").arg(e.id).arg(q(e.created));
                QStringList tags;
                for (const std::string& t : e.tags) tags << q(t);
                if (!tags.isEmpty()) {
                    top->setText(kName, q(e.name) + QStringLiteral("  [") + tags.join(QStringLiteral(", ")) + QLatin1Char(']'));
                    tip += tr("\nTags: %1").arg(tags.join(QStringLiteral(", ")));
                }
                if (!e.notes.empty()) tip += tr("\nNotes: %1").arg(q(e.notes));
                top->setToolTip(kName, tip);
                top->setData(kName, kRunRole, 0);
                top->setData(kName, kExperimentRole, static_cast<qlonglong>(e.id));
                top->setFlags(top->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
                const std::vector<RunRecord> runs = store_->runs(e.id);
                std::vector<int64_t> ids;
                for (const RunRecord& r : runs) ids.push_back(r.id);
                const std::map<int64_t, double> ndcg = store_->finalValues("NDCG@10", ids);
                for (const RunRecord& r : runs) {
                    auto* child = new QTreeWidgetItem(top);
                    child->setText(kName, runLabel(r));
                    child->setText(kModel, q(r.model));
                    child->setText(kStatus, CoreText::status(q(r.status)));
                    child->setIcon(kStatus, statusIcon(r.status));
                    if (!r.error.empty()) child->setToolTip(kStatus, q(r.error));
                    const auto it = ndcg.find(r.id);
                    if (it != ndcg.end()) child->setText(kHeadline, QString::number(it->second, 'f', 4));
                    child->setTextAlignment(kHeadline, Qt::AlignRight | Qt::AlignVCenter);
                    child->setData(kName, kRunRole, static_cast<qlonglong>(r.id));
                    child->setData(kName, kExperimentRole, static_cast<qlonglong>(e.id));
                    child->setToolTip(kName, tr("run #%1, %2, started %3").arg(r.id).arg(q(r.role), q(r.started)));
                    child->setFlags(child->flags() | Qt::ItemIsUserCheckable);
                    child->setCheckState(kName, checked_.contains(r.id) ? Qt::Checked : Qt::Unchecked);
                }
                if (runs.empty()) top->setCheckState(kName, Qt::Unchecked);
                top->setExpanded(expanded_.contains(e.id));
            }
        } catch (const std::exception& e) {
            auto* item = new QTreeWidgetItem(tree_);
            item->setText(kName, tr("Could not read the run store: %1").arg(q(e.what())));
        }
    }
    filling_ = false;
    applyFilter();
}

void RunsDock::selectExperiment(qint64 experimentId) {
    checked_.clear();
    expanded_.insert(experimentId);
    if (store_) {
        try {
            for (const RunRecord& r : store_->runs(experimentId)) checked_.insert(r.id);
        } catch (const std::exception&) {
        }
    }
    refresh();
    Q_EMIT selectionChanged(checkedRuns());
}

QList<qint64> RunsDock::checkedRuns() const {
    QList<qint64> out(checked_.begin(), checked_.end());
    std::sort(out.begin(), out.end());
    return out;
}

void RunsDock::setFilter(const QString& text, bool regex) {
    regex_->setChecked(regex);
    filter_->setText(text);
    applyFilter();
}

void RunsDock::applyFilter() {
    const QString text = filter_->text().trimmed();
    QRegularExpression re;
    if (regex_->isChecked()) {
        re = QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
        filter_->setStyleSheet(re.isValid() ? QString() : QStringLiteral("QLineEdit { color: #b00020; }"));
        filter_->setToolTip(re.isValid() ? QString() : re.errorString());
        if (!re.isValid()) return;
    } else {
        filter_->setStyleSheet(QString());
    }
    const auto matches = [&](const QTreeWidgetItem* item) {
        if (text.isEmpty()) return true;
        for (int c = 0; c < kColumns; ++c) {
            const QString cell = item->text(c);
            if (regex_->isChecked() ? re.match(cell).hasMatch() : cell.contains(text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    };
    for (int i = 0; i < tree_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* top = tree_->topLevelItem(i);
        const bool topMatches = matches(top);
        bool any = false;
        for (int j = 0; j < top->childCount(); ++j) {
            const bool shown = topMatches || matches(top->child(j));
            top->child(j)->setHidden(!shown);
            any = any || shown;
        }
        top->setHidden(!topMatches && !any);
        if (!text.isEmpty() && any && !topMatches) top->setExpanded(true);
    }
}

qint64 RunsDock::experimentOf(QTreeWidgetItem* item) const {
    return item ? item->data(kName, kExperimentRole).toLongLong() : 0;
}

void RunsDock::showMenu(const QPoint& pos) {
    QTreeWidgetItem* item = tree_->itemAt(pos);
    const qint64 id = experimentOf(item);
    if (!id || !store_) return;
    QMenu menu(this);
    menu.addAction(tr("Compare this experiment"), this, [this, id] { selectExperiment(id); });
    menu.addAction(tr("Re-run with the same config"), this, [this, id] {
        const auto e = store_->experiment(id);
        if (e) Q_EMIT rerunRequested(nlohmann::json::parse(e->configJson, nullptr, false));
    });
    menu.addSeparator();
    menu.addAction(tr("Rename…"), this, [this, id] { askRename(id); });
    menu.addAction(tr("Notes…"), this, [this, id] { editNotes(id); });
    menu.addAction(tr("Tags…"), this, [this, id] { editTags(id); });
    menu.addAction(tr("Export results (CSV)…"), this, [this, id] { exportExperiment(id); });
    menu.addSeparator();
    menu.addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("Delete experiment…"), this,
                   [this, id] { deleteExperiment(id); });
    menu.exec(tree_->viewport()->mapToGlobal(pos));
}

void RunsDock::askRename(qint64 id) {
    const auto e = store_->experiment(id);
    if (!e) return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename experiment"), tr("New name:"), QLineEdit::Normal,
                                               q(e->name), &ok);
    if (ok) renameExperiment(id, name);
}

bool RunsDock::renameExperiment(qint64 id, const QString& name) {
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) return false;
    store_->renameExperiment(id, trimmed.toStdString());
    refresh();
    return true;
}

void RunsDock::editNotes(qint64 id) {
    const auto e = store_->experiment(id);
    if (!e) return;
    bool ok = false;
    const QString notes = QInputDialog::getMultiLineText(this, tr("Notes"), tr("Notes on %1:").arg(q(e->name)),
                                                         q(e->notes), &ok);
    if (!ok) return;
    store_->setExperimentNotes(id, notes.toStdString());
    refresh();
}

void RunsDock::editTags(qint64 id) {
    const auto e = store_->experiment(id);
    if (!e) return;
    QStringList current;
    for (const std::string& t : e->tags) current << q(t);
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Tags"), tr("Tags, comma separated:"), QLineEdit::Normal,
                                               current.join(QStringLiteral(", ")), &ok);
    if (!ok) return;
    std::vector<std::string> tags;
    for (const QString& t : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty()) tags.push_back(t.trimmed().toStdString());
    store_->setExperimentTags(id, tags);
    refresh();
}

void RunsDock::deleteExperiment(qint64 id) {
    if (!store_) return;
    if (confirm_) {
        const auto e = store_->experiment(id);
        const auto answer = QMessageBox::question(
            this, tr("Delete experiment"),
            tr("Delete \"%1\" with all its runs, curves and results? This cannot be undone.")
                .arg(e ? q(e->name) : QString::number(id)));
        if (answer != QMessageBox::Yes) return;
    }
    for (const RunRecord& r : store_->runs(id)) checked_.remove(r.id);
    store_->deleteExperiment(id);
    refresh();
    Q_EMIT selectionChanged(checkedRuns());
}

void RunsDock::exportExperiment(qint64 id) {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export results"), QStringLiteral("experiment-%1.csv").arg(id),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QMessageBox::warning(this, tr("Could not export"), file.errorString());
        return;
    }
    // Long format (one metric per line) keeps every metric of every run without a fixed header.
    QByteArray out = "run,role,model,method,status,metric,value\n";
    for (const RunRecord& r : store_->runs(id))
        for (const auto& [metric, value] : store_->finalResults(r.id))
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                       .arg(r.id)
                       .arg(q(r.role), q(r.model), q(r.method), q(r.status), q(metric))
                       .arg(value, 0, 'g', 10)
                       .toUtf8();
    file.write(out);
}

}  // namespace rd
