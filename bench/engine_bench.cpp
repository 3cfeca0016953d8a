// Engine speed, every figure beside the plain PyTorch BPR loop (../shared/bench/torch_bpr.py, run
// in the same process's run, interleaved with ours) and the ratio:
//   - MF dim 64 s/epoch (median) on MovieLens 100K and on generated data of 1 M interactions, 1 and
//     2 threads, optimizer adam (exact; fused BPR steps, and every step through autograd) and
//     lazy_adam, and the PyTorch loop's s/epoch; each goal with its figure, thread scaling
//     included;
//   - full-ranking validation time (median of 3), 1 and 2 threads;
//   - the memory bound of the exact Adam pass at 1 M: a triad's bandwidth and the pass alone, 1 and
//     2 threads;
//   - LightGCN (3 layers) at 1 M, 1 and 2 threads, first epoch beside the others; NeuMF s/epoch;
//   - lazy_adam's accuracy against adam (MF on MovieLens 100K, trained to early stop);
//   - peak memory of 1 M (train + full evaluation) and 10 M interactions, each in a child process.
//
//   bench_engine [--data PATH] [--big SPEC] [--huge SPEC] [--epochs N] [--reference SCRIPT]
//                [--python EXE] [--skip-big] [--skip-huge] [--skip-accuracy] [--skip-lightgcn]
//                [--lightgcn-epochs N]
//   bench_engine --memory SPEC   (child: 1 MF epoch + full evaluation, prints time and peak MB)

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_median.h"
#include "data/data_loader.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/fused_adam.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "util/torch_info.h"
#include "util/work_pool.h"

namespace {

using rdbench::median;

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double peakMb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

rd::TrainingData load(const std::string& path) {
    const rd::Dataset ds = rd::loadDataset(path).dataset;
    return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, {}));
}

/** Median s/epoch of `epochs` epochs after the first (warm-up), no validation. fused = false: every
 *  step through autograd (train.fusedSteps off), the path before the fused BPR step. */
double epochSeconds(const rd::TrainingData& d, const rd::ModelSpec& spec, int epochs,
                    const std::string& optimizer, double* first = nullptr, bool fused = true) {
    rd::TrainConfig cfg;
    cfg.epochs = epochs + 1;
    cfg.evalEvery = 0;
    cfg.optimizer = optimizer;
    cfg.fusedSteps = fused;
    const auto out = rd::trainModel(d, spec, cfg);
    std::vector<double> s;
    for (size_t e = 1; e < out.history.size(); ++e) s.push_back(out.history[e].seconds);
    if (first) *first = out.history.empty() ? 0 : out.history[0].seconds;
    return median(s);
}

/** Median of 3 full-ranking validations (what training runs every epoch). */
double validationSeconds(const rd::TrainedModel& m, const rd::TrainingData& d) {
    rd::EvalOptions eo;
    eo.part = rd::SplitPart::Valid;
    eo.beyondAccuracy = false;
    std::vector<double> t;
    for (int r = 0; r < 3; ++r) {
        const double s = now();
        rd::evaluateModel(m, d, eo);
        t.push_back(now() - s);
    }
    return median(t);
}

/** The training part as LightGCN text (`user item item …`), what torch_bpr.py reads. */
std::string writeTrainTxt(const rd::TrainingData& d, const std::string& tag) {
    const std::string dir = (std::filesystem::temp_directory_path() /
                             ("rd-bench-" + tag + "-" + std::to_string(getpid())))
                                .string();
    std::filesystem::create_directories(dir);
    std::ofstream out(dir + "/train.txt");
    for (int32_t u = 0; u < d.numUsers; ++u) {
        if (d.train.degree(u) == 0) continue;
        out << u;
        for (int64_t p = d.train.begin(u); p < d.train.end(u); ++p) out << ' ' << d.train.items[p];
        out << '\n';
    }
    return dir;
}

