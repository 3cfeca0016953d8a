// Studies: the plan refuses a bad sweep before any work and names the key; cells × seeds give the
// experiments with their identities; per-user values average to the reported metric; a cancelled
// study resumed gives the same table as an uninterrupted one, and so do two jobs and an import.

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

#include "store/run_store.h"
#include "study/study_plan.h"
#include "study/study_runner.h"
#include "study/study_table.h"
#include "test_util.h"
#include "util/torch_info.h"

namespace {

nlohmann::json tinyStudy() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "name": "tiny study",
        "data": {"path": "demo", "preprocess": {"max_users": 120},
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
        "teacher": {"name": "mf", "dim": 32},
        "student": {"name": "mf", "dim": 4},
        "methods": ["softlabel", "rd"],
        "train": {"epochs": 2, "batch_size": 512, "lr": 0.01, "patience": 0,
                  "valid_metric": "NDCG@10", "threads": 1},
        "teacher_train": {"epochs": 3},
        "eval": {"ks": [5, 10]},
        "latency_users": 3,
        "study": {"seeds": [1, 2, 3], "sweep": {"student.dim": [4, 8]}}
    })");
}

QString refusal(const nlohmann::json& j) {
    return QString::fromStdString(rdtest::messageOf([&] { rd::StudyPlan::fromJson(j); }));
}

/** Equal, or the first differences as a message. */
#define QCOMPARE_TABLES(a, b)                                                            \
    do {                                                                                 \
        const nlohmann::json da = (a), db = (b);                                         \
        QVERIFY2(da == db, nlohmann::json::diff(da, db).dump().substr(0, 1500).c_str()); \
    } while (false)

/** What must match between two tables of the same study: every row's values and tests. */
nlohmann::json comparable(const rd::StudyTable& t) {
    nlohmann::json j = rd::studyTableJson(t);
    j.erase("study");
    for (auto& row : j["rows"]) {
        row.erase("runs");
        // Wall-clock figures differ from run to run; everything else must not.
        for (const char* timed : {"eval_seconds", "train_seconds", "latency_p50_ms",
                                  "latency_p95_ms", "serving_p50_ms", "serving_p99_ms"})
            row["metrics"].erase(timed);
    }
    return j;
}

}  // namespace

