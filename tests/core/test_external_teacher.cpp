// The external teacher: a hand-made teacher file read against a tiny data set (the ranking and a
// method's loss inputs checked against the file's known scores), malformed files refused with
// file:line, users without scores refused or skipped, methods refused before any work when the
// teacher cannot serve them, and the round trip: a trained teacher exported and read back
// distils the same students as the teacher itself.

#include <QtTest>

#include <cmath>
#include <map>

#include "data/external_scores.h"
#include "data/load_error.h"
#include "data/npy_file.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "models/external_teacher.h"
#include "models/model_factory.h"
#include "models/trained_model.h"
#include "pipeline/experiment_pipeline.h"
#include "pipeline/external_teacher_check.h"
#include "pipeline/prepared_data.h"
#include "pipeline/run_model.h"
#include "pipeline/teacher_export.h"
#include "store/run_store.h"
#include "test_util.h"
#include "util/torch_info.h"

namespace {

/** Six users (original ids 1..6) and six items (101..106): each user rated four items. */
QByteArray tinyRatings() {
    QByteArray out;
    for (int u = 1; u <= 6; ++u)
        for (int k = 0; k < 4; ++k)
            out += QByteArray::number(u) + "\t" + QByteArray::number(101 + (u + k) % 6) + "\t4\t" +
                   QByteArray::number(1000 + u * 10 + k) + "\n";
    return out;
}

/** The known teacher score of (user, item), original ids: distinct for every pair of a user. */
float knownScore(int user, int item) {
    return static_cast<float>(((user * 5 + item * 7) % 13) - 6) + 0.25f * static_cast<float>(user);
}

/** (user, item) of users 1..lastUser and items firstItem..106 with the known scores, in another
 * order than the data's, under a header line. */
QByteArray teacherFile(int lastUser = 6, int firstItem = 101) {
    QByteArray out = "user\titem\tscore\n";
    for (int item = 106; item >= firstItem; --item)
        for (int u = 1; u <= lastUser; ++u)
            out += QByteArray::number(u) + "\t" + QByteArray::number(item) + "\t" +
                   QByteArray::number(static_cast<double>(knownScore(u, item)), 'g', 9) + "\n";
    return out;
}

rd::PreparedData prepareTiny(const std::string& path) {
    return rd::prepareData(rd::parseDataConfig(nlohmann::json{
        {"path", path},
        {"split", {{"kind", "random"}, {"ratios", {0.5, 0.25, 0.25}}, {"seed", 3}}}}));
}

/** The message of the LoadError (or invalid_argument) f throws. */
template <typename F>
std::string errorOf(F f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

nlohmann::json tinyExperiment() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "name": "tiny",
        "data": {"path": "demo", "preprocess": {"max_users": 120},
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
        "teacher": {"name": "mf", "dim": 16},
        "student": {"name": "mf", "dim": 4},
        "methods": ["softlabel", "rd", "cd", "rrd", "de"],
        "train": {"epochs": 2, "batch_size": 512, "lr": 0.01, "eval_every": 1, "patience": 0,
                  "valid_metric": "NDCG@10", "seed": 11, "threads": 1},
        "teacher_train": {"epochs": 3},
        "eval": {"ks": [5, 10]},
        "latency_users": 0
    })");
}

}  // namespace

class TestExternalTeacher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void handMadeTeacherFeedsTheLosses() {
        QTemporaryDir dir;
        const rd::PreparedData p = prepareTiny(rdtest::writeFile(dir, "u.data", tinyRatings()));
        const rd::Dataset& d = *p.dataset;
        const rd::ExternalTeacherSpec spec{rdtest::writeFile(dir, "t.tsv", teacherFile()), "", "",
                                           false};
        const rd::ExternalTeacher t = rd::loadExternalTeacher(spec, d, p.data);
        QVERIFY(t.skippedUsers.empty());
        QVERIFY(!t.fullScores);
        QCOMPARE(t.testUsers, t.coveredTestUsers);

