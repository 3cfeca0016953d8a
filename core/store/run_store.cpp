#include "store/run_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "store/blob_codec.h"
#include "store/metric_step_codec.h"
#include "store/process_identity.h"
#include "store/sql_statement.h"
#include "store/sql_transaction.h"
#include "store/store_error.h"
#include "store/store_exporter.h"
#include "store/store_importer.h"
#include "store/store_opener.h"

namespace rd {

namespace fs = std::filesystem;

std::string RunStore::defaultPath() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    fs::path base;
    if (xdg && *xdg && fs::path(xdg).is_absolute()) {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home && *home ? home : ".") / ".local" / "share";
    }
    return (base / "RecDistill" / "runs.sqlite").string();
}

RunStore::RunStore(const std::string& path) : path_(path) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec)
        throw StoreError(path + ": cannot create the folder " + parent.string() + " (" +
                         ec.message() + ")");
    db_ = StoreOpener::open(path);
    try {
        recovered_ = recoverInterrupted();
    } catch (...) {
        sqlite3_close_v2(db_);
        throw;
    }
}

RunStore::~RunStore() {
    // Statements are finalised before their connection closes.
    readStep_.reset();
    writeStep_.reset();
    sqlite3_close_v2(db_);
}

std::string RunStore::folder() const {
    const fs::path parent = fs::absolute(fs::path(path_)).parent_path();
    return parent.string();
}

std::string RunStore::nowIso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

double RunStore::nowSeconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

int RunStore::recoverInterrupted() {
    // Only runs written on this host can be judged; a shared file may hold another machine's live
    // runs.
    const std::string host = ProcessIdentity::currentHost();
    std::vector<int64_t> dead;
    {
        SqlStatement s(db_, "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?");
        s.bind(1, host);
        while (s.step())
            if (!ProcessIdentity::isAlive(s.int64(1))) dead.push_back(s.int64(0));
    }
    if (dead.empty()) return 0;
    SqlTransaction tx(db_);
    SqlStatement u(db_,
                   "UPDATE runs SET status = 'interrupted', finished = ?, "
                   "error = 'the process that wrote this run ended without finishing it' "
                   "WHERE id = ? AND status = 'running'");
    for (int64_t id : dead) {
        u.reset();
        u.bind(1, nowIso()).bind(2, id).run();
    }
    tx.commit();
    return static_cast<int>(dead.size());
}

int64_t RunStore::metricId(const std::string& name) {
    const auto it = metricIds_.find(name);
    if (it != metricIds_.end()) return it->second;
    SqlStatement ins(db_, "INSERT OR IGNORE INTO metric_names(name) VALUES (?)");
    ins.bind(1, name).run();
    SqlStatement sel(db_, "SELECT id FROM metric_names WHERE name = ?");
    sel.bind(1, name);
    if (!sel.step()) throw StoreError(path_ + ": metric name '" + name + "' could not be recorded");
    const int64_t id = sel.int64(0);
    metricIds_[name] = id;
    return id;
}

// ---- data sets -------------------------------------------------------------------------------

