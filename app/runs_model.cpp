#include "runs_model.h"
#include "core_text.h"

#include <QApplication>
#include <QDateTime>
#include <QStyle>

#include <algorithm>

#include "catalog/run_vocabulary.h"

namespace rd {

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// The texts keep the translation contexts they had when the dock built its tree itself.
QString runLabel(const RunRecord& run) {
    if (run.role == role::kDistilled) return QObject::tr("+ %1").arg(q(run.method));
    return CoreText::runLabel(run.role, run.method, run.model);
}

QString experimentTip(const ExperimentRecord& e) {
    QString tip =
        QCoreApplication::translate("rd::RunsDock", "#%1, created %2").arg(e.id).arg(q(e.created));
    QStringList tags;
    for (const std::string& t : e.tags) tags << q(t);
    if (!tags.isEmpty())
        tip += QCoreApplication::translate("rd::RunsDock", "\nTags: %1")
                   .arg(tags.join(QStringLiteral(", ")));
    if (!e.notes.empty())
        tip += QCoreApplication::translate("rd::RunsDock", "\nNotes: %1").arg(q(e.notes));
    return tip;
}

QString experimentName(const ExperimentRecord& e) {
    QStringList tags;
    for (const std::string& t : e.tags) tags << q(t);
    if (tags.isEmpty()) return q(e.name);
    return q(e.name) + QStringLiteral("  [") + tags.join(QStringLiteral(", ")) + QLatin1Char(']');
}

/** An ISO 8601 UTC time in local time: "2026-12-01 17:25" (with the date) or "17:25:03". */
QString localTime(const std::string& iso, bool withDate) {
    const QDateTime t = QDateTime::fromString(q(iso), Qt::ISODate);
    if (!t.isValid()) return q(iso);
    return t.toLocalTime().toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm")
                                             : QStringLiteral("HH:mm:ss"));
}

}  // namespace

RunsModel::RunsModel(QObject* parent) : QAbstractItemModel(parent) {}

RunsModel::~RunsModel() = default;

QModelIndex RunsModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (!parent.isValid()) {
        if (row >= static_cast<int>(nodes_.size())) return {};
        return createIndex(row, column, nullptr);
    }
    if (parent.internalPointer() || parent.row() >= static_cast<int>(nodes_.size())) return {};
    Node* node = nodes_[static_cast<size_t>(parent.row())].get();
    if (row >= static_cast<int>(node->runs.size())) return {};
    return createIndex(row, column, node);
}

QModelIndex RunsModel::parent(const QModelIndex& child) const {
    const auto* node = static_cast<const Node*>(child.internalPointer());
    if (!child.isValid() || !node) return {};
    return createIndex(rowOf(node), 0, nullptr);
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(nodes_.size());
    if (parent.internalPointer() || parent.column() != 0) return 0;
    return static_cast<int>(nodes_[static_cast<size_t>(parent.row())]->runs.size());
}

int RunsModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (const auto* node = static_cast<const Node*>(index.internalPointer())) {
        const RunEntry& run = node->runs[static_cast<size_t>(index.row())];
        if (role == Qt::CheckStateRole && index.column() == NameColumn)
            return run.record.id == 0
                       ? QVariant()
                       : QVariant(
                             int(checked_.contains(run.record.id) ? Qt::Checked : Qt::Unchecked));
        return runData(run, index.column(), role);
    }
    const Node& node = *nodes_[static_cast<size_t>(index.row())];
    if (role == Qt::CheckStateRole && index.column() == NameColumn) {
        int runs = 0, checked = 0;
        for (const RunEntry& r : node.runs) {
            if (r.record.id == 0) continue;
            ++runs;
            if (checked_.contains(r.record.id)) ++checked;
        }
        return int(checked == 0      ? Qt::Unchecked
                   : checked == runs ? Qt::Checked
                                     : Qt::PartiallyChecked);
    }
    return experimentData(node, index.column(), role);
}

