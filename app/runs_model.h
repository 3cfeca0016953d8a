#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

#include "run_listing.h"

namespace rd {

/**
 * Experiments → runs as an item model for the Runs dock: "#id · name" (with tags), date, data set,
 * status (with its icon), the headline value (NDCG@10: an experiment's best student) and model;
 * runs are checkable for comparison, an experiment's check
 * box sums up its runs (and checks or clears them all). Newest experiment first, runs in stage
 * order.
 *
 * The model holds data only and never reads the store: setEntries() replaces everything (one reset,
 * for a newly opened database), and the rest changes rows in place — the running experiment's
 * stages as the worker reports them, one experiment re-read after an edit — so a stage event costs
 * the same however big the store is.
 */
class RunsModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        DateColumn,
        DatasetColumn,
        StatusColumn,
        HeadlineColumn,
        ModelColumn,
        ColumnCount
    };
    /** SortRole: what a column sorts by (creation time as ISO text, the headline as a number with
     * -1 for none, texts otherwise). */
    enum Role { RunIdRole = Qt::UserRole + 1, ExperimentIdRole, StatusRole, SortRole };

    explicit RunsModel(QObject* parent = nullptr);
    ~RunsModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /** Replaces the whole tree (newest experiment first); checks of runs still present are kept. */
    void setEntries(std::vector<ExperimentEntry> entries);
    void clear();
    /** Adds the experiment, or brings its row and its runs up to date (rows inserted, changed or
     * removed). */
    void upsertExperiment(const ExperimentEntry& entry);
    /** Updates the experiment's own row (name, tags, notes); adds it without runs when it is new.
     */
    void updateExperimentRecord(const ExperimentRecord& record);
    void removeExperiment(qint64 experimentId);
    /** Updates one run's row (from a re-read); false when the tree has no such run. */
    bool updateRun(const RunRecord& run);

    /**
     * A stage of the running experiment started: its row (the stage's position among the
     * experiment's runs) appears as running; the run id comes with stageFinished(). The
     * experiment's row is added under name when the tree does not have it yet.
     */
    void stageStarted(qint64 experimentId, const QString& name, int stage, const RunRecord& run);
    /** The stage's row takes its run id, status, error and headline value. */
    void stageFinished(qint64 experimentId, int stage, qint64 runId, const QString& status,
                       const QString& error, std::optional<double> headline);

    QList<qint64> checkedRuns() const;
    /** Checks exactly these runs. */
    void setCheckedRuns(const QList<qint64>& runIds);
    /** Checks every run of the experiment, and only those. */
    void checkExperiment(qint64 experimentId);

    bool hasExperiment(qint64 experimentId) const;
    const ExperimentRecord* experiment(qint64 experimentId) const;
    QList<qint64> runsOf(qint64 experimentId) const;
    QModelIndex experimentIndex(qint64 experimentId) const;
    int experimentCount() const { return static_cast<int>(nodes_.size()); }
    int runCount() const;

Q_SIGNALS:
    /** The runs checked for comparison changed (ids in ascending order). */
    void checkedRunsChanged(const QList<qint64>& runIds);

private:
    struct Node {
        ExperimentRecord record;
        std::vector<RunEntry> runs;
        std::string dataset;
    };

    Node* nodeOf(qint64 experimentId) const;
    int rowOf(const Node* node) const;
    /** Inserts a node at its place (ids descending) and returns it. */
    Node* insertNode(ExperimentRecord record);
    void reindex();
    void runRowChanged(Node* node, int row);
    void setRuns(Node* node, const std::vector<RunEntry>& runs);
    void emitChecked();
    QVariant experimentData(const Node& node, int column, int role) const;
    QVariant runData(const RunEntry& run, int column, int role) const;
    QIcon statusIcon(const std::string& status) const;

    std::vector<std::unique_ptr<Node>> nodes_;
    QHash<const Node*, int> rows_;
    QHash<qint64, Node*> byId_;
    QSet<qint64> checked_;
    mutable QHash<QString, QIcon> icons_;
};

}  // namespace rd
