// RunStore::mergeStudy: a study imported from another rank's store joins the study it belongs to
// (a study spread over ranks); a delivery that arrives twice counts once.

#include <QTemporaryDir>
#include <QtTest>

#include <string>

#include "store/run_store.h"
#include "store/store_error.h"

using rd::RunStore;

namespace {

int64_t addExperiment(RunStore& store, const std::string& name) {
    rd::ExperimentRecord e;
    e.name = name;
    e.configJson = R"({"version":1})";
    const int64_t id = store.addExperiment(e);
    rd::RunRecord r;
    r.experimentId = id;
    r.role = "student";
    r.model = "mf";
    const int64_t run = store.startRun(r);
    store.setFinalResults(run, {{"NDCG@10", 0.2}});
    store.finishRun(run, "finished");
    return id;
}

int64_t addStudy(RunStore& store, const std::string& name) {
    rd::StudyRecord s;
    s.name = name;
    s.configJson = "{}";
    return store.addStudy(s);
}

}  // namespace

class TestRunStoreMerge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void membersMoveAndDuplicatesGo();
    void refusals();
};

void TestRunStoreMerge::membersMoveAndDuplicatesGo() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    const int64_t study = addStudy(store, "the study");
    const int64_t mine = addExperiment(store, "seed 1 on rank 0");
    store.addStudyMember({study, mine, 0, 1, "h", "finished"});
    // What rank 1 delivered: seed 1 again (a repeated delivery) and seeds 2 and 3, one of them
    // cancelled (a resume runs it again).
    const int64_t copy = addStudy(store, "the study");
    const int64_t again = addExperiment(store, "seed 1 again");
    const int64_t two = addExperiment(store, "seed 2 on rank 1");
    const int64_t three = addExperiment(store, "seed 3 on rank 1");
    store.addStudyMember({copy, again, 0, 1, "h", "finished"});
    store.addStudyMember({copy, two, 0, 2, "h", "finished"});
    store.addStudyMember({copy, three, 0, 3, "h", "cancelled"});

    QCOMPARE(store.mergeStudy(copy, study), 2);
    QVERIFY(!store.study(copy));
    QVERIFY(!store.experiment(again));  // the duplicate is gone with its runs
    QVERIFY(store.runs(again).empty());
    const auto members = store.studyMembers(study);
    QCOMPARE(members.size(), size_t(3));
    QCOMPARE(members[0].experimentId, mine);
    QCOMPARE(members[1].experimentId, two);
    QCOMPARE(members[1].seed, int64_t(2));
    QCOMPARE(members[2].experimentId, three);
    QCOMPARE(members[2].status, std::string("cancelled"));
    QCOMPARE(store.studyOfExperiment(two), study);
}

void TestRunStoreMerge::refusals() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    const int64_t study = addStudy(store, "s");
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.mergeStudy(study, study));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.mergeStudy(study, 99));
    QVERIFY_THROWS_EXCEPTION(rd::StoreError, store.mergeStudy(99, study));
    QVERIFY(store.study(study));  // a refused merge changes nothing
}

QTEST_GUILESS_MAIN(TestRunStoreMerge)
#include "test_run_store_merge.moc"
