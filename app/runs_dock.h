#pragma once

#include <QDockWidget>
#include <QList>
#include <QPointer>

#include <nlohmann/json.hpp>

class QCheckBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;
class QTreeWidget;

namespace rd {

class RunCatalog;
class StudyCatalog;

/**
 * The Runs dock: the Runs model (experiments → runs: status icon, role, model, method, NDCG@10) in
 * a tree, a filter (text, or a regular expression) through a proxy model, check boxes that choose
 * the runs to compare, and a context menu for notes, tags, move to trash (undoable), re-run and
 * export. Headers sort the experiments (remembered); runs stay in stage order.
 * Every edit goes through the RunCatalog, which writes off the GUI thread; its dialogs are
 * window-modal (open(), no nested event loop). Below the tree, the store's studies (experiments
 * repeated over seeds and sweep cells): opening one compares it as a study.
 */
class RunsDock : public QDockWidget {
    Q_OBJECT

public:
    explicit RunsDock(QWidget* parent = nullptr);

    /** The runs to show and edit (not owned; outlives the dock). */
    void setCatalog(RunCatalog* catalog);
    /** The studies to list (not owned; outlives the dock). */
    void setStudies(StudyCatalog* studies);
    QTreeWidget* studyList() const { return studies_; }
    /** Checks every run of one experiment (and only those) and expands it. */
    void selectExperiment(qint64 experimentId);
    QList<qint64> checkedRuns() const;
    /** Renames the experiment (the context menu's "Rename…"); false for a blank name. The store and
     * the tree follow once it is written. */
    bool renameExperiment(qint64 experimentId, const QString& name);
    void setFilter(const QString& text, bool regex);
    QTreeView* tree() const { return tree_; }
    QSortFilterProxyModel* filterModel() const { return proxy_; }
    /** Puts the keyboard in the filter with its text selected (View ▸ Find runs, Ctrl+F). */
    void focusFilter();
    /** Moves the experiment to the trash (no question: it can be undone). */
    void deleteExperiment(qint64 experimentId);

Q_SIGNALS:
    /** The user asked to run an experiment's config again (it goes to the Setup tab). */
    void rerunRequested(const nlohmann::json& config);
    /** The user opened a study (double-click, Enter or the context menu). */
    void studyOpenRequested(qint64 studyId);
    /** A line for the status bar (an export written). */
    void statusMessage(const QString& text);

private:
    void applyFilter();
    bool matchesFilter(const QModelIndex& sourceRow) const;
    void expandExperiment(qint64 experimentId);
    void showMenu(const QPoint& pos);
    void fillStudies();
    void askRename(qint64 experimentId);
    void editNotes(qint64 experimentId);
    void editTags(qint64 experimentId);
    void exportExperiment(qint64 experimentId);
    void showError(const QString& title, const QString& message);

    QPointer<RunCatalog> catalog_;
    QPointer<StudyCatalog> studyCatalog_;
    QTreeWidget* studies_ = nullptr;
    QWidget* studyBox_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTreeView* tree_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QCheckBox* regex_ = nullptr;
    QLabel* error_ = nullptr;
    qint64 expandWhenChecked_ = 0;
};

}  // namespace rd