QVariant RunsModel::experimentData(const Node& node, int column, int role) const {
    const ExperimentRecord& e = node.record;
    // One experiment told from the next at a glance: id and date, its state as a whole, and the
    // best distilled student's headline (the student alone's when none was distilled).
    std::string state = status::kFinished;
    const RunEntry* best = nullptr;
    for (const RunEntry& r : node.runs) {
        if (r.record.status == status::kRunning)
            state = status::kRunning;
        else if (state != status::kRunning && r.record.status != status::kFinished)
            state = r.record.status;
        if (r.headline && r.record.role != role::kTeacher &&
            (!best ||
             (r.record.role == role::kDistilled && best->record.role != role::kDistilled) ||
             (r.record.role == best->record.role && *r.headline > *best->headline)))
            best = &r;
    }
    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case NameColumn:
                    // The id first: nine "Quick demo…" rows are elided at their end, and it still
                    // tells them apart.
                    return QStringLiteral("#%1 · %2").arg(e.id).arg(experimentName(e));
                case DateColumn:
                    return e.created.empty() ? QVariant() : QVariant(localTime(e.created, true));
                case DatasetColumn:
                    return q(node.dataset);
                case StatusColumn:
                    return node.runs.empty() ? QVariant() : QVariant(CoreText::status(q(state)));
                case HeadlineColumn:
                    return best ? QVariant(QString::number(*best->headline, 'f', 4)) : QVariant();
                default:
                    return {};
            }
        case Qt::DecorationRole:
            return column == StatusColumn && !node.runs.empty() ? QVariant(statusIcon(state))
                                                                : QVariant();
        case Qt::EditRole:  // what the filter matches: the name without its id
            return column == NameColumn ? QVariant(experimentName(e))
                                        : experimentData(node, column, Qt::DisplayRole);
        case SortRole:
            switch (column) {
                case NameColumn:
                    return experimentName(e);
                case DateColumn:
                    return q(e.created);
                case HeadlineColumn:
                    return best ? *best->headline : -1.0;
                default:
                    return experimentData(node, column, Qt::DisplayRole).toString();
            }
        case Qt::TextAlignmentRole:
            return column == HeadlineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
        case Qt::ToolTipRole:
            if (column == HeadlineColumn && best)
                return QCoreApplication::translate("rd::RunsDock", "best student: %1")
                    .arg(runLabel(best->record));
            return column == NameColumn ? QVariant(experimentTip(e)) : QVariant();
        case RunIdRole:
            return qlonglong(0);
        case ExperimentIdRole:
            return static_cast<qlonglong>(e.id);
        default:
            return {};
    }
}

QVariant RunsModel::runData(const RunEntry& run, int column, int role) const {
    const RunRecord& r = run.record;
    if (role == Qt::EditRole) role = Qt::DisplayRole;
    switch (role) {
        case Qt::DisplayRole:
            switch (column) {
                case NameColumn:
                    return runLabel(r);
                case DateColumn:
                    return r.started.empty() ? QVariant() : QVariant(localTime(r.started, false));
                case ModelColumn:
                    return q(r.model);
                case StatusColumn:
                    return CoreText::status(q(r.status));
                case HeadlineColumn:
                    return run.headline ? QVariant(QString::number(*run.headline, 'f', 4))
                                        : QVariant();
                default:
                    return {};
            }
        case Qt::DecorationRole:
            return column == StatusColumn ? QVariant(statusIcon(r.status)) : QVariant();
        case Qt::ToolTipRole:
            if (column == NameColumn)
                return QCoreApplication::translate("rd::RunsDock", "run #%1, %2, started %3")
                    .arg(r.id)
                    .arg(q(r.role), q(r.started));
            if (column == StatusColumn && !r.error.empty()) return q(r.error);
            return {};
        case Qt::TextAlignmentRole:
            return column == HeadlineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
        case RunIdRole:
            return static_cast<qlonglong>(r.id);
        case ExperimentIdRole:
            return static_cast<qlonglong>(r.experimentId);
        case StatusRole:
            return q(r.status);
        case SortRole:  // runs keep their stage order (RunsProxyModel); this is for other views
            return column == HeadlineColumn ? QVariant(run.headline.value_or(-1.0))
                                            : runData(run, column, Qt::DisplayRole);
        default:
            return {};
    }
}

