// DE/HTD's expert bank before τ anneals: every expert maps every entity of a batch. Times forward
// plus backward of the dense sum Σ_m z_m E_m(s) in its two formulations, in one run: mapBatched
// (one bmm per layer over [M, n, ·], the former code) and mapDense (wide products over the M
// experts side by side). Sizes are ml100k-distill.json's: 30 experts, student dim 16 → teacher dim
// 128, ~2,600 entities a batch.
//
//   bench_experts [--threads N] [--rows N] [--repeats N] [--student-dim N] [--as-training 0|1]
//                 [--tau τ] [--flush-denormal 0|1]
//
// --as-training 1 (the default) sets the process up as training does (rd::setComputeThreads:
// subnormals flushed, glibc's allocator keeping freed blocks of up to 64 MB for reuse); 0 leaves
// LibTorch's and glibc's defaults, where every call's [rows, 30 · H] hidden layer is fresh memory
// from the kernel (page faults on every touch) and --flush-denormal 1 sets the flush alone.
//
// It also prints the dense map's arithmetic rate: 6 · M · H · (dim_s + dim_t) floating-point
// operations a row (the two layers' products forward, and two products each backward), to set
// beside bench_gemm's plain sgemm rate on the same machine.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "distill/expert_bank.h"
#include "util/rng.h"
#include "util/torch_info.h"

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int threads = 1, rows = 2600, repeats = 15, studentDim = 16;
    const int experts = 30, teacherDim = 128;
    double tau = 1;
    bool flush = false, asTraining = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--rows")) rows = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--student-dim")) studentDim = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--tau")) tau = std::atof(argv[i + 1]);
        if (!std::strcmp(argv[i], "--flush-denormal")) flush = std::atoi(argv[i + 1]) != 0;
        if (!std::strcmp(argv[i], "--as-training")) asTraining = std::atoi(argv[i + 1]) != 0;
    }
    if (asTraining) {
        rd::setComputeThreads(threads);
    } else {
        torch::set_num_threads(threads);
        if (flush) at::globalContext().setFlushDenormal(true);
    }
    torch::manual_seed(1);
    rd::Rng rng(1);
    rd::ExpertBank bank(experts, studentDim, teacherDim, rng);
    auto s = torch::randn({rows, studentDim}).requires_grad_(true);
    auto z = torch::softmax(torch::randn({rows, experts}) * 3 / tau, -1).requires_grad_(true);
    auto target = torch::randn({rows, teacherDim});
    auto time = [&](bool dense) {
        auto start = std::chrono::steady_clock::now();
        auto out = dense ? bank.mapDense(s, z) : bank.mapBatched(s, z);
        rd::expertHintLoss(target, out).mean().backward();
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    };
    std::vector<double> batched, dense;
    for (int r = 0; r < repeats + 2; ++r) {  // interleaved; the first two rounds warm up
        const double b = time(false), d = time(true);
        if (r >= 2) {
            batched.push_back(b);
            dense.push_back(d);
        }
    }
    const double mb = median(batched), md = median(dense);
    const int hidden = (studentDim + teacherDim) / 2;
    std::printf(
        "expert bank, %d experts %d→%d→%d, %d rows, %d thread(s), forward+backward, median of "
        "%d, %s\n",
        experts, studentDim, hidden, teacherDim, rows, threads, repeats,
        asTraining ? "set up as training (rd::setComputeThreads)"
                   : (flush ? "library defaults, subnormals flushed" : "library defaults"));
    std::printf("  mapBatched (bmm over [M, n, ·]): %8.2f ms\n", mb);
    std::printf("  mapDense   (wide products):      %8.2f ms\n", md);
    std::printf("  ratio %.2f×\n", mb / md);
    const double flops = 6.0 * experts * hidden * (studentDim + teacherDim) * rows;
    std::printf("  mapDense: %.2f GFLOP a call, %.1f GFLOP/s\n", flops / 1e9, flops / 1e6 / md);
    return 0;
}
