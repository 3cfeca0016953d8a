#pragma once

#include <QDockWidget>
#include <QList>
#include <QSet>

#include <nlohmann/json.hpp>

class QCheckBox;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

class RunStore;

/**
 * The Runs dock: experiments → runs from the run store as a tree (status icon, role, model, method,
 * NDCG@10), a filter (text, or a regular expression), check boxes that choose the runs to compare,
 * and a context menu for notes, tags, delete (confirmed), re-run and export. It reads through the
 * GUI thread's own store connection; refresh() reloads and keeps checks and expansion.
 */
class RunsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit RunsDock(QWidget* parent = nullptr);

    /** The GUI thread's store (not owned); nullptr shows nothing. */
    void setStore(RunStore* store);
    void refresh();
    /** Checks every run of one experiment (and only those) and expands it. */
    void selectExperiment(qint64 experimentId);
    QList<qint64> checkedRuns() const;
    /** Renames the experiment in the store (the context menu's "Rename…"); false for a blank name. */
    bool renameExperiment(qint64 experimentId, const QString& name);
    void setFilter(const QString& text, bool regex);
    QTreeWidget* tree() const { return tree_; }
    /** Tests turn confirmation dialogs off. */
    void setConfirmations(bool on) { confirm_ = on; }
    void deleteExperiment(qint64 experimentId);

Q_SIGNALS:
    /** The runs checked for comparison changed. */
    void selectionChanged(const QList<qint64>& runIds);
    /** The user asked to run an experiment's config again (it goes to the Setup tab). */
    void rerunRequested(const nlohmann::json& config);

private:
    void applyFilter();
    void showMenu(const QPoint& pos);
    void askRename(qint64 experimentId);
    void editNotes(qint64 experimentId);
    void editTags(qint64 experimentId);
    void exportExperiment(qint64 experimentId);
    qint64 experimentOf(QTreeWidgetItem* item) const;

    RunStore* store_ = nullptr;
    QTreeWidget* tree_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QCheckBox* regex_ = nullptr;
    QSet<qint64> checked_;
    QSet<qint64> expanded_;
    bool confirm_ = true;
    bool filling_ = false;
};

}  // namespace rd
