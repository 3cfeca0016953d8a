#include "export_model_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "run_catalog.h"
#include "util/cancel_token.h"

namespace rd {

ExportModelDialog::ExportModelDialog(qint64 runId, const QString& runLabel, RunCatalog* catalog,
                                     QWidget* parent)
    : QDialog(parent), runId_(runId), catalog_(catalog) {
    setWindowTitle(tr("Export model — run %1").arg(runId));
    auto* intro = new QLabel(
        tr("%1\nWrites the id maps, the embeddings (or NeuMF's weights) and manifest.json with the "
           "scoring rule, for serving outside the workbench.")
            .arg(runLabel),
        this);
    intro->setWordWrap(true);

    folder_ = new QLineEdit(QDir::home().filePath(QStringLiteral("run-%1-model").arg(runId)), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* row = new QHBoxLayout;
    row->addWidget(folder_, 1);
    row->addWidget(browse);
    format_ = new QComboBox(this);
    format_->addItem(tr("NumPy (.npy)"), QStringLiteral("npy"));
    format_->addItem(tr("CSV text"), QStringLiteral("csv"));
    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), row);
    form->addRow(tr("Arrays as:"), format_);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Export"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(status_);
    layout->addWidget(buttons_);

    connect(browse, &QPushButton::clicked, this, &ExportModelDialog::browse);
    connect(folder_, &QLineEdit::textChanged, this, &ExportModelDialog::updateButtons);
    connect(buttons_, &QDialogButtonBox::accepted, this, &ExportModelDialog::startExport);
    connect(buttons_, &QDialogButtonBox::rejected, this, &ExportModelDialog::reject);
    updateButtons();
}

void ExportModelDialog::browse() {
    auto* dialog = new QFileDialog(this, tr("Export model to folder"), folder_->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString& path) { folder_->setText(path); });
    dialog->open();
}

void ExportModelDialog::updateButtons() {
    buttons_->button(QDialogButtonBox::Ok)
        ->setEnabled(!running_ && !folder_->text().trimmed().isEmpty());
}

void ExportModelDialog::startExport() {
    if (running_ || !catalog_) return;
    running_ = true;
    updateButtons();
    status_->setText(tr("Exporting… (the run's data is loaded again, which can take a while)"));
    const QString folder = folder_->text().trimmed();
    cancel_ = std::make_shared<CancelToken>();
    catalog_->exportModel(runId_, folder, format_->currentData().toString(), cancel_, this,
                          [this, folder, cancel = cancel_](const QString& error) {
                              running_ = false;
                              updateButtons();
                              if (cancel->cancelled()) {
                                  QDialog::reject();  // the user asked; nothing was written
                              } else if (error.isEmpty()) {
                                  status_->setText(tr("Written to %1").arg(folder));
                                  accept();
                              } else {
                                  status_->setText(tr("Could not export: %1").arg(error));
                              }
                          });
}

void ExportModelDialog::reject() {
    if (!running_) {
        QDialog::reject();
        return;
    }
    // Closing now would leave the export writing files the user no longer wants: stop it first,
    // and close when it has stopped (within a second).
    cancel_->cancel();
    status_->setText(tr("Cancelling…"));
    buttons_->button(QDialogButtonBox::Cancel)->setEnabled(false);
}

}  // namespace rd