QIcon RunsModel::statusIcon(const std::string& status) const {
    const QString key = q(status);
    if (const auto it = icons_.constFind(key); it != icons_.constEnd()) return *it;
    QStyle* style = QApplication::style();
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxCritical;
    if (status == "finished")
        pixmap = QStyle::SP_DialogApplyButton;
    else if (status == "running")
        pixmap = QStyle::SP_MediaPlay;
    else if (status == "cancelled")
        pixmap = QStyle::SP_DialogCancelButton;
    else if (status == "interrupted")
        pixmap = QStyle::SP_MessageBoxWarning;
    return icons_[key] = style->standardIcon(pixmap);
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    const bool on = static_cast<Qt::CheckState>(value.toInt()) == Qt::Checked;
    QSet<qint64> next = checked_;
    if (const auto* node = static_cast<const Node*>(index.internalPointer())) {
        const qint64 id = node->runs[static_cast<size_t>(index.row())].record.id;
        if (id == 0) return false;
        if (on)
            next.insert(id);
        else
            next.remove(id);
    } else {
        for (const RunEntry& r : nodes_[static_cast<size_t>(index.row())]->runs)
            if (r.record.id != 0) {
                if (on)
                    next.insert(r.record.id);
                else
                    next.remove(r.record.id);
            }
    }
    setCheckedRuns(QList<qint64>(next.begin(), next.end()));
    return true;
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() != NameColumn) return f;
    if (const auto* node = static_cast<const Node*>(index.internalPointer()))
        return node->runs[static_cast<size_t>(index.row())].record.id == 0
                   ? f
                   : f | Qt::ItemIsUserCheckable;
    return f | Qt::ItemIsUserCheckable;
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case NameColumn:
                return QCoreApplication::translate("rd::RunsDock", "Experiment / run");
            case DateColumn:
                return QCoreApplication::translate("rd::RunsDock", "Date");
            case DatasetColumn:
                return QCoreApplication::translate("rd::RunsDock", "Data set");
            case ModelColumn:
                return QCoreApplication::translate("rd::RunsDock", "Model");
            case StatusColumn:
                return QCoreApplication::translate("rd::RunsDock", "Status");
            case HeadlineColumn:
                return QCoreApplication::translate("rd::RunsDock", "NDCG@10");
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole && section == HeadlineColumn)
        return CoreText::metricTooltip(QString::fromLatin1(kHeadlineMetric)) +
               QCoreApplication::translate("rd::RunsDock",
                                           "\nOn an experiment's row: its best student's value.");
    if (role == Qt::ToolTipRole && section == DateColumn)
        return QCoreApplication::translate(
            "rd::RunsDock", "When the experiment was created (a run's row: when it started)");
    return {};
}

// ---- content -----------------------------------------------------------------------------------

void RunsModel::setEntries(std::vector<ExperimentEntry> entries) {
    beginResetModel();
    nodes_.clear();
    QSet<qint64> present;
    for (ExperimentEntry& e : entries) {
        auto node = std::make_unique<Node>();
        node->record = std::move(e.record);
        node->runs = std::move(e.runs);
        node->dataset = std::move(e.dataset);
        for (const RunEntry& r : node->runs) present.insert(r.record.id);
        nodes_.push_back(std::move(node));
    }
    std::sort(nodes_.begin(), nodes_.end(),
              [](const auto& a, const auto& b) { return a->record.id > b->record.id; });
    reindex();
    const QSet<qint64> before = checked_;
    checked_.intersect(present);
    endResetModel();
    if (checked_ != before) emitChecked();
}

void RunsModel::clear() {
    setEntries({});
}

RunsModel::Node* RunsModel::nodeOf(qint64 experimentId) const {
    return byId_.value(experimentId, nullptr);
}

int RunsModel::rowOf(const Node* node) const {
    return rows_.value(node, -1);
}

void RunsModel::reindex() {
    rows_.clear();
    byId_.clear();
    for (size_t i = 0; i < nodes_.size(); ++i) {
        rows_.insert(nodes_[i].get(), static_cast<int>(i));
        byId_.insert(nodes_[i]->record.id, nodes_[i].get());
    }
}

