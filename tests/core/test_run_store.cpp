// The run store: creation, migration from versions 1 and 3 (refusals: test_run_store_refusals.cpp),
// recovery of interrupted runs, a round trip of every table, a step written twice, an import from
// a version-3 file, cascading deletion, tags and notes, the indexed query.

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <memory>

#include "run_store_support.h"
#include "store/run_store.h"
#include "store/store_error.h"
#include "test_util.h"

using rd::RunStore;

namespace {

int64_t deadPid() {
    const pid_t pid = fork();
    if (pid == 0) _exit(0);
    int status = 0;
    waitpid(pid, &status, 0);
    return pid;
}

// The version-1 layout as RecDistill 0.1 wrote it, kept here verbatim so the migration is tested
// against the real old format rather than against the code under test.
const char* kVersion1Schema = R"SQL(
CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, source_path TEXT NOT NULL,
  format TEXT NOT NULL, content_hash TEXT NOT NULL, stats_json TEXT NOT NULL DEFAULT '{}',
  first_seen TEXT NOT NULL, UNIQUE (content_hash, source_path, format));
CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL, config_json TEXT NOT NULL,
  created TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '');
CREATE TABLE runs (id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE, role TEXT NOT NULL,
  model TEXT NOT NULL, method TEXT NOT NULL DEFAULT '', seed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled','interrupted')),
  error TEXT NOT NULL DEFAULT '', started TEXT NOT NULL, finished TEXT, app_version TEXT NOT NULL DEFAULT '',
  torch_version TEXT NOT NULL DEFAULT '', threads INTEGER NOT NULL DEFAULT 0,
  params_json TEXT NOT NULL DEFAULT '{}', pid INTEGER NOT NULL DEFAULT 0, host TEXT NOT NULL DEFAULT '');
CREATE INDEX runs_by_experiment ON runs(experiment_id);
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE metric_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE metric_points (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id), step INTEGER NOT NULL, value REAL,
  wall_time REAL NOT NULL, PRIMARY KEY (run_id, metric_id, step)) WITHOUT ROWID;
CREATE TABLE final_results (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id), value REAL,
  PRIMARY KEY (run_id, metric_id)) WITHOUT ROWID;
CREATE TABLE topk_samples (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL, items BLOB NOT NULL, PRIMARY KEY (run_id, user_id)) WITHOUT ROWID;
CREATE TABLE exposure_bins (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  bin INTEGER NOT NULL, recommendation_share REAL NOT NULL, training_share REAL NOT NULL,
  PRIMARY KEY (run_id, bin)) WITHOUT ROWID;
INSERT INTO datasets VALUES (1, 'demo', 'demo', 'demo', 'abcdef0123456789', '{"users":1000}', '2026-01-01T00:00:00Z');
INSERT INTO experiments VALUES (1, 'old', 1, '{"version":1}', '2026-01-01T00:00:00Z', 'kept', ' baseline, mf ,,demo');
INSERT INTO runs VALUES (1, 1, 'model', 'mf', '', 2020, 'finished', '', '2026-01-01T00:00:00Z',
  '2026-01-01T00:01:00Z', '0.1.0', '1.13.1', 2, '{"dim":8}', 1, 'elsewhere');
INSERT INTO metric_names VALUES (1, 'loss/bpr'), (2, 'NDCG@10');
INSERT INTO metric_points VALUES (1, 1, 1, 0.69, 1.0), (1, 1, 2, 0.5, 2.0);
INSERT INTO final_results VALUES (1, 2, 0.125);
PRAGMA application_id = 1380217716;
PRAGMA user_version = 1;
)SQL";

// The version-3 layout as RecDistill 0.3 left it (after its own migrations), with one point per
// row. Run 1 has a NaN loss (SQLite stored it as NULL) and two metrics written at step 1 with
// different wall times; run 7 never existed (a point written with foreign keys off) and is dropped.
const char* kVersion3Schema = R"SQL(
CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT NOT NULL, source_path TEXT NOT NULL,
  format TEXT NOT NULL, content_hash TEXT NOT NULL, stats_json TEXT NOT NULL DEFAULT '{}',
  first_seen TEXT NOT NULL, UNIQUE (content_hash, source_path, format));
CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL, config_json TEXT NOT NULL,
  created TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
