#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace rd {

class RunCatalog;

/**
 * Runs dock ▸ Export model…: one run's trained model written to a folder for serving (the same
 * files as `recdistill-cli export-model`: id maps, embeddings or weights, manifest.json), as NumPy
 * .npy or CSV. The export rebuilds the run's data and loads its checkpoint off the GUI thread,
 * through the catalog's store session; the dialog stays open with the store's message when it
 * fails, and closes (accepted) once the files are written.
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

    qint64 runId_;
    RunCatalog* catalog_;
    QLineEdit* folder_;
    QComboBox* format_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
    bool running_ = false;
};

}  // namespace rd
