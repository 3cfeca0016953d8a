// Inference cost of a distillation pair, measured in one run: per-user top-K latency (median and
// p95 over every test user, one user at a time, as a serving system would) and the time to rank all
// test users in batches, for the teacher and the student of ml100k-distill.json. Accuracy does not
// change the cost of scoring, so the models train only a few epochs here.
//
//   bench_latency [--data PATH] [--epochs N] [--threads T] [--rounds R]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "util/torch_info.h"

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double quantile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0
               : v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

struct Timing {
    std::vector<double> perUserMs, allUsersS;
};

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/data/ml-100k";
    int epochs = 3, threads = 1, rounds = 5;
    for (int k = 1; k < argc; ++k) {
        if (!std::strcmp(argv[k], "--data") && k + 1 < argc)
            path = argv[++k];
        else if (!std::strcmp(argv[k], "--epochs") && k + 1 < argc)
            epochs = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--threads") && k + 1 < argc)
            threads = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--rounds") && k + 1 < argc)
            rounds = std::atoi(argv[++k]);
    }
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
    const double studentP50 = quantile(timing.back().perUserMs, 0.5);
    std::printf("%-36s %10s %12s %12s %14s %10s\n", "model", "params", "p50 ms/user", "p95 ms/user",
                "all users (s)", "p50 ratio");
    for (size_t m = 0; m < models.size(); ++m) {
        const double p50 = quantile(timing[m].perUserMs, 0.5);
        std::printf("%-36s %10lld %12.4f %12.4f %14.4f %9.1fx\n", models[m].label,
                    static_cast<long long>(trained[m]->parameterCount()), p50,
                    quantile(timing[m].perUserMs, 0.95), quantile(timing[m].allUsersS, 0.5),
                    p50 / studentP50);
    }
    std::printf(
        "\n%zu test users x %d rounds per model; ratio = model's median per-user latency / the "
        "student's.\n",
        users.size(), rounds);
    return 0;
}