CREATE TABLE runs (id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE, role TEXT NOT NULL,
  model TEXT NOT NULL, method TEXT NOT NULL DEFAULT '', seed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled','interrupted')),
  error TEXT NOT NULL DEFAULT '', started TEXT NOT NULL, finished TEXT, app_version TEXT NOT NULL DEFAULT '',
  torch_version TEXT NOT NULL DEFAULT '', threads INTEGER NOT NULL DEFAULT 0,
  params_json TEXT NOT NULL DEFAULT '{}', pid INTEGER NOT NULL DEFAULT 0, host TEXT NOT NULL DEFAULT '');
CREATE INDEX runs_by_experiment ON runs(experiment_id);
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE metric_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE metric_points (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id), step INTEGER NOT NULL, value REAL,
  wall_time REAL NOT NULL, PRIMARY KEY (run_id, metric_id, step)) WITHOUT ROWID;
CREATE TABLE final_results (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id), value REAL,
  PRIMARY KEY (run_id, metric_id)) WITHOUT ROWID;
CREATE TABLE topk_samples (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL, items BLOB NOT NULL, PRIMARY KEY (run_id, user_id)) WITHOUT ROWID;
CREATE TABLE exposure_bins (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  bin INTEGER NOT NULL, recommendation_share REAL NOT NULL, training_share REAL NOT NULL,
  PRIMARY KEY (run_id, bin)) WITHOUT ROWID;
CREATE TABLE experiment_tags (experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  tag TEXT NOT NULL, PRIMARY KEY (experiment_id, tag)) WITHOUT ROWID;
CREATE INDEX experiment_tags_by_tag ON experiment_tags(tag);
CREATE INDEX final_results_by_metric ON final_results(metric_id, run_id);
CREATE TABLE artifacts (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, relative_path TEXT NOT NULL, content_hash TEXT NOT NULL, bytes INTEGER NOT NULL,
  created TEXT NOT NULL, reuse_key TEXT NOT NULL DEFAULT '');
CREATE INDEX artifacts_by_run ON artifacts(run_id);
CREATE INDEX artifacts_by_reuse_key ON artifacts(kind, reuse_key);
INSERT INTO experiments VALUES (1, 'three', NULL, '{"version":1}', '2026-03-01T00:00:00Z', '');
INSERT INTO experiment_tags VALUES (1, 'kd');
INSERT INTO runs VALUES (1, 1, 'teacher', 'mf', '', 1, 'finished', '', '2026-03-01T00:00:00Z',
  '2026-03-01T00:01:00Z', '0.3.0', '1.13.1', 2, '{}', 1, 'elsewhere');
INSERT INTO runs VALUES (2, 1, 'student', 'mf', 'rrd', 1, 'finished', '', '2026-03-01T00:00:00Z',
  '2026-03-01T00:02:00Z', '0.3.0', '1.13.1', 2, '{}', 1, 'elsewhere');
INSERT INTO metric_names VALUES (1, 'loss/bpr'), (2, 'valid/NDCG@10'), (3, 'NDCG@10');
INSERT INTO metric_points VALUES (1, 1, 0, 0.75, 10.0), (1, 1, 1, NULL, 11.0), (1, 2, 1, 0.25, 11.5),
  (1, 1, 2, 0.5, 12.0), (2, 2, 5, 0.125, 20.0), (7, 1, 0, 9.0, 1.0);
INSERT INTO final_results VALUES (1, 3, 0.3);
INSERT INTO artifacts VALUES (1, 1, 'checkpoint', 'artifacts/run-1.pt', 'beef', 10, '2026-03-01T00:01:00Z', 'k');
PRAGMA application_id = 1380217716;
PRAGMA user_version = 3;
)SQL";

}  // namespace

class TestRunStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsStoreWithWalAndVersion();
    void defaultPathHonoursXdg();
    void roundTripEveryTable();
    void migratesVersion1File();
    void migratesVersion3PointsToSteps();
    void stepWrittenTwiceMergesAndKeepsNaN();
    void importsAnOlderStoreWithoutMigratingIt();
    void recoversInterruptedRuns();
    void deleteExperimentCascades();
    void editsTagsAndNotes();
    void finalValuesOfManyRunsUseAnIndex();
};

