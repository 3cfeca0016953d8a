// Engine speed: seconds per training epoch (median) for mf, lightgcn and neumf on MovieLens 100K
// with the RecBole protocol's batch size, one full-ranking evaluation of all test users, evaluation
// time at 1x/2x/4x users on generated data, and peak memory training + evaluating a 1M-interaction
// set.
//
//   bench_engine [--data PATH] [--epochs N] [--threads T] [--skip-memory]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "data/demo_generator.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "util/torch_info.h"

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0
               : (v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]));
}

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double peakMb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

rd::TrainingData split(const rd::Dataset& ds) {
    return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, {}));
}

double evalSeconds(const rd::TrainedModel& m, const rd::TrainingData& d, int reps) {
    rd::EvalOptions eo;
    std::vector<double> t;
    for (int r = 0; r < reps; ++r) {
        const double s = now();
        rd::evaluateModel(m, d, eo);
        t.push_back(now() - s);
    }
    return median(t);
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/data/ml-100k";
    int epochs = 5, threads = 0;
    bool memory = true;
    for (int k = 1; k < argc; ++k) {
        if (!std::strcmp(argv[k], "--data") && k + 1 < argc)
            path = argv[++k];
        else if (!std::strcmp(argv[k], "--epochs") && k + 1 < argc)
            epochs = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--threads") && k + 1 < argc)
            threads = std::atoi(argv[++k]);
        else if (!std::strcmp(argv[k], "--skip-memory"))
            memory = false;
    }
    threads = rd::setComputeThreads(threads);
    std::printf("LibTorch %s, %d threads\n", rd::torchVersion().c_str(), threads);

    const rd::Dataset ds = rd::loadDataset(path).dataset;
    const rd::TrainingData data = split(ds);
    std::printf("%s: %d users, %d items, %zu training interactions, batch 2048\n\n",
                ds.name.c_str(), data.numUsers, data.numItems, data.trainUsers.size());
    struct Case {
        const char* label;
        rd::ModelSpec spec;
        double goal;
    };
    const std::vector<Case> cases = {
        {"mf (dim 64)", {"mf", {{"dim", 64}}}, 0.06},
        {"lightgcn (2 layers, dim 64)", {"lightgcn", {{"dim", 64}, {"layers", 2}}}, 0.30},
        {"neumf (dim 64, MLP 128-64)", {"neumf", {{"dim", 64}, {"mlp", {128, 64}}}}, 0.36},
    };
    const double evalGoal[] = {0.05, 0.05, 0.6};
    std::printf("%-30s %12s %8s %14s %8s\n", "model", "s/epoch", "goal", "full eval s", "goal");
    for (size_t c = 0; c < cases.size(); ++c) {
        rd::TrainConfig cfg;
        cfg.epochs = epochs;
        cfg.evalEvery = 0;
        const auto out = rd::trainModel(data, cases[c].spec, cfg);
        std::vector<double> s;
        for (size_t e = 1; e < out.history.size(); ++e)
            s.push_back(out.history[e].seconds);  // skip warm-up
        const double ev = evalSeconds(*out.model, data, 5);
        std::printf("%-30s %12.4f %8.2f %14.4f %8.2f\n", cases[c].label, median(s), cases[c].goal,
                    ev, evalGoal[c]);
    }

    std::printf("\nEvaluation scaling (mf dim 64, generated data, 1,500 items, all metrics):\n");
    std::printf("%10s %14s %14s\n", "users", "eval s", "s per 1k users");
    for (int mult : {1, 2, 4}) {
        rd::DemoConfig dc;
        dc.users = 2000 * mult;
        const rd::TrainingData d = split(rd::generateDemoDataset(dc));
        rd::TrainConfig cfg;
        cfg.epochs = 1;
        cfg.evalEvery = 0;
        const auto out = rd::trainModel(d, {"mf", {{"dim", 64}}}, cfg);
        const double ev = evalSeconds(*out.model, d, 3);
        std::printf("%10d %14.4f %14.4f\n", d.numUsers, ev, ev / d.numUsers * 1000);
    }

    if (memory) {
        rd::DemoConfig dc;
        dc.users = 16000;
        dc.items = 20000;
        dc.meanPerUser = 65;
        const double t0 = now();
        const rd::Dataset big = rd::generateDemoDataset(dc);
        const rd::TrainingData d = split(big);
        rd::TrainConfig cfg;
        cfg.epochs = 1;
        cfg.evalEvery = 0;
        const auto out = rd::trainModel(d, {"mf", {{"dim", 64}}}, cfg);
        rd::EvalOptions eo;
        const auto r = rd::evaluateModel(*out.model, d, eo);
        std::printf(
            "\n1M-interaction set: %lld interactions, %d users, %d items; 1 epoch + full "
            "evaluation "
            "%.1f s; peak memory %.0f MB (goal <= 1536 MB); NDCG@10 %.4f\n",
            static_cast<long long>(big.numInteractions()), d.numUsers, d.numItems, now() - t0,
            peakMb(), r.metrics.at("NDCG@10"));
    }
    return 0;
}
