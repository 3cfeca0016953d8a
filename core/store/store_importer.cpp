#include "store/store_importer.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <utility>
#include <vector>

#include "store/artifact_files.h"
#include "store/metric_step_codec.h"
#include "store/run_store.h"
#include "store/sql_interrupt.h"
#include "store/sql_statement.h"
#include "store/sql_transaction.h"
#include "store/store_error.h"
#include "store/store_opener.h"
#include "store/store_schema.h"
#include "util/cancel_token.h"

namespace rd {

namespace fs = std::filesystem;

namespace {

/** The source store, read-only, at the current schema version, inside one read transaction (one
 * snapshot even if another process writes it meanwhile). */
class Source {
public:
    explicit Source(const std::string& path) : db_(StoreOpener::openReadOnly(path)) {
        try {
            if (StoreSchema::version(db_) < StoreSchema::kCurrentVersion) migrateInMemory();
            execSql(db_, "BEGIN");
            // The snapshot starts with the first read.
            SqlStatement(db_, "SELECT count(*) FROM runs").step();
        } catch (...) {
            sqlite3_close_v2(db_);
            throw;
        }
    }
    ~Source() {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close_v2(db_);
    }
    Source(const Source&) = delete;
    Source& operator=(const Source&) = delete;
    sqlite3* db() const { return db_; }

private:
    // An older file is copied page by page into memory and migrated there; the file is only read.
    void migrateInMemory() {
        sqlite3* memory = nullptr;
        if (sqlite3_open_v2(":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK) {
            sqlite3_close_v2(memory);
            throw StoreError("cannot open an in-memory database to migrate the imported store");
        }
        sqlite3_backup* backup = sqlite3_backup_init(memory, "main", db_, "main");
        const int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(memory);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) {
            sqlite3_close_v2(memory);
            throw StoreError(std::string("cannot read the store to import (") + sqlite3_errstr(rc) +
                             ")");
        }
        sqlite3_close_v2(db_);
        db_ = memory;
        StoreSchema::migrate(db_);
    }

