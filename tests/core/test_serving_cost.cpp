// Serving cost: the brute-force top-K that bench_latency --serving times and every run records
// (core/eval/serving_cost.h). The top-K is checked against a plain sort, the timing for what it
// reports, and a run's "serving_p50_ms" and "serving_bytes" against the model they were timed on.

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "eval/serving_cost.h"
#include "models/trained_model.h"
#include "pipeline/experiment_pipeline.h"
#include "pipeline/run_model.h"
#include "store/run_store.h"
#include "util/torch_info.h"

namespace {

nlohmann::json tinyExperiment() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "name": "serving",
        "data": {"path": "demo", "preprocess": {"max_users": 120},
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
        "teacher": {"name": "lightgcn", "dim": 16},
        "student": {"name": "neumf", "dim": 4},
        "methods": [],
        "train": {"epochs": 1, "batch_size": 512, "eval_every": 0, "seed": 11, "threads": 1},
        "eval": {"ks": [10]},
        "latency_users": 7
    })");
}

}  // namespace

class TestServingCost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void topKMatchesAPlainSort() {
        // dim 11: one block of eight partial sums and a tail of three.
        const int64_t items = 57, dim = 11;
        std::mt19937 gen(7);
        std::normal_distribution<float> normal;
        std::vector<float> V(static_cast<size_t>(items * dim)), u(static_cast<size_t>(dim));
        for (float& x : V) x = normal(gen);
        for (float& x : u) x = normal(gen);
        V[3 * dim + 0] = V[8 * dim + 0];  // not a tie in the scores, but equal entries are fine
        std::vector<double> dots(static_cast<size_t>(items));
        for (int64_t i = 0; i < items; ++i)
            for (int64_t c = 0; c < dim; ++c) dots[i] += double(V[i * dim + c]) * u[c];
        std::vector<int32_t> expected(static_cast<size_t>(items));
        std::iota(expected.begin(), expected.end(), 0);
        std::sort(expected.begin(), expected.end(),
                  [&](int32_t a, int32_t b) { return dots[a] > dots[b]; });
        expected.resize(5);

        std::vector<float> scores(static_cast<size_t>(items));
        std::vector<int32_t> out;
        rd::bruteForceTopK(V.data(), items, dim, u.data(), 5, scores.data(), out);
        QCOMPARE(out, expected);
        for (int64_t i = 0; i < items; ++i) QVERIFY(std::abs(scores[i] - dots[i]) < 1e-4);
        // k beyond the table: every item, best first.
        rd::bruteForceTopK(V.data(), 4, dim, u.data(), 10, scores.data(), out);
        QCOMPARE(out.size(), size_t{4});
    }

    void tiesGoToTheLowerItem() {
        const std::vector<float> V = {1, 2, 2, 0};  // dim 1
        const float u = 1;
        std::vector<float> scores(4);
        std::vector<int32_t> out;
        rd::bruteForceTopK(V.data(), 4, 1, &u, 2, scores.data(), out);
        QCOMPARE(out, (std::vector<int32_t>{1, 2}));
    }

    void quantilesAndTiming() {
        QCOMPARE(rd::servingQuantile({5, 1, 3, 2, 4}, 0.5), 3.0);
        QCOMPARE(rd::servingQuantile({5, 1, 3, 2, 4}, 0.99), 5.0);
        QCOMPARE(rd::servingQuantile({}, 0.5), 0.0);
        const int64_t users = 20, items = 3000, dim = 16;
        std::vector<float> U(static_cast<size_t>(users * dim), 0.5f),
            V(static_cast<size_t>(items * dim), 0.25f);
        const rd::ServingTiming t = rd::timeServing(U.data(), users, V.data(), items, dim, 10, 9);
        QCOMPARE(t.queries, 9);
        QVERIFY(t.p50Ms > 0);
        QVERIFY(t.p99Ms >= t.p50Ms);
        QVERIFY2(t.p50Ms < 1000, qPrintable(QString::number(t.p50Ms)));  // 48 K multiply-adds
        QCOMPARE(rd::timeServing(U.data(), 3, V.data(), items, dim, 10, 9).queries, 3);
    }

    void aRunRecordsTheServingFiguresOfItsModel() {
        QTemporaryDir dir;
        rd::RunStore store(dir.filePath("runs.sqlite").toStdString());
        const rd::ExperimentOutcome out = rd::runExperiment(
            rd::ExperimentConfig::fromJson(tinyExperiment()), {}, nullptr, &store);
        QCOMPARE(out.status, std::string("finished"));
        // The teacher (LightGCN: a dot product of its propagated embeddings) is timed.
        const rd::MetricTable& teacher = out.stages[0].test;
        const rd::RunModel run = rd::RunModel::load(store, out.stages[0].runId);
        QCOMPARE(teacher.at("serving_bytes"), run.model->numItems() * 16.0 * 4);
        QVERIFY(teacher.at("serving_p50_ms") > 0);
        QVERIFY(teacher.at("serving_p99_ms") >= teacher.at("serving_p50_ms"));
        QCOMPARE(store.finalResults(out.stages[0].runId).at("serving_p50_ms"),
                 teacher.at("serving_p50_ms"));
        // The same function on the stored model gives the same bytes and a time of the same kind.
        const auto again = rd::servingFigures(*run.model, 10, 7);
        QCOMPARE(again.at("serving_bytes"), teacher.at("serving_bytes"));
        QVERIFY(again.at("serving_p50_ms") > 0);
        // NeuMF does not score by a dot product: nothing to time that way.
        QVERIFY(!out.stages[1].test.count("serving_p50_ms"));
        QVERIFY(rd::servingFigures(*run.model, 10, 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestServingCost)
#include "test_serving_cost.moc"
