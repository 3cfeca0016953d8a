// Another database file: RunStore::exportTo writes a consistent copy with its artifact files and
// refuses to overwrite anything; RunStore::importFrom merges another store (every table, new ids,
// data sets matched, artifact files under new names) in one transaction, only reading the source,
// and refuses a foreign, newer, corrupt or missing one untouched.

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <functional>
#include <thread>

#include "store/artifact_files.h"
#include "store/run_store.h"
#include "store/sql_interrupt.h"
#include "store/sql_statement.h"
#include "store/store_error.h"
#include "test_util.h"
#include "util/cancel_token.h"

using rd::RunStore;
namespace fs = std::filesystem;

namespace {

const char* kTables[] = {"datasets",       "experiments",  "experiment_tags", "runs",
                         "metric_names",   "metric_steps", "final_results",   "topk_samples",
                         "exposure_bins",  "artifacts",    "studies",         "study_experiments",
                         "run_user_values"};

/** Every row of every table, values typed and quoted by SQLite, in a stable order. */
QMap<QString, QString> dump(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        qFatal("cannot open %s", path.c_str());
    QMap<QString, QString> out;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1,
                       &s, nullptr);
    QStringList tables;
    while (sqlite3_step(s) == SQLITE_ROW)
        tables << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    for (const QString& t : tables) {
        // quote() renders every type exactly (blobs as X'..', reals with all digits).
        sqlite3_prepare_v2(db, qPrintable("SELECT * FROM " + t), -1, &s, nullptr);
        QString columns;
        for (int c = 0; c < sqlite3_column_count(s); ++c)
            columns += (c ? " || '|' || quote(" : "quote(") +
                       QString::fromUtf8(sqlite3_column_name(s, c)) + ")";
        sqlite3_finalize(s);
        sqlite3_prepare_v2(db, qPrintable("SELECT " + columns + " AS r FROM " + t + " ORDER BY r"),
                           -1, &s, nullptr);
        QString rows;
        while (sqlite3_step(s) == SQLITE_ROW)
            rows +=
                QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) + "\n";
        sqlite3_finalize(s);
        out[t] = rows;
    }
    sqlite3_close(db);
    return out;
}

QByteArray fileBytes(const std::string& path) {
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeBytes(const std::string& path, const QByteArray& bytes) {
    fs::create_directories(fs::path(path).parent_path());
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", path.c_str());
    f.write(bytes);
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const rd::StoreError& e) {
        return QString::fromUtf8(e.what());
    }
    return "(nothing thrown)";
}

rd::RunRecord runOf(int64_t experiment, const std::string& method) {
    return {0,  experiment, "student", "mf", method,        7, "running", "", "",
            "", "0.4.0",    "2.1",     2,    "{\"dim\":8}", 0, ""};
}

/** Three experiments over two data sets (one without), four runs with every kind of row, and
 * checkpoint files beside the database named as the application names them. */
