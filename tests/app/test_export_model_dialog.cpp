// Runs dock ▸ Export model…: the dialog writes a real run's model through the catalog's store
// session (files on disk, the dialog accepted), and keeps the store's message when it cannot.
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "export_model_dialog.h"
#include "isolated_home.h"
#include "pipeline/experiment_pipeline.h"
#include "run_catalog.h"
#include "store/run_store.h"
#include "workbench.h"

class TestExportModelDialog : public QObject {
    Q_OBJECT

    QTemporaryDir home_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
    }

    void writesTheRunsModelOrSaysWhyNot() {
        const QString path = home_.filePath(QStringLiteral("runs.sqlite"));
        int64_t runId = 0;
        {
            rd::RunStore store(path.toStdString());
            const rd::ExperimentOutcome out =
                rd::runExperiment(rd::ExperimentConfig::fromJson(nlohmann::json::parse(R"({
                    "data": {"path": "demo", "preprocess": {"max_users": 80}},
                    "model": {"name": "mf", "dim": 4},
                    "train": {"epochs": 1, "threads": 1}, "eval": {"ks": [10]},
                    "latency_users": 0})")),
                                  {}, nullptr, &store);
            QCOMPARE(out.status, std::string("finished"));
            runId = out.stages[0].runId;
        }
        rd::Workbench bench;
        QSignalSpy loaded(bench.catalog(), &rd::RunCatalog::loaded);
        bench.openDatabase(path);
        QVERIFY(loaded.wait(30000));

        rd::ExportModelDialog dialog(runId, QStringLiteral("mf"), bench.catalog());
        const QString folder = home_.filePath(QStringLiteral("export"));
        dialog.folderEdit()->clear();
        QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.folderEdit()->setText(folder);
        dialog.formatCombo()->setCurrentIndex(dialog.formatCombo()->findData("csv"));
        dialog.show();
        dialog.buttons()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        for (const char* file : {"manifest.json", "users.txt", "items.txt", "user_embeddings.csv",
                                 "item_embeddings.csv"})
            QVERIFY2(QFile::exists(folder + "/" + file), file);

        rd::ExportModelDialog missing(9999, QStringLiteral("?"), bench.catalog());
        missing.show();
        missing.buttons()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY_WITH_TIMEOUT(missing.statusLabel()->text().contains("run 9999 does not exist"),
                                 30000);
        QVERIFY(missing.result() != QDialog::Accepted);
        QVERIFY(missing.buttons()->button(QDialogButtonBox::Ok)->isEnabled());

        // Cancel while it runs: the export is stopped (not left writing behind a closed dialog),
        // the dialog closes once it has, and nothing is written.
        rd::ExportModelDialog cancelled(runId, QStringLiteral("mf"), bench.catalog());
        const QString other = home_.filePath(QStringLiteral("cancelled"));
        cancelled.folderEdit()->setText(other);
        cancelled.show();
        QSignalSpy rejected(&cancelled, &QDialog::rejected);
        cancelled.buttons()->button(QDialogButtonBox::Ok)->click();
        cancelled.buttons()->button(QDialogButtonBox::Cancel)->click();
        QVERIFY(cancelled.isVisible());  // still open until the export has stopped
        QCOMPARE(cancelled.statusLabel()->text(), QStringLiteral("Cancelling…"));
        QVERIFY(rejected.wait(30000));
        QVERIFY(!QFileInfo::exists(other));
    }
};

QTEST_MAIN(TestExportModelDialog)
#include "test_export_model_dialog.moc"
