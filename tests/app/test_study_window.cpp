// A study from the window: Setup's "Repeat over seeds" box builds a valid study config (keys from
// the schemas, values checked as typed, ranges checked by the study's validator naming the key), a
// study runs on the worker thread with Live saying "experiment k of N", Compare then shows it as a
// study, and Cancel stops it.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "compare_tab.h"
#include "experiment_runner.h"
#include "isolated_home.h"
#include "live_tab.h"
#include "main_window.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "setup_tab.h"
#include "store/run_store.h"
#include "study/study_table.h"
#include "study_editor.h"
#include "workbench.h"

using namespace rd;

namespace {

constexpr int kRunTimeoutMs = 300000;

nlohmann::json tinyConfig(int epochs = 2) {
    return nlohmann::json{
        {"version", 1},
        {"name", "window study"},
        {"data", {{"path", "demo"}, {"preprocess", {{"max_users", 120}}}}},
        {"teacher", {{"name", "mf"}, {"dim", 16}}},
        {"student", {{"name", "mf"}, {"dim", 4}}},
        {"methods", {"softlabel"}},
        {"train",
         {{"epochs", epochs}, {"batch_size", 512}, {"lr", 0.01}, {"patience", 0}, {"threads", 1}}},
        {"latency_users", 3}};
}

}  // namespace

class TestStudyWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    int databases_ = 0;

    void prepare(MainWindow& window) {
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(
            home_.filePath(QStringLiteral("study-%1.sqlite").arg(++databases_))));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void setupBuildsAStudyConfig() {
        MainWindow window;
        prepare(window);
        SetupTab* setup = window.setupTab();
        setup->setConfig(tinyConfig());
        StudyEditor* editor = setup->studyEditor();
        QVERIFY(!setup->config().contains("study"));
        QCOMPARE(setup->plannedExperiments(), 1);
        // Keys come from the schemas of the chosen student, methods and training settings.
        QVERIFY(editor->candidates().contains(QStringLiteral("student.dim")));
        QVERIFY(editor->candidates().contains(QStringLiteral("methods.softlabel.lambda")));
        QVERIFY(editor->candidates().contains(QStringLiteral("train.lr")));
        QVERIFY(!editor->candidates().contains(QStringLiteral("train.threads")));

        editor->seedsEdit()->setText(QStringLiteral("2020, 2021 2022"));
        QCOMPARE(setup->config()["study"]["seeds"], nlohmann::json({2020, 2021, 2022}));
        QVERIFY(setup->isValid());
        QCOMPARE(setup->plannedExperiments(), 3);
        QVERIFY(setup->reasonLabel()->text().contains(QStringLiteral("3 experiment(s)")));

        editor->addAxis(QStringLiteral("student.dim"), QStringLiteral("4, 8"));
        QVERIFY(setup->isValid());
        QCOMPARE(setup->config()["study"]["sweep"]["student.dim"], nlohmann::json({4, 8}));
        QCOMPARE(setup->plannedExperiments(), 6);

        // Checked as typed: not a number, said inside the box and beside Run.
        auto* values = editor->findChildren<QLineEdit*>(QStringLiteral("sweepValues")).first();
        values->setText(QStringLiteral("4, eight"));
        QVERIFY(!setup->isValid());
        auto* error = editor->findChild<QLabel*>(QStringLiteral("studyError"));
        QVERIFY(error->isVisibleTo(editor));
        QVERIFY2(error->text().contains(QStringLiteral("student.dim")), qPrintable(error->text()));
        QVERIFY(setup->reason().contains(QStringLiteral("not a number")));
        // Out of range: the study's validator names the key.
        values->setText(QStringLiteral("4, 0"));
        QVERIFY(!setup->isValid());
        QVERIFY2(setup->reason().contains(QStringLiteral("student.dim")),
                 qPrintable(setup->reason()));
        values->setText(QStringLiteral("4, 8"));
        QVERIFY(setup->isValid());
        editor->seedsEdit()->setText(QStringLiteral("1, two"));
        QVERIFY(!setup->isValid());
        QVERIFY(setup->reason().contains(QStringLiteral("two")));
        editor->seedsEdit()->setText(QStringLiteral("1, 2"));
        QVERIFY(setup->isValid());

        // The config round-trips through the box (a saved study file loads back the same).
        const nlohmann::json config = setup->config();
        setup->setConfig(tinyConfig());
        QVERIFY(!setup->config().contains("study"));
        setup->setConfig(config);
        QCOMPARE(setup->config()["study"], config["study"]);
        QCOMPARE(editor->axisCount(), 1);

        // vary_split has its box: a loaded study keeps it, and unticking drops it.
        QVERIFY(!config["study"].contains("vary_split"));
        nlohmann::json varied = config;
        varied["study"]["vary_split"] = true;
        setup->setConfig(varied);
        QVERIFY(editor->varySplitBox()->isChecked());
        QCOMPARE(setup->config()["study"], varied["study"]);
        editor->varySplitBox()->setChecked(false);
        QCOMPARE(setup->config()["study"], config["study"]);
        editor->varySplitBox()->setChecked(true);
        QCOMPARE(setup->config()["study"]["vary_split"], nlohmann::json(true));
        // One seed and no axis is one run: the box has nothing to vary, and no study is written.
        editor->setStudy(nlohmann::json());
        QVERIFY(!editor->varySplitBox()->isEnabled());
        QVERIFY(!setup->config().contains("study"));
    }

    void runsAStudyFromTheWindow() {
        MainWindow window;
        prepare(window);
        nlohmann::json config = tinyConfig();
        config["study"] = {{"seeds", {1, 2}}};
        window.setupTab()->setConfig(config);
        QVERIFY(window.setupTab()->isValid());
        QSignalSpy experiments(window.runner(), &ExperimentRunner::studyExperimentStarted);
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QStringList seen;
        connect(window.runner(), &ExperimentRunner::studyExperimentStarted, this,
                [&] { seen << window.liveTab()->studyLabel()->text(); });
        window.setupTab()->runButton()->click();
        QVERIFY(window.isRunning());
        QVERIFY(finished.wait(kRunTimeoutMs));
        QVERIFY2(finished.first().at(0).toString() == QStringLiteral("finished"),
                 qPrintable(window.liveTab()->logPane()->toPlainText()));
        QCOMPARE(experiments.size(), 2);
        QCOMPARE(experiments.at(1).at(0).toInt(), 1);
        QCOMPARE(experiments.at(1).at(1).toInt(), 2);
        QCOMPARE(seen, QStringList({QStringLiteral("Experiment 1 of 2 (seed 1)"),
                                    QStringLiteral("Experiment 2 of 2 (seed 2)")}));
        QVERIFY(window.liveTab()->studyLabel()->isVisibleTo(window.liveTab()));
        QVERIFY(window.liveTab()->etaLabel()->text().startsWith(QStringLiteral("Study finished")));

        // Recorded as one study of two experiments; the window lists it and compares it as one.
        RunStore store(window.databasePath().toStdString());
        const std::vector<StudyRecord> studies = store.studies();
        QCOMPARE(studies.size(), size_t(1));
        QCOMPARE(QString::fromStdString(studies[0].status), QStringLiteral("finished"));
        QCOMPARE(store.studyMembers(studies[0].id).size(), size_t(2));
        QTRY_COMPARE_WITH_TIMEOUT(window.runsDock()->studyList()->topLevelItemCount(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.compareTab()->showsStudy(), 60000);
        QCOMPARE(window.compareTab()->study()->studyId, studies[0].id);
        QCOMPARE(window.compareTab()->metricsTable()->rowCount(), 3);
        QCOMPARE(window.compareTab()->metricsTable()->item(0, 2)->text(), QStringLiteral("2"));
        QTRY_COMPARE_WITH_TIMEOUT(window.workbench()->runsModel()->experimentCount(), 2, 30000);
    }

    void cancelsAStudy() {
        MainWindow window;
        prepare(window);
        nlohmann::json config = tinyConfig(500);
        config["study"] = {{"seeds", {1, 2, 3}}};
        window.setupTab()->setConfig(config);
        QSignalSpy epochs(window.runner(), &ExperimentRunner::epochReported);
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QVERIFY(window.startExperiment());
        QVERIFY(epochs.wait(kRunTimeoutMs));
        window.cancelExperiment();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cancelled"));
        RunStore store(window.databasePath().toStdString());
        QCOMPARE(QString::fromStdString(store.studies().at(0).status), QStringLiteral("cancelled"));
        QCOMPARE(store.experiments().size(), size_t(1));  // the others never started
        QVERIFY(window.setupTab()->runButton()->isEnabled());
    }
};

QTEST_MAIN(TestStudyWindow)
#include "test_study_window.moc"