void fill(RunStore& store, const std::string& folder) {
    const int64_t d1 =
        store.addDataset({0, "ml-100k", "/data/ml-100k", "ml-100k", "aa11", "{}", ""});
    const int64_t d2 = store.addDataset({0, "demo", "demo", "demo", "bb22", "{\"users\":1}", ""});
    const int64_t e1 =
        store.addExperiment({0, "kd", d1, "{\"a\":1}", "", "teacher ok", {"kd", "mf"}});
    const int64_t e2 = store.addExperiment({0, "alone", d2, "{\"b\":2}", "", "", {}});
    const int64_t e3 = store.addExperiment({0, "nodata", 0, "{}", "", "", {"x"}});
    const int64_t runs[] = {store.startRun(runOf(e1, "")), store.startRun(runOf(e1, "rrd")),
                            store.startRun(runOf(e2, "")), store.startRun(runOf(e3, "cd"))};
    for (int i = 0; i < 4; ++i) {
        const int64_t r = runs[i];
        for (int step = 1; step <= 3; ++step)
            store.addPoints(r, step,
                            {{"loss/bpr", 1.0 / (step + i)},
                             {"valid/NDCG@10", step == 2 ? std::nan("") : 0.1 * step}},
                            100.0 + step);
        // A NaN result is stored as NULL and must stay NULL.
        store.setFinalResults(r, {{"NDCG@10", 0.25 + i},
                                  {"params", 1000.0 * i},
                                  {"GapClosed", i == 0 ? std::nan("") : 0.5}});
        store.setExposure(r, {{0.5, 0.5}, {0.75, 0.25}});
        store.setTopKSamples(r, {{3, {1, 2, 3}}, {9, {7, -1}}});
        if (i < 2) {
            const std::string relative = "artifacts/run-" + std::to_string(r) + ".pt";
            writeBytes(folder + "/" + relative,
                       QByteArray("weights of run ") + QByteArray::number(i));
            store.addArtifact({0, r, "checkpoint", relative, "h" + std::to_string(i), 16, "",
                               "key" + std::to_string(i)});
        }
        store.finishRun(r, i == 2 ? "cancelled" : "finished");
    }
}

}  // namespace

class TestRunStoreTransfer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportThenImportIntoAnEmptyStoreCopiesEveryTable();
    void importTwiceGivesTwoCopiesAndOneDataset();
    void runningRunsAndMissingFiles();
    void exportRefusesToOverwrite();
    void importRefusesBadSourcesUntouched_data();
    void importRefusesBadSourcesUntouched();
    void sqlInterruptStopsALongStatement();
    void cancelledTransfersLeaveNothing();
    void cancelAtAnyMomentIsAllOrNothing();
    void plainFilesInsideOnly_data();
    void plainFilesInsideOnly();
    void linksInArtifactsAreNotFollowed();
};

void TestRunStoreTransfer::exportThenImportIntoAnEmptyStoreCopiesEveryTable() {
    QTemporaryDir dir;
    const std::string home = dir.filePath("home").toStdString();
    const std::string source = home + "/runs.sqlite";
    const std::string exported = dir.filePath("usb/backup/runs-export.sqlite").toStdString();
    {
        RunStore store(source);
        fill(store, home);
        store.exportTo(exported);
    }
    // The export: a single file (rollback journal, no -wal beside it), the same rows, the same
    // schema version and identity, and the checkpoints under their relative paths.
    const auto original = dump(source);
    QCOMPARE(original.keys().size(), int(std::size(kTables)));
    QCOMPARE(dump(exported), original);
    QCOMPARE(fileBytes(exported).mid(18, 2), QByteArray("\x01\x01", 2));
    QVERIFY(!fs::exists(exported + "-wal"));
    const std::string usb = dir.filePath("usb/backup").toStdString();
    QCOMPARE(fileBytes(usb + "/artifacts/run-1.pt"), QByteArray("weights of run 0"));
    QCOMPARE(fileBytes(usb + "/artifacts/run-2.pt"), QByteArray("weights of run 1"));

    const QByteArray exportedBytes = fileBytes(exported);
    const std::string other = dir.filePath("other/runs.sqlite").toStdString();
    RunStore target(other);
    const rd::ImportSummary s = target.importFrom(exported);
    QCOMPARE(s.datasetsAdded, int64_t(2));
    QCOMPARE(s.datasetsReused, int64_t(0));
    QCOMPARE(s.experimentIds, (std::vector<int64_t>{1, 2, 3}));
    QCOMPARE(s.runs, int64_t(4));
    QCOMPARE(s.points, int64_t(4 * 3 * 2));
    QCOMPARE(s.finalResults, int64_t(12));
    QCOMPARE(s.topKSamples, int64_t(8));
    QCOMPARE(s.exposureBins, int64_t(8));
    QCOMPARE(s.tags, int64_t(3));
    QCOMPARE(s.artifacts, int64_t(2));
    QCOMPARE(s.artifactFilesCopied, int64_t(2));
    QCOMPARE(s.runsInterrupted, int64_t(0));
    QVERIFY(s.missingArtifactFiles.empty());
    // Into an empty store the new ids equal the old ones, so every table must match row for row.
    const auto imported = dump(other);
    for (const char* table : kTables) QVERIFY2(imported[table] == original[table], table);
    QCOMPARE(fileBytes(dir.filePath("other/artifacts/run-2.pt").toStdString()),
             QByteArray("weights of run 1"));
    QVERIFY(std::isnan(target.points(2, "valid/NDCG@10").at(1).value));
    QCOMPARE(target.integrityCheck(), std::string("ok"));
    // The source was only read.
    QCOMPARE(fileBytes(exported), exportedBytes);
    QVERIFY(!fs::exists(exported + "-wal") && !fs::exists(exported + "-shm"));
    QVERIFY(!fs::exists(usb + "/artifacts/.import-" + std::to_string(getpid()) + "-0-0.part"));
}

