// The Runs dock for a long history, offscreen: date, data set, status and best-NDCG@10 columns;
// a header click sorts the experiments (runs keep their stage order) and is remembered; ticks and
// the filter survive a sort. Delete moves an experiment to the trash: Undo (Edit ▸ Undo, Ctrl+Z,
// the status bar's button) brings it back with its runs, Edit ▸ Trash restores or empties.
#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include "app_settings.h"
#include "isolated_home.h"
#include "main_window.h"
#include "run_catalog.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "trash_dialog.h"
#include "workbench.h"

using rd::RunsModel;

namespace {

struct Seeded {
    QList<qint64> experiments;  ///< in the order added (ids ascending)
};

/** Three experiments whose id order, creation order and best NDCG@10 order all differ:
 *  id 1 "old"    created 2026-11-03, data set "ml-100k", best 0.30
 *  id 2 "newest" created 2026-11-05, data set "lastfm",  best 0.10
 *  id 3 "middle" created 2026-11-04, data set "ml-100k", best 0.20
 * each with a teacher, a student and an RRD run. */
Seeded seed(const std::string& path) {
    rd::RunStore store(path);
    const int64_t ml = store.addDataset({0, "ml-100k", "/data/ml-100k", "ml-100k", "aa", "{}", ""});
    const int64_t fm = store.addDataset({0, "lastfm", "/data/lastfm", "lastfm", "bb", "{}", ""});
    struct Row {
        const char* name;
        const char* created;
        int64_t dataset;
        double best;
    };
    const Row rows[] = {{"old", "2026-11-03T10:00:00Z", ml, 0.30},
                        {"newest", "2026-11-05T10:00:00Z", fm, 0.10},
                        {"middle", "2026-11-04T10:00:00Z", ml, 0.20}};
    Seeded out;
    for (const Row& row : rows) {
        rd::ExperimentRecord e;
        e.name = row.name;
        e.created = row.created;
        e.datasetId = row.dataset;
        e.configJson = "{}";
        const int64_t id = store.addExperiment(e);
        out.experiments << id;
        const char* roles[] = {"teacher", "student", "distilled"};
        const double values[] = {0.5, row.best / 2, row.best};
        for (int k = 0; k < 3; ++k) {
            rd::RunRecord r;
            r.experimentId = id;
            r.role = roles[k];
            r.model = k == 0 ? "lightgcn" : "mf";
            r.method = k == 2 ? "rrd" : "";
            const int64_t run = store.startRun(r);
            store.setFinalResults(run, {{"NDCG@10", values[k]}});
            store.finishRun(run, "finished");
        }
    }
    return out;
}

QStringList topNames(const QAbstractItemModel* model) {
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, RunsModel::NameColumn).data(Qt::EditRole).toString();
    return out;
}

QStringList runLabels(const QAbstractItemModel* model, int row) {
    QStringList out;
    const QModelIndex top = model->index(row, 0);
    for (int r = 0; r < model->rowCount(top); ++r) out << model->index(r, 0, top).data().toString();
    return out;
}

}  // namespace

