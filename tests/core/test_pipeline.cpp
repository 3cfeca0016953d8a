// The teacher → student → methods pipeline: every row end to end, what it records, reuse of a saved
// teacher only for the same data, split and config, a `pop` teacher serving every method,
// cancellation in each kind of stage and at every other phase (loading, evaluation, the teacher's
// ranking, between stages), and configs refused before any work.

#include <QtTest>

#include <sqlite3.h>
#include <sys/stat.h>

#include <cmath>

#include "pipeline/experiment_pipeline.h"
#include "store/run_store.h"
#include "test_util.h"
#include "util/torch_info.h"

namespace {

nlohmann::json tinyExperiment() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "name": "tiny",
        "data": {"path": "demo", "preprocess": {"max_users": 120},
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
        "teacher": {"name": "mf", "dim": 32},
        "student": {"name": "mf", "dim": 4},
        "methods": ["softlabel", "rd", "cd", "rrd", "de", "htd", "dcd", "unkd"],
        "train": {"epochs": 3, "batch_size": 512, "lr": 0.01, "eval_every": 1, "patience": 0,
                  "valid_metric": "NDCG@10", "seed": 11, "threads": 1},
        "teacher_train": {"epochs": 4},
        "eval": {"ks": [5, 10]},
        "latency_users": 5
    })");
}

/** Runs the experiment, cancelling when stage `cancelIn` reaches epoch 2 ("" = never). */
rd::ExperimentOutcome runTiny(const nlohmann::json& j, rd::RunStore* store,
                              const std::string& cancelIn = {}) {
    rd::CancelToken cancel;
    rd::PipelineCallbacks cb;
    cb.onEpoch = [&](const rd::EpochReport& r) {
        if (r.stage == cancelIn && r.epoch == 2) cancel.cancel();
    };
    return rd::runExperiment(rd::ExperimentConfig::fromJson(j), cb, &cancel, store);
}

