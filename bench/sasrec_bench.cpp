// `sasrec` under the protocol of pmixer/SASRec.pytorch (bench/sasrec_parity.sh runs the reference
// and this in the same script): leave-one-out by time, 100 sampled negatives per evaluated user,
// maxlen 200, hidden 50, 2 blocks, 1 head, dropout 0.2, BCE with one negative per position, Adam
// 1e-3 with beta2 0.98, batch 128, validation every 20 epochs, the last epoch's model tested.
// Prints one line per epoch and RESULT lines (median seconds per epoch without validation, the
// test metrics, sampled and full ranking). --padding masked runs the model with masked padding (the
// authors' TensorFlow behaviour, which skips the padding), attended (the default) as the reference.
//
//   bench_sasrec DATA [--epochs N] [--threads T] [--seed S] [--maxlen L] [--padding P]

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_median.h"
#include "data/data_loader.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "util/torch_info.h"

namespace {

using rdbench::median;

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: bench_sasrec DATA [--epochs N] [--threads T] [--seed S] "
                     "[--maxlen L] [--padding attended|masked]\n");
        return 2;
    }
    std::string path = argv[1];
    int epochs = 200, threads = 2, maxLen = 200;
    uint64_t seed = 2020;
    std::string padding = "attended";
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--epochs"))
            epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed"))
            seed = std::strtoull(argv[i + 1], nullptr, 10);
        else if (!std::strcmp(argv[i], "--maxlen"))
            maxLen = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--padding"))
            padding = argv[i + 1];
    }
    rd::setComputeThreads(threads);
    const rd::Dataset ds = rd::loadDataset(path).dataset;
    rd::SplitConfig sc;
    sc.kind = rd::SplitKind::LeaveOneOut;
    const rd::TrainingData data = rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, sc));

    rd::TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 128;
    c.learningRate = 0.001;
    c.adamBeta2 = 0.98;
    c.evalEvery = 20;
    c.patience = 0;
    c.select = "last";
    c.ks = {10};
    c.validMetric = "SampledNDCG@10";
    c.sampledNegatives = 100;
    c.seed = seed;
    c.threads = threads;
    const rd::ModelSpec spec{"sasrec",
                             {{"dim", 50},
                              {"layers", 2},
                              {"heads", 1},
                              {"dropout", 0.2},
                              {"max_len", maxLen},
                              {"loss", "bce"},
                              {"norm", "post"},
                              {"padding", padding}}};
    std::vector<double> trainOnly;
    rd::TrainCallbacks cb;
    cb.onEpoch = [&](const rd::EpochReport& r) {
        std::printf("epoch %d %.3f s loss %.4f", r.epoch, r.seconds, r.losses.front().second);
        if (r.evaluated)
            std::printf(" valid SampledNDCG@10 %.4f SampledHR@10 %.4f NDCG@10 %.4f",
                        r.valid.at("SampledNDCG@10"), r.valid.at("SampledHR@10"),
                        r.valid.at("NDCG@10"));
        else
            trainOnly.push_back(r.seconds);
        std::printf("\n");
        std::fflush(stdout);
    };
    std::printf(
        "data %s: %d users, %d items, %lld interactions; %d threads, seed %llu, padding %s\n",
        path.c_str(), data.numUsers, data.numItems, static_cast<long long>(ds.numInteractions()),
        threads, static_cast<unsigned long long>(seed), padding.c_str());
    const rd::TrainOutcome out = rd::trainModel(data, spec, c, "sasrec", cb);
    rd::EvalOptions eo;
    eo.ks = {10};
    eo.sampledNegatives = 100;
    const rd::EvalResult test = rd::evaluateModel(*out.model, data, eo);
    std::printf("RESULT epochs %d\n", out.epochsRun);
    std::printf("RESULT median_epoch_seconds %.4f\n", median(trainOnly));
    std::printf("RESULT train_seconds %.2f\n", out.trainSeconds);
    std::printf("RESULT test_SampledNDCG@10 %.4f\n", test.metrics.at("SampledNDCG@10"));
    std::printf("RESULT test_SampledHR@10 %.4f\n", test.metrics.at("SampledHR@10"));
    std::printf("RESULT test_NDCG@10 %.4f\n", test.metrics.at("NDCG@10"));
    std::printf("RESULT test_Hit@10 %.4f\n", test.metrics.at("Hit@10"));
    std::printf("RESULT eval_seconds %.3f\n", test.seconds);
    return out.status == "finished" ? 0 : 1;
}