struct Reference {
    std::string python = "/usr/bin/python3", script = "../shared/bench/torch_bpr.py";
    /** Median s/epoch of the PyTorch loop (epochs after the first), or -1 when it did not run. */
    double run(const std::string& dir, int epochs, int threads) const {
        const std::string cmd = python + " " + script + " " + dir + " " +
                                std::to_string(epochs + 1) + " " + std::to_string(threads) +
                                " 2>/dev/null";
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return -1;
        std::string text;
        char buf[4096];
        while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
        if (pclose(p) != 0) return -1;
        // {"epoch_s": [a, b, …], …}: no JSON library needed for one list of numbers.
        const size_t open = text.find('['), close = text.find(']');
        if (open == std::string::npos || close == std::string::npos) return -1;
        std::vector<double> v;
        const char* c = text.c_str() + open + 1;
        while (c < text.c_str() + close) {
            char* end;
            const double x = std::strtod(c, &end);
            if (end == c) break;
            v.push_back(x);
            c = end;
            while (*c == ',' || *c == ' ') ++c;
        }
        if (!v.empty()) v.erase(v.begin());  // warm-up, as ours
        return v.empty() ? -1 : median(v);
    }
};

/** The load average when a figure was taken (the machine is shared). */
std::string loadAverage() {
    double l[3] = {0, 0, 0};
    if (getloadavg(l, 3) < 1) return "?";
    char buf[64];
    std::snprintf(buf, sizeof buf, "load %.2f %.2f %.2f", l[0], l[1], l[2]);
    return buf;
}

/** MF against the PyTorch loop at 1 and 2 threads, then each figure beside its goal. big: the 1 M
 *  set's goals (≤ 3 s/epoch on 2 threads, validation ≤ 5 s, 2 threads ≥ 1.6× one); otherwise
 *  MovieLens 100K's (2 threads never slower than one). */
void compareMf(const char* label, const rd::TrainingData& d, const std::string& dir, int epochs,
               const Reference& ref, bool big) {
    std::printf("\n%s: %d users, %d items, %zu training interactions, MF dim 64, batch 2048\n",
                label, d.numUsers, d.numItems, d.trainUsers.size());
    std::printf("%8s %12s %12s %12s %12s %9s %9s %12s  %s\n", "threads", "adam s/ep",
                "autograd s/ep", "lazy s/ep", "PyTorch s/ep", "ratio", "ratio ag", "validation s",
                "conditions");
    double ours[2] = {0, 0}, theirs[2] = {0, 0}, valid[2] = {0, 0};
    for (int threads : {1, 2}) {
        rd::setComputeThreads(threads);
        const std::string before = loadAverage();
        const double fused = epochSeconds(d, {"mf", {{"dim", 64}}}, epochs, "adam");
        const double autograd =
            epochSeconds(d, {"mf", {{"dim", 64}}}, epochs, "adam", nullptr, false);
        const double torchLoop = ref.run(dir, epochs, threads);
        const double lazy = epochSeconds(d, {"mf", {{"dim", 64}}}, epochs, "lazy_adam");
        rd::TrainConfig one;
        one.epochs = 1;
        one.evalEvery = 0;
        const auto m = rd::trainModel(d, {"mf", {{"dim", 64}}}, one);
        const double v = validationSeconds(*m.model, d);
        ours[threads - 1] = fused;
        theirs[threads - 1] = torchLoop;
        valid[threads - 1] = v;
        std::printf("%8d %12.4f %12.4f %12.4f %12.4f %8.1fx %8.1fx %12.3f  %s\n", threads, fused,
                    autograd, lazy, torchLoop, torchLoop / fused, torchLoop / autograd, v,
                    (before + " -> " + loadAverage()).c_str());
        std::fflush(stdout);
    }
    std::printf("  goal: >= 5x the PyTorch loop: 1 thread %.1fx, 2 threads %.1fx\n",
                theirs[0] / ours[0], theirs[1] / ours[1]);
    if (big) {
        std::printf(
            "  goal: <= 3 s/epoch on 2 threads: %.2f s; validation <= 5 s on 2 threads: "
            "%.2f s\n",
            ours[1], valid[1]);
        std::printf("  goal: 2 threads >= 1.6x one: training %.2fx, validation %.2fx\n",
                    ours[0] / ours[1], valid[0] / valid[1]);
    } else {
        std::printf(
            "  goal: 2 threads never slower than one: training %.2fx, validation %.2fx "
            "(one / two)\n",
            ours[0] / ours[1], valid[0] / valid[1]);
    }
}

/**
 * What bounds the exact Adam pass at 2 threads: the pass reads and writes parameter and both
 * moments of every row at every step (24 bytes per element), so it moves memory, and two threads
 * can only be as much faster as the memory system lets two cores be. Prints a triad's bandwidth
 * (a[i] = b[i] + s·c[i] over 3 × 18 MB arrays, the tables' size at 1 M) and FusedAdam's pass over
 * 4.5 M floats with no gradient, on 1 and 2 threads (median of 20).
 */