void TestRunStore::createsStoreWithWalAndVersion() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("sub/folder/runs.sqlite").toStdString();
    {
        RunStore store(path);
        QCOMPARE(store.recoveredRuns(), 0);
        QCOMPARE(store.integrityCheck(), std::string("ok"));
    }
    RawDb raw(path);
    QCOMPARE(raw.text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(raw.number("PRAGMA user_version"), 6LL);
    QCOMPARE(raw.number("PRAGMA application_id"), 0x52447374LL);
}

void TestRunStore::defaultPathHonoursXdg() {
    const QByteArray oldXdg = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", "/tmp/xdg-test");
    QCOMPARE(RunStore::defaultPath(), std::string("/tmp/xdg-test/RecDistill/runs.sqlite"));
    qunsetenv("XDG_DATA_HOME");
    const std::string home = qgetenv("HOME").toStdString();
    QCOMPARE(RunStore::defaultPath(), home + "/.local/share/RecDistill/runs.sqlite");
    if (!oldXdg.isEmpty()) qputenv("XDG_DATA_HOME", oldXdg);
}

void TestRunStore::roundTripEveryTable() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    int64_t datasetId = 0, experimentId = 0, runId = 0, artifactId = 0;
    {
        RunStore store(path);
        rd::DatasetRecord d{
            0, "ml-100k", "/data/ml-100k", "ml-100k", "0123456789abcdef", R"({"users":943})", ""};
        datasetId = store.addDataset(d);
        QCOMPARE(store.addDataset(d), datasetId);  // same data, same row
        rd::ExperimentRecord e;
        e.name = "MF on ML-100K";
        e.datasetId = datasetId;
        e.configJson = R"({"version":1,"model":{"name":"mf","dim":64}})";
        e.notes = "first try";
        e.tags = {"mf", "baseline"};
        experimentId = store.addExperiment(e);
        rd::RunRecord r;
        r.experimentId = experimentId;
        r.role = "teacher";
        r.model = "mf";
        r.method = "rrd";
        r.seed = 2020;
        r.appVersion = "0.1.0";
        r.torchVersion = "1.13.1";
        r.threads = 4;
        r.paramsJson = R"({"dim":64})";
        runId = store.startRun(r);
        store.addPoints(runId, 1, {{"loss/bpr", 0.69}, {"valid/NDCG@10", 0.1}}, 100.5);
        store.addPoints(runId, 2, {{"loss/bpr", 0.5}, {"valid/NDCG@10", 0.2}}, 101.5);
        store.setFinalResults(runId,
                              {{"NDCG@10", 0.31}, {"params", 123456}, {"latency_p95_ms", 1.5}});
        store.setExposure(runId, {{0.5, 0.3, 0.2}, {0.6, 0.3, 0.1}});
        store.setTopKSamples(runId, {{7, {3, 1, 2}}, {2, {9, 8, -1, 2147483647}}});
        artifactId = store.addArtifact(
            {0, runId, "checkpoint", "artifacts/run-1.pt", "feedbeef", 4096, "", "key-1"});
        store.finishRun(runId, "finished");
    }
    RunStore store(path);  // everything read back through a fresh connection
    const auto d = store.dataset(datasetId);
    QVERIFY(d);
    QCOMPARE(d->name, std::string("ml-100k"));
    QCOMPARE(d->sourcePath, std::string("/data/ml-100k"));
    QCOMPARE(d->contentHash, std::string("0123456789abcdef"));
    QCOMPARE(d->statsJson, std::string(R"({"users":943})"));
    QVERIFY(!d->firstSeen.empty());
    QCOMPARE(store.datasets().size(), size_t(1));

    const auto e = store.experiment(experimentId);
    QVERIFY(e);
    QCOMPARE(e->name, std::string("MF on ML-100K"));
    QCOMPARE(e->datasetId, datasetId);
    QCOMPARE(e->configJson, std::string(R"({"version":1,"model":{"name":"mf","dim":64}})"));
    QCOMPARE(e->notes, std::string("first try"));
    QCOMPARE(e->tags, (std::vector<std::string>{"baseline", "mf"}));

    const auto r = store.run(runId);
    QVERIFY(r);
    QCOMPARE(r->experimentId, experimentId);
    QCOMPARE(r->role, std::string("teacher"));
    QCOMPARE(r->model, std::string("mf"));
    QCOMPARE(r->method, std::string("rrd"));
    QCOMPARE(r->seed, int64_t(2020));
    QCOMPARE(r->status, std::string("finished"));
    QCOMPARE(r->appVersion, std::string("0.1.0"));
    QCOMPARE(r->torchVersion, std::string("1.13.1"));
    QCOMPARE(r->threads, 4);
    QCOMPARE(r->paramsJson, std::string(R"({"dim":64})"));
    QCOMPARE(r->pid, int64_t(getpid()));
    QVERIFY(!r->started.empty() && !r->finished.empty());
    QCOMPARE(store.runs(experimentId).size(), size_t(1));
    QCOMPARE(store.runs(experimentId + 1).size(), size_t(0));

    const auto points = store.points(runId);
    QCOMPARE(points.size(), size_t(4));
    QCOMPARE(points[0].name, std::string("loss/bpr"));
    QCOMPARE(points[0].step, int64_t(1));
    QCOMPARE(points[1].value, 0.5);
    QCOMPARE(points[3].name, std::string("valid/NDCG@10"));
    QCOMPARE(points[3].value, 0.2);
    QCOMPARE(points[3].wallTime, 101.5);
    QCOMPARE(store.points(runId, "valid/NDCG@10").size(), size_t(2));

    const auto finals = store.finalResults(runId);
    QCOMPARE(finals.size(), size_t(3));
    QCOMPARE(finals.at("params"), 123456.0);
    QCOMPARE(finals.at("latency_p95_ms"), 1.5);

    const auto h = store.exposure(runId);
    QCOMPARE(h.recommendationShare, (std::vector<double>{0.5, 0.3, 0.2}));
    QCOMPARE(h.trainingShare, (std::vector<double>{0.6, 0.3, 0.1}));

    const auto samples = store.topKSamples(runId);
    QCOMPARE(samples.size(), size_t(2));
    QCOMPARE(samples[0].user, 2);
    QCOMPARE(samples[0].items, (std::vector<int32_t>{9, 8, -1, 2147483647}));
    QCOMPARE(samples[1].items, (std::vector<int32_t>{3, 1, 2}));

    const auto artifacts = store.artifacts(runId);
    QCOMPARE(artifacts.size(), size_t(1));
    QCOMPARE(artifacts[0].id, artifactId);
    QCOMPARE(artifacts[0].relativePath, std::string("artifacts/run-1.pt"));
    QCOMPARE(artifacts[0].contentHash, std::string("feedbeef"));
    QCOMPARE(artifacts[0].bytes, int64_t(4096));
    QCOMPARE(artifacts[0].reuseKey, std::string("key-1"));
    QCOMPARE(store.reusableArtifacts("checkpoint", "key-1").size(), size_t(1));
    QCOMPARE(store.reusableArtifacts("checkpoint", "key-2").size(), size_t(0));
    QCOMPARE(store.reusableArtifacts("teacher", "key-1").size(), size_t(0));

    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.finishRun(runId, "running"));
}