void TestRunStoreTransfer::importTwiceGivesTwoCopiesAndOneDataset() {
    QTemporaryDir dir;
    const std::string source = dir.filePath("a/runs.sqlite").toStdString();
    {
        RunStore store(source);
        fill(store, dir.filePath("a").toStdString());
    }
    const std::string targetFolder = dir.filePath("b").toStdString();
    RunStore target(targetFolder + "/runs.sqlite");
    // The target already has its own data set, experiment and run: new ids follow them.
    target.addDataset({0, "demo", "demo", "demo", "bb22", "{}", ""});
    const int64_t own = target.addExperiment({0, "own", 0, "{}", "", "", {}});
    target.finishRun(target.startRun(runOf(own, "")), "finished");
    // A stray file where the second copy's first checkpoint would go is kept, and avoided.
    writeBytes(targetFolder + "/artifacts/run-6.pt", "someone else's");

    const rd::ImportSummary first = target.importFrom(source);
    QCOMPARE(first.datasetsAdded, int64_t(1));  // "demo" was already there
    QCOMPARE(first.datasetsReused, int64_t(1));
    QCOMPARE(first.experimentIds, (std::vector<int64_t>{2, 3, 4}));
    const rd::ImportSummary second = target.importFrom(source);
    QCOMPARE(second.datasetsAdded, int64_t(0));
    QCOMPARE(second.datasetsReused, int64_t(2));
    QCOMPARE(second.experimentIds, (std::vector<int64_t>{5, 6, 7}));

    QCOMPARE(target.datasets().size(), size_t(2));
    QCOMPARE(target.experiments().size(), size_t(7));
    QCOMPARE(target.runs().size(), size_t(9));
    for (int64_t copy : {int64_t(2), int64_t(5)}) {
        const auto e = target.experiment(copy);
        QCOMPARE(e->name, std::string("kd"));
        QCOMPARE(e->notes, std::string("teacher ok"));
        QCOMPARE(e->tags, (std::vector<std::string>{"kd", "mf"}));
        QCOMPARE(target.dataset(e->datasetId)->contentHash, std::string("aa11"));
    }
    QCOMPARE(target.experiment(4)->datasetId, int64_t(0));
    // Runs 2-5 are the first copy, 6-9 the second; each keeps its rows.
    const auto runs = target.runs(5);
    QCOMPARE(runs.size(), size_t(2));
    QCOMPARE(runs[0].id, int64_t(6));
    QCOMPARE(runs[1].method, std::string("rrd"));
    QCOMPARE(target.points(7, "loss/bpr").at(2).value, 1.0 / 4);
    QCOMPARE(target.finalResults(9).at("NDCG@10"), 3.25);
    QCOMPARE(target.topKSamples(8).at(1).items, (std::vector<int32_t>{7, -1}));
    QCOMPARE(target.exposure(8).trainingShare, (std::vector<double>{0.75, 0.25}));
    const auto a6 = target.artifacts(6);
    QCOMPARE(a6.size(), size_t(1));
    QCOMPARE(a6[0].relativePath, std::string("artifacts/run-6-2.pt"));
    QCOMPARE(a6[0].reuseKey, std::string("key0"));
    QCOMPARE(fileBytes(targetFolder + "/artifacts/run-6-2.pt"), QByteArray("weights of run 0"));
    QCOMPARE(fileBytes(targetFolder + "/artifacts/run-6.pt"), QByteArray("someone else's"));
    QCOMPARE(target.artifacts(7).at(0).relativePath, std::string("artifacts/run-7.pt"));
    QCOMPARE(fileBytes(targetFolder + "/artifacts/run-3.pt"), QByteArray("weights of run 1"));
    QCOMPARE(target.reusableArtifacts("checkpoint", "key1").size(), size_t(2));
    QCOMPARE(target.integrityCheck(), std::string("ok"));
}

