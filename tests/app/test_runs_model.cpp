// The Runs model, offscreen: read once per opened database on the session's thread, then kept in
// step with a running experiment from its stage events (rows inserted and changed, never a reset or
// a second full read), filtered through the dock's proxy, and edited through the catalog.
#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

#include "experiment_runner.h"
#include "fake_pipeline.h"
#include "isolated_home.h"
#include "run_catalog.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "store_session.h"
#include "workbench.h"

using rd::RunsModel;

namespace {

/** The child rows of the experiment with this id, as the model shows them. */
QModelIndex experimentRow(const QAbstractItemModel& model, qint64 experimentId) {
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.index(r, 0).data(RunsModel::ExperimentIdRole).toLongLong() == experimentId)
            return model.index(r, 0);
    return {};
}

}  // namespace

class TestRunsModel : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    int databases_ = 0;

    QString freshDatabase() {
        return home_.filePath(QStringLiteral("runs-%1.sqlite").arg(++databases_));
    }

    /** A workbench with path open and its tree read. */
    void open(rd::Workbench& bench, const QString& path) {
        QSignalSpy loaded(bench.catalog(), &rd::RunCatalog::loaded);
        bench.openDatabase(path);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().at(0).toString(), QString());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
    }

    void readsTheStoreOnceOffTheGuiThread() {
        const QString path = freshDatabase();
        const std::vector<int64_t> seeded = rdtest::seedStore(path.toStdString(), 3, 3);
        rd::Workbench bench;
        RunsModel* model = bench.runsModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(bench, path);
        QCOMPARE(bench.catalog()->fullLoads(), 1);
        QCOMPARE(model->rowCount(), 3);
        // Newest first, runs in id order, the headline value and status as stored.
        QCOMPARE(model->index(0, 0).data(RunsModel::ExperimentIdRole).toLongLong(), seeded[2]);
        QCOMPARE(model->index(0, 0).data(Qt::EditRole).toString(), QStringLiteral("seeded 2"));
        rd::RunStore store(path.toStdString());
        const std::vector<rd::RunRecord> runs = store.runs(seeded[2]);
        const QModelIndex top = model->index(0, 0);
        QCOMPARE(model->rowCount(top), 3);
        for (int r = 0; r < 3; ++r) {
            QCOMPARE(model->index(r, 0, top).data(RunsModel::RunIdRole).toLongLong(),
                     runs[static_cast<size_t>(r)].id);
            QCOMPARE(model->index(r, RunsModel::HeadlineColumn, top).data().toString(),
                     QString::number(rdtest::fakeNdcg(r), 'f', 4));
            QCOMPARE(model->index(r, RunsModel::StatusColumn, top)
                         .data(RunsModel::StatusRole)
                         .toString(),
                     QStringLiteral("finished"));
        }
        QCOMPARE(model->index(0, 0, top).data().toString(), QStringLiteral("teacher"));
        QCOMPARE(model->index(2, 0, top).data().toString(), QStringLiteral("+ rrd"));
    }

    void stageEventsInsertAndUpdateRowsWithoutAReload() {
        const QString path = freshDatabase();
        rdtest::seedStore(path.toStdString(), 2, 2);
        rd::Workbench bench;
        RunsModel* model = bench.runsModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(bench, path);
        auto control = std::make_shared<rdtest::FakeControl>();
        control->released = 0;  // every stage waits for the test
        bench.runner()->setPipeline(rdtest::fakePipeline(control));

        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy finished(&bench, &rd::Workbench::experimentFinished);
        QString why;
        QVERIFY2(bench.startExperiment(rdtest::fourStageConfig("live one"), 1, &why),
                 qPrintable(why));

        // Stage 0 started: the new experiment's row on top, its teacher row running without a run
        // id yet (the run is written after the event), all from the event alone.
        QTRY_COMPARE(model->rowCount(), 3);
        const QModelIndex top = model->index(0, 0);
        // The name as stored (EditRole); shown after its id and date ("#3 · 12-01 17:25 · live
        // one").
        QCOMPARE(top.data(Qt::EditRole).toString(), QStringLiteral("live one"));
        QVERIFY2(top.data().toString().startsWith(QStringLiteral("#%1 · ").arg(
                     top.data(RunsModel::ExperimentIdRole).toLongLong())),
                 qPrintable(top.data().toString()));
        QVERIFY(top.data().toString().endsWith(QStringLiteral(" · live one")));
        QTRY_COMPARE(model->rowCount(top), 1);
        QCOMPARE(model->index(0, 0, top).data(RunsModel::StatusRole).toString(),
                 QStringLiteral("running"));
        QCOMPARE(model->index(0, 0, top).data().toString(), QStringLiteral("teacher"));
        QVERIFY(!(model->flags(model->index(0, 0, top)) & Qt::ItemIsUserCheckable));

        // Stage 0 finished: the same row takes the run id, status and NDCG@10 from the event.
        control->released = 1;
        QTRY_COMPARE(model->index(0, 0, top).data(RunsModel::StatusRole).toString(),
                     QStringLiteral("finished"));
        QVERIFY(model->index(0, 0, top).data(RunsModel::RunIdRole).toLongLong() > 0);
        QCOMPARE(model->index(0, RunsModel::HeadlineColumn, top).data().toString(),
                 QString::number(rdtest::fakeNdcg(0), 'f', 4));
        QTRY_COMPARE(model->rowCount(top), 2);  // stage 1 started

        control->released = 4;
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("finished"));
        const qint64 experimentId = finished.first().at(2).toLongLong();
        QCOMPARE(top.data(RunsModel::ExperimentIdRole).toLongLong(), experimentId);
        // After the run its four runs are checked for comparison (the experiment re-read on its
        // own).
        QTRY_COMPARE(model->checkedRuns().size(), 4);
        rd::RunStore store(path.toStdString());
        const std::vector<rd::RunRecord> runs = store.runs(experimentId);
        QCOMPARE(static_cast<int>(runs.size()), 4);
        for (int r = 0; r < 4; ++r) {
            const QModelIndex row = model->index(r, 0, top);
            QCOMPARE(row.data(RunsModel::RunIdRole).toLongLong(), runs[static_cast<size_t>(r)].id);
            QCOMPARE(model->checkedRuns()[r], runs[static_cast<size_t>(r)].id);
            QCOMPARE(model->index(r, RunsModel::HeadlineColumn, top).data().toString(),
                     QString::number(rdtest::fakeNdcg(r), 'f', 4));
            QCOMPARE(row.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        }
        QCOMPARE(top.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        // One experiment and four run rows inserted; the tree was never reset or read whole again.
        QCOMPARE(resets.count(), 0);
        QCOMPARE(bench.catalog()->fullLoads(), 1);
        QCOMPARE(inserted.count(), 5);
        QCOMPARE(model->rowCount(), 3);
    }

    void checksAndEditsGoThroughTheStore() {
        const QString path = freshDatabase();
        const std::vector<int64_t> seeded = rdtest::seedStore(path.toStdString(), 2, 3);
        rd::Workbench bench;
        RunsModel* model = bench.runsModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        open(bench, path);
        QSignalSpy checked(model, &RunsModel::checkedRunsChanged);
        // The experiment's box checks all its runs; one run's box unchecks it alone.
        const QModelIndex top = experimentRow(*model, seeded[0]);
        QVERIFY(model->setData(top, int(Qt::Checked), Qt::CheckStateRole));
        QCOMPARE(model->checkedRuns().size(), 3);
        QVERIFY(model->setData(model->index(1, 0, top), int(Qt::Unchecked), Qt::CheckStateRole));
        QCOMPARE(model->checkedRuns().size(), 2);
        QCOMPARE(top.data(Qt::CheckStateRole).toInt(), int(Qt::PartiallyChecked));
        QCOMPARE(checked.count(), 2);

        rd::RunCatalog* catalog = bench.catalog();
        catalog->setTags(seeded[0], {QStringLiteral("baseline"), QStringLiteral(" ")});
        catalog->setNotes(seeded[0], QStringLiteral("first try"));
        QTRY_COMPARE(experimentRow(*model, seeded[0]).data(Qt::EditRole).toString(),
                     QStringLiteral("seeded 0  [baseline]"));
        QTRY_VERIFY(experimentRow(*model, seeded[0])
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("first try")));
        // Moving to the trash drops the experiment's row and its runs from the comparison; the
        // store keeps them in the trash.
        catalog->trashExperiment(seeded[0]);
        QTRY_COMPARE(model->rowCount(), 1);
        QVERIFY(model->checkedRuns().isEmpty());
        rd::RunStore store(path.toStdString());
        QVERIFY(!store.experiment(seeded[0])->deletedAt.empty());
        QCOMPARE(catalog->fullLoads(), 1);
    }

    void filtersThroughTheProxy() {
        const QString path = freshDatabase();
        const std::vector<int64_t> seeded = rdtest::seedStore(path.toStdString(), 3, 3);
        {
            rd::RunStore store(path.toStdString());
            store.renameExperiment(seeded[0], "alpha");
            store.renameExperiment(seeded[1], "beta");
            store.renameExperiment(seeded[2], "gamma");
            store.setExperimentTags(seeded[1], {"keep"});
        }
        rd::Workbench bench;
        open(bench, path);
        rd::RunsDock dock;
        dock.setCatalog(bench.catalog());
        QSortFilterProxyModel* proxy = dock.filterModel();
        QCOMPARE(proxy->rowCount(), 3);

        const auto names = [proxy] {
            QStringList out;
            for (int r = 0; r < proxy->rowCount(); ++r)
                out << proxy->index(r, 0).data(Qt::EditRole).toString();
            return out;
        };
        dock.setFilter(QStringLiteral("BETA"), false);  // plain text, any case; the runs come along
        QCOMPARE(names(), QStringList{QStringLiteral("beta  [keep]")});
        QCOMPARE(proxy->rowCount(proxy->index(0, 0)), 3);
        dock.setFilter(QStringLiteral("keep"), false);  // tags are part of the name cell
        QCOMPARE(proxy->rowCount(), 1);
        dock.setFilter(QStringLiteral("rrd"),
                       false);  // a run matches: its experiment shows, opened
        QCOMPARE(proxy->rowCount(), 3);
        QCOMPARE(proxy->rowCount(proxy->index(0, 0)), 1);
        QCOMPARE(proxy->index(0, 0, proxy->index(0, 0)).data().toString(), QStringLiteral("+ rrd"));
        QVERIFY(dock.tree()->isExpanded(proxy->index(0, 0)));
        dock.setFilter(QStringLiteral("^(alpha|gamma)$"), true);
        QCOMPARE(names(), (QStringList{QStringLiteral("gamma"), QStringLiteral("alpha")}));
        dock.setFilter(QStringLiteral("(unclosed"),
                       true);  // invalid: marked, the last valid filter stays
        QCOMPARE(proxy->rowCount(), 2);
        QVERIFY(dock.findChild<QLineEdit*>(QStringLiteral("runFilter"))
                    ->styleSheet()
                    .contains(QStringLiteral("#b00020")));
        dock.setFilter(QString(), false);
        QCOMPARE(proxy->rowCount(), 3);
    }
};

QTEST_MAIN(TestRunsModel)
#include "test_runs_model.moc"
