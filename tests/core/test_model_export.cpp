// Student export: a trained run written out (embeddings, id maps, manifest), read back here with a
// reader of this file's own (not core's), and scored by the manifest's rule: the top-10 of the
// run's 100 sampled test users must be the workbench's own lists, item for item.

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/experiment_pipeline.h"
#include "pipeline/model_export.h"
#include "pipeline/run_model.h"
#include "pipeline/teacher_export.h"
#include "store/run_store.h"
#include "test_util.h"
#include "util/cancel_token.h"
#include "util/torch_info.h"

namespace {

/** A float32 C-order .npy, read by the format's definition alone: magic, version, header, data. */
std::vector<float> readNpy(const std::string& path, int64_t& rows, int64_t& cols) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.compare(0, 6, "\x93NUMPY") != 0 || bytes[6] != 1) return {};
    const size_t len = static_cast<unsigned char>(bytes[8]) |
                       (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    const std::string header = bytes.substr(10, len);
    if (header.find("'descr': '<f4'") == std::string::npos) return {};
    const size_t open = header.find('(');
    size_t used = 0;
    rows = std::stoll(header.substr(open + 1), &used);
    // "(rows, cols)" or a 1-D "(rows,)".
    const std::string rest = header.substr(open + 1 + used + 1);
    cols = rest.empty() || rest[0] == ')' ? 1 : std::stoll(rest);
    std::vector<float> out(static_cast<size_t>(rows * cols));
    std::memcpy(out.data(), bytes.data() + 10 + len, out.size() * sizeof(float));
    return out;
}

std::vector<float> readCsv(const std::string& path, int64_t& rows, int64_t& cols) {
    std::ifstream in(path);
    std::vector<float> out;
    std::string line;
    rows = 0;
    while (std::getline(in, line)) {
        ++rows;
        cols = 0;
        std::stringstream fields(line);
        std::string f;
        while (std::getline(fields, f, ',')) {
            out.push_back(std::stof(f));
            ++cols;
        }
    }
    return out;
}

std::vector<std::string> readLines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

nlohmann::json experiment() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "data": {"path": "demo", "preprocess": {"max_users": 300},
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
        "teacher": {"name": "lightgcn", "dim": 16, "layers": 2},
        "student": {"name": "mf", "dim": 8},
        "train": {"epochs": 2, "batch_size": 512, "lr": 0.01, "eval_every": 1, "patience": 0,
                  "valid_metric": "NDCG@10", "seed": 11, "threads": 1},
        "eval": {"ks": [10]},
        "latency_users": 0
    })");
}

}  // namespace

class TestModelExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void exportReloadedGivesTheSameTopTen_data() {
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("format");
        QTest::newRow("lightgcn teacher, npy") << 0 << "npy";
        QTest::newRow("mf student, npy") << 1 << "npy";
        QTest::newRow("mf student, csv") << 1 << "csv";
    }
    void exportReloadedGivesTheSameTopTen() {
        QFETCH(int, stage);
        QFETCH(QString, format);
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        const rd::ExperimentOutcome out =
            rd::runExperiment(rd::ExperimentConfig::fromJson(experiment()), {}, nullptr, &store);
        QCOMPARE(out.status, std::string("finished"));
        const int64_t runId = out.stages[stage].runId;
        const rd::RunModel run = rd::RunModel::load(store, runId);
        const std::string folder = dir.filePath("export").toStdString();
        rd::exportModel(run, store.finalResults(runId), folder, format.toStdString());

        // What a user of the export has: the manifest, the id maps and two matrices.
        std::ifstream mf(folder + "/manifest.json");
        const nlohmann::json manifest = nlohmann::json::parse(mf);
        QCOMPARE(manifest["model"].get<std::string>(), out.stages[stage].info.model);
        QCOMPARE(manifest["dataset"]["hash"].get<std::string>(), run.data->data.datasetHash);
        QCOMPARE(manifest["test_metrics"]["NDCG@10"].get<double>(),
                 out.stages[stage].test.at("NDCG@10"));
        QVERIFY(manifest["score"].get<std::string>().rfind("score(u, i) = U[u] · V[i]", 0) == 0);
        QVERIFY(manifest["data_config"].contains("split"));
        const auto userIds =
            readLines(folder + "/" + manifest["files"]["users"].get<std::string>());
        const auto itemIds =
            readLines(folder + "/" + manifest["files"]["items"].get<std::string>());
        int64_t ur = 0, uc = 0, ir = 0, ic = 0;
        const std::string uFile =
            folder + "/" + manifest["files"]["user_embeddings"].get<std::string>();
        const std::string iFile =
            folder + "/" + manifest["files"]["item_embeddings"].get<std::string>();
        const auto U = format == "npy" ? readNpy(uFile, ur, uc) : readCsv(uFile, ur, uc);
        const auto V = format == "npy" ? readNpy(iFile, ir, ic) : readCsv(iFile, ir, ic);
        QCOMPARE(ur, static_cast<int64_t>(userIds.size()));
        QCOMPARE(ir, static_cast<int64_t>(itemIds.size()));
        QCOMPARE(uc, ic);

        // The workbench's own lists of its 100 sampled test users, by original id, and each
        // user's known items (training and validation: what the test lists leave out).
        const rd::Dataset& d = *run.data->dataset;
        const rd::TrainingData& t = run.data->data;
        const auto samples = store.topKSamples(runId);
        QCOMPARE(samples.size(), size_t(100));
        std::map<std::string, int64_t> rowOfUser;
        for (size_t r = 0; r < userIds.size(); ++r) rowOfUser[userIds[r]] = static_cast<int64_t>(r);
        std::map<std::string, int64_t> rowOfItem;
        for (size_t r = 0; r < itemIds.size(); ++r) rowOfItem[itemIds[r]] = static_cast<int64_t>(r);
        for (const rd::TopKSample& s : samples) {
            std::set<int64_t> known;
            for (const auto* part : {&t.train, &t.valid})
                for (int64_t k = part->begin(s.user); k < part->end(s.user); ++k)
                    known.insert(rowOfItem.at(d.itemIds[part->items[k]]));
            const int64_t u = rowOfUser.at(d.userIds[s.user]);
            std::vector<std::pair<float, int64_t>> scored;
            for (int64_t i = 0; i < ir; ++i) {
                if (known.count(i)) continue;
                float dot = 0;
                for (int64_t c = 0; c < uc; ++c) dot += U[u * uc + c] * V[i * ic + c];
                scored.push_back({dot, i});
            }
            std::partial_sort(scored.begin(), scored.begin() + 10, scored.end(),
                              [](const auto& a, const auto& b) { return a.first > b.first; });
            QCOMPARE(s.items.size(), size_t(10));
            for (size_t r = 0; r < 10; ++r)
                QCOMPARE(itemIds[scored[r].second], d.itemIds[s.items[r]]);
        }
    }

    void neumfWeightsFollowTheManifestsForwardPass() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        const rd::ExperimentOutcome out =
            rd::runExperiment(rd::ExperimentConfig::fromJson(nlohmann::json::parse(R"({
                "data": {"path": "demo", "preprocess": {"max_users": 300},
                         "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
                "model": {"name": "neumf", "dim": 4, "mlp": [8, 4], "dropout": 0.0},
                "train": {"epochs": 3, "lr": 0.01, "seed": 11, "threads": 1},
                "eval": {"ks": [10]}, "latency_users": 0})")),
                              {}, nullptr, &store);
        QCOMPARE(out.status, std::string("finished"));
        const int64_t runId = out.stages[0].runId;
        const rd::RunModel run = rd::RunModel::load(store, runId);
        const std::string folder = dir.filePath("export").toStdString();
        rd::exportModel(run, store.finalResults(runId), folder, "npy");
        std::ifstream mf(folder + "/manifest.json");
        const nlohmann::json manifest = nlohmann::json::parse(mf);
        QVERIFY(manifest["score"].get<std::string>().rfind("NeuMF:", 0) == 0);
        struct Matrix {
            std::vector<float> v;
            int64_t rows = 0, cols = 0;
            float at(int64_t r, int64_t c) const { return v[r * cols + c]; }
        };
        auto load = [&](const char* key) {
            Matrix m;
            m.v = readNpy(folder + "/" + manifest["files"][key].get<std::string>(), m.rows, m.cols);
            return m;
        };
        const Matrix gu = load("gmf_user"), gi = load("gmf_item"), mu = load("mlp_user"),
                     mi = load("mlp_item"), w0 = load("mlp0.weight"), b0 = load("mlp0.bias"),
                     w1 = load("mlp1.weight"), b1 = load("mlp1.bias"), wp = load("predict.weight"),
                     bp = load("predict.bias");
        QCOMPARE(w0.cols, 2 * gu.cols);
        QCOMPARE(wp.cols, gu.cols + w1.rows);
        // The forward pass as the manifest writes it, in double.
        auto score = [&](int64_t u, int64_t i) {
            std::vector<double> x(static_cast<size_t>(w0.cols)), h0(static_cast<size_t>(w0.rows)),
                h1(static_cast<size_t>(w1.rows));
            for (int64_t c = 0; c < mu.cols; ++c) {
                x[c] = mu.at(u, c);
                x[mu.cols + c] = mi.at(i, c);
            }
            for (int64_t o = 0; o < w0.rows; ++o) {
                double a = b0.v[o];
                for (int64_t c = 0; c < w0.cols; ++c) a += w0.at(o, c) * x[c];
                h0[o] = std::max(0.0, a);
            }
            for (int64_t o = 0; o < w1.rows; ++o) {
                double a = b1.v[o];
                for (int64_t c = 0; c < w1.cols; ++c) a += w1.at(o, c) * h0[c];
                h1[o] = std::max(0.0, a);
            }
            double y = bp.v[0];
            for (int64_t c = 0; c < gu.cols; ++c)
                y += wp.at(0, c) * static_cast<double>(gu.at(u, c)) * gi.at(i, c);
            for (int64_t o = 0; o < w1.rows; ++o) y += wp.at(0, gu.cols + o) * h1[o];
            return y;
        };
        // Ids in the export are the data set's order, so row r is dense id r here.
        const rd::TrainingData& t = run.data->data;
        const auto samples = store.topKSamples(runId);
        QCOMPARE(samples.size(), size_t(100));
        int ties = 0;
        for (const rd::TopKSample& s : samples) {
            std::set<int32_t> known;
            for (const auto* part : {&t.train, &t.valid})
                for (int64_t k = part->begin(s.user); k < part->end(s.user); ++k)
                    known.insert(part->items[k]);
            std::vector<std::pair<double, int32_t>> scored;
            for (int32_t i = 0; i < t.numItems; ++i)
                if (!known.count(i)) scored.push_back({score(s.user, i), i});
            std::partial_sort(scored.begin(), scored.begin() + 10, scored.end(),
                              [](const auto& a, const auto& b) { return a.first > b.first; });
            for (size_t r = 0; r < 10; ++r) {
                if (scored[r].second == s.items[r]) continue;
                // Only a float tie may order two items differently (float32 in the workbench,
                // double here).
                QVERIFY2(std::abs(score(s.user, s.items[r]) - scored[r].first) < 1e-5,
                         qPrintable(QString("user %1 rank %2").arg(s.user).arg(r)));
                ++ties;
            }
        }
        qInfo("NeuMF export: %d of 1000 top-10 positions ordered differently, all float ties",
              ties);
        QVERIFY2(ties <= 10, qPrintable(QString("%1 tied positions").arg(ties)));
    }

    // A cancelled export (Ctrl+C in export-model / export-teacher, Cancel in the dialog) leaves
    // the folder as it was: no new file, no .part, an earlier export's files byte for byte.
    void cancelledExportsLeaveTheFolderAsItWas() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        const rd::ExperimentOutcome out =
            rd::runExperiment(rd::ExperimentConfig::fromJson(experiment()), {}, nullptr, &store);
        QCOMPARE(out.status, std::string("finished"));
        const int64_t teacherRun = out.stages[0].runId, studentRun = out.stages[1].runId;
        const rd::RunModel teacher = rd::RunModel::load(store, teacherRun);
        const rd::RunModel student = rd::RunModel::load(store, studentRun);
        const std::string folder = dir.filePath("export").toStdString();
        const auto listing = [&] {
            std::map<std::string, std::string> files;
            if (!std::filesystem::exists(folder)) return files;
            for (const auto& e : std::filesystem::directory_iterator(folder)) {
                std::ifstream in(e.path(), std::ios::binary);
                files[e.path().filename().string()] = std::string(
                    (std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            }
            return files;
        };
        rd::CancelToken cancelled;
        cancelled.cancel();

        // Into an empty folder: nothing at all.
        QVERIFY_THROWS_EXCEPTION(
            rd::Cancelled,
            rd::exportModel(student, store.finalResults(studentRun), folder, "csv", &cancelled));
        QVERIFY(listing().empty());
        QVERIFY_THROWS_EXCEPTION(
            rd::Cancelled, rd::exportTeacher(teacher, 20, folder + "/teacher.tsv", &cancelled));
        QVERIFY(listing().empty());
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, rd::RunModel::load(store, studentRun, &cancelled));

        // Over a complete earlier export: it stays as it was.
        rd::exportModel(student, store.finalResults(studentRun), folder, "csv");
        rd::exportTeacher(teacher, 20, folder + "/teacher.tsv");
        const auto before = listing();
        // users/items.txt (both write them), 2 csv + manifest.json, teacher.tsv + 2 npy embeddings
        QCOMPARE(int(before.size()), 8);
        QVERIFY_THROWS_EXCEPTION(
            rd::Cancelled,
            rd::exportModel(teacher, store.finalResults(teacherRun), folder, "csv", &cancelled));
        QVERIFY_THROWS_EXCEPTION(
            rd::Cancelled, rd::exportTeacher(teacher, 20, folder + "/teacher.tsv", &cancelled));
        QVERIFY(listing() == before);

        // An uncancelled token changes nothing: the same bytes again.
        rd::CancelToken idle;
        rd::exportModel(student, store.finalResults(studentRun), folder, "csv", &idle);
        rd::exportTeacher(teacher, 20, folder + "/teacher.tsv", &idle);
        QVERIFY(listing() == before);
    }

    void unknownRunRefused() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        QVERIFY(QString::fromStdString(rdtest::messageOf([&] {
                    rd::RunModel::load(store, 42);
                })).contains("run 42 does not exist"));
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "test_model_export.moc"