void TestRunStore::migratesVersion1File() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("v1.sqlite").toStdString();
    {
        RawDb raw(path);
        raw.exec(kVersion1Schema);
    }
    RunStore store(path);
    const auto e = store.experiment(1);
    QVERIFY(e);
    QCOMPARE(e->name, std::string("old"));
    QCOMPARE(e->notes, std::string("kept"));
    QCOMPARE(e->tags, (std::vector<std::string>{"baseline", "demo", "mf"}));
    QCOMPARE(store.run(1)->status,
             std::string("finished"));  // another host's run is never "recovered"
    const auto points = store.points(1);
    QCOMPARE(points.size(), size_t(2));
    QCOMPARE(points[1].name, std::string("loss/bpr"));
    QCOMPARE(points[1].step, int64_t(2));
    QCOMPARE(points[1].value, 0.5);
    QCOMPARE(points[1].wallTime, 2.0);
    QCOMPARE(store.finalValues("NDCG@10", {1}).at(1), 0.125);
    // What version 2 added works on the migrated file.
    store.addArtifact({0, 1, "checkpoint", "a.pt", "00", 1, "", ""});
    QCOMPARE(store.artifacts(1).size(), size_t(1));
    store.setExperimentTags(1, {"x"});
    QCOMPARE(store.experiment(1)->tags, std::vector<std::string>{"x"});
    QCOMPARE(store.integrityCheck(), std::string("ok"));
    RawDb raw(path);
    QCOMPARE(raw.number("PRAGMA user_version"), 6LL);
    QCOMPARE(
        raw.number("SELECT count(*) FROM pragma_table_info('experiments') WHERE name = 'tags'"),
        0LL);
}