void TestRunStoreTransfer::runningRunsAndMissingFiles() {
    QTemporaryDir dir;
    const std::string source = dir.filePath("a/runs.sqlite").toStdString();
    {
        RunStore store(source);
        const int64_t e = store.addExperiment({0, "live", 0, "{}", "", "", {}});
        const int64_t r = store.startRun(runOf(e, ""));  // this process: alive, stays 'running'
        store.addPoints(r, 1, {{"loss", 0.5}}, 1.0);
        store.addArtifact({0, r, "checkpoint", "artifacts/run-1.pt", "00", 4, "", ""});
    }
    RunStore target(dir.filePath("b/runs.sqlite").toStdString());
    const rd::ImportSummary s = target.importFrom(source);
    QCOMPARE(s.runsInterrupted, int64_t(1));
    QCOMPARE(s.missingArtifactFiles, std::vector<std::string>{"artifacts/run-1.pt"});
    QCOMPARE(s.artifactFilesCopied, int64_t(0));
    const auto r = target.run(1);
    QCOMPARE(r->status, std::string("interrupted"));
    QVERIFY2(r->error.find(source) != std::string::npos, r->error.c_str());
    QVERIFY(!r->finished.empty());
    QCOMPARE(target.points(1).size(), size_t(1));
    QCOMPARE(target.artifacts(1).size(), size_t(1));  // the record stays, without its file
    QVERIFY(!fs::exists(dir.filePath("b/artifacts/run-1.pt").toStdString()));
}

void TestRunStoreTransfer::exportRefusesToOverwrite() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("a/runs.sqlite").toStdString());
    fill(store, dir.filePath("a").toStdString());
    const std::string existing = dir.filePath("out/taken.sqlite").toStdString();
    writeBytes(existing, "mine");
    const QString e1 = errorOf([&] { store.exportTo(existing); });
    QVERIFY2(e1.contains("already exists"), qPrintable(e1));
    QCOMPARE(fileBytes(existing), QByteArray("mine"));
    // An artifact with other bytes where the copy would go: nothing is exported at all.
    const std::string conflict = dir.filePath("out/artifacts/run-2.pt").toStdString();
    writeBytes(conflict, "other weights");
    const std::string target = dir.filePath("out/new.sqlite").toStdString();
    const QString e2 = errorOf([&] { store.exportTo(target); });
    QVERIFY2(e2.contains("artifacts/run-2.pt") && e2.contains("other content"), qPrintable(e2));
    QVERIFY(!fs::exists(target));
    QVERIFY(!fs::exists(dir.filePath("out/artifacts/run-1.pt").toStdString()));
    QCOMPARE(fileBytes(conflict), QByteArray("other weights"));
    // The same bytes already there are fine (an export next to the store itself, say).
    store.exportTo(dir.filePath("a/second.sqlite").toStdString());
    QCOMPARE(dump(dir.filePath("a/second.sqlite").toStdString()),
             dump(dir.filePath("a/runs.sqlite").toStdString()));
}

