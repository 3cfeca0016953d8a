#include "trash_dialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "run_catalog.h"
#include "store/store_records.h"

namespace rd {

namespace {

QString localTime(const std::string& iso) {
    const QDateTime t = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString::fromStdString(iso);
}

}  // namespace

TrashDialog::TrashDialog(RunCatalog* catalog, QWidget* parent)
    : QDialog(parent), catalog_(catalog) {
    setObjectName(QStringLiteral("trashDialog"));
    setWindowTitle(tr("Trash"));
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    list_ = new QTreeWidget;
    list_->setObjectName(QStringLiteral("trashList"));
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->setHeaderLabels({tr("Experiment"), tr("Created"), tr("Moved to trash")});
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    list_->header()->setStretchLastSection(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    restore_ = buttons->addButton(tr("&Restore"), QDialogButtonBox::ActionRole);
    restore_->setEnabled(false);
    empty_ = buttons->addButton(tr("&Empty trash…"), QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(restore_, &QPushButton::clicked, this, &TrashDialog::restoreSelected);
    connect(empty_, &QPushButton::clicked, this, [this] { emptyTrash(true); });
    connect(list_, &QTreeWidget::itemSelectionChanged, this,
            [this] { restore_->setEnabled(!list_->selectedItems().isEmpty()); });
    connect(list_, &QTreeWidget::itemActivated, this, &TrashDialog::restoreSelected);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(list_, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 90, fontMetrics().height() * 22);
    refresh();
}

void TrashDialog::refresh() {
    if (!catalog_) return;
    catalog_->readTrash(
        this, [this](const std::vector<ExperimentRecord>& records, const QString& error) {
            list_->clear();
            for (const ExperimentRecord& e : records) {
                auto* item = new QTreeWidgetItem(list_);
                item->setText(
                    0, QStringLiteral("#%1 · %2").arg(e.id).arg(QString::fromStdString(e.name)));
                item->setData(0, Qt::UserRole, static_cast<qlonglong>(e.id));
                item->setText(1, localTime(e.created));
                item->setText(2, localTime(e.deletedAt));
            }
            summary_->setText(
                !error.isEmpty() ? tr("Could not read the trash: %1").arg(error)
                : records.empty()
                    ? tr("The trash is empty.")
                    : tr("%n experiment(s) in the trash. Restore brings an experiment back with "
                         "its runs; Empty trash deletes them for good.",
                         "", static_cast<int>(records.size())));
            empty_->setEnabled(!records.empty());
            restore_->setEnabled(!list_->selectedItems().isEmpty());
            Q_EMIT refreshed();
        });
}

void TrashDialog::restoreSelected() {
    if (!catalog_) return;
    const QList<QTreeWidgetItem*> items = list_->selectedItems();
    for (int i = 0; i < items.size(); ++i) {
        const qint64 id = items[i]->data(0, Qt::UserRole).toLongLong();
        const bool last = i + 1 == items.size();
        catalog_->restoreExperiment(id, this, [this, last](const QString&) {
            if (last) refresh();
        });
    }
}

void TrashDialog::emptyTrash(bool ask) {
    if (!catalog_) return;
    const auto erase = [this] {
        catalog_->emptyTrash(this, [this](const QString& error) {
            if (!error.isEmpty()) {
                auto* box = new QMessageBox(QMessageBox::Warning, tr("Empty trash"), error,
                                            QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            }
            refresh();
        });
    };
    if (!ask) {
        erase();
        return;
    }
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Empty trash"),
        tr("Delete the %n experiment(s) in the trash with their runs, curves and results for "
           "good? This cannot be undone.",
           "", list_->topLevelItemCount()),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [box, erase](QAbstractButton* button) {
        if (box->standardButton(button) == QMessageBox::Yes) erase();
    });
    box->open();
}

}  // namespace rd