int64_t RunStore::addDataset(const DatasetRecord& d) {
    SqlTransaction tx(db_);
    SqlStatement find(
        db_, "SELECT id FROM datasets WHERE content_hash = ? AND source_path = ? AND format = ?");
    find.bind(1, d.contentHash).bind(2, d.sourcePath).bind(3, d.format);
    if (find.step()) return find.int64(0);
    SqlStatement ins(
        db_,
        "INSERT INTO datasets(name, source_path, format, content_hash, stats_json, first_seen) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, d.name)
        .bind(2, d.sourcePath)
        .bind(3, d.format)
        .bind(4, d.contentHash)
        .bind(5, d.statsJson);
    ins.bind(6, d.firstSeen.empty() ? nowIso() : d.firstSeen).run();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    tx.commit();
    return id;
}

namespace {

DatasetRecord readDataset(const SqlStatement& s) {
    DatasetRecord d;
    d.id = s.int64(0);
    d.name = s.text(1);
    d.sourcePath = s.text(2);
    d.format = s.text(3);
    d.contentHash = s.text(4);
    d.statsJson = s.text(5);
    d.firstSeen = s.text(6);
    return d;
}

const char* kDatasetColumns =
    "SELECT id, name, source_path, format, content_hash, stats_json, first_seen FROM datasets ";

}  // namespace

std::optional<DatasetRecord> RunStore::dataset(int64_t id) {
    SqlStatement s(db_, (std::string(kDatasetColumns) + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readDataset(s);
}

std::vector<DatasetRecord> RunStore::datasets() {
    SqlStatement s(db_, (std::string(kDatasetColumns) + "ORDER BY id").c_str());
    std::vector<DatasetRecord> out;
    while (s.step()) out.push_back(readDataset(s));
    return out;
}

// ---- experiments ------------------------------------------------------------------------------

int64_t RunStore::addExperiment(const ExperimentRecord& e) {
    SqlTransaction tx(db_);
    SqlStatement ins(db_,
                     "INSERT INTO experiments(name, dataset_id, config_json, created, notes) "
                     "VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, e.name);
    if (e.datasetId > 0)
        ins.bind(2, e.datasetId);
    else
        ins.bindNull(2);
    ins.bind(3, e.configJson)
        .bind(4, e.created.empty() ? nowIso() : e.created)
        .bind(5, e.notes)
        .run();
    const int64_t id = sqlite3_last_insert_rowid(db_);
    SqlStatement tag(db_,
                     "INSERT OR IGNORE INTO experiment_tags(experiment_id, tag) VALUES (?, ?)");
    for (const auto& t : e.tags) {
        tag.reset();
        tag.bind(1, id).bind(2, t).run();
    }
    tx.commit();
    return id;
}

std::optional<ExperimentRecord> RunStore::experiment(int64_t id) {
    SqlStatement s(
        db_,
        "SELECT id, name, dataset_id, config_json, created, notes, coalesce(deleted_at, '') "
        "FROM experiments WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    ExperimentRecord e;
    e.id = s.int64(0);
    e.name = s.text(1);
    e.datasetId = s.isNull(2) ? 0 : s.int64(2);
    e.configJson = s.text(3);
    e.created = s.text(4);
    e.notes = s.text(5);
    e.deletedAt = s.text(6);
    SqlStatement t(db_, "SELECT tag FROM experiment_tags WHERE experiment_id = ? ORDER BY tag");
    t.bind(1, id);
    while (t.step()) e.tags.push_back(t.text(0));
    return e;
}

std::vector<ExperimentRecord> RunStore::experimentsWhere(const char* query) {
    std::vector<int64_t> ids;
    {
        SqlStatement s(db_, query);
        while (s.step()) ids.push_back(s.int64(0));
    }
    std::vector<ExperimentRecord> out;
    for (int64_t id : ids)
        if (auto e = experiment(id)) out.push_back(std::move(*e));
    return out;
}

std::vector<ExperimentRecord> RunStore::experiments() {
    return experimentsWhere("SELECT id FROM experiments WHERE deleted_at IS NULL ORDER BY id");
}

std::vector<ExperimentRecord> RunStore::trashedExperiments() {
    return experimentsWhere(
        "SELECT id FROM experiments WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id "
        "DESC");
}

void RunStore::setExperimentNotes(int64_t id, const std::string& notes) {
    SqlStatement s(db_, "UPDATE experiments SET notes = ? WHERE id = ?");
    s.bind(1, notes).bind(2, id).run();
    if (sqlite3_changes(db_) == 0)
        throw StoreError(path_ + ": no experiment " + std::to_string(id));
}

void RunStore::renameExperiment(int64_t id, const std::string& name) {
    if (name.empty()) throw StoreError(path_ + ": an experiment's name cannot be empty");
    SqlStatement s(db_, "UPDATE experiments SET name = ? WHERE id = ?");
    s.bind(1, name).bind(2, id).run();
    if (sqlite3_changes(db_) == 0)
        throw StoreError(path_ + ": no experiment " + std::to_string(id));
}

void RunStore::requireExperiment(int64_t id) {
    SqlStatement exists(db_, "SELECT 1 FROM experiments WHERE id = ?");
    exists.bind(1, id);
    if (!exists.step()) throw StoreError(path_ + ": no experiment " + std::to_string(id));
}

void RunStore::insertTags(int64_t id, const std::vector<std::string>& tags) {
    SqlStatement ins(db_,
                     "INSERT OR IGNORE INTO experiment_tags(experiment_id, tag) VALUES (?, ?)");
    for (const auto& t : tags) {
        ins.reset();
        ins.bind(1, id).bind(2, t).run();
    }
}

void RunStore::setExperimentTags(int64_t id, const std::vector<std::string>& tags) {
    SqlTransaction tx(db_);
    requireExperiment(id);
    SqlStatement del(db_, "DELETE FROM experiment_tags WHERE experiment_id = ?");
    del.bind(1, id).run();
    insertTags(id, tags);
    tx.commit();
}

void RunStore::addExperimentTags(int64_t id, const std::vector<std::string>& tags) {
    SqlTransaction tx(db_);
    requireExperiment(id);
    insertTags(id, tags);
    tx.commit();
}

void RunStore::removeExperimentTags(int64_t id, const std::vector<std::string>& tags) {
    SqlTransaction tx(db_);
    requireExperiment(id);
    SqlStatement del(db_, "DELETE FROM experiment_tags WHERE experiment_id = ? AND tag = ?");
    for (const auto& t : tags) {
        del.reset();
        del.bind(1, id).bind(2, t).run();
    }
    tx.commit();
}

void RunStore::deleteExperiment(int64_t id) {
    // Foreign keys cascade from experiments to runs and from runs to every per-run table, so one
    // DELETE inside one transaction removes everything or nothing.
    SqlTransaction tx(db_);
    SqlStatement s(db_, "DELETE FROM experiments WHERE id = ?");
    s.bind(1, id).run();
    if (sqlite3_changes(db_) == 0)
        throw StoreError(path_ + ": no experiment " + std::to_string(id));
    tx.commit();
}

void RunStore::trashExperiment(int64_t id) {
    requireExperiment(id);
    SqlStatement s(db_,
                   "UPDATE experiments SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL");
    s.bind(1, nowIso()).bind(2, id).run();
}

void RunStore::restoreExperiment(int64_t id) {
    requireExperiment(id);
    SqlStatement s(db_, "UPDATE experiments SET deleted_at = NULL WHERE id = ?");
    s.bind(1, id).run();
}

int RunStore::emptyTrash() {
    SqlTransaction tx(db_);
    SqlStatement s(db_, "DELETE FROM experiments WHERE deleted_at IS NOT NULL");
    s.run();
    const int n = sqlite3_changes(db_);
    tx.commit();
    return n;
}

// ---- runs -------------------------------------------------------------------------------------

int64_t RunStore::startRun(RunRecord r) {
    if (r.started.empty()) r.started = nowIso();
    if (r.pid == 0) r.pid = ProcessIdentity::currentPid();
    if (r.host.empty()) r.host = ProcessIdentity::currentHost();
    SqlStatement s(db_,
                   "INSERT INTO runs(experiment_id, role, model, method, seed, status, error, "
                   "started, app_version, "
                   "torch_version, threads, params_json, pid, host) VALUES (?, ?, ?, ?, ?, "
                   "'running', '', ?, ?, ?, ?, "
                   "?, ?, ?)");
    s.bind(1, r.experimentId).bind(2, r.role).bind(3, r.model).bind(4, r.method).bind(5, r.seed);
    s.bind(6, r.started)
        .bind(7, r.appVersion)
        .bind(8, r.torchVersion)
        .bind(9, r.threads)
        .bind(10, r.paramsJson);
    s.bind(11, r.pid).bind(12, r.host).run();
    return sqlite3_last_insert_rowid(db_);
}

void RunStore::finishRun(int64_t id, const std::string& status, const std::string& error) {
    static const char* allowed[] = {"finished", "failed", "cancelled", "interrupted"};
    if (std::find(std::begin(allowed), std::end(allowed), status) == std::end(allowed))
        throw StoreError(path_ + ": '" + status + "' is not a final run status");
    SqlStatement s(db_, "UPDATE runs SET status = ?, error = ?, finished = ? WHERE id = ?");
    s.bind(1, status).bind(2, error).bind(3, nowIso()).bind(4, id).run();
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no run " + std::to_string(id));
}

namespace {

const char* kRunColumns =
    "SELECT id, experiment_id, role, model, method, seed, status, error, started, "
    "coalesce(finished, ''), "
    "app_version, torch_version, threads, params_json, pid, host FROM runs ";

RunRecord readRun(const SqlStatement& s) {
    RunRecord r;
    r.id = s.int64(0);
    r.experimentId = s.int64(1);
    r.role = s.text(2);
    r.model = s.text(3);
    r.method = s.text(4);
    r.seed = s.int64(5);
    r.status = s.text(6);
    r.error = s.text(7);
    r.started = s.text(8);
    r.finished = s.text(9);
    r.appVersion = s.text(10);
    r.torchVersion = s.text(11);
    r.threads = static_cast<int>(s.int64(12));
    r.paramsJson = s.text(13);
    r.pid = s.int64(14);
    r.host = s.text(15);
    return r;
}

}  // namespace

std::optional<RunRecord> RunStore::run(int64_t id) {
    SqlStatement s(db_, (std::string(kRunColumns) + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readRun(s);
}

std::vector<RunRecord> RunStore::runs(int64_t experimentId) {
    SqlStatement s(
        db_, (std::string(kRunColumns) +
              "WHERE (? = 0 AND experiment_id IN (SELECT id FROM experiments WHERE deleted_at IS "
              "NULL)) OR experiment_id = ? ORDER BY id")
                 .c_str());
    s.bind(1, experimentId).bind(2, experimentId);
    std::vector<RunRecord> out;
    while (s.step()) out.push_back(readRun(s));
    return out;
}

// ---- curves and results -----------------------------------------------------------------------

void RunStore::addPoints(int64_t runId, int64_t step,
                         const std::vector<std::pair<std::string, double>>& values,
                         double wallTime) {
    // Names are resolved before the transaction so a rollback cannot leave a cached id that is not
    // stored.
    std::vector<MetricStepCodec::Point> points;
    points.reserve(values.size());
    for (const auto& v : values) points.push_back({metricId(v.first), v.second, wallTime});
    if (!readStep_) {
        readStep_ = std::make_unique<SqlStatement>(
            db_, "SELECT points FROM metric_steps WHERE run_id = ? AND step = ?");
        writeStep_ = std::make_unique<SqlStatement>(
            db_, "INSERT OR REPLACE INTO metric_steps(run_id, step, points) VALUES (?, ?, ?)");
    }
    SqlTransaction tx(db_);
    // A step written twice keeps the earlier values of metrics the later call does not name.
    std::vector<MetricStepCodec::Point> merged;
    readStep_->reset();
    readStep_->bind(1, runId).bind(2, step);
    if (readStep_->step()) merged = MetricStepCodec::decode(readStep_->blobView(0));
    readStep_->reset();
    MetricStepCodec::merge(merged, points);
    const std::string bytes = MetricStepCodec::encode(merged);
    writeStep_->reset();
    writeStep_->bind(1, runId).bind(2, step).bind(3, bytes.data(), static_cast<int>(bytes.size()));
    writeStep_->run();
    writeStep_->reset();
    tx.commit();
}

std::vector<MetricPoint> RunStore::points(int64_t runId, const std::string& name) {
    std::vector<MetricPoint> out;
    SqlStatement steps(db_, "SELECT step, points FROM metric_steps WHERE run_id = ? ORDER BY step");
    steps.bind(1, runId);
    if (!name.empty()) {
        // One curve: the run's steps in key order, picking one metric out of each.
        SqlStatement id(db_, "SELECT id FROM metric_names WHERE name = ?");
        id.bind(1, name);
        if (!id.step()) return out;
        const int64_t metric = id.int64(0);
        MetricStepCodec::Point p;
        while (steps.step())
            if (MetricStepCodec::find(steps.blobView(1), metric, p))
                out.push_back({steps.int64(0), name, p.value, p.wallTime});
        return out;
    }
    std::map<int64_t, std::string> names;
    {
        SqlStatement all(db_, "SELECT id, name FROM metric_names");
        while (all.step()) names[all.int64(0)] = all.text(1);
    }
    while (steps.step())
        for (const auto& p : MetricStepCodec::decode(steps.blobView(1)))
            out.push_back({steps.int64(0), names[p.metricId], p.value, p.wallTime});
    // By name, then step (rows arrive by step, so a stable sort keeps that order within a name).
    std::stable_sort(out.begin(), out.end(),
                     [](const MetricPoint& a, const MetricPoint& b) { return a.name < b.name; });
    return out;
}

void RunStore::setFinalResults(int64_t runId, const std::map<std::string, double>& results) {
    std::vector<int64_t> ids;
    for (const auto& r : results) ids.push_back(metricId(r.first));
    SqlTransaction tx(db_);
    SqlStatement s(
        db_, "INSERT OR REPLACE INTO final_results(run_id, metric_id, value) VALUES (?, ?, ?)");
    size_t i = 0;
    for (const auto& r : results) {
        s.reset();
        s.bind(1, runId).bind(2, ids[i++]).bind(3, r.second).run();
    }
    tx.commit();
}

std::map<std::string, double> RunStore::finalResults(int64_t runId) {
    SqlStatement s(
        db_,
        "SELECT n.name, f.value FROM final_results f JOIN metric_names n ON n.id = f.metric_id "
        "WHERE f.run_id = ?");
    s.bind(1, runId);
    std::map<std::string, double> out;
    while (s.step()) out[s.text(0)] = s.real(1);
    return out;
}

std::map<int64_t, double> RunStore::finalValues(const std::string& metric,
                                                const std::vector<int64_t>& runIds) {
    // The run ids travel as one bound JSON array, so the statement stays the same for any number of
    // runs; the lookup uses final_results_by_metric (metric_id, run_id).
    std::string array = "[";
    for (size_t i = 0; i < runIds.size(); ++i) array += (i ? "," : "") + std::to_string(runIds[i]);
    array += "]";
    SqlStatement s(db_,
                   "SELECT f.run_id, f.value FROM final_results f "
                   "WHERE f.metric_id = (SELECT id FROM metric_names WHERE name = ?) "
                   "AND f.run_id IN (SELECT value FROM json_each(?))");
    s.bind(1, metric).bind(2, array);
    std::map<int64_t, double> out;
    while (s.step()) out[s.int64(0)] = s.real(1);
    return out;
}

void RunStore::setExposure(int64_t runId, const ExposureHistogram& h) {
    SqlTransaction tx(db_);
    SqlStatement del(db_, "DELETE FROM exposure_bins WHERE run_id = ?");
    del.bind(1, runId).run();
    SqlStatement s(db_,
                   "INSERT INTO exposure_bins(run_id, bin, recommendation_share, training_share) "
                   "VALUES (?, ?, ?, ?)");
    const size_t n = std::max(h.recommendationShare.size(), h.trainingShare.size());
    for (size_t i = 0; i < n; ++i) {
        s.reset();
        s.bind(1, runId).bind(2, static_cast<int64_t>(i));
        s.bind(3, i < h.recommendationShare.size() ? h.recommendationShare[i] : 0.0);
        s.bind(4, i < h.trainingShare.size() ? h.trainingShare[i] : 0.0).run();
    }
    tx.commit();
}

ExposureHistogram RunStore::exposure(int64_t runId) {
    SqlStatement s(db_,
                   "SELECT recommendation_share, training_share FROM exposure_bins WHERE run_id = "
                   "? ORDER BY bin");
    s.bind(1, runId);
    ExposureHistogram h;
    while (s.step()) {
        h.recommendationShare.push_back(s.real(0));
        h.trainingShare.push_back(s.real(1));
    }
    return h;
}

void RunStore::setTopKSamples(int64_t runId, const std::vector<TopKSample>& samples) {
    SqlTransaction tx(db_);
    SqlStatement del(db_, "DELETE FROM topk_samples WHERE run_id = ?");
    del.bind(1, runId).run();
    // Items as a little-endian int32 blob: compact, and read back without parsing.
    SqlStatement s(db_, "INSERT INTO topk_samples(run_id, user_id, items) VALUES (?, ?, ?)");
    for (const auto& t : samples) {
        const std::string bytes = blob::encode<int32_t, uint32_t>(t.items);
        s.reset();
        s.bind(1, runId)
            .bind(2, static_cast<int64_t>(t.user))
            .bind(3, bytes.data(), static_cast<int>(bytes.size()));
        s.run();
    }
    tx.commit();
}

std::vector<TopKSample> RunStore::topKSamples(int64_t runId) {
    SqlStatement s(db_,
                   "SELECT user_id, items FROM topk_samples WHERE run_id = ? ORDER BY user_id");
    s.bind(1, runId);
    std::vector<TopKSample> out;
    while (s.step()) {
        TopKSample t;
        t.user = static_cast<int32_t>(s.int64(0));
        t.items = blob::decode<int32_t, uint32_t>(s.blobView(1));
        out.push_back(std::move(t));
    }
    return out;
}

int64_t RunStore::addArtifact(const ArtifactRecord& a) {
    SqlStatement s(db_,
                   "INSERT INTO artifacts(run_id, kind, relative_path, content_hash, bytes, "
                   "created, reuse_key) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, a.runId)
        .bind(2, a.kind)
        .bind(3, a.relativePath)
        .bind(4, a.contentHash)
        .bind(5, a.bytes);
    s.bind(6, a.created.empty() ? nowIso() : a.created).bind(7, a.reuseKey).run();
    return sqlite3_last_insert_rowid(db_);
}

static ArtifactRecord readArtifact(SqlStatement& s) {
    ArtifactRecord a;
    a.id = s.int64(0);
    a.runId = s.int64(1);
    a.kind = s.text(2);
    a.relativePath = s.text(3);
    a.contentHash = s.text(4);
    a.bytes = s.int64(5);
    a.created = s.text(6);
    a.reuseKey = s.text(7);
    return a;
}

std::vector<ArtifactRecord> RunStore::artifacts(int64_t runId) {
    SqlStatement s(db_,
                   "SELECT id, run_id, kind, relative_path, content_hash, bytes, created, "
                   "reuse_key FROM artifacts "
                   "WHERE run_id = ? ORDER BY id");
    s.bind(1, runId);
    std::vector<ArtifactRecord> out;
    while (s.step()) out.push_back(readArtifact(s));
    return out;
}

std::vector<ArtifactRecord> RunStore::reusableArtifacts(const std::string& kind,
                                                        const std::string& reuseKey) {
    SqlStatement s(
        db_,
        "SELECT a.id, a.run_id, a.kind, a.relative_path, a.content_hash, a.bytes, a.created, "
        "a.reuse_key "
        "FROM artifacts a JOIN runs r ON r.id = a.run_id "
        "JOIN experiments e ON e.id = r.experiment_id AND e.deleted_at IS NULL "
        "WHERE a.kind = ? AND a.reuse_key = ? AND r.status = 'finished' ORDER BY a.id DESC");
    s.bind(1, kind).bind(2, reuseKey);
    std::vector<ArtifactRecord> out;
    while (s.step()) out.push_back(readArtifact(s));
    return out;
}

void RunStore::exportTo(const std::string& path, const CancelToken* cancel) {
    StoreExporter::exportStore(db_, folder(), path, cancel);
}

ImportSummary RunStore::importFrom(const std::string& path, const CancelToken* cancel) {
    return StoreImporter(db_, path_, folder()).importFrom(path, cancel);
}

std::string RunStore::integrityCheck() {
    SqlStatement s(db_, "PRAGMA integrity_check");
    std::string verdict;
    while (s.step()) verdict += (verdict.empty() ? "" : "\n") + s.text(0);
    return verdict;
}

}  // namespace rd
