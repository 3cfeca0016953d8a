// The workbench's state off the GUI thread, offscreen: one snapshot read per selection handed to
// Compare, Diversity and Users alike (a stale read dropped); a database copy made on a pool thread;
// the runner reusable after cancelAndWait(); closing during a run bounded to about two seconds even
// when the worker ignores the cancel.
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <memory>

#include "compare_tab.h"
#include "diversity_tab.h"
#include "experiment_runner.h"
#include "fake_pipeline.h"
#include "isolated_home.h"
#include "main_window.h"
#include "run_catalog.h"
#include "run_selection.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "users_tab.h"
#include "workbench.h"

using rd::MainWindow;

namespace {

/** Occupies every thread of the global pool while it lives: a transfer started meanwhile waits
 * in the queue, so a cancel set right after the start is set before its first check point on any
 * machine (without it, a loaded CI machine let a tiny import finish before the cancel was set). */
class PoolHold {
public:
    PoolHold() : count_(QThreadPool::globalInstance()->maxThreadCount()) {
        for (int i = 0; i < count_; ++i)
            QThreadPool::globalInstance()->start([started = started_, release = release_] {
                started->release();
                release->acquire();  // the semaphores outlive this hold: shared
            });
        started_->acquire(count_);
    }
    ~PoolHold() { release_->release(count_); }
    PoolHold(const PoolHold&) = delete;
    PoolHold& operator=(const PoolHold&) = delete;

private:
    int count_;
    std::shared_ptr<QSemaphore> started_ = std::make_shared<QSemaphore>();
    std::shared_ptr<QSemaphore> release_ = std::make_shared<QSemaphore>();
};

}  // namespace