class TestStudy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void planRefusesABadStudyNamingTheKey() {
        nlohmann::json j = tinyStudy();
        j["study"]["sweep"] = {{"student.dimm", {4, 8}}};
        QVERIFY2(refusal(j).contains("student.dimm"), qPrintable(refusal(j)));
        j["study"]["sweep"] = {{"student.dim", {4, 0}}};
        QVERIFY2(refusal(j).contains("study.sweep.student.dim = 0"), qPrintable(refusal(j)));
        j["study"]["sweep"] = {{"methods.nope.lambda", {0.1}}};
        QVERIFY2(refusal(j).contains("no method 'nope'"), qPrintable(refusal(j)));
        j["study"]["sweep"] = {{"train.seed", {1, 2}}};
        QVERIFY2(refusal(j).contains("study.seeds"), qPrintable(refusal(j)));
        j["study"]["sweep"] = {{"train.lr", {0.01, -1}}};
        QVERIFY2(refusal(j).contains("train.lr"), qPrintable(refusal(j)));
        j = tinyStudy();
        j["study"]["seeds"] = {1, 1};
        QVERIFY2(refusal(j).contains("given twice"), qPrintable(refusal(j)));
        j["study"] = {{"seed", {1}}};
        QVERIFY2(refusal(j).contains("study.seed: unknown key"), qPrintable(refusal(j)));
    }

    void cellsSeedsAndIdentities() {
        nlohmann::json j = tinyStudy();
        j["study"]["sweep"]["methods.rd.lambda"] = {0.5, 2.0};
        const rd::StudyPlan plan = rd::StudyPlan::fromJson(j);
        QCOMPARE(plan.cells.size(), size_t(4));
        QCOMPARE(plan.experiments.size(), size_t(12));
        QCOMPARE(QString::fromStdString(plan.cellLabels[1]),
                 QStringLiteral("methods.rd.lambda=0.5, student.dim=8"));
        std::set<std::string> hashes, groups;
        for (const rd::StudyExperiment& e : plan.experiments) {
            hashes.insert(e.configHash);
            groups.insert(e.teacherGroup);
            QCOMPARE(e.config.train.seed, static_cast<uint64_t>(e.seed));
            QCOMPARE(e.config.teacherTrain.seed, static_cast<uint64_t>(e.seed));
            QCOMPARE(e.config.data.split.seed, uint64_t(5));  // the split stays by default
        }
        QCOMPARE(hashes.size(), size_t(12));
        QCOMPARE(groups.size(), size_t(3));  // one teacher per seed, shared by every cell
        const rd::StudyExperiment& last = plan.experiments.back();
        QCOMPARE(last.config.student.params["dim"].get<int>(), 8);
        QCOMPARE(last.config.methods[1].params["lambda"].get<double>(), 2.0);
        QCOMPARE(last.config.student.params["dim"].get<int>(), 8);
        // vary_split: the split seed follows the seed, so teachers differ too.
        j["study"]["vary_split"] = true;
        const rd::StudyPlan varied = rd::StudyPlan::fromJson(j);
        QCOMPARE(varied.experiments.back().config.data.split.seed, uint64_t(3));
    }

    void perUserValuesAverageToTheMetric() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("runs.sqlite").toStdString();
        nlohmann::json j = tinyStudy();
        j["study"] = {{"seeds", {1}}};
        const rd::StudyOutcome out = rd::runStudy(rd::StudyPlan::fromJson(j), path, {});
        QCOMPARE(QString::fromStdString(out.status), QStringLiteral("finished"));
        rd::RunStore store(path);
        const auto runs = store.runs();
        QCOMPARE(runs.size(), size_t(4));
        for (const rd::RunRecord& r : runs)
            for (const char* m : {"NDCG@5", "NDCG@10", "Recall@5", "Recall@10"}) {
                const rd::UserValues v = store.userValues(r.id, m);
                QVERIFY(!v.users.empty());
                QVERIFY(std::is_sorted(v.users.begin(), v.users.end()));
                double sum = 0;
                for (double x : v.values) sum += x;
                const double reported = store.finalResults(r.id).at(m);
                QVERIFY2(std::abs(sum / v.values.size() - reported) < 1e-12,
                         qPrintable(QStringLiteral("%1 run %2").arg(m).arg(r.id)));
            }
        // One seed: means without intervals, and a note that says so.
        const rd::StudyTable t = rd::analyzeStudy(store, out.studyId);
        QVERIFY(!t.rows.front().metrics.at("NDCG@10").hasInterval);
        QVERIFY(QString::fromStdString(t.notes.front()).startsWith(QStringLiteral("one seed")));
    }

    void resumedJobsAndImportedGiveTheSameTable() {
        QTemporaryDir dir;
        const rd::StudyPlan plan = rd::StudyPlan::fromJson(tinyStudy());

        // Uninterrupted, one job.
        const std::string whole = dir.filePath("whole.sqlite").toStdString();
        const rd::StudyOutcome a = rd::runStudy(plan, whole, {});
        QCOMPARE(a.ran, 6);
        rd::RunStore wholeStore(whole);
        const rd::StudyTable expected = rd::analyzeStudy(wholeStore, a.studyId);
        QCOMPARE(expected.rows.size(), size_t(8));  // 2 cells × (teacher, student, softlabel, rd)
        QCOMPARE(expected.finished, 6);
        const rd::StudyRow& rd = expected.rows[3];
        QCOMPARE(QString::fromStdString(rd.label()), QStringLiteral("rd"));
        QCOMPARE(rd.seeds.size(), size_t(3));
        QVERIFY(rd.metrics.at("NDCG@10").hasInterval);
        QVERIFY(rd.vsStudent.count("NDCG@10") && rd.vsStudent.count("Recall@10"));
        const rd::StudyComparison& c = rd.vsStudent.at("NDCG@10");
        QVERIFY(c.pairs > 20);
        QVERIFY(c.interval.low <= c.meanDifference && c.meanDifference <= c.interval.high);
        QVERIFY(c.pHolm >= c.pWilcoxon);
        QCOMPARE(c.significant, c.pHolm < 0.05);
        // The teacher trained once per seed: the second cell reused it.
        int reused = 0;
        for (const rd::RunRecord& r : wholeStore.runs())
            if (r.role == "teacher" && wholeStore.points(r.id).empty())  // loaded, not trained
                ++reused;
        QCOMPARE(reused, 3);

        // Cancelled after two experiments, then resumed: the finished ones are not run again.
        const std::string parts = dir.filePath("parts.sqlite").toStdString();
        rd::CancelToken cancel;
        rd::StudyCallbacks cb;
        int finished = 0;
        cb.onExperimentFinished = [&](const rd::StudyExperiment&, int, int,
                                      const rd::ExperimentOutcome&) {
            if (++finished == 2) cancel.cancel();
        };
        const rd::StudyOutcome first = rd::runStudy(plan, parts, {}, cb, &cancel);
        QCOMPARE(QString::fromStdString(first.status), QStringLiteral("cancelled"));
        QCOMPARE(first.ran, 2);
        rd::StudyOptions resume;
        resume.resumeId = first.studyId;
        const rd::StudyOutcome second = rd::runStudy(plan, parts, resume);
        QCOMPARE(QString::fromStdString(second.status), QStringLiteral("finished"));
        QCOMPARE(second.skipped, 2);
        QCOMPARE(second.ran, 4);
        rd::RunStore partsStore(parts);
        QCOMPARE_TABLES(comparable(rd::analyzeStudy(partsStore, first.studyId)),
                        comparable(expected));

        // Two jobs at once.
        const std::string jobs = dir.filePath("jobs.sqlite").toStdString();
        rd::StudyOptions two;
        two.jobs = 2;
        const rd::StudyOutcome parallel = rd::runStudy(plan, jobs, two);
        QCOMPARE(parallel.ran, 6);
        rd::RunStore jobsStore(jobs);
        QCOMPARE_TABLES(comparable(rd::analyzeStudy(jobsStore, parallel.studyId)),
                        comparable(expected));

        // Imported into another store: the study comes along with its per-user values.
        const std::string other = dir.filePath("other.sqlite").toStdString();
        rd::RunStore otherStore(other);
        const rd::ImportSummary summary = otherStore.importFrom(whole);
        QCOMPARE(summary.studyIds.size(), size_t(1));
        QVERIFY(summary.userValueRows > 0);
        QCOMPARE_TABLES(comparable(rd::analyzeStudy(otherStore, summary.studyIds.front())),
                        comparable(expected));
    }
};

QTEST_MAIN(TestStudy)
#include "test_study.moc"