void memoryBound(int64_t elements) {
    std::printf("\nmemory bound of the exact Adam pass (%lld floats per array):\n",
                static_cast<long long>(elements));
    std::vector<float> a(elements, 0.f), b(elements, 1.f), c(elements, 2.f);
    auto param = torch::zeros({elements / 64, 64});
    param.mutable_grad() = torch::Tensor();
    double triad[2] = {0, 0}, adam[2] = {0, 0};
    for (int threads : {1, 2}) {
        rd::setComputeThreads(threads);
        std::vector<double> t, u;
        for (int r = 0; r < 20; ++r) {
            const double s = now();
            rd::parallelChunks(elements, 65536, threads, [&](int64_t i0, int64_t i1) {
                for (int64_t i = i0; i < i1; ++i) a[i] = b[i] + 0.5f * c[i];
            });
            t.push_back(now() - s);
        }
        // A first step with a dense zero gradient starts the moments; then steps without gradient
        // are the pass over untouched rows that exact Adam makes every step.
        rd::FusedAdam opt({param}, 1e-3);
        param.mutable_grad() = torch::zeros_like(param);
        opt.step();
        for (int r = 0; r < 20; ++r) {
            const double s = now();
            opt.step();
            u.push_back(now() - s);
        }
        triad[threads - 1] = 3.0 * 4.0 * static_cast<double>(elements) / median(t) / 1e9;
        adam[threads - 1] = median(u) * 1e3;
        std::printf("  %d thread(s): triad %.1f GB/s; Adam pass %.2f ms (%.1f GB/s)  %s\n", threads,
                    triad[threads - 1], adam[threads - 1],
                    6.0 * 4.0 * static_cast<double>(elements) / (adam[threads - 1] / 1e3) / 1e9,
                    loadAverage().c_str());
    }
    std::printf("  two threads / one: triad %.2fx, Adam pass %.2fx\n", triad[1] / triad[0],
                adam[0] / adam[1]);
}

/** LightGCN (3 layers, dim 64) s/epoch at 1 and 2 threads, first epoch beside the others. */
void lightGcn(const rd::TrainingData& d, int epochs) {
    std::printf("\nlightgcn (3 layers, dim 64), median of %d epoch(s) after the first:\n", epochs);
    std::printf("%8s %12s %14s  %s\n", "threads", "s/epoch", "first epoch s", "conditions");
    double s[2] = {0, 0};
    for (int threads : {1, 2}) {
        rd::setComputeThreads(threads);
        const std::string before = loadAverage();
        double first = 0;
        s[threads - 1] =
            epochSeconds(d, {"lightgcn", {{"dim", 64}, {"layers", 3}}}, epochs, "adam", &first);
        std::printf("%8d %12.2f %14.2f  %s\n", threads, s[threads - 1], first,
                    (before + " -> " + loadAverage()).c_str());
        std::fflush(stdout);
    }
    std::printf("  goal: <= 20 s/epoch: %.2f s on 2 threads (%.2f s on one; 2 threads %.2fx one)\n",
                s[1], s[0], s[0] / s[1]);
}

int memoryChild(const std::string& spec) {
    rd::setComputeThreads(0);
    const double t0 = now();
    const rd::TrainingData d = load(spec);
    const double t1 = now();
    rd::TrainConfig cfg;
    cfg.epochs = 1;
    cfg.evalEvery = 0;
    const auto out = rd::trainModel(d, {"mf", {{"dim", 64}}}, cfg);
    const double t2 = now();
    rd::EvalOptions eo;
    const auto r = rd::evaluateModel(*out.model, d, eo);
    const double t3 = now();
    std::printf(
        "%s: %zu training interactions, %d users, %d items; generate + split %.1f s, 1 MF epoch "
        "%.1f s, full evaluation (all metrics) %.1f s; peak memory %.0f MB; NDCG@10 %.4f\n",
        spec.c_str(), d.trainUsers.size(), d.numUsers, d.numItems, t1 - t0, t2 - t1, t3 - t2,
        peakMb(), r.metrics.at("NDCG@10"));
    return 0;
}

void memoryRun(const std::string& spec, double goalMb) {
    // The path of this executable: "/proc/self/exe" inside the command would name the shell.
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string cmd = "'" + self + "' --memory '" + spec + "'";
    std::fflush(stdout);
    if (std::system(cmd.c_str()) != 0) std::printf("%s: the child failed\n", spec.c_str());
    std::printf("  (goal: peak <= %.0f MB)\n", goalMb);
}

