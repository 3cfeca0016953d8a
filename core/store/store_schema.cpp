#include "store/store_schema.h"

#include <limits>
#include <string>
#include <vector>

#include "store/metric_step_codec.h"
#include "store/sql_statement.h"
#include "store/sql_transaction.h"
#include "store/store_error.h"

namespace rd {

namespace {

// Version 1: the first released layout. Tags were one comma-separated text column.
const char* kVersion1 = R"SQL(
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  format TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  stats_json TEXT NOT NULL DEFAULT '{}',
  first_seen TEXT NOT NULL,
  UNIQUE (content_hash, source_path, format)
);
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
  config_json TEXT NOT NULL,
  created TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT ''
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  model TEXT NOT NULL,
  method TEXT NOT NULL DEFAULT '',
  seed INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('running','finished','failed','cancelled','interrupted')),
  error TEXT NOT NULL DEFAULT '',
  started TEXT NOT NULL,
  finished TEXT,
  app_version TEXT NOT NULL DEFAULT '',
  torch_version TEXT NOT NULL DEFAULT '',
  threads INTEGER NOT NULL DEFAULT 0,
  params_json TEXT NOT NULL DEFAULT '{}',
  pid INTEGER NOT NULL DEFAULT 0,
  host TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_by_experiment ON runs(experiment_id);
CREATE INDEX runs_by_status ON runs(status);
CREATE TABLE metric_names (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE metric_points (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id),
  step INTEGER NOT NULL,
  value REAL,
  wall_time REAL NOT NULL,
  PRIMARY KEY (run_id, metric_id, step)
) WITHOUT ROWID;
CREATE TABLE final_results (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id),
  value REAL,
  PRIMARY KEY (run_id, metric_id)
) WITHOUT ROWID;
CREATE TABLE topk_samples (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  items BLOB NOT NULL,
  PRIMARY KEY (run_id, user_id)
) WITHOUT ROWID;
CREATE TABLE exposure_bins (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  bin INTEGER NOT NULL,
  recommendation_share REAL NOT NULL,
  training_share REAL NOT NULL,
  PRIMARY KEY (run_id, bin)
) WITHOUT ROWID;
)SQL";

// Version 2: tags become rows (so the GUI can filter by tag with an index), final results get an
// index by metric ("all NDCG@10 values" without scanning every run), and artifacts are recorded.
const char* kVersion2 = R"SQL(
CREATE TABLE experiment_tags (
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (experiment_id, tag)
) WITHOUT ROWID;
CREATE INDEX experiment_tags_by_tag ON experiment_tags(tag);
WITH RECURSIVE split(experiment_id, tag, rest) AS (
  SELECT id, '', tags || ',' FROM experiments
  UNION ALL
  SELECT experiment_id, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
  FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO experiment_tags(experiment_id, tag)
  SELECT experiment_id, tag FROM split WHERE tag <> '';
ALTER TABLE experiments DROP COLUMN tags;
CREATE INDEX final_results_by_metric ON final_results(metric_id, run_id);
CREATE TABLE artifacts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  relative_path TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  created TEXT NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts(run_id);
)SQL";

// Version 3: artifacts carry a reuse key (e.g. a teacher checkpoint's data-set hash + split + model
// + training settings), so a later experiment finds a saved teacher with one indexed query.
const char* kVersion3 = R"SQL(
ALTER TABLE artifacts ADD COLUMN reuse_key TEXT NOT NULL DEFAULT '';
CREATE INDEX artifacts_by_reuse_key ON artifacts(kind, reuse_key);
)SQL";

// Version 4: one row per (run, step) holding all of the step's values (MetricStepCodec). With one
// row per (run, metric, step) an epoch's commit dirtied one B-tree leaf per curve (~20 pages into
// the WAL, then through every checkpoint); now it dirties one, and writing is several times faster.
const char* kVersion4 = R"SQL(
CREATE TABLE metric_steps (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  points BLOB NOT NULL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
)SQL";