class TestRunsHistory : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    int databases_ = 0;

    QString freshDatabase() {
        return home_.filePath(QStringLiteral("runs-%1.sqlite").arg(++databases_));
    }

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

    void init() { QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill")).clear(); }

    void columnsSortAndTheSortIsRemembered() {
        const QString path = freshDatabase();
        const Seeded s = seed(path.toStdString());
        rd::Workbench bench;
        open(bench, path);
        QSortFilterProxyModel* proxy = nullptr;
        {
            rd::RunsDock dock;
            dock.setCatalog(bench.catalog());
            proxy = dock.filterModel();
            // Newest first by default: by date, not by id.
            QCOMPARE(topNames(proxy), (QStringList{"newest", "middle", "old"}));
            QCOMPARE(dock.tree()->header()->sortIndicatorSection(), int(RunsModel::DateColumn));
            const QModelIndex newest = proxy->index(0, 0);
            QCOMPARE(newest.siblingAtColumn(RunsModel::DateColumn).data().toString(),
                     QDateTime::fromString(QStringLiteral("2026-11-05T10:00:00Z"), Qt::ISODate)
                         .toLocalTime()
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
            QCOMPARE(newest.siblingAtColumn(RunsModel::DatasetColumn).data().toString(),
                     QStringLiteral("lastfm"));
            QCOMPARE(newest.siblingAtColumn(RunsModel::StatusColumn).data().toString(),
                     QStringLiteral("finished"));
            // The experiment's headline is its best student's (RRD here), not the teacher's 0.5.
            QCOMPARE(newest.siblingAtColumn(RunsModel::HeadlineColumn).data().toString(),
                     QStringLiteral("0.1000"));
            QCOMPARE(proxy->headerData(RunsModel::DatasetColumn, Qt::Horizontal).toString(),
                     QStringLiteral("Data set"));

            // A tick, then a click on the NDCG@10 header: best first; runs stay in stage order.
            const QModelIndex oldRun = proxy->index(0, 0, proxy->index(2, 0));
            QVERIFY(proxy->setData(oldRun, Qt::Checked, Qt::CheckStateRole));
            const QList<qint64> ticked = bench.catalog()->model()->checkedRuns();
            QCOMPARE(ticked.size(), 1);
            dock.tree()->header()->setSortIndicator(RunsModel::HeadlineColumn, Qt::DescendingOrder);
            QCOMPARE(topNames(proxy), (QStringList{"old", "middle", "newest"}));
            const QStringList stages{QStringLiteral("teacher"), QStringLiteral("student alone"),
                                     QStringLiteral("+ rrd")};
            QCOMPARE(runLabels(proxy, 0), stages);
            dock.tree()->header()->setSortIndicator(RunsModel::HeadlineColumn, Qt::AscendingOrder);
            QCOMPARE(topNames(proxy), (QStringList{"newest", "middle", "old"}));
            QCOMPARE(runLabels(proxy, 2), stages);
            QCOMPARE(bench.catalog()->model()->checkedRuns(), ticked);
            QCOMPARE(proxy->index(0, 0, proxy->index(2, 0)).data(Qt::CheckStateRole).toInt(),
                     int(Qt::Checked));
            // The data set column sorts too, and the filter matches it.
            dock.tree()->header()->setSortIndicator(RunsModel::DatasetColumn, Qt::AscendingOrder);
            QCOMPARE(topNames(proxy).first(), QStringLiteral("newest"));
            dock.setFilter(QStringLiteral("ml-100k"), false);
            QCOMPARE(proxy->rowCount(), 2);
            dock.setFilter(QString(), false);
            dock.tree()->header()->setSortIndicator(RunsModel::HeadlineColumn, Qt::DescendingOrder);
        }
        QCOMPARE(rd::AppSettings::runsSortColumn(-1), int(RunsModel::HeadlineColumn));
        QCOMPARE(rd::AppSettings::runsSortOrder(), Qt::DescendingOrder);
        // A new dock (a restart, a language switch) sorts as the user left it.
        rd::RunsDock again;
        again.setCatalog(bench.catalog());
        QCOMPARE(again.tree()->header()->sortIndicatorSection(), int(RunsModel::HeadlineColumn));
        QCOMPARE(topNames(again.filterModel()), (QStringList{"old", "middle", "newest"}));
        Q_UNUSED(s);
    }

    void deleteGoesToTheTrashAndUndoBringsItBack() {
        const QString path = freshDatabase();
        const Seeded s = seed(path.toStdString());
        rd::MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.openDatabase(path);  // after the default store the window opened itself
        QTRY_COMPARE_WITH_TIMEOUT(window.databasePath(), path, 30000);
        RunsModel* model = window.workbench()->catalog()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 30000);
        const qint64 victim = s.experiments[1];  // "newest"
        model->checkExperiment(victim);
        QCOMPARE(model->checkedRuns().size(), 3);
        QVERIFY(!window.undoAction()->isEnabled());

        window.runsDock()->deleteExperiment(victim);
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(!model->hasExperiment(victim));
        QVERIFY(model->checkedRuns().isEmpty());  // gone from Compare
        auto* status = window.findChild<QLabel*>(QStringLiteral("statusText"));
        QCOMPARE(status->text(),
                 QStringLiteral("Moved #%1 “newest” with its 3 run(s) to the trash").arg(victim));
        QVERIFY(window.undoButton()->isVisibleTo(&window));
        QVERIFY(window.undoAction()->isEnabled());
        QVERIFY(window.undoAction()->text().contains(QStringLiteral("#%1").arg(victim)));
        {
            rd::RunStore store(path.toStdString());
            QCOMPARE(store.experiments().size(), size_t(2));
            QCOMPARE(store.trashedExperiments().size(), size_t(1));
            QCOMPARE(store.runs(victim).size(), size_t(3));  // kept until the trash is emptied
        }

        // Ctrl+Z (Edit ▸ Undo): back with its runs and values.
        QCOMPARE(window.undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
        window.undoAction()->trigger();
        QTRY_COMPARE(model->rowCount(), 3);
        const QModelIndex back = model->experimentIndex(victim);
        QCOMPARE(model->rowCount(back), 3);
        QCOMPARE(back.siblingAtColumn(RunsModel::HeadlineColumn).data().toString(),
                 QStringLiteral("0.1000"));
        QVERIFY(!window.undoAction()->isEnabled());
        QVERIFY(!window.undoButton()->isVisibleTo(&window));
        QCOMPARE(status->text(),
                 QStringLiteral("Restored #%1 “newest” from the trash").arg(victim));
        {
            rd::RunStore store(path.toStdString());
            QVERIFY(store.trashedExperiments().empty());
        }

        // Two to the trash, then Edit ▸ Trash: restore one, empty the rest for good.
        window.runsDock()->deleteExperiment(s.experiments[0]);
        window.runsDock()->deleteExperiment(s.experiments[2]);
        QTRY_COMPARE(model->rowCount(), 1);
        rd::TrashDialog* trash = window.showTrash();
        QSignalSpy refreshed(trash, &rd::TrashDialog::refreshed);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(trash->list()->topLevelItemCount(), 2);
        QCOMPARE(trash->list()->topLevelItem(0)->data(0, Qt::UserRole).toLongLong(),
                 s.experiments[2]);  // the most recently trashed first
        trash->list()->topLevelItem(1)->setSelected(true);
        trash->restoreSelected();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(trash->list()->topLevelItemCount(), 1);
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(model->hasExperiment(s.experiments[0]));
        trash->emptyTrash(false);
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(trash->list()->topLevelItemCount(), 0);
        QTRY_VERIFY(!window.undoAction()->isEnabled());
        rd::RunStore store(path.toStdString());
        QVERIFY(!store.experiment(s.experiments[2]));
        QVERIFY(store.runs(s.experiments[2]).empty());
        QCOMPARE(store.experiments().size(), size_t(2));
    }
};

QTEST_MAIN(TestRunsHistory)
#include "test_runs_history.moc"
