// The workbench end to end, offscreen: Setup from the quick-demo preset (sized down), a real run on
// the worker thread, then the Runs tree, the Compare table and the Diversity charts checked against
// the store; cancel mid-run, refuse a second start, close during a run, and invalid input.
#include <QBarSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "compare_tab.h"
#include "diversity_tab.h"
#include "experiment_runner.h"
#include "isolated_home.h"
#include "live_curve_chart.h"
#include "live_tab.h"
#include "main_window.h"
#include "pipeline/experiment_config.h"
#include "pipeline/prepared_data.h"
#include "presets.h"
#include "run_selection.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "setup_tab.h"
#include "store/run_store.h"
#include "users_tab.h"
#include "workbench.h"

using rd::MainWindow;

namespace {

constexpr int kRunTimeoutMs = 300000;

/** The quick-demo preset cut down so a whole experiment takes seconds. */
nlohmann::json tinyConfig(int epochs = 2) {
    nlohmann::json c = rd::builtinPresets().front().config;
    c["data"]["preprocess"] = {{"max_users", 150}};
    c["methods"] = {"softlabel", "rd"};
    c["train"]["epochs"] = epochs;
    c["train"]["threads"] = 1;
    c["train"]["patience"] = 0;
    c["latency_users"] = 10;
    return c;
}

QSettings settings() {
    return QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill"));
}

}  // namespace

