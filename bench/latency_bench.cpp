// Inference cost of a distillation pair, measured in one run: per-user top-K latency (median and
// p95 over every test user, one user at a time, as a serving system would) and the time to rank all
// test users in batches, for the teacher and the student of ml100k-distill.json. Accuracy does not
// change the cost of scoring, so the models train only a few epochs here.
//
//   bench_latency [--data PATH] [--epochs N] [--threads T] [--rounds R]
//
// With --serving: the serving cost of an exported student against its teacher instead. Both score
// as U[u] · V[i] (what `recdistill-cli export-model` writes), so serving one user is a brute-force
// pass over the item table and a top-K: measured single-threaded on generated tables of 1 K, 40 K
// and 1 M items at the student's and the teacher's dimension (p50, p99 over the queries, speed-up,
// bytes of the item table), interleaved so both see the same machine state. The query is
// rd::bruteForceTopK (core/eval/serving_cost.h), the function every run's "serving_p50_ms" times.
//
//   bench_latency --serving [--student-dim 16] [--teacher-dim 128] [--k 10] [--queries Q]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "eval/serving_cost.h"
#include "util/torch_info.h"

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Timing {
    std::vector<double> perUserMs, allUsersS;
};

int servingBench(int studentDim, int teacherDim, int k, int queries) {
    std::printf(
        "Serving cost: top-%d for one user by brute force over the item table, one thread, "
        "%s\n%d-dimensional student vs %d-dimensional teacher (score = U[u] · V[i]), "
        "generated N(0, 1) tables, interleaved queries\n\n",
        k, "median and p99 over the queries", studentDim, teacherDim);
    std::printf("%10s %8s %12s %12s %12s %12s %9s %14s %14s\n", "items", "queries", "student p50",
                "student p99", "teacher p50", "teacher p99", "speed-up", "student bytes",
                "teacher bytes");
    std::mt19937 gen(2026);
    std::normal_distribution<float> normal;
    for (const int64_t items : {int64_t{1000}, int64_t{40000}, int64_t{1000000}}) {
        const int q = items >= 1000000 ? std::max(20, queries / 5) : queries;
        std::vector<float> vs(static_cast<size_t>(items * studentDim)),
            vt(static_cast<size_t>(items * teacherDim));
        for (float& x : vs) x = normal(gen);
        for (float& x : vt) x = normal(gen);
        std::vector<float> us(static_cast<size_t>(studentDim)), ut(static_cast<size_t>(teacherDim));
        std::vector<float> scores(static_cast<size_t>(items));
        std::vector<int32_t> out;
        std::vector<double> ts, tt;
        volatile int32_t sink = 0;
        for (int r = 0; r < q; ++r) {
            for (float& x : us) x = normal(gen);
            for (float& x : ut) x = normal(gen);
            double s = now();
            rd::bruteForceTopK(vs.data(), items, studentDim, us.data(), k, scores.data(), out);
            ts.push_back(1000 * (now() - s));
            sink = sink + out[0];
            s = now();
            rd::bruteForceTopK(vt.data(), items, teacherDim, ut.data(), k, scores.data(), out);
            tt.push_back(1000 * (now() - s));
            sink = sink + out[0];
        }
        const double sp50 = rd::servingQuantile(ts, 0.5), tp50 = rd::servingQuantile(tt, 0.5);
        std::printf("%10lld %8d %9.4f ms %9.4f ms %9.4f ms %9.4f ms %8.1fx %14lld %14lld\n",
                    static_cast<long long>(items), q, sp50, rd::servingQuantile(ts, 0.99), tp50,
                    rd::servingQuantile(tt, 0.99), tp50 / sp50,
                    static_cast<long long>(items * studentDim * 4),
                    static_cast<long long>(items * teacherDim * 4));
    }
    std::printf(
        "\nspeed-up = teacher p50 / student p50; bytes = the item table as float32 (the "
        "user's row adds dim × 4).\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/data/ml-100k";
    int epochs = 3, threads = 1, rounds = 5;
    int studentDim = 16, teacherDim = 128, topk = 10, queries = 500;
    bool serving = false;
    for (int k = 1; k < argc; ++k) {
        if (!std::strcmp(argv[k], "--serving")) {
            serving = true;
            continue;
        }
        if (!std::strcmp(argv[k], "--student-dim") && k + 1 < argc) {
            studentDim = std::atoi(argv[++k]);
            continue;
        }
        if (!std::strcmp(argv[k], "--teacher-dim") && k + 1 < argc) {
            teacherDim = std::atoi(argv[++k]);
            continue;
        }
        if (!std::strcmp(argv[k], "--k") && k + 1 < argc) {
            topk = std::atoi(argv[++k]);
            continue;
        }
        if (!std::strcmp(argv[k], "--queries") && k + 1 < argc) {
            queries = std::atoi(argv[++k]);
            continue;
        }
        if (!std::strcmp(argv[k], "--data") && k + 1 < argc)
            path = argv[++k];
        else if (!std::strcmp(argv[k], "--epochs") && k + 1 < argc)
            epochs = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--threads") && k + 1 < argc)
            threads = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--rounds") && k + 1 < argc)
            rounds = std::atoi(argv[++k]);
    }
    if (serving) return servingBench(studentDim, teacherDim, topk, queries);
    threads = rd::setComputeThreads(threads);
    const rd::Dataset ds = rd::loadDataset(path).dataset;
    const rd::TrainingData data = rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, {}));
    std::printf("LibTorch %s, %d threads; %s: %d users, %d items; top-50 per user\n\n",
                rd::torchVersion().c_str(), threads, ds.name.c_str(), data.numUsers, data.numItems);

    struct Pair {
        const char* label;
        rd::ModelSpec spec;
    };
    const std::vector<Pair> models = {
        {"teacher lightgcn dim 128, 1 layer", {"lightgcn", {{"dim", 128}, {"layers", 1}}}},
        {"teacher mf dim 128", {"mf", {{"dim", 128}}}},
        {"teacher neumf dim 128", {"neumf", {{"dim", 128}}}},
        {"student mf dim 16", {"mf", {{"dim", 16}}}},
    };
    rd::TrainConfig tc;
    tc.epochs = epochs;
    tc.evalEvery = 0;
    std::vector<std::shared_ptr<rd::TrainedModel>> trained;
    for (const auto& m : models) trained.push_back(rd::trainModel(data, m.spec, tc).model);

    std::vector<int32_t> users;
    for (int32_t u = 0; u < data.numUsers; ++u)
        if (data.test.degree(u) > 0) users.push_back(u);
    std::vector<Timing> timing(models.size());
    // Interleaved rounds: every model sees the same machine state.
    for (int r = 0; r < rounds; ++r)
        for (size_t m = 0; m < models.size(); ++m) {
            const rd::TrainedModel& model = *trained[m];
            model.prepareForScoring();
            std::vector<int32_t> one(1);
            for (int32_t u : users) {
                one[0] = u;
                const double s = now();
                rd::rankUsers(model, data, one, 50, rd::SplitPart::Test, 1);
                timing[m].perUserMs.push_back(1000 * (now() - s));
            }
            const double s = now();
            rd::rankUsers(model, data, users, 50, rd::SplitPart::Test);
            timing[m].allUsersS.push_back(now() - s);
        }
    const double studentP50 = rd::servingQuantile(timing.back().perUserMs, 0.5);
    std::printf("%-36s %10s %12s %12s %14s %10s\n", "model", "params", "p50 ms/user", "p95 ms/user",
                "all users (s)", "p50 ratio");
    for (size_t m = 0; m < models.size(); ++m) {
        const double p50 = rd::servingQuantile(timing[m].perUserMs, 0.5);
        std::printf("%-36s %10lld %12.4f %12.4f %14.4f %9.1fx\n", models[m].label,
                    static_cast<long long>(trained[m]->parameterCount()), p50,
                    rd::servingQuantile(timing[m].perUserMs, 0.95),
                    rd::servingQuantile(timing[m].allUsersS, 0.5), p50 / studentP50);
    }
    std::printf(
        "\n%zu test users x %d rounds per model; ratio = model's median per-user latency / the "
        "student's.\n",
        users.size(), rounds);
    return 0;
}