class TestWorkbenchState : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    int databases_ = 0;

    QString freshDatabase() {
        return home_.filePath(QStringLiteral("state-%1.sqlite").arg(++databases_));
    }

    void open(rd::Workbench& bench, const QString& path) {
        QSignalSpy loaded(bench.catalog(), &rd::RunCatalog::loaded);
        bench.openDatabase(path);
        QVERIFY(loaded.wait(30000));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
    }

    void snapshotsAreReadOncePerSelectionForAllTabs() {
        const QString path = freshDatabase();
        const std::vector<int64_t> seeded = rdtest::seedStore(path.toStdString(), 2, 3);
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        rd::Workbench* bench = window.workbench();
        open(*bench, path);
        rd::RunSelection* selection = bench->selection();
        const int readsBefore = selection->reads();
        QSignalSpy ready(bench, &rd::Workbench::snapshotsReady);

        window.runsDock()->selectExperiment(seeded[1]);
        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(selection->reads(), readsBefore + 1);  // one read for the three tabs
        const rd::RunSnapshots shown = selection->snapshots();
        QCOMPARE(static_cast<int>(shown->size()), 3);
        QCOMPARE(window.compareTab()->snapshots().get(), shown.get());
        QCOMPARE(window.diversityTab()->snapshots().get(), shown.get());
        QCOMPARE(window.usersTab()->snapshots().get(), shown.get());
        // …and each tab shows the stored values.
        rd::RunStore store(path.toStdString());
        const std::vector<rd::RunRecord> runs = store.runs(seeded[1]);
        QCOMPARE(window.compareTab()->metricsTable()->rowCount(), 3);
        QCOMPARE(window.diversityTab()->metricsTable()->rowCount(), 3);
        for (int r = 0; r < 3; ++r) {
            QCOMPARE((*shown)[static_cast<size_t>(r)].record.id, runs[static_cast<size_t>(r)].id);
            QCOMPARE((*shown)[static_cast<size_t>(r)].value("NDCG@10"), rdtest::fakeNdcg(r));
        }
        // The Users tab reads its sampled lists in the background too: one column per run.
        QTRY_VERIFY(!window.usersTab()->isReading());
        QCOMPARE(window.usersTab()->userCombo()->count(), 1);
        QCOMPARE(window.usersTab()->topKTable()->columnCount(), 3);
        QCOMPARE(window.usersTab()->topKTable()->item(0, 0)->data(rd::UsersTab::ItemRole).toInt(),
                 3);

        // Two selections in a row: the first read is dropped when it arrives, the second shown.
        ready.clear();
        const int reads = selection->reads();
        bench->runsModel()->setCheckedRuns({runs[0].id});
        bench->runsModel()->setCheckedRuns({runs[1].id, runs[2].id});
        QTRY_COMPARE(ready.count(), 1);
        QTest::qWait(50);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(selection->reads(), reads + 1);
        QCOMPARE(static_cast<int>(window.compareTab()->snapshots()->size()), 2);
        QCOMPARE(window.compareTab()->snapshots()->front().record.id, runs[1].id);
    }

    void exportRunsOnAPoolThreadAndMakesAValidCopy() {
        const QString path = freshDatabase();
        const std::vector<int64_t> seeded = rdtest::seedStore(path.toStdString(), 3, 3);
        rd::Workbench bench;
        open(bench, path);
        QTemporaryDir out;
        const QString copy = out.filePath(QStringLiteral("copy.sqlite"));
        QSignalSpy exported(&bench, &rd::Workbench::exportFinished);
        QVERIFY(bench.exportDatabase(copy));
        QVERIFY(bench.isTransferring());
        QVERIFY(
            !bench.exportDatabase(out.filePath(QStringLiteral("second.sqlite"))));  // one at a time
        // The GUI thread now waits for the pool without running one event: the copy is written all
        // the same, so it was made on a pool thread, and its result has not been delivered yet.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
        QVERIFY(QFileInfo::exists(copy));
        QVERIFY(bench.isTransferring());
        QCOMPARE(exported.count(), 0);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(0).toString(), copy);
        QCOMPARE(exported.first().at(1).toString(), QString());
        QVERIFY(!bench.isTransferring());

        rd::RunStore original(path.toStdString()), copied(copy.toStdString());
        QCOMPARE(QString::fromStdString(copied.integrityCheck()), QStringLiteral("ok"));
        QCOMPARE(copied.runs().size(), original.runs().size());
        for (const rd::RunRecord& r : original.runs(seeded[2]))
            QCOMPARE(copied.finalResults(r.id), original.finalResults(r.id));

        // An existing file is refused (by core), reported through the same signal.
        QVERIFY(bench.exportDatabase(copy));
        QVERIFY(exported.wait(10000));
        QVERIFY(!exported.last().at(1).toString().isEmpty());

        // Importing the copy back merges its experiments and reads the tree again.
        QSignalSpy imported(&bench, &rd::Workbench::importFinished);
        QSignalSpy loaded(bench.catalog(), &rd::RunCatalog::loaded);
        QVERIFY(bench.importDatabase(copy));
        QVERIFY(imported.wait(30000));
        QCOMPARE(imported.first().at(1).toString(), QString());
        QCOMPARE(imported.first().at(2).toInt(), 3);
        QCOMPARE(imported.first().at(3).toInt(), 9);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(bench.runsModel()->rowCount(), 6);
    }

    void cancelledTransfersLeaveNothing() {
        const QString path = freshDatabase();
        rdtest::seedStore(path.toStdString(), 3, 3);
        rd::Workbench bench;
        open(bench, path);
        QTemporaryDir out;
        const QString copy = out.filePath(QStringLiteral("usb/copy.sqlite"));
        QSignalSpy exported(&bench, &rd::Workbench::exportFinished);
        {
            // Set before the pool thread has even opened its connection: the export stops at its
            // first check and says cancelled, not failed.
            PoolHold hold;
            QVERIFY(bench.exportDatabase(copy));
            bench.cancelTransfer();
        }
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.first().at(1).toString(), QString());
        QCOMPARE(exported.first().at(2).toBool(), true);
        QVERIFY(!QFileInfo::exists(copy));
        QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("usb"))));
        QVERIFY(!bench.isTransferring());

        // A finished copy to import, then an import cancelled the same way: the store unchanged.
        QVERIFY(bench.exportDatabase(copy));
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.last().at(2).toBool(), false);
        QSignalSpy imported(&bench, &rd::Workbench::importFinished);
        {
            PoolHold hold;
            QVERIFY(bench.importDatabase(copy));
            bench.cancelTransfer();
        }
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.first().at(1).toString(), QString());
        QCOMPARE(imported.first().at(4).toBool(), true);
        rd::RunStore store(path.toStdString());
        QCOMPARE(store.experiments().size(), size_t(3));
    }

    void runnerIsReusableAfterCancelAndWait() {
        const QString path = freshDatabase();
        rd::ExperimentRunner runner;
        auto control = std::make_shared<rdtest::FakeControl>();
        control->released = 0;
        runner.setPipeline(rdtest::fakePipeline(control));
        QSignalSpy started(&runner, &rd::ExperimentRunner::stageStarted);
        QSignalSpy finished(&runner, &rd::ExperimentRunner::finished);
        const QString config = QString::fromStdString(rdtest::fourStageConfig().dump());
        QVERIFY(runner.start(config, path));
        QVERIFY(started.wait(30000));
        QVERIFY(runner.cancelAndWait(2000));
        // Its last signals were delivered before cancelAndWait() returned.
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("cancelled"));
        QVERIFY(!runner.isRunning());

        control->released = 4;
        runner.setPaceMs(0);
        QVERIFY(runner.start(config, path));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().at(0).toString(), QStringLiteral("finished"));
        const qint64 experimentId = finished.last().at(2).toLongLong();
        rd::RunStore store(path.toStdString());
        QCOMPARE(static_cast<int>(store.runs(experimentId).size()), 4);
        QCOMPARE(rd::ExperimentRunner::abandonedWorkers(), 0);
    }

    void closingDuringARunReturnsWithinTwoSeconds() {
        auto control = std::make_shared<rdtest::FakeControl>();
        control->released = 0;
        control->ignoreCancel = true;  // a stage that does not look at the cancel token for 4 s
        control->stubbornMs = 4000;
        {
            MainWindow window;
            window.setErrorDialogsEnabled(false);
            open(*window.workbench(), freshDatabase());
            window.runner()->setPipeline(rdtest::fakePipeline(control));
            QSignalSpy started(window.runner(), &rd::ExperimentRunner::stageStarted);
            QVERIFY(window.startExperiment());
            QVERIFY(started.wait(30000));
            window.setCloseAnswer(true);
            QElapsedTimer clock;
            clock.start();
            QVERIFY(window.close());
            const qint64 ms = clock.elapsed();
            QVERIFY2(ms < 2500, qPrintable(QString::number(ms)));
            QVERIFY2(ms >= 1900,
                     qPrintable(QString::number(ms)));  // it did wait for the worker first
            QVERIFY(!window.isRunning());
            QCOMPARE(rd::ExperimentRunner::abandonedWorkers(), 1);
        }
        // The worker left behind ends on its own; the test waits for its thread so the process (and
        // the temporary folder's removal) does not race it.
        QTRY_VERIFY_WITH_TIMEOUT(rd::ExperimentRunner::abandonedWorkers() == 0, 20000);
        QVERIFY(control->returned.load());
    }
};

QTEST_MAIN(TestWorkbenchState)
#include "test_workbench_state.moc"
