// The run store's trash (schema version 6): a version-5 file gains deleted_at and keeps its rows;
// a trashed experiment leaves the listings, a study's members, teacher reuse and an import, comes
// back whole on restore, and emptying the trash deletes its rows for good.

#include <QTemporaryDir>
#include <QtTest>

#include <string>
#include <vector>

#include "run_store_support.h"
#include "store/run_store.h"
#include "store/store_error.h"

using rd::RunStore;

namespace {

/** An experiment with one finished teacher run that has a reusable checkpoint and one point. */
int64_t addTeacherExperiment(RunStore& store, const std::string& name, int64_t* runIdOut) {
    rd::ExperimentRecord e;
    e.name = name;
    e.configJson = R"({"version":1})";
    e.tags = {"demo"};
    const int64_t experimentId = store.addExperiment(e);
    rd::RunRecord r;
    r.experimentId = experimentId;
    r.role = "teacher";
    r.model = "mf";
    const int64_t runId = store.startRun(r);
    store.addPoints(runId, 1, {{"valid/NDCG@10", 0.25}}, 1.0);
    store.setFinalResults(runId, {{"NDCG@10", 0.3}});
    store.addArtifact({0, runId, "checkpoint", "artifacts/" + name + ".pt", "00", 1, "", "key"});
    store.finishRun(runId, "finished");
    if (runIdOut) *runIdOut = runId;
    return experimentId;
}

std::vector<int64_t> ids(const std::vector<rd::ExperimentRecord>& records) {
    std::vector<int64_t> out;
    for (const auto& r : records) out.push_back(r.id);
    return out;
}

}  // namespace

class TestRunStoreTrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void migratesVersion5File();
    void trashHidesAndRestoreBringsBack();
    void trashedTeacherIsNotReused();
    void trashedStudyMemberLeavesTheStudy();
    void emptyTrashDeletesForGood();
    void importLeavesTrashBehind();
    void unknownIdIsRefused();
};

void TestRunStoreTrash::migratesVersion5File() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("v5.sqlite").toStdString();
    int64_t runId = 0;
    {
        RunStore store(path);
        addTeacherExperiment(store, "five", &runId);
    }
    {
        // Version 6 only added the column and its index: without them the file is version 5 as
        // RecDistill 0.5 wrote it.
        RawDb raw(path);
        raw.exec(
            "DROP INDEX experiments_by_deleted; ALTER TABLE experiments DROP COLUMN deleted_at; "
            "PRAGMA user_version = 5;");
        QCOMPARE(raw.number("SELECT count(*) FROM pragma_table_info('experiments') WHERE name = "
                            "'deleted_at'"),
                 0LL);
    }
    RunStore store(path);
    QCOMPARE(ids(store.experiments()), std::vector<int64_t>{1});
    QCOMPARE(store.experiment(1)->deletedAt, std::string());
    QCOMPARE(store.experiment(1)->tags, std::vector<std::string>{"demo"});
    QCOMPARE(store.runs().size(), size_t(1));
    QCOMPARE(store.points(runId).size(), size_t(1));
    store.trashExperiment(1);
    QCOMPARE(store.trashedExperiments().size(), size_t(1));
    QCOMPARE(store.integrityCheck(), std::string("ok"));
    RawDb raw(path);
    QCOMPARE(raw.number("PRAGMA user_version"), 6LL);
    QCOMPARE(raw.number("SELECT count(*) FROM experiments WHERE deleted_at IS NOT NULL"), 1LL);
}

void TestRunStoreTrash::trashHidesAndRestoreBringsBack() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    int64_t keptRun = 0, trashedRun = 0;
    const int64_t kept = addTeacherExperiment(store, "kept", &keptRun);
    const int64_t trashed = addTeacherExperiment(store, "trashed", &trashedRun);
    store.setExperimentNotes(trashed, "some notes");

    store.trashExperiment(trashed);
    QCOMPARE(ids(store.experiments()), std::vector<int64_t>{kept});
    QCOMPARE(ids(store.trashedExperiments()), std::vector<int64_t>{trashed});
    QVERIFY(!store.experiment(trashed)->deletedAt.empty());
    const std::string when = store.experiment(trashed)->deletedAt;
    QCOMPARE(store.runs().size(), size_t(1));  // every run: the trashed one's is left out
    QCOMPARE(store.runs().front().id, keptRun);
    QCOMPARE(store.runs(trashed).size(), size_t(1));  // asked for by id: still there
    store.trashExperiment(trashed);                   // again: the first time is kept
    QCOMPARE(store.experiment(trashed)->deletedAt, when);

    store.restoreExperiment(trashed);
    QCOMPARE(ids(store.experiments()), (std::vector<int64_t>{kept, trashed}));
    QVERIFY(store.trashedExperiments().empty());
    const auto back = store.experiment(trashed);
    QCOMPARE(back->deletedAt, std::string());
    QCOMPARE(back->notes, std::string("some notes"));
    QCOMPARE(back->tags, std::vector<std::string>{"demo"});
    QCOMPARE(store.runs().size(), size_t(2));
    QCOMPARE(store.points(trashedRun).size(), size_t(1));
    QCOMPARE(store.finalValues("NDCG@10", {trashedRun}).at(trashedRun), 0.3);
}