RunsModel::Node* RunsModel::insertNode(ExperimentRecord record) {
    const auto at = std::find_if(nodes_.begin(), nodes_.end(),
                                 [&](const auto& n) { return n->record.id < record.id; });
    const int row = static_cast<int>(at - nodes_.begin());
    auto node = std::make_unique<Node>();
    node->record = std::move(record);
    Node* raw = node.get();
    beginInsertRows({}, row, row);
    nodes_.insert(nodes_.begin() + row, std::move(node));
    reindex();
    endInsertRows();
    return raw;
}

void RunsModel::runRowChanged(Node* node, int row) {
    const QModelIndex parent = createIndex(rowOf(node), 0, nullptr);
    Q_EMIT dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
    Q_EMIT dataChanged(parent, parent, {Qt::CheckStateRole});  // the experiment's summary check box
}

void RunsModel::setRuns(Node* node, const std::vector<RunEntry>& runs) {
    const QModelIndex parent = createIndex(rowOf(node), 0, nullptr);
    const int before = static_cast<int>(node->runs.size()), after = static_cast<int>(runs.size());
    const int common = std::min(before, after);
    bool changed = false;
    for (int i = 0; i < common; ++i) {
        RunEntry& mine = node->runs[static_cast<size_t>(i)];
        const RunEntry& theirs = runs[static_cast<size_t>(i)];
        if (mine.record.id == theirs.record.id && mine.record.status == theirs.record.status &&
            mine.record.error == theirs.record.error &&
            mine.record.started == theirs.record.started &&
            mine.record.model == theirs.record.model && mine.headline == theirs.headline)
            continue;
        mine = theirs;
        changed = true;
    }
    if (changed)
        Q_EMIT dataChanged(index(0, 0, parent), index(common - 1, ColumnCount - 1, parent));
    QSet<qint64> gone;
    if (after > before) {
        beginInsertRows(parent, before, after - 1);
        node->runs.insert(node->runs.end(), runs.begin() + before, runs.end());
        endInsertRows();
    } else if (after < before) {
        for (int i = after; i < before; ++i)
            gone.insert(node->runs[static_cast<size_t>(i)].record.id);
        beginRemoveRows(parent, after, before - 1);
        node->runs.erase(node->runs.begin() + after, node->runs.end());
        endRemoveRows();
    }
    Q_EMIT dataChanged(parent, parent, {Qt::CheckStateRole});
    if (checked_.intersects(gone)) {
        checked_.subtract(gone);
        emitChecked();
    }
}

void RunsModel::upsertExperiment(const ExperimentEntry& entry) {
    Node* node = nodeOf(entry.record.id);
    if (!node) {
        node = insertNode(entry.record);
        node->dataset = entry.dataset;
    } else {
        node->record = entry.record;
        node->dataset = entry.dataset;
        const QModelIndex row = createIndex(rowOf(node), 0, nullptr);
        Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
    }
    setRuns(node, entry.runs);
}

void RunsModel::updateExperimentRecord(const ExperimentRecord& record) {
    if (Node* node = nodeOf(record.id)) {
        node->record = record;
        const QModelIndex row = createIndex(rowOf(node), 0, nullptr);
        Q_EMIT dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
    } else {
        insertNode(record);
    }
}

void RunsModel::removeExperiment(qint64 experimentId) {
    Node* node = nodeOf(experimentId);
    if (!node) return;
    QSet<qint64> gone;
    for (const RunEntry& r : node->runs) gone.insert(r.record.id);
    const int row = rowOf(node);
    beginRemoveRows({}, row, row);
    nodes_.erase(nodes_.begin() + row);
    reindex();
    endRemoveRows();
    if (checked_.intersects(gone)) {
        checked_.subtract(gone);
        emitChecked();
    }
}

bool RunsModel::updateRun(const RunRecord& run) {
    Node* node = nodeOf(run.experimentId);
    if (!node) return false;
    for (size_t i = 0; i < node->runs.size(); ++i)
        if (node->runs[i].record.id == run.id) {
            node->runs[i].record = run;
            runRowChanged(node, static_cast<int>(i));
            return true;
        }
    return false;
}