void accuracy(const rd::TrainingData& d) {
    std::printf("\nMF dim 64 on MovieLens 100K to early stop (patience 10 on MRR@10), test:\n");
    for (const char* opt : {"adam", "lazy_adam"}) {
        rd::TrainConfig cfg;
        cfg.optimizer = opt;
        const auto out = rd::trainModel(d, {"mf", {{"dim", 64}}}, cfg);
        rd::EvalOptions eo;
        const auto r = rd::evaluateModel(*out.model, d, eo);
        std::printf("%10s  Recall@10 %.4f  NDCG@10 %.4f  MRR@10 %.4f  epochs %d (best %d)\n", opt,
                    r.metrics.at("Recall@10"), r.metrics.at("NDCG@10"), r.metrics.at("MRR@10"),
                    out.epochsRun, out.bestEpoch);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string path = "../shared/data/ml-100k";
    std::string big = "demo:users=30000,items=41000,interactions=1000000,seed=1";
    std::string huge = "demo:users=70000,items=10000,interactions=10000000,seed=1";
    int epochs = 5;
    int gcnEpochs = 1;
    bool doBig = true, doHuge = true, doAccuracy = true, doGcn = true;
    Reference ref;
    for (int k = 1; k < argc; ++k) {
        auto next = [&] { return k + 1 < argc ? std::string(argv[++k]) : std::string(); };
        if (!std::strcmp(argv[k], "--memory")) return memoryChild(next());
        if (!std::strcmp(argv[k], "--data"))
            path = next();
        else if (!std::strcmp(argv[k], "--big"))
            big = next();
        else if (!std::strcmp(argv[k], "--huge"))
            huge = next();
        else if (!std::strcmp(argv[k], "--epochs"))
            epochs = std::atoi(next().c_str());
        else if (!std::strcmp(argv[k], "--reference"))
            ref.script = next();
        else if (!std::strcmp(argv[k], "--python"))
            ref.python = next();
        else if (!std::strcmp(argv[k], "--skip-big"))
            doBig = false;
        else if (!std::strcmp(argv[k], "--skip-huge"))
            doHuge = false;
        else if (!std::strcmp(argv[k], "--skip-accuracy"))
            doAccuracy = false;
        else if (!std::strcmp(argv[k], "--skip-lightgcn"))
            doGcn = false;
        else if (!std::strcmp(argv[k], "--lightgcn-epochs"))
            gcnEpochs = std::atoi(next().c_str());
    }
    std::printf("LibTorch %s; medians of %d epochs after a warm-up epoch; ratio = PyTorch / ours\n",
                rd::torchVersion().c_str(), epochs);

    const rd::TrainingData small = load(path);
    const std::string smallDir = writeTrainTxt(small, "small");
    compareMf("MovieLens 100K", small, smallDir, epochs, ref, false);

    rd::setComputeThreads(2);
    std::printf("\nOther models on MovieLens 100K, 2 threads:\n");
    std::printf("%-34s %12s %14s\n", "model", "s/epoch", "validation s");
    const std::vector<std::pair<const char*, rd::ModelSpec>> others = {
        {"lightgcn (2 layers, dim 64)", {"lightgcn", {{"dim", 64}, {"layers", 2}}}},
        {"neumf (dim 64, MLP 128-64)", {"neumf", {{"dim", 64}, {"mlp", {128, 64}}}}},
    };
    for (const auto& [label, spec] : others) {
        const double s = epochSeconds(small, spec, epochs, "adam");
        rd::TrainConfig one;
        one.epochs = 1;
        one.evalEvery = 0;
        const auto m = rd::trainModel(small, spec, one);
        std::printf("%-34s %12.4f %14.4f\n", label, s, validationSeconds(*m.model, small));
    }
    if (doAccuracy) accuracy(small);
    std::filesystem::remove_all(smallDir);

    if (doBig) {
        const rd::TrainingData d = load(big);
        const std::string dir = writeTrainTxt(d, "big");
        compareMf(big.c_str(), d, dir, epochs, ref, true);
        std::filesystem::remove_all(dir);
        memoryBound(int64_t{d.numUsers + d.numItems} * 64);
        if (doGcn) lightGcn(d, gcnEpochs);
        std::printf("\nPeak memory, each in its own process (all cores):\n");
        memoryRun(big, 1024);
    }
    if (doHuge) memoryRun(huge, 6144);
    return 0;
}