void TestRunStoreTransfer::importRefusesBadSourcesUntouched_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << "missing"
                             << "no such run-store file";
    QTest::newRow("empty file") << "empty"
                                << "an empty file";
    QTest::newRow("text file") << "text"
                               << "not an SQLite database";
    QTest::newRow("empty SQLite file") << "blank"
                                       << "an empty SQLite database";
    QTest::newRow("other application's SQLite file") << "foreign"
                                                     << "another application";
    QTest::newRow("newer store") << "newer"
                                 << "newer RecDistill";
    QTest::newRow("corrupt store") << "corrupt"
                                   << "corrupt";
    QTest::newRow("the store itself") << "itself"
                                      << "the run store itself";
}

void TestRunStoreTransfer::importRefusesBadSourcesUntouched() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string targetPath = dir.filePath("t/runs.sqlite").toStdString();
    std::string source = dir.filePath("s/source.sqlite").toStdString();
    {
        RunStore target(targetPath);
        fill(target, dir.filePath("t").toStdString());
    }
    auto raw = [&](const char* sql) {
        fs::create_directories(fs::path(source).parent_path());
        sqlite3* db = nullptr;
        sqlite3_open(source.c_str(), &db);
        sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        sqlite3_close(db);
    };
    if (kind == "empty") writeBytes(source, "");
    if (kind == "text") writeBytes(source, QByteArray("user,item\n1,2\n").repeated(100));
    if (kind == "blank") raw("CREATE TABLE t(x); DROP TABLE t;");
    if (kind == "foreign") raw("CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('mine');");
    if (kind == "newer" || kind == "corrupt") {
        {
            RunStore store(source);
            fill(store, dir.filePath("s").toStdString());
        }
        if (kind == "newer") raw("PRAGMA user_version = 99");
        QByteArray bytes = fileBytes(source);
        if (kind == "corrupt") {
            for (int i = 4096; i < 4096 + 600; ++i) bytes[i] = char(0xA5 ^ (i * 7));
            writeBytes(source, bytes);
        }
    }
    if (kind == "itself") source = targetPath;
    const QByteArray before = fileBytes(source);
    const auto targetBefore = dump(targetPath);
    RunStore target(targetPath);
    const QString error = errorOf([&] { target.importFrom(source); });
    QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.contains(QString::fromStdString(source)), qPrintable(error));
    if (kind != "missing" && kind != "itself")
        QVERIFY2(error.contains("was not changed"), qPrintable(error));
    QCOMPARE(fileBytes(source), before);
    QCOMPARE(dump(targetPath), targetBefore);
    QCOMPARE(target.integrityCheck(), std::string("ok"));
}

// The progress handler turns a set token into SQLITE_INTERRUPT within a few thousand VM steps; a
// clear token, and no guard, let the same statement run to the end.
void TestRunStoreTransfer::sqlInterruptStopsALongStatement() {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
    const char* count =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) "
        "SELECT count(*) FROM c";
    rd::CancelToken token;
    {
        rd::SqlInterrupt guard(db, &token);
        rd::SqlStatement s(db, count);
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), int64_t(1000000));
    }
    token.cancel();
    {
        rd::SqlInterrupt guard(db, &token);
        rd::SqlStatement s(db, count);
        const QString e = errorOf([&] { s.step(); });
        QVERIFY2(e.contains("interrupt"), qPrintable(e));
    }
    {
        rd::SqlStatement s(db, count);  // the guard is gone with its handler
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), int64_t(1000000));
    }  // finalised before the close: a statement left open keeps the connection (and leaks it)
    QCOMPARE(sqlite3_close(db), SQLITE_OK);
}