void TestRunStore::migratesVersion3PointsToSteps() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("v3.sqlite").toStdString();
    {
        RawDb raw(path);
        raw.exec(kVersion3Schema);
    }
    RunStore store(path);
    const auto p = store.points(1);
    QCOMPARE(p.size(), size_t(4));
    QCOMPARE(p[0].name, std::string("loss/bpr"));
    QCOMPARE(p[0].step, int64_t(0));
    QCOMPARE(p[0].value, 0.75);
    QCOMPARE(p[0].wallTime, 10.0);
    QCOMPARE(p[1].step, int64_t(1));
    QVERIFY(std::isnan(p[1].value));  // NULL was SQLite's NaN
    QCOMPARE(p[1].wallTime, 11.0);
    QCOMPARE(p[2].step, int64_t(2));
    QCOMPARE(p[2].value, 0.5);
    QCOMPARE(p[3].name, std::string("valid/NDCG@10"));
    QCOMPARE(p[3].step, int64_t(1));
    QCOMPARE(p[3].value, 0.25);
    QCOMPARE(p[3].wallTime, 11.5);
    const auto curve = store.points(2, "valid/NDCG@10");
    QCOMPARE(curve.size(), size_t(1));
    QCOMPARE(curve[0].step, int64_t(5));
    QCOMPARE(curve[0].value, 0.125);
    QCOMPARE(curve[0].wallTime, 20.0);
    QVERIFY(store.points(7).empty());
    QCOMPARE(store.finalResults(1).at("NDCG@10"), 0.3);
    QCOMPARE(store.artifacts(1).at(0).reuseKey, std::string("k"));
    QCOMPARE(store.experiment(1)->tags, std::vector<std::string>{"kd"});
    // New epochs land beside the converted ones, and a converted step takes more values.
    store.addPoints(1, 3, {{"loss/bpr", 0.25}}, 13.0);
    store.addPoints(1, 1, {{"valid/NDCG@10", 0.5}}, 14.0);
    QCOMPARE(store.points(1, "loss/bpr").size(), size_t(4));
    QCOMPARE(store.points(1, "valid/NDCG@10").at(0).value, 0.5);
    QCOMPARE(store.integrityCheck(), std::string("ok"));
    RawDb raw(path);
    QCOMPARE(raw.number("PRAGMA user_version"), 6LL);
    QCOMPARE(raw.number("SELECT count(*) FROM sqlite_schema WHERE name = 'metric_points'"), 0LL);
    // One row per step: run 1 steps 0 to 3, run 2 step 5.
    QCOMPARE(raw.number("SELECT count(*) FROM metric_steps"), 5LL);
    QCOMPARE(raw.number("SELECT count(*) FROM pragma_foreign_key_check"), 0LL);
}

void TestRunStore::importsAnOlderStoreWithoutMigratingIt() {
    QTemporaryDir dir;
    const std::string old = dir.filePath("v3.sqlite").toStdString();
    {
        RawDb raw(old);
        raw.exec(kVersion3Schema);
    }
    const QByteArray before = fileBytes(old);
    RunStore store(dir.filePath("new/runs.sqlite").toStdString());
    const rd::ImportSummary s = store.importFrom(old);  // migrated in memory only
    QCOMPARE(s.runs, int64_t(2));
    QCOMPARE(s.points, int64_t(5));  // the orphan run's point is not among them
    QCOMPARE(s.missingArtifactFiles, std::vector<std::string>{"artifacts/run-1.pt"});
    QVERIFY(std::isnan(store.points(1, "loss/bpr").at(1).value));
    QCOMPARE(store.points(2, "valid/NDCG@10").at(0).value, 0.125);
    QCOMPARE(store.experiment(1)->tags, std::vector<std::string>{"kd"});
    QCOMPARE(store.finalResults(1).at("NDCG@10"), 0.3);
    QCOMPARE(fileBytes(old), before);
    RawDb raw(old);
    QCOMPARE(raw.number("PRAGMA user_version"), 3LL);
}