void TestRunStoreTrash::trashedTeacherIsNotReused() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    int64_t older = 0, newer = 0;
    addTeacherExperiment(store, "older", &older);
    const int64_t newest = addTeacherExperiment(store, "newer", &newer);
    QCOMPARE(store.reusableArtifacts("checkpoint", "key").front().runId, newer);
    // The newest teacher is in the trash: the older one stands in, and none once both are.
    store.trashExperiment(newest);
    const auto left = store.reusableArtifacts("checkpoint", "key");
    QCOMPARE(left.size(), size_t(1));
    QCOMPARE(left.front().runId, older);
    store.trashExperiment(store.run(older)->experimentId);
    QVERIFY(store.reusableArtifacts("checkpoint", "key").empty());
    store.restoreExperiment(newest);
    QCOMPARE(store.reusableArtifacts("checkpoint", "key").front().runId, newer);
}

void TestRunStoreTrash::trashedStudyMemberLeavesTheStudy() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    rd::StudyRecord study;
    study.name = "seeds";
    study.configJson = "{}";
    const int64_t studyId = store.addStudy(study);
    const int64_t a = addTeacherExperiment(store, "a", nullptr);
    const int64_t b = addTeacherExperiment(store, "b", nullptr);
    store.addStudyMember({studyId, a, 0, 1, "h", "finished"});
    store.addStudyMember({studyId, b, 0, 2, "h", "finished"});
    QCOMPARE(store.studyMembers(studyId).size(), size_t(2));
    store.trashExperiment(a);
    const auto members = store.studyMembers(studyId);
    QCOMPARE(members.size(), size_t(1));
    QCOMPARE(members.front().experimentId, b);
    QCOMPARE(store.studyOfExperiment(a), studyId);  // it still belongs there when restored
    store.restoreExperiment(a);
    QCOMPARE(store.studyMembers(studyId).size(), size_t(2));
}

void TestRunStoreTrash::emptyTrashDeletesForGood() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    RunStore store(path);
    int64_t keptRun = 0, goneRun = 0;
    const int64_t kept = addTeacherExperiment(store, "kept", &keptRun);
    const int64_t gone = addTeacherExperiment(store, "gone", &goneRun);
    QCOMPARE(store.emptyTrash(), 0);
    store.trashExperiment(gone);
    QCOMPARE(store.emptyTrash(), 1);
    QVERIFY(!store.experiment(gone));
    QVERIFY(!store.run(goneRun));
    QVERIFY(store.points(goneRun).empty());
    QVERIFY(store.artifacts(goneRun).empty());
    QVERIFY(store.trashedExperiments().empty());
    QVERIFY(store.experiment(kept));
    QCOMPARE(store.points(keptRun).size(), size_t(1));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.restoreExperiment(gone));
    RawDb raw(path);
    QCOMPARE(raw.number("SELECT count(*) FROM metric_steps"), 1LL);
    QCOMPARE(raw.number("SELECT count(*) FROM experiment_tags"), 1LL);
}

void TestRunStoreTrash::importLeavesTrashBehind() {
    QTemporaryDir dir;
    const std::string source = dir.filePath("source.sqlite").toStdString();
    {
        RunStore store(source);
        addTeacherExperiment(store, "live", nullptr);
        store.trashExperiment(addTeacherExperiment(store, "thrown away", nullptr));
    }
    RunStore target(dir.filePath("target.sqlite").toStdString());
    const rd::ImportSummary s = target.importFrom(source);
    QCOMPARE(s.experimentIds.size(), size_t(1));
    QCOMPARE(s.runs, int64_t(1));
    QCOMPARE(target.experiments().size(), size_t(1));
    QCOMPARE(target.experiments().front().name, std::string("live"));
    QVERIFY(target.trashedExperiments().empty());
}

void TestRunStoreTrash::unknownIdIsRefused() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.trashExperiment(42));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.restoreExperiment(42));
}

QTEST_GUILESS_MAIN(TestRunStoreTrash)
#include "test_run_store_trash.moc"
