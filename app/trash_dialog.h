#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace rd {

class RunCatalog;

/**
 * Edit ▸ Trash: the experiments moved to the trash (id, name, created, trashed), with Restore for
 * the selected ones and Empty trash (asked once) to delete them for good. Reads and writes through
 * the RunCatalog, off the GUI thread.
 */
class TrashDialog : public QDialog {
    Q_OBJECT

public:
    explicit TrashDialog(RunCatalog* catalog, QWidget* parent = nullptr);

    QTreeWidget* list() const { return list_; }
    /** Restores the selected experiments. */
    void restoreSelected();
    /** Deletes everything in the trash for good; ask = false skips the question (tests). */
    void emptyTrash(bool ask = true);
    /** Reads the trash again. */
    void refresh();

Q_SIGNALS:
    /** The list shows the trash as read (after refresh(), a restore or emptying). */
    void refreshed();

private:
    QPointer<RunCatalog> catalog_;
    QTreeWidget* list_ = nullptr;
    QLabel* summary_ = nullptr;
    QPushButton* restore_ = nullptr;
    QPushButton* empty_ = nullptr;
};

}  // namespace rd
