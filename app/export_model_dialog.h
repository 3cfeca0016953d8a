#pragma once

#include <QDialog>
#include <QString>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace rd {

class CancelToken;
class RunCatalog;

/**
 * Runs dock ▸ Export model…: one run's trained model written to a folder for serving (the same
 * files as `recdistill-cli export-model`: id maps, embeddings or weights, manifest.json), as NumPy
 * .npy or CSV. The export rebuilds the run's data and loads its checkpoint off the GUI thread,
 * on a pool thread; the dialog stays open with the store's message when it fails, and closes
 * (accepted) once the files are written. Cancel (or Esc) while it runs stops the export within a
 * second, leaving no file, then closes the dialog.
 */
class ExportModelDialog : public QDialog {
    Q_OBJECT

public:
    ExportModelDialog(qint64 runId, const QString& runLabel, RunCatalog* catalog,
                      QWidget* parent = nullptr);

    QLineEdit* folderEdit() const { return folder_; }
    QComboBox* formatCombo() const { return format_; }
    QLabel* statusLabel() const { return status_; }
    QDialogButtonBox* buttons() const { return buttons_; }

private:
    void browse();
    void startExport();
    void updateButtons();
    void reject() override;

    qint64 runId_;
    RunCatalog* catalog_;
    QLineEdit* folder_;
    QComboBox* format_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
    bool running_ = false;
    std::shared_ptr<CancelToken> cancel_;  ///< the running export's
};

}  // namespace rd