QString refusal(const nlohmann::json& j) {
    return QString::fromStdString(rdtest::messageOf([&] { rd::ExperimentConfig::fromJson(j); }));
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void everyRowEndToEndAndRecorded() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        std::vector<std::string> started, finished;
        int epochs = 0, evaluations = 0;
        rd::PipelineCallbacks cb;
        cb.onStageStarted = [&](const rd::StageInfo& s) { started.push_back(s.stage); };
        cb.onEpoch = [&](const rd::EpochReport&) { ++epochs; };
        cb.onEvaluating = [&](const rd::StageInfo&) { ++evaluations; };
        cb.onStageFinished = [&](const rd::StageResult& r) { finished.push_back(r.info.stage); };
        const rd::ExperimentConfig cfg = rd::ExperimentConfig::fromJson(tinyExperiment());
        const rd::ExperimentOutcome out = rd::runExperiment(cfg, cb, nullptr, &store);

        QCOMPARE(out.status, std::string("finished"));
        const std::vector<std::string> stages{"teacher", "student", "softlabel", "rd",  "cd",
                                              "rrd",     "de",      "htd",       "dcd", "unkd"};
        QCOMPARE(started, stages);
        QCOMPARE(finished, stages);
        QCOMPARE(evaluations, 10);
        QCOMPARE(epochs, 4 + 9 * 3);
        QCOMPARE(out.stages.size(), size_t(10));

        const rd::StageResult& teacher = out.stages[0];
        const rd::StageResult& student = out.stages[1];
        QCOMPARE(teacher.info.role, std::string("teacher"));
        QCOMPARE(student.info.role, std::string("student"));
        QCOMPARE(student.info.method, std::string("none"));
        // mf params = (users + items) * dim
        QCOMPARE(teacher.test.at("params"), 8.0 * student.test.at("params"));
        QCOMPARE(teacher.test.at("epochs"), 4.0);
        QVERIFY(!teacher.test.count("Agreement@10"));
        for (size_t i = 1; i < out.stages.size(); ++i) {
            const rd::StageResult& r = out.stages[i];
            QVERIFY2(r.status == "finished", (r.info.stage + ": " + r.error).c_str());
            QCOMPARE(r.test.at("epochs"), 3.0);
            const double agree = r.test.at("Agreement@10");
            QVERIFY(agree >= 0 && agree <= 1);
            for (const char* m : {"NDCG@10", "Recall@10", "ItemCoverage@10", "Gini@10",
                                  "Novelty@10", "LongTail@10", "latency_p50_ms", "train_seconds"})
                QVERIFY2(r.test.count(m), m);
            if (i >= 2) {
                QCOMPARE(r.info.role, std::string("distilled"));
                // GapClosed by its definition, from the rows' own values.
                const double expected = (r.test.at("NDCG@10") - student.test.at("NDCG@10")) /
                                        (teacher.test.at("NDCG@10") - student.test.at("NDCG@10"));
                QVERIFY(std::abs(r.test.at("GapClosed:NDCG@10") - expected) < 1e-12);
                QVERIFY(r.test.count("GapClosed:Recall@10"));
            } else {
                QVERIFY(!r.test.count("GapClosed:NDCG@10"));
            }
        }

        // The store holds one experiment with every stage, finished, with the same numbers.
        QVERIFY(out.experimentId > 0);
        const auto runs = store.runs(out.experimentId);
        QCOMPARE(runs.size(), size_t(10));
        for (size_t i = 0; i < runs.size(); ++i) {
            QCOMPARE(runs[i].id, out.stages[i].runId);
            QCOMPARE(runs[i].status, std::string("finished"));
            QCOMPARE(runs[i].role, out.stages[i].info.role);
            const auto finals = store.finalResults(runs[i].id);
            QCOMPARE(finals.at("NDCG@10"), out.stages[i].test.at("NDCG@10"));
            QVERIFY(!store.points(runs[i].id, "loss/bpr").empty());
            QCOMPARE(store.artifacts(runs[i].id).size(), size_t(1));
        }
        QVERIFY(!store.points(runs[5].id, "loss/rrd").empty());
        QCOMPARE(nlohmann::json::parse(runs[5].paramsJson)["method.lambda"].is_number(), true);
        QVERIFY(!store.artifacts(runs[0].id)[0].reuseKey.empty());
        QCOMPARE(nlohmann::json::parse(store.experiment(out.experimentId)->configJson)["name"],
                 nlohmann::json("tiny"));
    }

    void savedTeacherReusedOnlyForSameDataSplitAndConfig() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        nlohmann::json j = tinyExperiment();
        j["methods"] = nlohmann::json::array({"softlabel"});
        const auto first = runTiny(j, &store);
        QCOMPARE(first.status, std::string("finished"));
        QVERIFY(!first.stages[0].reused);

        const auto second = runTiny(j, &store);
        QVERIFY(second.stages[0].reused);
        QCOMPARE(second.stages[0].test.at("NDCG@10"), first.stages[0].test.at("NDCG@10"));
        QCOMPARE(second.stages[0].test.at("reused_from_run"), double(first.stages[0].runId));
        // Same teacher, same student seed: the distilled student is the same too.
        QCOMPARE(second.stages[2].test.at("NDCG@10"), first.stages[2].test.at("NDCG@10"));
        QCOMPARE(store.artifacts(second.stages[0].runId).size(), size_t(1));

        nlohmann::json otherSplit = j;
        otherSplit["data"]["split"]["seed"] = 6;
        QVERIFY(!runTiny(otherSplit, &store).stages[0].reused);
        nlohmann::json otherTeacher = j;
        otherTeacher["teacher"]["dim"] = 16;
        QVERIFY(!runTiny(otherTeacher, &store).stages[0].reused);
        nlohmann::json otherTraining = j;
        otherTraining["teacher_train"]["lr"] = 0.02;
        QVERIFY(!runTiny(otherTraining, &store).stages[0].reused);
        nlohmann::json noReuse = j;
        noReuse["reuse_teacher"] = false;
        QVERIFY(!runTiny(noReuse, &store).stages[0].reused);

        // An explicit checkpoint is loaded when it matches and refused, naming the key, when it
        // does not.
        const std::string checkpoint =
            store.folder() + "/" + store.artifacts(first.stages[0].runId)[0].relativePath;
        nlohmann::json explicitOk = j;
        explicitOk["teacher_checkpoint"] = checkpoint;
        const auto loaded = runTiny(explicitOk, nullptr);
        QVERIFY(loaded.stages[0].reused);
        QCOMPARE(loaded.stages[0].test.at("NDCG@10"), first.stages[0].test.at("NDCG@10"));
        otherSplit["teacher_checkpoint"] = checkpoint;
        const auto refused = runTiny(otherSplit, nullptr);
        QCOMPARE(refused.status, std::string("failed"));
        QVERIFY2(refused.error.find("another split, teacher config or training settings") !=
                     std::string::npos,
                 refused.error.c_str());
    }

    void reuseReadsOnlyPlainFilesInsideTheStore() {
        // Reliability review F5: an artifact record pointing at ../../dev/zero (a store can come
        // from anywhere) made the next experiment hash /dev/zero for ever.
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        nlohmann::json j = tinyExperiment();
        j["methods"] = nlohmann::json::array();
        QCOMPARE(runTiny(j, &store).status, std::string("finished"));
        for (const char* planted :
             {"../../../../../../../../../../../../dev/zero", "/dev/zero", "artifacts/fifo"}) {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(store.path().c_str(), &db), SQLITE_OK);
            const std::string sql =
                std::string("UPDATE artifacts SET relative_path = '") + planted + "'";
            QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close(db);
            if (std::string(planted) == "artifacts/fifo")
                QCOMPARE(::mkfifo((store.folder() + "/artifacts/fifo").c_str(), 0600), 0);
            const auto again = runTiny(j, &store);
            QCOMPARE(again.status, std::string("finished"));
            QVERIFY2(!again.stages[0].reused, planted);  // trained afresh, nothing read there
        }
    }

    void popTeacherServesEveryMethod() {
        // `pop` has a one-dimensional representation (its popularity), so even the embedding
        // methods run.
        nlohmann::json j = tinyExperiment();
        j["teacher"] = {{"name", "pop"}};
        j["methods"] = nlohmann::json::array({"de", "htd", "softlabel"});
        const auto out = runTiny(j, nullptr);
        QCOMPARE(out.status, std::string("finished"));
        QCOMPARE(out.stages.size(), size_t(5));
        for (const auto& r : out.stages)
            QVERIFY2(r.status == "finished", (r.info.stage + ": " + r.error).c_str());
        QCOMPARE(out.stages[0].test.at("params"), 0.0);
    }

    void cancellationInEachKindOfStage_data() {
        QTest::addColumn<QString>("stage");
        QTest::addColumn<int>("rows");
        QTest::newRow("teacher") << "teacher" << 1;
        QTest::newRow("student") << "student" << 2;
        QTest::newRow("method") << "rrd" << 4;
    }
    void cancellationInEachKindOfStage() {
        QFETCH(QString, stage);
        QFETCH(int, rows);
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        nlohmann::json j = tinyExperiment();
        j["methods"] = nlohmann::json::array({"softlabel", "rrd", "unkd"});
        const auto out = runTiny(j, &store, stage.toStdString());
        QCOMPARE(out.status, std::string("cancelled"));
        QCOMPARE(out.stages.size(), size_t(rows));
        QCOMPARE(out.stages.back().status, std::string("cancelled"));
        QCOMPARE(out.stages.back().info.stage, stage.toStdString());
        const auto runs = store.runs(out.experimentId);
        QCOMPARE(runs.size(), size_t(rows));  // nothing started after the cancel
        QCOMPARE(runs.back().status, std::string("cancelled"));
        QCOMPARE(store.points(runs.back().id, "loss/bpr").size(),
                 size_t(2));  // its epochs so far are kept
        for (size_t i = 0; i + 1 < runs.size(); ++i)
            QCOMPARE(runs[i].status, std::string("finished"));
    }

    // Cancel at every other point of an experiment (training is above): the experiment ends
    // "cancelled", the stage that was running is recorded as cancelled, no run is left "running"
    // and nothing starts after it.
    void cancellationAtEachPhase_data() {
        QTest::addColumn<QString>("phase");
        QTest::addColumn<QString>("cancelledStage");  // "" = none: no stage was running
        QTest::addColumn<int>("rows");
        QTest::newRow("loading") << "loading"
                                 << "" << 0;
        QTest::newRow("between stages") << "finished:teacher"
                                        << "" << 1;
        QTest::newRow("teacher evaluation") << "evaluating:teacher"
                                            << "teacher" << 1;
        QTest::newRow("student evaluation") << "evaluating:student"
                                            << "student" << 2;
        QTest::newRow("teacher ranking") << "started:rrd"
                                         << "rrd" << 3;
    }
    void cancellationAtEachPhase() {
        QFETCH(QString, phase);
        QFETCH(QString, cancelledStage);
        QFETCH(int, rows);
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        nlohmann::json j = tinyExperiment();
        j["methods"] = nlohmann::json::array({"rrd", "softlabel"});
        rd::CancelToken cancel;
        if (phase == QLatin1String("loading")) cancel.cancel();  // seen at the loader's first line
        const std::string at = phase.toStdString();
        rd::PipelineCallbacks cb;
        bool rrdTrained = false;
        cb.onStageStarted = [&](const rd::StageInfo& s) {
            if (at == "started:" + s.stage) cancel.cancel();
        };
        cb.onEvaluating = [&](const rd::StageInfo& s) {
            if (at == "evaluating:" + s.stage) cancel.cancel();
        };
        cb.onStageFinished = [&](const rd::StageResult& r) {
            if (at == "finished:" + r.info.stage) cancel.cancel();
        };
        cb.onEpoch = [&](const rd::EpochReport& r) { rrdTrained = rrdTrained || r.stage == "rrd"; };
        rd::ExperimentOutcome out;
        try {
            out = rd::runExperiment(rd::ExperimentConfig::fromJson(j), cb, &cancel, &store);
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QStringLiteral("escaped: ") + QString::fromUtf8(e.what())));
        }

        QCOMPARE(QString::fromStdString(out.status), QStringLiteral("cancelled"));
        QVERIFY2(out.error.rfind("cancelled", 0) == 0, out.error.c_str());
        QCOMPARE(out.stages.size(), size_t(rows));
        const auto runs = store.runs(out.experimentId);
        QCOMPARE(runs.size(), size_t(rows));
        for (const auto& run : runs) QVERIFY2(run.status != "running", run.method.c_str());
        for (int i = 0; i < rows; ++i) {
            const bool cancelledHere = i == rows - 1 && !cancelledStage.isEmpty();
            QCOMPARE(QString::fromStdString(out.stages[i].status),
                     cancelledHere ? QStringLiteral("cancelled") : QStringLiteral("finished"));
            QCOMPARE(QString::fromStdString(runs[i].status),
                     QString::fromStdString(out.stages[i].status));
        }
        if (rows > 0 && !cancelledStage.isEmpty()) {
            QCOMPARE(QString::fromStdString(out.stages.back().info.stage), cancelledStage);
            QVERIFY(out.stages.back().test.find("NDCG@10") == out.stages.back().test.end());
        }
        if (phase == QLatin1String("loading")) {
            QCOMPARE(out.error, std::string("cancelled while loading the data"));
            QVERIFY(store.experiments().empty());  // nothing to show for a data set never loaded
        }
        QVERIFY(!rrdTrained);
    }

    void configRefusedBeforeAnyWork_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << "colour"
                                     << "\"red\""
                                     << "colour";
        QTest::newRow("student alone as method") << "methods"
                                                 << "[\"none\"]"
                                                 << "methods[0]";
        QTest::newRow("unknown method") << "methods"
                                        << "[\"magic\"]"
                                        << "methods[0].name";
        QTest::newRow("method parameter") << "methods"
                                          << "[{\"name\": \"rrd\", \"lambda\": -1}]"
                                          << "methods[0].lambda";
        QTest::newRow("teacher parameter") << "teacher"
                                           << "{\"name\": \"mf\", \"dim\": 0}"
                                           << "teacher.dim";
        QTest::newRow("teacher training") << "teacher_train"
                                          << "{\"lr\": 100}"
                                          << "teacher_train.lr";
        QTest::newRow("missing checkpoint") << "teacher_checkpoint"
                                            << "\"/nonexistent/t.pt\""
                                            << "teacher_checkpoint";
    }
    void configRefusedBeforeAnyWork() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        nlohmann::json j = tinyExperiment();
        j[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        const QString message = refusal(j);
        QVERIFY2(message.startsWith(expected), qPrintable(message));
    }

    void plannedStagesListEveryMethod() {
        nlohmann::json j = tinyExperiment();
        j["methods"] = nlohmann::json::array({"rd", {{"name", "rd"}, {"lambda", 0.5}}});
        const auto stages = rd::plannedStages(rd::ExperimentConfig::fromJson(j));
        QCOMPARE(stages.size(), size_t(4));
        QCOMPARE(stages[2].stage, std::string("rd"));
        QCOMPARE(stages[3].stage, std::string("rd#2"));
        QCOMPARE(stages[3].count, 4);
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