// Version 5: studies (an experiment config repeated over seeds and sweep cells) link their
// experiments, each with its cell, seed and config hash (so a resumed study finds what already
// finished) and its status; and each run keeps every test user's own value of the accuracy metrics
// that paired tests need, as two blobs (users int32, values float64, little-endian) per metric.
const char* kVersion5 = R"SQL(
CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE study_experiments (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  cell INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  config_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'running',
  PRIMARY KEY (study_id, experiment_id)
) WITHOUT ROWID;
CREATE INDEX study_experiments_by_experiment ON study_experiments(experiment_id);
CREATE TABLE run_user_values (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric_id INTEGER NOT NULL REFERENCES metric_names(id),
  users BLOB NOT NULL,
  vals BLOB NOT NULL,
  PRIMARY KEY (run_id, metric_id)
) WITHOUT ROWID;
)SQL";

// Version 6: a trash. Deleting an experiment in the window stamps deleted_at instead of removing
// its rows, so it can be undone; listings, studies and teacher reuse leave trashed experiments out,
// and "Empty trash" deletes them for good (the cascade of version 1).
const char* kVersion6 = R"SQL(
ALTER TABLE experiments ADD COLUMN deleted_at TEXT;
CREATE INDEX experiments_by_deleted ON experiments(deleted_at);
)SQL";

// The points of version 3 regrouped by step. A NULL value (SQLite's rendering of NaN) becomes NaN
// again; points of runs that no longer exist (written with foreign keys off) are dropped.
void convertMetricPoints(sqlite3* db) {
    SqlStatement read(db,
                      "SELECT p.run_id, p.step, p.metric_id, p.value, p.wall_time "
                      "FROM metric_points p JOIN runs r ON r.id = p.run_id "
                      "ORDER BY p.run_id, p.step, p.metric_id");
    SqlStatement write(db, "INSERT INTO metric_steps(run_id, step, points) VALUES (?, ?, ?)");
    int64_t run = 0, step = 0;
    std::vector<MetricStepCodec::Point> points;
    auto flush = [&] {
        if (points.empty()) return;
        const std::string bytes = MetricStepCodec::encode(points);
        write.reset();
        write.bind(1, run)
            .bind(2, step)
            .bind(3, bytes.data(), static_cast<int>(bytes.size()))
            .run();
        points.clear();
    };
    while (read.step()) {
        if (read.int64(0) != run || read.int64(1) != step) {
            flush();
            run = read.int64(0);
            step = read.int64(1);
        }
        const double value =
            read.isNull(3) ? std::numeric_limits<double>::quiet_NaN() : read.real(3);
        points.push_back({read.int64(2), value, read.real(4)});
    }
    flush();
}

void migrateToVersion4(sqlite3* db) {
    execSql(db, kVersion4);
    convertMetricPoints(db);
    execSql(db, "DROP TABLE metric_points");
}

}  // namespace

int StoreSchema::version(sqlite3* db) {
    SqlStatement s(db, "PRAGMA user_version");
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

void StoreSchema::migrate(sqlite3* db) {
    if (version(db) >= kCurrentVersion) return;
    // Step v brings version v to v + 1: SQL, or code where SQL cannot do it.
    using Step = void (*)(sqlite3*);
    static const Step steps[] = {
        [](sqlite3* d) { execSql(d, kVersion1); }, [](sqlite3* d) { execSql(d, kVersion2); },
        [](sqlite3* d) { execSql(d, kVersion3); }, migrateToVersion4,
        [](sqlite3* d) { execSql(d, kVersion5); }, [](sqlite3* d) { execSql(d, kVersion6); },
    };
    static_assert(sizeof steps / sizeof steps[0] == kCurrentVersion, "one step per version");
    SqlTransaction tx(db);
    // Read again under the write lock: another process may have migrated the file meanwhile.
    const int from = version(db);
    if (from >= kCurrentVersion) return;
    if (from < 0)
        throw StoreError("schema version " + std::to_string(from) +
                         " is not one RecDistill writes");
    for (int v = from; v < kCurrentVersion; ++v) steps[v](db);
    // PRAGMAs take no bound parameters; the values are compile-time integers, not user input.
    execSql(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    execSql(db, ("PRAGMA user_version = " + std::to_string(kCurrentVersion)).c_str());
    tx.commit();
}

}  // namespace rd
