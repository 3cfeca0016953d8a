// RunStore: studies and per-user values (schema version 5). Kept apart from run_store.cpp, which
// holds the experiment and run tables.
#include <sqlite3.h>

#include "store/blob_codec.h"
#include "store/run_store.h"
#include "store/sql_statement.h"
#include "store/sql_transaction.h"
#include "store/store_error.h"

namespace rd {

namespace {

StudyRecord readStudy(const SqlStatement& s) {
    StudyRecord r;
    r.id = s.int64(0);
    r.name = s.text(1);
    r.configJson = s.text(2);
    r.created = s.text(3);
    r.status = s.text(4);
    return r;
}

}  // namespace

void RunStore::setUserValues(int64_t runId, const std::string& metric, const UserValues& v) {
    if (v.users.size() != v.values.size())
        throw StoreError(path_ + ": per-user values of " + metric + " for run " +
                         std::to_string(runId) + " do not match their users");
    SqlTransaction tx(db_);
    const int64_t m = metricId(metric);
    const std::string users = blob::encode<int32_t, uint32_t>(v.users);
    const std::string values = blob::encode<double, uint64_t>(v.values);
    SqlStatement s(db_,
                   "INSERT OR REPLACE INTO run_user_values(run_id, metric_id, users, vals) "
                   "VALUES (?, ?, ?, ?)");
    s.bind(1, runId)
        .bind(2, m)
        .bind(3, users.data(), static_cast<int>(users.size()))
        .bind(4, values.data(), static_cast<int>(values.size()))
        .run();
    tx.commit();
}

UserValues RunStore::userValues(int64_t runId, const std::string& metric) {
    SqlStatement s(db_,
                   "SELECT v.users, v.vals FROM run_user_values v JOIN metric_names m "
                   "ON m.id = v.metric_id WHERE v.run_id = ? AND m.name = ?");
    s.bind(1, runId).bind(2, metric);
    UserValues out;
    if (!s.step()) return out;
    out.users = blob::decode<int32_t, uint32_t>(s.blobView(0));
    out.values = blob::decode<double, uint64_t>(s.blobView(1));
    if (out.users.size() != out.values.size())
        throw StoreError(path_ + ": per-user values of " + metric + " for run " +
                         std::to_string(runId) + " are damaged (" +
                         std::to_string(out.users.size()) + " users, " +
                         std::to_string(out.values.size()) + " values)");
    return out;
}

std::vector<std::string> RunStore::userValueMetrics(int64_t runId) {
    SqlStatement s(db_,
                   "SELECT m.name FROM run_user_values v JOIN metric_names m ON m.id = v.metric_id "
                   "WHERE v.run_id = ? ORDER BY m.name");
    s.bind(1, runId);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

int64_t RunStore::addStudy(const StudyRecord& study) {
    SqlStatement s(db_,
                   "INSERT INTO studies(name, config_json, created, status) VALUES (?, ?, ?, ?)");
    s.bind(1, study.name)
        .bind(2, study.configJson)
        .bind(3, study.created.empty() ? nowIso() : study.created)
        .bind(4, study.status.empty() ? std::string("running") : study.status)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::optional<StudyRecord> RunStore::study(int64_t id) {
    SqlStatement s(db_, "SELECT id, name, config_json, created, status FROM studies WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return readStudy(s);
}

std::vector<StudyRecord> RunStore::studies() {
    SqlStatement s(db_, "SELECT id, name, config_json, created, status FROM studies ORDER BY id");
    std::vector<StudyRecord> out;
    while (s.step()) out.push_back(readStudy(s));
    return out;
}

void RunStore::setStudyStatus(int64_t id, const std::string& status) {
    SqlStatement s(db_, "UPDATE studies SET status = ? WHERE id = ?");
    s.bind(1, status).bind(2, id).run();
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no study " + std::to_string(id));
}

void RunStore::addStudyMember(const StudyMember& m) {
    if (!study(m.studyId)) throw StoreError(path_ + ": no study " + std::to_string(m.studyId));
    SqlStatement s(db_,
                   "INSERT INTO study_experiments(study_id, experiment_id, cell, seed, "
                   "config_hash, status) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, m.studyId)
        .bind(2, m.experimentId)
        .bind(3, m.cell)
        .bind(4, m.seed)
        .bind(5, m.configHash)
        .bind(6, m.status)
        .run();
}

void RunStore::setStudyMemberStatus(int64_t studyId, int64_t experimentId,
                                    const std::string& status) {
    SqlStatement s(db_,
                   "UPDATE study_experiments SET status = ? WHERE study_id = ? AND "
                   "experiment_id = ?");
    s.bind(1, status).bind(2, studyId).bind(3, experimentId).run();
}

std::vector<StudyMember> RunStore::studyMembers(int64_t studyId) {
    SqlStatement s(db_,
                   "SELECT study_id, experiment_id, cell, seed, config_hash, status FROM "
                   "study_experiments WHERE study_id = ? AND experiment_id IN (SELECT id FROM "
                   "experiments WHERE deleted_at IS NULL) ORDER BY cell, seed, experiment_id");
    s.bind(1, studyId);
    std::vector<StudyMember> out;
    while (s.step()) {
        StudyMember m;
        m.studyId = s.int64(0);
        m.experimentId = s.int64(1);
        m.cell = static_cast<int>(s.int64(2));
        m.seed = s.int64(3);
        m.configHash = s.text(4);
        m.status = s.text(5);
        out.push_back(m);
    }
    return out;
}

int64_t RunStore::studyOfExperiment(int64_t experimentId) {
    SqlStatement s(db_, "SELECT study_id FROM study_experiments WHERE experiment_id = ? LIMIT 1");
    s.bind(1, experimentId);
    return s.step() ? s.int64(0) : 0;
}

void RunStore::deleteStudy(int64_t id) {
    SqlTransaction tx(db_);
    SqlStatement del(db_,
                     "DELETE FROM experiments WHERE id IN (SELECT experiment_id FROM "
                     "study_experiments WHERE study_id = ?)");
    del.bind(1, id).run();
    SqlStatement s(db_, "DELETE FROM studies WHERE id = ?");
    s.bind(1, id).run();
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no study " + std::to_string(id));
    tx.commit();
}

int RunStore::mergeStudy(int64_t from, int64_t into) {
    if (from == into) throw StoreError(path_ + ": a study cannot be merged into itself");
    if (!study(into)) throw StoreError(path_ + ": no study " + std::to_string(into));
    SqlTransaction tx(db_);
    SqlStatement dup(db_,
                     "DELETE FROM experiments WHERE id IN (SELECT f.experiment_id FROM "
                     "study_experiments f JOIN study_experiments t ON t.study_id = ? AND "
                     "t.config_hash = f.config_hash AND t.seed = f.seed AND t.status = 'finished' "
                     "WHERE f.study_id = ?)");
    dup.bind(1, into).bind(2, from).run();
    SqlStatement move(db_, "UPDATE study_experiments SET study_id = ? WHERE study_id = ?");
    move.bind(1, into).bind(2, from).run();
    const int moved = sqlite3_changes(db_);
    SqlStatement s(db_, "DELETE FROM studies WHERE id = ?");
    s.bind(1, from).run();
    if (sqlite3_changes(db_) == 0) throw StoreError(path_ + ": no study " + std::to_string(from));
    tx.commit();
    return moved;
}

}  // namespace rd