void RunsModel::stageStarted(qint64 experimentId, const QString& name, int stage,
                             const RunRecord& run) {
    Node* node = nodeOf(experimentId);
    if (!node) {
        ExperimentRecord e;
        e.id = experimentId;
        e.name = name.toStdString();
        node = insertNode(std::move(e));
    }
    // Runs are recorded in stage order, so the stage's row is its position; the store may already
    // have it (the tree was read after the worker started the run).
    if (stage < static_cast<int>(node->runs.size())) return;
    const QModelIndex parent = createIndex(rowOf(node), 0, nullptr);
    const int row = static_cast<int>(node->runs.size());
    beginInsertRows(parent, row, row);
    RunEntry entry{run, std::nullopt};
    entry.record.experimentId = experimentId;
    entry.record.status = "running";
    node->runs.push_back(std::move(entry));
    endInsertRows();
}

void RunsModel::stageFinished(qint64 experimentId, int stage, qint64 runId, const QString& status,
                              const QString& error, std::optional<double> headline) {
    Node* node = nodeOf(experimentId);
    if (!node || stage < 0 || stage >= static_cast<int>(node->runs.size())) return;
    RunEntry& entry = node->runs[static_cast<size_t>(stage)];
    if (runId != 0) entry.record.id = runId;
    entry.record.status = status.toStdString();
    entry.record.error = error.toStdString();
    entry.headline = headline;
    runRowChanged(node, stage);
}

// ---- checks
// --------------------------------------------------------------------------------------

QList<qint64> RunsModel::checkedRuns() const {
    QList<qint64> out(checked_.begin(), checked_.end());
    std::sort(out.begin(), out.end());
    return out;
}

void RunsModel::setCheckedRuns(const QList<qint64>& runIds) {
    const QSet<qint64> next(runIds.begin(), runIds.end());
    if (next == checked_) return;
    QSet<qint64> flipped = next;
    flipped.unite(checked_);
    flipped.subtract(QSet<qint64>(next).intersect(checked_));
    checked_ = next;
    // Only the rows whose box changed (and their experiments' summaries) are repainted.
    for (const auto& node : nodes_) {
        const QModelIndex parent = createIndex(rowOf(node.get()), 0, nullptr);
        bool any = false;
        for (size_t i = 0; i < node->runs.size(); ++i)
            if (flipped.contains(node->runs[i].record.id)) {
                const QModelIndex cell = index(static_cast<int>(i), NameColumn, parent);
                Q_EMIT dataChanged(cell, cell, {Qt::CheckStateRole});
                any = true;
            }
        if (any) Q_EMIT dataChanged(parent, parent, {Qt::CheckStateRole});
    }
    emitChecked();
}

void RunsModel::checkExperiment(qint64 experimentId) {
    setCheckedRuns(runsOf(experimentId));
}

void RunsModel::emitChecked() {
    Q_EMIT checkedRunsChanged(checkedRuns());
}

// ---- lookups
// -------------------------------------------------------------------------------------

bool RunsModel::hasExperiment(qint64 experimentId) const {
    return nodeOf(experimentId) != nullptr;
}

const ExperimentRecord* RunsModel::experiment(qint64 experimentId) const {
    const Node* node = nodeOf(experimentId);
    return node ? &node->record : nullptr;
}

QList<qint64> RunsModel::runsOf(qint64 experimentId) const {
    QList<qint64> out;
    if (const Node* node = nodeOf(experimentId))
        for (const RunEntry& r : node->runs)
            if (r.record.id != 0) out << r.record.id;
    return out;
}

QModelIndex RunsModel::experimentIndex(qint64 experimentId) const {
    const Node* node = nodeOf(experimentId);
    return node ? createIndex(rowOf(node), 0, nullptr) : QModelIndex();
}

int RunsModel::runCount() const {
    int n = 0;
    for (const auto& node : nodes_) n += static_cast<int>(node->runs.size());
    return n;
}

}  // namespace rd