        // Each user's list: the items not in its training set, by the file's score, best first.
        const int32_t m = 6;
        const rd::TeacherTopM top = rd::computeTeacherTopM(*t.model, p.data, m);
        int32_t shortest = m;
        for (int32_t u = 0; u < d.numUsers(); ++u) {
            std::vector<std::pair<float, int32_t>> expected;
            for (int32_t i = 0; i < d.numItems(); ++i)
                if (!p.data.train.contains(u, i))
                    expected.push_back(
                        {knownScore(std::stoi(d.userIds[u]), std::stoi(d.itemIds[i])), i});
            std::sort(expected.begin(), expected.end(), std::greater<>());
            QCOMPARE(top.valid[u], static_cast<int32_t>(expected.size()));
            shortest = std::min(shortest, top.valid[u]);
            for (size_t r = 0; r < expected.size(); ++r) {
                QCOMPARE(top.items[u][static_cast<int64_t>(r)].item<int32_t>(), expected[r].second);
                QCOMPARE(top.scores[u][static_cast<int64_t>(r)].item<float>(), expected[r].first);
            }
        }
        QCOMPARE(top.commonLength(), shortest);
        QCOMPARE(t.shortestList, shortest);

        // softlabel's loss for one user: τ² KL(softmax(t/τ) ‖ softmax(s/τ)) over the user's top k
        // of the file, computed here by hand from the known scores and the student's scores.
        const int k = 2;
        const double tau = 2.0;
        const rd::ModelSpec student{"mf", nlohmann::json{{"dim", 3}}};
        auto hook = rd::createMethodHook(
            "softlabel", {{"k", k}, {"tau", tau}, {"lambda", 1.0}, {"reduction", "users"}}, t.model,
            p.data, 7, student);
        auto model = rd::createModel(
            "mf", rd::resolveParams(rd::findModel("mf").schema, student.params, "student"), p.data);
        const int32_t u = 2;
        rd::Batch batch{torch::tensor({int64_t{u}}), torch::tensor({int64_t{0}}),
                        torch::zeros({1, 1}, torch::kLong)};
        const double got = hook->extraLoss(*model, batch).front().second.item<double>();
        std::vector<double> ts, ss;
        for (int r = 0; r < k; ++r) {
            const int32_t item = top.items[u][r].item<int32_t>();
            ts.push_back(knownScore(std::stoi(d.userIds[u]), std::stoi(d.itemIds[item])));
            ss.push_back(
                model->scorePairs(torch::tensor({int64_t{u}}), torch::tensor({int64_t{item}}))
                    .item<double>());
        }
        auto logSoftmax = [&](const std::vector<double>& x, size_t j) {
            double z = 0;
            for (double v : x) z += std::exp(v / tau);
            return x[j] / tau - std::log(z);
        };
        double expected = 0;
        for (size_t j = 0; j < ts.size(); ++j)
            expected += std::exp(logSoftmax(ts, j)) * (logSoftmax(ts, j) - logSoftmax(ss, j));
        expected *= tau * tau;
        QVERIFY2(std::abs(got - expected) < 1e-6,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        QVERIFY(expected > 0);
    }