void TestRunStore::stepWrittenTwiceMergesAndKeepsNaN() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    RunStore store(path);
    const int64_t e = store.addExperiment({0, "e", 0, "{}", "", "", {}});
    const int64_t r =
        store.startRun({0, e, "model", "mf", "", 1, "running", "", "", "", "", "", 1, "{}", 0, ""});
    store.addPoints(r, 1, {{"a", 1.0}, {"b", 2.0}}, 10.0);
    store.addPoints(r, 1, {{"b", 3.0}, {"c", 4.0}, {"c", 5.0}}, 11.0);  // the later value wins
    store.addPoints(r, 2, {{"a", std::nan("")}, {"b", -0.0}}, 12.0);
    const auto p = store.points(r);
    QCOMPARE(p.size(), size_t(5));
    QCOMPARE(p[0].name, std::string("a"));
    QCOMPARE(p[0].value, 1.0);
    QCOMPARE(p[0].wallTime, 10.0);
    QCOMPARE(p[1].name, std::string("a"));
    QVERIFY(std::isnan(p[1].value));
    QCOMPARE(p[2].name, std::string("b"));
    QCOMPARE(p[2].value, 3.0);
    QCOMPARE(p[2].wallTime, 11.0);
    QVERIFY(std::signbit(p[3].value));  // -0.0 kept bit for bit
    QCOMPARE(p[4].name, std::string("c"));
    QCOMPARE(p[4].value, 5.0);
    QCOMPARE(store.points(r, "c").size(), size_t(1));
    QVERIFY(store.points(r, "never-written").empty());
    // A run that does not exist is refused, and the refused epoch leaves nothing behind.
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.addPoints(r + 100, 1, {{"a", 1.0}}, 1.0));
    QVERIFY(store.points(r + 100).empty());
    RawDb raw(path);
    QCOMPARE(raw.number("SELECT count(*) FROM metric_steps"), 2LL);
}

void TestRunStore::recoversInterruptedRuns() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    int64_t dead = 0, alive = 0, remote = 0, done = 0;
    {
        RunStore store(path);
        const int64_t e = store.addExperiment({0, "e", 0, "{}", "", "", {}});
        rd::RunRecord r;
        r.experimentId = e;
        r.role = "model";
        r.model = "mf";
        r.pid = deadPid();
        dead = store.startRun(r);
        store.addPoints(dead, 1, {{"loss", 0.7}}, 1.0);
        store.addPoints(dead, 2, {{"loss", 0.6}}, 2.0);
        r.pid = 0;  // this process: alive
        alive = store.startRun(r);
        r.pid = deadPid();
        r.host = "another-machine";  // cannot be judged from here
        remote = store.startRun(r);
        r.host.clear();
        done = store.startRun(r);
        store.finishRun(done, "finished");
    }
    RunStore store(path);
    QCOMPARE(store.recoveredRuns(), 1);
    QCOMPARE(store.run(dead)->status, std::string("interrupted"));
    QVERIFY(!store.run(dead)->finished.empty());
    QCOMPARE(store.points(dead).size(), size_t(2));
    QCOMPARE(store.run(alive)->status, std::string("running"));
    QCOMPARE(store.run(remote)->status, std::string("running"));
    QCOMPARE(store.run(done)->status, std::string("finished"));
}

void TestRunStore::deleteExperimentCascades() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    int64_t keep = 0, drop = 0;
    {
        RunStore store(path);
        for (int i = 0; i < 2; ++i) {
            const int64_t e =
                store.addExperiment({0, "e" + std::to_string(i), 0, "{}", "", "", {"t"}});
            (i == 0 ? keep : drop) = e;
            for (int k = 0; k < 3; ++k) {
                const int64_t r = store.startRun(
                    {0, e, "model", "mf", "", k, "running", "", "", "", "", "", 1, "{}", 0, ""});
                store.addPoints(r, 1, {{"loss", 1.0}, {"NDCG@10", 0.1}}, 1.0);
                store.setFinalResults(r, {{"NDCG@10", 0.2}});
                store.setExposure(r, {{1.0}, {1.0}});
                store.setTopKSamples(r, {{1, {1, 2}}});
                store.addArtifact({0, r, "checkpoint", "x.pt", "00", 1, "", ""});
                store.finishRun(r, "finished");
            }
        }
        store.deleteExperiment(drop);
        QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.deleteExperiment(drop));
        QVERIFY(!store.experiment(drop));
        QCOMPARE(store.runs().size(), size_t(3));
    }
    RawDb raw(path);
    QCOMPARE(raw.number("SELECT count(*) FROM runs"), 3LL);
    QCOMPARE(raw.number("SELECT count(*) FROM metric_steps"), 3LL);  // one step of each run
    QCOMPARE(raw.number("SELECT count(*) FROM final_results"), 3LL);
    QCOMPARE(raw.number("SELECT count(*) FROM exposure_bins"), 3LL);
    QCOMPARE(raw.number("SELECT count(*) FROM topk_samples"), 3LL);
    QCOMPARE(raw.number("SELECT count(*) FROM artifacts"), 3LL);
    QCOMPARE(raw.number("SELECT count(*) FROM experiment_tags"), 1LL);
    QCOMPARE(raw.number("PRAGMA foreign_key_check"), 0LL);
}

