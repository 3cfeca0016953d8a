#include "study_catalog.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "store/run_store.h"
#include "store_session.h"
#include "study/study_table.h"

namespace rd {

namespace {

/** The study every given run belongs to, with its status; {0, ""} when they are no one study. */
std::pair<int64_t, std::string> studyOfRuns(RunStore& store, const QList<qint64>& runIds) {
    std::set<int64_t> experiments;
    for (qint64 id : runIds) {
        const std::optional<RunRecord> run = store.run(id);
        if (!run) return {0, {}};
        experiments.insert(run->experimentId);
    }
    int64_t study = 0;
    for (int64_t e : experiments) {
        const int64_t s = store.studyOfExperiment(e);
        if (s == 0 || (study != 0 && s != study)) return {0, {}};
        study = s;
    }
    if (study == 0) return {0, {}};
    const std::optional<StudyRecord> record = store.study(study);
    return {study, record ? record->status : std::string()};
}

}  // namespace

StudyCatalog::StudyCatalog(QObject* parent) : QObject(parent) {}

void StudyCatalog::setSession(StoreSession* session) {
    session_ = session;
    ++generation_;
    table_.reset();
    loading_ = false;
    studies_.clear();
    Q_EMIT studiesChanged();
    Q_EMIT tableReady(table_);
    reload();
}

void StudyCatalog::reload() {
    if (!session_) return;
    session_->query(
        this,
        [](RunStore& store) {
            std::vector<StudyEntry> out;
            for (const StudyRecord& s : store.studies()) {
                StudyEntry e;
                e.record = s;
                e.experiments = static_cast<int>(store.studyMembers(s.id).size());
                out.push_back(std::move(e));
            }
            // Newest first, as the experiments are listed.
            std::reverse(out.begin(), out.end());
            return out;
        },
        [this](std::vector<StudyEntry> studies, const QString& error) {
            if (!error.isEmpty()) Q_EMIT failed(error);
            studies_ = std::move(studies);
            Q_EMIT studiesChanged();
        });
}

void StudyCatalog::followRuns(const QList<qint64>& runIds) {
    const quint64 generation = ++generation_;
    if (runIds.isEmpty() || !session_) {
        loading_ = false;
        table_.reset();
        Q_EMIT tableReady(table_);
        return;
    }
    loading_ = true;
    session_->query(
        this, [runIds](RunStore& store) { return studyOfRuns(store, runIds); },
        [this, generation](std::pair<int64_t, std::string> found, const QString& error) {
            if (generation != generation_) return;
            if (!error.isEmpty()) Q_EMIT failed(error);
            if (found.first == 0) {
                loading_ = false;
                table_.reset();
                Q_EMIT tableReady(table_);
                return;
            }
            // A finished study does not change any more: its table can be shown again as it is.
            if (table_ && table_->studyId == found.first && found.second == "finished" &&
                table_->status == "finished") {
                loading_ = false;
                Q_EMIT tableReady(table_);
                return;
            }
            analyze(found.first, generation);
        });
}

void StudyCatalog::analyze(qint64 studyId, quint64 generation) {
    session_->query(
        this,
        [studyId](RunStore& store) {
            return std::make_shared<const StudyTable>(analyzeStudy(store, studyId));
        },
        [this, generation](StudyTablePtr table, const QString& error) {
            if (generation != generation_) return;
            loading_ = false;
            if (!error.isEmpty()) Q_EMIT failed(error);
            table_ = std::move(table);
            Q_EMIT tableReady(table_);
        });
}

void StudyCatalog::readRuns(qint64 studyId, QObject* context,
                            std::function<void(const QList<qint64>&)> done) {
    if (!session_) return;
    session_->query(
        context,
        [studyId](RunStore& store) {
            QList<qint64> ids;
            for (const StudyMember& m : store.studyMembers(studyId))
                for (const RunRecord& r : store.runs(m.experimentId)) ids << r.id;
            return ids;
        },
        [done = std::move(done)](QList<qint64> ids, const QString&) { done(ids); });
}

}  // namespace rd