    void malformedFilesNameTheLine_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("fields") << QByteArray("1\t101\t0.5\n2\t101\n") << "t.tsv:2:"
                                << "expected 3 TAB-separated fields";
        QTest::newRow("score") << QByteArray("user\titem\tscore\n1\t101\tabc\n") << "t.tsv:2:"
                               << "is not a finite number";
        QTest::newRow("user") << QByteArray("1\t101\t1\n1\t102\t2\n99\t101\t1\n") << "t.tsv:3:"
                              << "user '99' is not in the data set";
        QTest::newRow("item") << QByteArray("1\t101\t1\n1\t7\t2\n") << "t.tsv:2:"
                              << "item '7' is not in the data set";
        QTest::newRow("twice") << QByteArray("1\t101\t1\n2\t101\t1\n1\t101\t3\n") << "t.tsv:3:"
                               << "is scored twice (also line 1)";
        QTest::newRow("comma") << QByteArray("1,101,1\n") << "t.tsv:1:"
                               << "seems to use ',' as separator";
    }
    void malformedFilesNameTheLine() {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, what);
        QTemporaryDir dir;
        const rd::PreparedData p = prepareTiny(rdtest::writeFile(dir, "u.data", tinyRatings()));
        const std::string path = rdtest::writeFile(dir, "t.tsv", content);
        const QString message =
            QString::fromStdString(errorOf([&] { rd::ExternalScores::read(path, *p.dataset); }));
        QVERIFY2(message.contains(QString::fromStdString(path).section('/', 0, -2) + "/" + where),
                 qPrintable(message));
        QVERIFY2(message.contains(what), qPrintable(message));
    }

    void npyMatrixAndItsIdMaps() {
        QTemporaryDir dir;
        const rd::PreparedData p = prepareTiny(rdtest::writeFile(dir, "u.data", tinyRatings()));
        // Users 6..1 (reversed), items 101..106: the known scores.
        std::vector<float> m;
        QByteArray users, items;
        for (int u = 6; u >= 1; --u) {
            users += QByteArray::number(u) + "\n";
            for (int i = 101; i <= 106; ++i) m.push_back(knownScore(u, i));
        }
        for (int i = 101; i <= 106; ++i) items += QByteArray::number(i) + "\n";
        rdtest::writeFile(dir, "m/users.txt", users);
        rdtest::writeFile(dir, "m/items.txt", items);
        const std::string path = dir.filePath("m/scores.npy").toStdString();
        rd::NpyArray::write(path, m.data(), 6, 6);
        const rd::ExternalScores s = rd::ExternalScores::read(path, *p.dataset);
        QVERIFY(s.dense && s.everyItemScored && s.missingUsers.empty());
        for (int32_t u = 0; u < s.numUsers; ++u)
            for (int32_t i = 0; i < s.numItems; ++i)
                QCOMPARE(
                    s.matrix[static_cast<size_t>(u) * s.numItems + i],
                    knownScore(std::stoi(p.dataset->userIds[u]), std::stoi(p.dataset->itemIds[i])));
        // An unknown id in the map: the map's file and line.
        rdtest::writeFile(dir, "m/users.txt", "6\n77\n4\n3\n2\n1\n");
        QString message =
            QString::fromStdString(errorOf([&] { rd::ExternalScores::read(path, *p.dataset); }));
        QVERIFY2(message.contains("m/users.txt:2: user '77' is not in the data set"),
                 qPrintable(message));
        // A matrix of the wrong shape: the file and both sizes.
        rdtest::writeFile(dir, "m/users.txt", "6\n5\n4\n3\n2\n");
        message =
            QString::fromStdString(errorOf([&] { rd::ExternalScores::read(path, *p.dataset); }));
        QVERIFY2(message.contains("scores.npy: expected a 5 × 6 matrix") &&
                     message.contains("found shape (6, 6)"),
                 qPrintable(message));
    }

    void npySizesCheckedBeforeAllocating_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        // Found by fuzz_external_teacher: 80 bytes announcing a 2 GB header ran out of memory.
        QTest::newRow("header longer than the file")
            << QByteArray("\x93NUMPY\x02\x00\x27\x7b\x01\x76{'descr': '<f4'}", 28)
            << "more than the file";
        const QByteArray header =
            "{'descr': '<f4', 'fortran_order': False, 'shape': (400000000, 400000000), }\n";
        QTest::newRow("shape larger than the file")
            << QByteArray("\x93NUMPY\x01\x00", 8) + char(header.size()) + char(0) + header +
                   QByteArray(16, 'x')
            << "the file ends before the";
        QTest::newRow("dimension beyond 64 bits")
            << QByteArray("\x93NUMPY\x01\x00", 8) + char(header.size() + 10) + char(0) +
                   QByteArray(header).replace("400000000, 400000000",
                                              "4000000000000000000000000000, 1")
            << "a dimension of";
    }
    void npySizesCheckedBeforeAllocating() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.npy");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        QString message = "(nothing thrown)";
        try {
            rd::NpyArray::read(path.toStdString());
        } catch (const rd::LoadError& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.contains(expected) && message.contains(path), qPrintable(message));
    }

    void usersWithoutScoresRefusedOrSkipped() {
        QTemporaryDir dir;
        const rd::PreparedData p = prepareTiny(rdtest::writeFile(dir, "u.data", tinyRatings()));
        rd::ExternalTeacherSpec spec{rdtest::writeFile(dir, "t.tsv", teacherFile(4)), "", "",
                                     false};
        const QString message = QString::fromStdString(
            errorOf([&] { rd::loadExternalTeacher(spec, *p.dataset, p.data); }));
        QVERIFY2(message.contains("2 of 6 users have no scores (5, 6)") &&
                     message.contains("\"missing_users\": \"skip\""),
                 qPrintable(message));
        spec.skipMissingUsers = true;
        const rd::ExternalTeacher t = rd::loadExternalTeacher(spec, *p.dataset, p.data);
        QCOMPARE(t.skippedUsers, (std::vector<std::string>{"5", "6"}));
        // The ranking's common length is over the users it scores.
        const rd::TeacherTopM top = rd::computeTeacherTopM(*t.model, p.data, 6);
        int32_t shortest = 6;
        for (int32_t u = 0; u < 4; ++u) shortest = std::min(shortest, top.valid[u]);
        QCOMPARE(top.valid[4], 0);
        QCOMPARE(top.commonLength(), shortest);
        QVERIFY(shortest > 0);
    }

    void methodsRefusedBeforeAnyWork() {
        QTemporaryDir dir;
        nlohmann::json j = tinyExperiment();
        j["teacher"] = {{"name", "external"},
                        {"scores", rdtest::writeFile(dir, "t.tsv", teacherFile())}};
        const QString noEmbeddings =
            QString::fromStdString(rdtest::messageOf([&] { rd::ExperimentConfig::fromJson(j); }));
        QVERIFY2(noEmbeddings.contains("methods[4]: de distils the teacher's user and item "
                                       "embeddings, and the external teacher gives none"),
                 qPrintable(noEmbeddings));
        j["teacher"]["scores"] = "/nonexistent/t.tsv";
        j["methods"] = {"rd"};
        QVERIFY(QString::fromStdString(rdtest::messageOf([&] {
                    rd::ExperimentConfig::fromJson(j);
                })).contains("teacher: '/nonexistent/t.tsv' does not exist"));

        // Lists shorter than a method reads, and a method that needs every score.
        const rd::PreparedData p = prepareTiny(rdtest::writeFile(dir, "u.data", tinyRatings()));
        const rd::ExternalTeacherSpec spec{rdtest::writeFile(dir, "short.tsv", teacherFile(6, 105)),
                                           "", "", false};
        const rd::ExternalTeacher t = rd::loadExternalTeacher(spec, *p.dataset, p.data);
        QVERIFY(t.shortestList <= 2);
        std::vector<rd::MethodSpec> methods(2);
        methods[0] = {"rd", {{"k", 40}}, "rd"};
        methods[1] = {"dcd", {{"candidates", 2}}, "dcd"};
        const QString refusal =
            QString::fromStdString(rd::externalTeacherRefusal(t, methods, p.data));
        QVERIFY2(refusal.contains("rd reads each user's top") &&
                     refusal.contains(QString("has %1 items once its training items are dropped")
                                          .arg(t.shortestList)),
                 qPrintable(refusal));
        QVERIFY2(refusal.contains("dcd reads the teacher's score of every user and item"),
                 qPrintable(refusal));
        methods = {{"rd", {{"k", t.shortestList}}, "rd"}};
        QCOMPARE(rd::externalTeacherRefusal(t, methods, p.data), std::string());
    }

    void exportedTeacherDistilsTheSameStudents() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        const rd::ExperimentOutcome internal = rd::runExperiment(
            rd::ExperimentConfig::fromJson(tinyExperiment()), {}, nullptr, &store);
        QCOMPARE(internal.status, std::string("finished"));
        const rd::RunModel teacherRun = rd::RunModel::load(store, internal.stages[0].runId);
        const std::string file = dir.filePath("export/teacher.tsv").toStdString();
        const rd::ExportResult exported =
            rd::exportTeacher(teacherRun, teacherRun.model->numItems(), file);
        QVERIFY(exported.manifest["teacher"].contains("user_embeddings"));

        nlohmann::json j = tinyExperiment();
        j["teacher"] = exported.manifest["teacher"];
        const rd::ExperimentOutcome external =
            rd::runExperiment(rd::ExperimentConfig::fromJson(j), {}, nullptr, nullptr);
        QCOMPARE(external.status, std::string("finished"));
        QCOMPARE(external.stages.size(), internal.stages.size());
        // The teacher's own metrics from its scores: the same lists, so the same values.
        QCOMPARE(external.stages[0].test.at("NDCG@10"), internal.stages[0].test.at("NDCG@10"));
        QCOMPARE(external.stages[0].lists.items, internal.stages[0].lists.items);
        // Its size is what it was given, not parameters: the file's entries (one a line after the
        // header), 8 bytes each (item id and score), and the embeddings' values as float32.
        const rd::MetricTable& size = external.stages[0].test;
        QVERIFY(!size.count("params"));
        QFile written(QString::fromStdString(file));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const double entries = written.readAll().count('\n') - 1;
        QCOMPARE(size.at("list_entries"), entries);
        const rd::TrainedModel& t = *teacherRun.model;
        const double values = (t.numUsers() + t.numItems()) * 16.0;  // the teacher's dim
        QCOMPARE(size.at("embedding_values"), values);
        QCOMPARE(size.at("bytes"), entries * 8 + values * 4);
        // Served elsewhere: no serving figure (nor is one asked of this config, latency_users 0).
        QVERIFY(!size.count("serving_p50_ms"));
        // Every student: the same lists and metrics (tolerance 0: the same floats in the same
        // order reach the same computations).
        for (size_t s = 1; s < internal.stages.size(); ++s) {
            const auto& a = internal.stages[s];
            const auto& b = external.stages[s];
            QVERIFY2(b.status == "finished", (b.info.stage + ": " + b.error).c_str());
            QCOMPARE(b.info.stage, a.info.stage);
            QCOMPARE(b.lists.items, a.lists.items);
            for (const char* m : {"NDCG@10", "Recall@10", "Agreement@10"})
                QVERIFY2(b.test.at(m) == a.test.at(m), (a.info.stage + " " + m).c_str());
        }
    }

    void skippedTestUserLeavesTheTeacherUnevaluated() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        nlohmann::json j = tinyExperiment();
        j["methods"] = {"softlabel", "rd"};
        const rd::ExperimentOutcome internal =
            rd::runExperiment(rd::ExperimentConfig::fromJson(j), {}, nullptr, &store);
        QCOMPARE(internal.status, std::string("finished"));
        const rd::RunModel teacherRun = rd::RunModel::load(store, internal.stages[0].runId);
        const std::string file = dir.filePath("teacher.tsv").toStdString();
        rd::exportTeacher(teacherRun, 50, file);
        // Leave out a user with test items.
        const rd::TrainingData& data = teacherRun.data->data;
        int32_t gone = 0;
        while (data.test.degree(gone) == 0) ++gone;
        const QByteArray prefix =
            QByteArray::fromStdString(teacherRun.data->dataset->userIds[gone]) + "\t";
        QFile in(QString::fromStdString(file));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray kept;
        for (const QByteArray& line : in.readAll().split('\n'))
            if (!line.startsWith(prefix) && !line.isEmpty()) kept += line + "\n";
        j["teacher"] = {{"name", "external"},
                        {"scores", rdtest::writeFile(dir, "partial.tsv", kept)},
                        {"missing_users", "skip"}};
        const rd::ExperimentOutcome out =
            rd::runExperiment(rd::ExperimentConfig::fromJson(j), {}, nullptr, nullptr);
        QCOMPARE(out.status, std::string("finished"));
        const rd::StageResult& teacher = out.stages[0];
        // Not evaluated, but its size is known: the kept lines, 8 bytes each; no embeddings.
        QVERIFY(!teacher.test.count("NDCG@10"));
        QCOMPARE(teacher.test.size(), size_t{2});
        QCOMPARE(teacher.test.at("list_entries"), static_cast<double>(kept.count('\n') - 1));
        QCOMPARE(teacher.test.at("bytes"), teacher.test.at("list_entries") * 8);
        int testUsers = 0;
        for (int32_t u = 0; u < data.numUsers; ++u) testUsers += data.test.degree(u) > 0;
        QCOMPARE(teacher.error, "not evaluated: the teacher scores " +
                                    std::to_string(testUsers - 1) + " of the " +
                                    std::to_string(testUsers) + " test users");
        for (size_t s = 1; s < out.stages.size(); ++s) {
            QVERIFY2(out.stages[s].status == "finished", out.stages[s].error.c_str());
            QVERIFY(out.stages[s].test.count("NDCG@10"));
            QVERIFY(!out.stages[s].test.count("Agreement@10"));
            QVERIFY(!out.stages[s].test.count("GapClosed:NDCG@10"));
        }
        // The student alone does not depend on the teacher; the distilled ones train without the
        // teacher for one user, so they differ from the full teacher's (but still finish).
        QCOMPARE(out.stages[1].test.at("NDCG@10"), internal.stages[1].test.at("NDCG@10"));
    }
};

QTEST_GUILESS_MAIN(TestExternalTeacher)
#include "test_external_teacher.moc"