void TestRunStore::editsTagsAndNotes() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    RunStore store(path);
    const int64_t e = store.addExperiment({0, "e", 0, "{}", "", "", {"a"}});
    store.setExperimentNotes(e, "teacher looks overfit; try dim 32");
    store.setExperimentTags(e, {"kd", "rrd", "kd"});
    QCOMPARE(store.experiment(e)->notes, std::string("teacher looks overfit; try dim 32"));
    QCOMPARE(store.experiment(e)->tags, (std::vector<std::string>{"kd", "rrd"}));
    store.setExperimentTags(e, {});
    QVERIFY(store.experiment(e)->tags.empty());
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.setExperimentNotes(e + 99, "x"));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.setExperimentTags(e + 99, {"x"}));
    // Adding and removing touch only the named tags.
    store.setExperimentTags(e, {"kd", "rrd"});
    store.addExperimentTags(e, {"mf", "kd"});
    QCOMPARE(store.experiment(e)->tags, (std::vector<std::string>{"kd", "mf", "rrd"}));
    store.removeExperimentTags(e, {"kd", "absent"});
    QCOMPARE(store.experiment(e)->tags, (std::vector<std::string>{"mf", "rrd"}));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.addExperimentTags(e + 99, {"x"}));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.removeExperimentTags(e + 99, {"x"}));
    store.renameExperiment(e, "LightGCN → MF, dim 16");
    QCOMPARE(store.experiment(e)->name, std::string("LightGCN → MF, dim 16"));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.renameExperiment(e, ""));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.renameExperiment(e + 99, "x"));
    QCOMPARE(store.experiment(e)->name, std::string("LightGCN → MF, dim 16"));
}

void TestRunStore::finalValuesOfManyRunsUseAnIndex() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    std::vector<int64_t> runs;
    {
        RunStore store(path);
        const int64_t e = store.addExperiment({0, "e", 0, "{}", "", "", {}});
        for (int i = 0; i < 60; ++i) {
            const int64_t r = store.startRun(
                {0, e, "model", "mf", "", i, "running", "", "", "", "", "", 1, "{}", 0, ""});
            std::map<std::string, double> m{{"Recall@10", i * 0.01}, {"Gini@20", 0.5}};
            if (i % 3 != 0) m["NDCG@10"] = i / 100.0;  // some runs lack the metric
            store.setFinalResults(r, m);
            store.finishRun(r, "finished");
            runs.push_back(r);
        }
        const std::vector<int64_t> wanted(runs.begin(), runs.begin() + 50);
        const auto values = store.finalValues("NDCG@10", wanted);
        QCOMPARE(values.size(), size_t(33));
        for (int i = 0; i < 50; ++i) {
            if (i % 3 == 0)
                QVERIFY(!values.count(runs[i]));
            else
                QCOMPARE(values.at(runs[i]), i / 100.0);
        }
        QVERIFY(store.finalValues("nonexistent", wanted).empty());
        QVERIFY(store.finalValues("NDCG@10", {}).empty());
    }
    // The same statement RunStore::finalValues prepares: both table accesses must be index
    // searches.
    RawDb raw(path);
    const QString plan = raw.text(
        "EXPLAIN QUERY PLAN SELECT f.run_id, f.value FROM final_results f "
        "WHERE f.metric_id = (SELECT id FROM metric_names WHERE name = 'NDCG@10') "
        "AND f.run_id IN (SELECT value FROM json_each('[1,2,3]'))",
        3);  // the plan's "detail" column
    QVERIFY2(plan.contains("SEARCH f USING"), qPrintable(plan));
    QVERIFY2(!plan.contains("SCAN f"), qPrintable(plan));
}

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