class TestWorkbench : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    int databases_ = 0;

    /** A window on a fresh run database of its own (no teacher to reuse). */
    void prepare(MainWindow& window) {
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(
            home_.filePath(QStringLiteral("runs-%1.sqlite").arg(++databases_))));
    }

    bool runToEnd(MainWindow& window, QString* status, qint64* experimentId) {
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        window.setupTab()->runButton()->click();
        if (!window.isRunning()) return false;
        if (!finished.wait(kRunTimeoutMs)) return false;
        *status = finished.first().at(0).toString();
        *experimentId = finished.first().at(1).toLongLong();
        return true;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);  // never the user's own settings or run store
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        settings().clear();
    }

    void startsWithQuickDemoAndDefaultStore() {
        MainWindow window;
        QCOMPARE(window.databasePath(), QString::fromStdString(rd::RunStore::defaultPath()));
        QVERIFY(window.databasePath().startsWith(home_.path()));
        const nlohmann::json c = window.setupTab()->config();
        QVERIFY(QString::fromStdString(c["name"].get<std::string>())
                    .startsWith(QStringLiteral("Quick demo")));
        QCOMPARE(c["data"]["path"].get<std::string>(), std::string("demo"));
        QCOMPARE(static_cast<int>(c["methods"].size()), 8);
        QVERIFY(window.setupTab()->isValid());
        QVERIFY(window.setupTab()->runButton()->isEnabled());
    }

    void invalidInputDisablesRunWithTheReason() {
        MainWindow window;
        prepare(window);
        rd::SetupTab* setup = window.setupTab();
        auto* ks = setup->findChild<QLineEdit*>(QStringLiteral("eval.ks"));
        QVERIFY(ks);
        ks->setText(QStringLiteral("5, 0"));
        QVERIFY(!setup->runButton()->isEnabled());
        QVERIFY2(setup->reasonLabel()->text().contains(QStringLiteral("eval.ks")),
                 qPrintable(setup->reasonLabel()->text()));
        QVERIFY(!window.startExperiment());
        ks->setText(QStringLiteral("5, 10"));
        QVERIFY(setup->runButton()->isEnabled());

        auto* path = setup->findChild<QLineEdit*>(QStringLiteral("dataPath"));
        path->setText(QStringLiteral("/no/such/ratings.csv"));
        QVERIFY(!setup->runButton()->isEnabled());
        QVERIFY(setup->reasonLabel()->text().contains(QStringLiteral("data.path")));
        path->setText(QStringLiteral("demo"));
        QVERIFY(setup->runButton()->isEnabled());

        // A method parameter as the form holds it: an IntList-free method's λ is range-checked by
        // its spin box, so an out-of-range value cannot be typed; the valid metric can be wrong.
        setup->setConfig([] {
            nlohmann::json c = tinyConfig();
            c["train"]["valid_metric"] = "NDCG@7";
            return c;
        }());
        QVERIFY(!setup->runButton()->isEnabled());
        QVERIFY(setup->reasonLabel()->text().contains(QStringLiteral("valid_metric")));
    }

    void runsTheExperimentThroughTheWorker() {
        MainWindow window;
        prepare(window);
        // For the README's screenshots (RECDISTILL_SCREENSHOTS=1) the whole quick-demo preset runs,
        // so the pictures show what a user's first run shows; the test itself uses the cut-down
        // one.
        const bool screenshots = qEnvironmentVariableIsSet("RECDISTILL_SCREENSHOTS");
        nlohmann::json runConfig = tinyConfig();
        if (screenshots) {
            runConfig = rd::builtinPresets().front().config;
            runConfig["train"]["threads"] = 1;
        }
        const int stages = 2 + static_cast<int>(runConfig["methods"].size());
        const int epochs = runConfig["train"]["epochs"].get<int>();
        window.setupTab()->setConfig(runConfig);
        QVERIFY(window.setupTab()->isValid());
        QString status;
        qint64 experimentId = 0;
        QVERIFY(runToEnd(window, &status, &experimentId));
        QVERIFY2(status == QStringLiteral("finished"),
                 qPrintable(window.liveTab()->logPane()->toPlainText()));
        QVERIFY(experimentId > 0);

        rd::RunStore store(window.databasePath().toStdString());
        const std::vector<rd::RunRecord> runs = store.runs(experimentId);
        QCOMPARE(static_cast<int>(runs.size()), stages);  // teacher, student alone, one per method
        for (const rd::RunRecord& r : runs)
            QCOMPARE(QString::fromStdString(r.status), QStringLiteral("finished"));

        // Live tab: every stage's validation curve, the teacher dashed, the base loss of every
        // stage.
        window.liveTab()->flush();
        QCOMPARE(window.liveTab()->validChart()->seriesCount(), stages);
        QCOMPARE(window.liveTab()->validChart()->series(QStringLiteral("teacher"))->pen().style(),
                 Qt::DashLine);
        QVERIFY(window.liveTab()->lossChart(QStringLiteral("bpr")));
        QCOMPARE(window.liveTab()
                     ->lossChart(QStringLiteral("bpr"))
                     ->pointCount(QStringLiteral("student")),
                 screenshots ? window.liveTab()
                                   ->lossChart(QStringLiteral("bpr"))
                                   ->pointCount(QStringLiteral("student"))
                             : epochs);

        // Runs tree: the new experiment on top with its four runs, all checked for comparison (the
        // experiment is re-read and its runs' snapshots loaded in the background after the run).
        QTRY_COMPARE(window.runsDock()->checkedRuns().size(), stages);
        QTRY_VERIFY(!window.workbench()->selection()->isLoading());
        QAbstractItemModel* tree = window.runsDock()->tree()->model();
        QCOMPARE(tree->rowCount(), 1);
        const QModelIndex top = tree->index(0, 0);
        QCOMPARE(tree->rowCount(top), stages);
        // Renaming from the dock reaches the store and the tree; a blank name changes nothing.
        {
            const std::string before = store.experiment(experimentId)->name;
            QVERIFY(!window.runsDock()->renameExperiment(experimentId, QStringLiteral("   ")));
            QCOMPARE(store.experiment(experimentId)->name, before);
            QVERIFY(window.runsDock()->renameExperiment(experimentId,
                                                        QStringLiteral(" LightGCN → MF, demo ")));
            QTRY_VERIFY(tree->index(0, 0).data().toString().contains(
                QStringLiteral("LightGCN → MF, demo")));
            QCOMPARE(store.experiment(experimentId)->name, std::string("LightGCN → MF, demo"));
            QVERIFY(
                window.runsDock()->renameExperiment(experimentId, QString::fromStdString(before)));
            QTRY_COMPARE(tree->index(0, 0).data(Qt::EditRole).toString(),
                         QString::fromStdString(before));
        }
        // File ▸ Export run database copy, in the background: a complete copy; an existing file is
        // refused, not overwritten.
        {
            QTemporaryDir out;
            const QString copy = out.filePath(QStringLiteral("copy.sqlite"));
            QSignalSpy exported(window.workbench(), &rd::Workbench::exportFinished);
            QVERIFY(window.exportDatabase(copy));
            QVERIFY(exported.wait(60000));
            QCOMPARE(exported.first().at(1).toString(), QString());
            rd::RunStore copied(copy.toStdString());
            QCOMPARE(static_cast<int>(copied.runs(experimentId).size()), stages);
            QVERIFY(window.exportDatabase(copy));
            QVERIFY(exported.wait(60000));
            QVERIFY(!exported.last().at(1).toString().isEmpty());
            QVERIFY(!window.lastError().isEmpty());
        }
        QCOMPARE(window.runsDock()->checkedRuns().size(), stages);
        QCOMPARE(tree->index(2, rd::RunsModel::StatusColumn, tree->index(0, 0)).data().toString(),
                 QStringLiteral("finished"));

        // Compare table: each cell equals the store's final result.
        QTableWidget* table = window.compareTab()->metricsTable();
        QCOMPARE(table->rowCount(), stages);
        const QStringList columns = window.compareTab()->metricColumns();
        QVERIFY(columns.contains(QStringLiteral("NDCG@10")));
        QVERIFY(columns.contains(QStringLiteral("GapClosed:NDCG@10")));
        int checkedCells = 0;
        for (int r = 0; r < table->rowCount(); ++r) {
            const qint64 runId = table->item(r, 0)->data(Qt::UserRole).toLongLong();
            const std::map<std::string, double> finals = store.finalResults(runId);
            for (int c = 0; c < columns.size(); ++c) {
                const auto it = finals.find(columns[c].toStdString());
                const double shown = table->item(r, c + 2)->data(Qt::UserRole).toDouble();
                if (it == finals.end()) {
                    QVERIFY(std::isnan(shown));
                } else {
                    QCOMPARE(shown, it->second);
                    ++checkedCells;
                }
            }
        }
        QVERIFY(checkedCells >= stages * 5);
        QVERIFY(window.compareTab()->tableAsCsv().startsWith(QStringLiteral("run,model,")));

        // Diversity: the training reference as bars, one exposure line per run; one Lorenz curve
        // per run.
        auto* exposure = qobject_cast<QBarSeries*>(
            window.diversityTab()->exposureView()->chart()->series().first());
        QVERIFY(exposure);
        QCOMPARE(static_cast<int>(exposure->count()), 1);
        QCOMPARE(window.diversityTab()->exposureView()->chart()->series().size(), stages + 1);
        QCOMPARE(window.diversityTab()->lorenzView()->chart()->series().size(), stages + 1);
        // Diversity metrics table: one row per run, each cell the store's final value, bar scaled
        // to the column's largest.
        QTableWidget* diversity = window.diversityTab()->metricsTable();
        QCOMPARE(diversity->rowCount(), stages);
        const QStringList keys = rd::DiversityTab::metricKeys();
        QCOMPARE(diversity->columnCount(), keys.size());
        for (int r = 0; r < diversity->rowCount(); ++r) {
            const qint64 runId = diversity->verticalHeaderItem(r)->data(Qt::UserRole).toLongLong();
            const std::map<std::string, double> finals = store.finalResults(runId);
            for (int c = 0; c < keys.size(); ++c) {
                const double expected = finals.at(keys[c].toStdString());
                QCOMPARE(diversity->item(r, c)->data(Qt::UserRole).toDouble(), expected);
                QCOMPARE(diversity->item(r, c)->text(), QString::number(expected, 'f', 4));
                QVERIFY(diversity->item(r, c)->data(Qt::UserRole + 1).toDouble() >= expected);
            }
        }

        // Users tab: the sampled users, one column per run, each column the store's top-K list.
        rd::UsersTab* users = window.usersTab();
        // The experiment's data set is rebuilt on a pool thread; the tab fills in names when it is
        // ready.
        QTRY_VERIFY_WITH_TIMEOUT(!users->isPreparing(), 60000);
        QVERIFY(users->userCombo()->count() > 0);
        QCOMPARE(users->currentExperiment(), experimentId);
        const int32_t user = users->currentUser();
        QVERIFY(user >= 0);
        QTableWidget* topK = users->topKTable();
        QCOMPARE(topK->columnCount(), stages);
        QCOMPARE(topK->horizontalHeaderItem(0)->text(), QStringLiteral("teacher"));
        for (int c = 0; c < topK->columnCount(); ++c) {
            std::vector<int32_t> expected;
            for (const rd::TopKSample& s : store.topKSamples(users->columnRun(c)))
                if (s.user == user) expected = s.items;
            QVERIFY(expected.size() >= 10);
            QCOMPARE(topK->rowCount(), 10);  // ranks 1..10 unless more are asked for
            for (int r = 0; r < 10; ++r)
                QCOMPARE(topK->item(r, c)->data(rd::UsersTab::ItemRole).toInt(), expected[r]);
        }
        QVERIFY(users->historyList()->count() > 0);
        users->depthSpin()->setValue(users->depthSpin()->maximum());  // the full stored depth
        for (int c = 0; c < topK->columnCount(); ++c) {
            std::vector<int32_t> expected;
            for (const rd::TopKSample& s : store.topKSamples(users->columnRun(c)))
                if (s.user == user) expected = s.items;
            for (int r = 0; r < static_cast<int>(expected.size()); ++r)
                QCOMPARE(topK->item(r, c)->data(rd::UsersTab::ItemRole).toInt(), expected[r]);
        }
        users->depthSpin()->setValue(10);
        // The marking against the user's test set and the teacher's list, rebuilt here from the
        // experiment's own config; search every sampled user for a known hit.
        const rd::ExperimentConfig config = rd::ExperimentConfig::fromJson(
            nlohmann::json::parse(store.experiment(experimentId)->configJson));
        const rd::PreparedData data = rd::prepareData(config.data);
        int hits = 0, best = 0, bestHits = -1;
        for (int i = 0; i < users->userCombo()->count(); ++i) {
            const int before = hits;
            int marked = 0;
            users->userCombo()->setCurrentIndex(i);
            const int32_t u = users->currentUser();
            QCOMPARE(users->historyList()->count(), static_cast<int>(data.data.train.degree(u)));
            std::vector<int32_t> teacher;
            for (int r = 0; r < topK->rowCount(); ++r)
                if (topK->item(r, 0))
                    teacher.push_back(topK->item(r, 0)->data(rd::UsersTab::ItemRole).toInt());
            for (int c = 0; c < topK->columnCount(); ++c)
                for (int r = 0; r < topK->rowCount(); ++r) {
                    const QTableWidgetItem* cell = topK->item(r, c);
                    if (!cell) continue;
                    const int32_t item = cell->data(rd::UsersTab::ItemRole).toInt();
                    const bool hit = data.data.test.contains(u, item);
                    QCOMPARE(cell->data(rd::UsersTab::HitRole).toBool(), hit);
                    QCOMPARE(cell->font().bold(), hit);
                    const bool shared =
                        c > 0 && std::find(teacher.begin(), teacher.end(), item) != teacher.end();
                    QCOMPARE(cell->data(rd::UsersTab::SharedRole).toBool(), shared);
                    if (shared) ++marked;
                    if (hit) {
                        QVERIFY(cell->toolTip().contains(QStringLiteral("in the user's test set")));
                        QCOMPARE(cell->background().color(), QColor(198, 239, 206));
                        ++hits;
                    }
                }
            if (hits - before + marked > bestHits) {
                bestHits = hits - before + marked;
                best = i;
            }
        }
        QVERIFY2(hits > 0, "no sampled top-K list holds a test item");
        // Search by original id selects the user; an unknown id selects nothing new.
        users->userCombo()->setCurrentIndex(0);
        const QString original = QString::fromStdString(
            data.dataset
                ->userIds[static_cast<size_t>(users->userCombo()
                                                  ->itemData(users->userCombo()->count() - 1)
                                                  .value<QList<qint64>>()[1])]);
        QVERIFY(users->selectUser(original));
        QCOMPARE(users->userCombo()->currentIndex(), users->userCombo()->count() - 1);
        QVERIFY(!users->selectUser(QStringLiteral("no-such-user")));
        users->userCombo()->setCurrentIndex(best);  // the screenshot shows a user with many marks

        // Screenshots of every tab at 1280×800 (into docs/screenshots when asked to).
        const QString folder = qEnvironmentVariableIsSet("RECDISTILL_SCREENSHOTS")
                                   ? QStringLiteral(RECDISTILL_SOURCE_DIR "/docs/screenshots")
                                   : home_.filePath(QStringLiteral("screenshots"));
        QDir().mkpath(folder);
        {
            // The Data tab shows the data set the window opened (at start-up: the demo, as here);
            // the status line then says so instead of the export refusal above.
            QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
            window.openDataset(QStringLiteral("demo"));
            QVERIFY(loaded.wait(60000));
        }
        window.resize(1280, 800);
        window.show();
        const char* names[] = {"data-tab",    "setup-tab",     "live-tab",
                               "compare-tab", "diversity-tab", "users-tab"};
        for (int i = 0; i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            QTest::qWait(50);
            QVERIFY(window.grab().save(folder + QLatin1Char('/') + QLatin1String(names[i]) +
                                       QStringLiteral(".png")));
        }
        // Every tab at 2× (a 2560×1600 screen at scale factor 2): the same layout drawn with
        // twice the pixels, where thin bars used to vanish.
        QDir().mkpath(folder + QStringLiteral("/hidpi"));
        for (int i = 0; i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            QTest::qWait(50);
            QPixmap twice(window.size() * 2);
            twice.setDevicePixelRatio(2);
            twice.fill(Qt::white);
            window.render(&twice);
            QVERIFY(twice.save(folder + QStringLiteral("/hidpi/") + QLatin1String(names[i]) +
                               QStringLiteral("@2x.png")));
        }
        // Classroom mode on a projector's 1280×720, in English (zh_CN: app_test_translations).
        QDir().mkpath(folder + QStringLiteral("/presentation"));
        window.setPresentationMode(true);
        window.resize(1280, 720);
        const auto present = [&](const QString& name) {
            QTest::qWait(200);
            QVERIFY(window.grab().save(folder + QStringLiteral("/presentation/") + name +
                                       QStringLiteral(".png")));
        };
        for (int i = 0; i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            present(QLatin1String(names[i]));
        }
        window.tabs()->setCurrentIndex(3);
        window.compareTab()->chartTabs()->setCurrentIndex(1);
        present(QStringLiteral("compare-scatter"));
        window.compareTab()->chartTabs()->setCurrentIndex(0);
        window.setPresentationMode(false);
        QVERIFY(window.runsDock()->isVisible());
    }

    void cancelsMidRunAndRefusesASecondStart() {
        MainWindow window;
        prepare(window);
        window.setupTab()->setConfig(tinyConfig(500));
        QSignalSpy epochs(window.runner(), &rd::ExperimentRunner::epochReported);
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QVERIFY(window.startExperiment());
        QVERIFY(!window.setupTab()->runButton()->isEnabled());
        QVERIFY(epochs.wait(kRunTimeoutMs));
        QVERIFY(!window.startExperiment());
        QVERIFY(window.lastError().contains(QStringLiteral("already running")));
        window.cancelExperiment();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cancelled"));
        rd::RunStore store(window.databasePath().toStdString());
        const std::vector<rd::RunRecord> runs = store.runs(finished.first().at(1).toLongLong());
        QCOMPARE(static_cast<int>(runs.size()),
                 1);  // the teacher, cancelled; the rest never started
        QCOMPARE(QString::fromStdString(runs.front().status), QStringLiteral("cancelled"));
        QVERIFY(window.setupTab()->runButton()->isEnabled());
    }

    void closingDuringARunCancelsAndWaits() {
        QString database;
        {
            MainWindow window;
            prepare(window);
            database = window.databasePath();
            window.setupTab()->setConfig(tinyConfig(500));
            QSignalSpy epochs(window.runner(), &rd::ExperimentRunner::epochReported);
            QVERIFY(window.startExperiment());
            QVERIFY(epochs.wait(kRunTimeoutMs));
            window.setCloseAnswer(true);
            QVERIFY(window.close());
            QVERIFY(!window.isRunning());
        }
        rd::RunStore store(database.toStdString());
        const std::vector<rd::RunRecord> runs = store.runs();
        QCOMPARE(static_cast<int>(runs.size()), 1);
        QCOMPARE(QString::fromStdString(runs.front().status), QStringLiteral("cancelled"));
    }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