// Cancel before anything happened: the export leaves no file, the import leaves the target as it
// was, and both say Cancelled (not an error).
void TestRunStoreTransfer::cancelledTransfersLeaveNothing() {
    QTemporaryDir dir;
    const std::string source = dir.filePath("a/runs.sqlite").toStdString();
    RunStore store(source);
    fill(store, dir.filePath("a").toStdString());
    rd::CancelToken token;
    token.cancel();
    const std::string exported = dir.filePath("out/copy.sqlite").toStdString();
    QVERIFY_THROWS_EXCEPTION(rd::Cancelled, store.exportTo(exported, &token));
    QVERIFY(!fs::exists(exported));
    QVERIFY(!fs::exists(dir.filePath("out/artifacts").toStdString()));

    const std::string other = dir.filePath("b/runs.sqlite").toStdString();
    {
        RunStore target(other);
        target.addExperiment({0, "mine", 0, "{}", "", "", {}});
    }
    const auto before = dump(other);
    {
        RunStore target(other);
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, target.importFrom(source, &token));
    }
    QCOMPARE(dump(other), before);
    const std::string artifacts = dir.filePath("b/artifacts").toStdString();
    QVERIFY(!fs::exists(artifacts) || fs::is_empty(artifacts));
}

// A cancel from another thread at any moment of an export or import: the result is complete or
// absent, never partial. Delays from 0 to ~20 ms over a store big enough that VACUUM INTO and the
// import's copy take a few ms, so some cancels land inside SQLite's statements.
void TestRunStoreTransfer::cancelAtAnyMomentIsAllOrNothing() {
    QTemporaryDir dir;
    const std::string source = dir.filePath("a/runs.sqlite").toStdString();
    {
        RunStore store(source);
        fill(store, dir.filePath("a").toStdString());
        const int64_t e = store.addExperiment({0, "big", 0, "{}", "", "", {}});
        const int64_t r = store.startRun(runOf(e, "softlabel"));
        for (int step = 1; step <= 4000; ++step)
            store.addPoints(r, step, {{"loss/bpr", 1.0 / step}, {"valid/NDCG@10", 0.001 * step}},
                            step);
        store.finishRun(r, "finished");
    }
    const auto original = dump(source);
    int completed = 0, cancelled = 0;
    for (int trial = 0; trial < 12; ++trial) {
        const std::string exported =
            dir.filePath(QString("out%1/copy.sqlite").arg(trial)).toStdString();
        const std::string target =
            dir.filePath(QString("t%1/runs.sqlite").arg(trial)).toStdString();
        { RunStore(target).addExperiment({0, "mine", 0, "{}", "", "", {}}); }
        const auto targetBefore = dump(target);
        rd::CancelToken token;
        std::thread canceller([&token, trial] {
            std::this_thread::sleep_for(std::chrono::microseconds(1500 * trial));
            token.cancel();
        });
        bool exportDone = false, importDone = false;
        try {
            RunStore store(source);
            store.exportTo(exported, &token);
            exportDone = true;
            RunStore into(target);
            into.importFrom(source, &token);
            importDone = true;
        } catch (const rd::Cancelled&) {
        }
        canceller.join();
        if (exportDone) {
            QCOMPARE(dump(exported), original);
        } else {
            QVERIFY(!fs::exists(exported));
            QVERIFY(!fs::exists(exported + "-journal"));
        }
        if (importDone) {
            QCOMPARE(RunStore(target).experiments().size(), size_t(5));
            ++completed;
        } else {
            QCOMPARE(dump(target), targetBefore);
            const fs::path artifacts = fs::path(target).parent_path() / "artifacts";
            QVERIFY(!fs::exists(artifacts) || fs::is_empty(artifacts));  // no .part left
            ++cancelled;
        }
        QCOMPARE(RunStore(target).integrityCheck(), std::string("ok"));
    }
    qInfo("%d of 12 transfers completed, %d cancelled", completed, cancelled);
    QVERIFY(cancelled >= 1);  // the first trial cancels at once
}