    sqlite3* db_;
};

struct PendingArtifact {
    ArtifactRecord record;
    std::string temporary;  ///< the copied file under a temporary name; empty = source file missing
};

void bindOptional(SqlStatement& s, int index, const SqlStatement& from, int column) {
    if (from.isNull(column))
        s.bindNull(index);
    else
        s.bind(index, from.real(column));
}

}  // namespace

StoreImporter::StoreImporter(sqlite3* target, std::string targetPath, std::string targetFolder)
    : db_(target), path_(std::move(targetPath)), folder_(std::move(targetFolder)) {}

ImportSummary StoreImporter::importFrom(const std::string& sourcePath, const CancelToken* cancel) {
    // The artifacts folder the copies go to goes again, if this import made it and left it empty.
    const fs::path artifacts = fs::path(folder_) / "artifacts";
    std::error_code ec;
    const bool hadArtifacts = fs::exists(artifacts, ec);
    try {
        try {
            return importAll(sourcePath, cancel);
        } catch (const StoreError&) {
            throwIfCancelled(cancel);  // a statement interrupted by the cancel, not a failure
            throw;
        }
    } catch (...) {
        if (!hadArtifacts) fs::remove(artifacts, ec);  // only when empty
        throw;
    }
}

ImportSummary StoreImporter::importAll(const std::string& sourcePath, const CancelToken* cancel) {
    throwIfCancelled(cancel);
    std::error_code ec;
    if (fs::equivalent(sourcePath, path_, ec))
        throw StoreError(sourcePath + ": this is the run store itself; nothing was imported");
    Source source(sourcePath);
    const fs::path sourceFolder = fs::absolute(sourcePath).parent_path();
    ImportSummary summary;
    ArtifactFiles files;  // removed again unless the transaction commits

    // Artifact files first, without the write lock: copying checkpoints can take a while.
    std::vector<PendingArtifact> artifacts;
    {
        SqlStatement s(source.db(),
                       "SELECT id, run_id, kind, relative_path, content_hash, bytes, created, "
                       "reuse_key FROM artifacts ORDER BY id");
        while (s.step()) {
            PendingArtifact a{{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.int64(5),
                               s.text(6), s.text(7)},
                              {}};
            const fs::path from = sourceFolder / a.record.relativePath;
            if (ArtifactFiles::isPlainFileInside(sourceFolder.string(), a.record.relativePath)) {
                for (int n = 0; a.temporary.empty() || fs::exists(a.temporary, ec); ++n)
                    a.temporary =
                        (fs::path(folder_) / "artifacts" /
                         (".import-" + std::to_string(getpid()) + "-" +
                          std::to_string(artifacts.size()) + "-" + std::to_string(n) + ".part"))
                            .string();
                throwIfCancelled(cancel);
                files.copyNew(from.string(), a.temporary);
            } else {
                summary.missingArtifactFiles.push_back(a.record.relativePath);
            }
            artifacts.push_back(std::move(a));
        }
    }

    throwIfCancelled(cancel);
    SqlTransaction tx(db_);
    // After tx, so the handlers are gone before its rollback runs.
    SqlInterrupt interruptTarget(db_, cancel), interruptSource(source.db(), cancel);
    Maps maps;
    copyMetricNames(source.db(), maps);
    copyDatasets(source.db(), maps, summary);
    copyExperiments(source.db(), maps, summary);
    copyRuns(source.db(), sourcePath, maps, summary);
    copyRunTables(source.db(), maps, summary);
    copyStudies(source.db(), maps, summary);
    SqlStatement insert(db_,
                        "INSERT INTO artifacts(run_id, kind, relative_path, content_hash, bytes, "
                        "created, reuse_key) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const PendingArtifact& a : artifacts) {
        const auto run = maps.runs.find(a.record.runId);
        if (run == maps.runs.end()) continue;  // an orphan row: its run is gone from the source
        const std::string relative = freshArtifactName(run->second, a.record.relativePath);
        if (!a.temporary.empty()) {
            files.rename(a.temporary, (fs::path(folder_) / relative).string());
            ++summary.artifactFilesCopied;
        }
        insert.reset();
        insert.bind(1, run->second).bind(2, a.record.kind).bind(3, relative);
        insert.bind(4, a.record.contentHash).bind(5, a.record.bytes).bind(6, a.record.created);
        insert.bind(7, a.record.reuseKey).run();
        ++summary.artifacts;
    }
    throwIfCancelled(cancel);
    tx.commit();
    files.commit();
    return summary;
}

void StoreImporter::copyMetricNames(sqlite3* source, Maps& maps) {
    SqlStatement s(source, "SELECT id, name FROM metric_names ORDER BY id");
    SqlStatement ins(db_, "INSERT OR IGNORE INTO metric_names(name) VALUES (?)");
    SqlStatement sel(db_, "SELECT id FROM metric_names WHERE name = ?");
    while (s.step()) {
        ins.reset();
        ins.bind(1, s.text(1)).run();
        sel.reset();
        sel.bind(1, s.text(1));
        if (!sel.step()) throw StoreError(path_ + ": metric name '" + s.text(1) + "' not stored");
        maps.metrics[s.int64(0)] = sel.int64(0);
    }
}

void StoreImporter::copyDatasets(sqlite3* source, Maps& maps, ImportSummary& summary) {
    SqlStatement s(source,
                   "SELECT id, name, source_path, format, content_hash, stats_json, first_seen "
                   "FROM datasets ORDER BY id");
    SqlStatement find(
        db_, "SELECT id FROM datasets WHERE content_hash = ? AND source_path = ? AND format = ?");
    SqlStatement ins(db_,
                     "INSERT INTO datasets(name, source_path, format, content_hash, stats_json, "
                     "first_seen) VALUES (?, ?, ?, ?, ?, ?)");
    while (s.step()) {
        find.reset();
        find.bind(1, s.text(4)).bind(2, s.text(2)).bind(3, s.text(3));
        if (find.step()) {
            maps.datasets[s.int64(0)] = find.int64(0);
            ++summary.datasetsReused;
            continue;
        }
        ins.reset();
        ins.bind(1, s.text(1)).bind(2, s.text(2)).bind(3, s.text(3)).bind(4, s.text(4));
        ins.bind(5, s.text(5)).bind(6, s.text(6)).run();
        maps.datasets[s.int64(0)] = sqlite3_last_insert_rowid(db_);
        ++summary.datasetsAdded;
    }
}

void StoreImporter::copyExperiments(sqlite3* source, Maps& maps, ImportSummary& summary) {
    SqlStatement s(source,
                   "SELECT id, name, dataset_id, config_json, created, notes FROM experiments "
                   "WHERE deleted_at IS NULL ORDER BY id");
    SqlStatement ins(db_,
                     "INSERT INTO experiments(name, dataset_id, config_json, created, notes) "
                     "VALUES (?, ?, ?, ?, ?)");
    while (s.step()) {
        ins.reset();
        ins.bind(1, s.text(1));
        const auto dataset = s.isNull(2) ? maps.datasets.end() : maps.datasets.find(s.int64(2));
        if (dataset == maps.datasets.end())
            ins.bindNull(2);
        else
            ins.bind(2, dataset->second);
        ins.bind(3, s.text(3)).bind(4, s.text(4)).bind(5, s.text(5)).run();
        const int64_t id = sqlite3_last_insert_rowid(db_);
        maps.experiments[s.int64(0)] = id;
        summary.experimentIds.push_back(id);
    }
    SqlStatement tags(source, "SELECT experiment_id, tag FROM experiment_tags");
    SqlStatement tag(db_, "INSERT INTO experiment_tags(experiment_id, tag) VALUES (?, ?)");
    while (tags.step()) {
        const auto e = maps.experiments.find(tags.int64(0));
        if (e == maps.experiments.end()) continue;
        tag.reset();
        tag.bind(1, e->second).bind(2, tags.text(1)).run();
        ++summary.tags;
    }
}

void StoreImporter::copyRuns(sqlite3* source, const std::string& sourcePath, Maps& maps,
                             ImportSummary& summary) {
    SqlStatement s(source,
                   "SELECT id, experiment_id, role, model, method, seed, status, error, started, "
                   "finished, app_version, torch_version, threads, params_json, pid, host "
                   "FROM runs ORDER BY id");
    SqlStatement ins(db_,
                     "INSERT INTO runs(experiment_id, role, model, method, seed, status, error, "
                     "started, finished, app_version, torch_version, threads, params_json, pid, "
                     "host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    while (s.step()) {
        const auto e = maps.experiments.find(s.int64(1));
        if (e == maps.experiments.end()) continue;
        ins.reset();
        ins.bind(1, e->second).bind(2, s.text(2)).bind(3, s.text(3)).bind(4, s.text(4));
        ins.bind(5, s.int64(5));
        // A copy of a run still being written would stay 'running' for ever: its writer writes
        // to the source, and the recovery at open only judges this host's processes.
        if (s.text(6) == "running") {
            ins.bind(6, std::string("interrupted"))
                .bind(7, "still running in " + sourcePath + " when it was imported");
            ins.bind(9, RunStore::nowIso());
            ++summary.runsInterrupted;
        } else {
            ins.bind(6, s.text(6)).bind(7, s.text(7));
            if (s.isNull(9))
                ins.bindNull(9);
            else
                ins.bind(9, s.text(9));
        }
        ins.bind(8, s.text(8)).bind(10, s.text(10)).bind(11, s.text(11)).bind(12, s.int64(12));
        ins.bind(13, s.text(13)).bind(14, s.int64(14)).bind(15, s.text(15)).run();
        maps.runs[s.int64(0)] = sqlite3_last_insert_rowid(db_);
        ++summary.runs;
    }
}

void StoreImporter::copyRunTables(sqlite3* source, const Maps& maps, ImportSummary& summary) {
    SqlStatement steps(source, "SELECT run_id, step, points FROM metric_steps");
    SqlStatement step(db_, "INSERT INTO metric_steps(run_id, step, points) VALUES (?, ?, ?)");
    while (steps.step()) {
        const auto run = maps.runs.find(steps.int64(0));
        if (run == maps.runs.end()) continue;
        auto points = MetricStepCodec::decode(steps.blobView(2));
        for (auto& p : points) {
            const auto m = maps.metrics.find(p.metricId);
            if (m == maps.metrics.end())
                throw StoreError("the store to import names metric id " +
                                 std::to_string(p.metricId) + ", which it does not define");
            p.metricId = m->second;
        }
        const std::string bytes = MetricStepCodec::encode(points);
        step.reset();
        step.bind(1, run->second).bind(2, steps.int64(1));
        step.bind(3, bytes.data(), static_cast<int>(bytes.size())).run();
        summary.points += static_cast<int64_t>(points.size());
    }
    SqlStatement finals(source, "SELECT run_id, metric_id, value FROM final_results");
    SqlStatement fin(db_, "INSERT INTO final_results(run_id, metric_id, value) VALUES (?, ?, ?)");
    while (finals.step()) {
        const auto run = maps.runs.find(finals.int64(0));
        const auto m = maps.metrics.find(finals.int64(1));
        if (run == maps.runs.end() || m == maps.metrics.end()) continue;
        fin.reset();
        fin.bind(1, run->second).bind(2, m->second);
        bindOptional(fin, 3, finals, 2);
        fin.run();
        ++summary.finalResults;
    }
    SqlStatement samples(source, "SELECT run_id, user_id, items FROM topk_samples");
    SqlStatement sample(db_, "INSERT INTO topk_samples(run_id, user_id, items) VALUES (?, ?, ?)");
    while (samples.step()) {
        const auto run = maps.runs.find(samples.int64(0));
        if (run == maps.runs.end()) continue;
        const std::string_view items = samples.blobView(2);
        sample.reset();
        sample.bind(1, run->second).bind(2, samples.int64(1));
        sample.bind(3, items.data(), static_cast<int>(items.size())).run();
        ++summary.topKSamples;
    }
    SqlStatement bins(
        source, "SELECT run_id, bin, recommendation_share, training_share FROM exposure_bins");
    SqlStatement bin(db_,
                     "INSERT INTO exposure_bins(run_id, bin, recommendation_share, training_share) "
                     "VALUES (?, ?, ?, ?)");
    while (bins.step()) {
        const auto run = maps.runs.find(bins.int64(0));
        if (run == maps.runs.end()) continue;
        bin.reset();
        bin.bind(1, run->second).bind(2, bins.int64(1)).bind(3, bins.real(2));
        bin.bind(4, bins.real(3)).run();
        ++summary.exposureBins;
    }
}

void StoreImporter::copyStudies(sqlite3* source, const Maps& maps, ImportSummary& summary) {
    SqlStatement values(source, "SELECT run_id, metric_id, users, vals FROM run_user_values");
    SqlStatement value(db_,
                       "INSERT INTO run_user_values(run_id, metric_id, users, vals) "
                       "VALUES (?, ?, ?, ?)");
    while (values.step()) {
        const auto run = maps.runs.find(values.int64(0));
        const auto m = maps.metrics.find(values.int64(1));
        if (run == maps.runs.end() || m == maps.metrics.end()) continue;
        const std::string_view users = values.blobView(2), vals = values.blobView(3);
        value.reset();
        value.bind(1, run->second).bind(2, m->second);
        value.bind(3, users.data(), static_cast<int>(users.size()));
        value.bind(4, vals.data(), static_cast<int>(vals.size())).run();
        ++summary.userValueRows;
    }
    std::map<int64_t, int64_t> studies;
    SqlStatement s(source,
                   "SELECT id, name, config_json, created, status FROM studies ORDER BY id");
    SqlStatement ins(db_,
                     "INSERT INTO studies(name, config_json, created, status) VALUES (?, ?, ?, ?)");
    while (s.step()) {
        ins.reset();
        ins.bind(1, s.text(1)).bind(2, s.text(2)).bind(3, s.text(3));
        // As with runs: nothing will finish a copy of a study still running in the source.
        ins.bind(4, s.text(4) == "running" ? std::string("interrupted") : s.text(4)).run();
        studies[s.int64(0)] = sqlite3_last_insert_rowid(db_);
        summary.studyIds.push_back(studies[s.int64(0)]);
    }
    SqlStatement members(source,
                         "SELECT study_id, experiment_id, cell, seed, config_hash, status FROM "
                         "study_experiments");
    SqlStatement member(db_,
                        "INSERT INTO study_experiments(study_id, experiment_id, cell, seed, "
                        "config_hash, status) VALUES (?, ?, ?, ?, ?, ?)");
    while (members.step()) {
        const auto study = studies.find(members.int64(0));
        const auto e = maps.experiments.find(members.int64(1));
        if (study == studies.end() || e == maps.experiments.end()) continue;
        member.reset();
        member.bind(1, study->second).bind(2, e->second).bind(3, members.int64(2));
        member.bind(4, members.int64(3)).bind(5, members.text(4));
        member.bind(6, members.text(5) == "running" ? std::string("interrupted") : members.text(5))
            .run();
    }
}

std::string StoreImporter::freshArtifactName(int64_t run, const std::string& sourceRelative) {
    const std::string extension = fs::path(sourceRelative).extension().string();
    SqlStatement used(db_, "SELECT 1 FROM artifacts WHERE relative_path = ?");
    std::error_code ec;
    for (int n = 1;; ++n) {
        const std::string name = "artifacts/run-" + std::to_string(run) +
                                 (n == 1 ? "" : "-" + std::to_string(n)) + extension;
        used.reset();
        used.bind(1, name);
        if (!used.step() && !fs::exists(fs::symlink_status(fs::path(folder_) / name, ec)))
            return name;
    }
}

}  // namespace rd