void TestRunStoreTransfer::plainFilesInsideOnly_data() {
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("plain");
    QTest::newRow("plain file") << "artifacts/run-1.pt" << true;
    QTest::newRow("missing") << "artifacts/run-9.pt" << false;
    QTest::newRow("a link to a file") << "artifacts/link.pt" << false;
    QTest::newRow("under a linked folder") << "linked/secret.txt" << false;
    QTest::newRow("a FIFO") << "artifacts/fifo.pt" << false;
    QTest::newRow("a folder") << "artifacts" << false;
    QTest::newRow("outside") << "../outside/secret.txt" << false;
    QTest::newRow("absolute") << "/etc/hostname" << false;
}

void TestRunStoreTransfer::plainFilesInsideOnly() {
    QFETCH(QString, relative);
    QFETCH(bool, plain);
    QTemporaryDir dir;
    const std::string store = dir.filePath("store").toStdString();
    const std::string outside = dir.filePath("outside").toStdString();
    writeBytes(store + "/artifacts/run-1.pt", "weights");
    writeBytes(outside + "/secret.txt", "secret");
    fs::create_symlink(outside + "/secret.txt", store + "/artifacts/link.pt");
    fs::create_directory_symlink(outside, store + "/linked");
    QCOMPARE(::mkfifo((store + "/artifacts/fifo.pt").c_str(), 0600), 0);
    QCOMPARE(rd::ArtifactFiles::isPlainFileInside(store, relative.toStdString()), plain);
}

// Reliability review F12: a link planted in a store's artifacts/ (or an artifacts/ that is itself
// a link) must not carry a file from elsewhere into an export or an import.
void TestRunStoreTransfer::linksInArtifactsAreNotFollowed() {
    QTemporaryDir dir;
    const std::string home = dir.filePath("shared").toStdString();
    const std::string source = home + "/runs.sqlite";
    writeBytes(dir.filePath("private/secret.txt").toStdString(), "private key");
    {
        RunStore store(source);
        fill(store, home);
        const int64_t e = store.addExperiment({0, "planted", 0, "{}", "", "", {}});
        const int64_t r = store.startRun(runOf(e, ""));
        store.addArtifact({0, r, "checkpoint", "artifacts/planted.pt", "00", 11, "", ""});
        store.addArtifact({0, r, "checkpoint", "evil/secret.txt", "00", 11, "", ""});
        store.finishRun(r, "finished");
    }
    fs::create_symlink(dir.filePath("private/secret.txt").toStdString(),
                       home + "/artifacts/planted.pt");
    fs::create_directory_symlink(dir.filePath("private").toStdString(), home + "/evil");

    const std::string usb = dir.filePath("usb").toStdString();
    RunStore(source).exportTo(usb + "/copy.sqlite");
    QCOMPARE(fileBytes(usb + "/artifacts/run-1.pt"), QByteArray("weights of run 0"));
    QVERIFY(!fs::exists(fs::symlink_status(usb + "/artifacts/planted.pt")));
    QVERIFY(!fs::exists(fs::symlink_status(usb + "/evil")));

    RunStore target(dir.filePath("b/runs.sqlite").toStdString());
    const rd::ImportSummary s = target.importFrom(source);
    QCOMPARE(s.artifactFilesCopied, int64_t(2));  // the two real checkpoints
    QCOMPARE(s.missingArtifactFiles,
             (std::vector<std::string>{"artifacts/planted.pt", "evil/secret.txt"}));
    for (const auto& e : fs::recursive_directory_iterator(dir.filePath("b").toStdString()))
        QVERIFY2(fileBytes(e.path().string()) != QByteArray("private key"),
                 e.path().string().c_str());
}

QTEST_GUILESS_MAIN(TestRunStoreTransfer)
#include "test_run_store_transfer.moc"
