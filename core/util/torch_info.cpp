#include "util/torch_info.h"

#include <torch/torch.h>

#include <malloc.h>

#include <atomic>
#include <thread>

namespace rd {

std::string torchVersion() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

namespace {
std::atomic<int> configuredThreads{1};
}

int tableThreads() {
    return configuredThreads.load();
}

int setComputeThreads(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // LibTorch picks one intra-op thread by default on these machines; always set it explicitly.
    torch::set_num_threads(threads);
    // Subnormal floats (below 1.2e-38) cost x86 cores ~100 cycles per operation: a softmax at a
    // small temperature (DE/HTD's annealed Gumbel weights, soft labels) fills tensors with them and
    // an epoch took 10x longer (bench_experts --tau 0.07: 3.4 s vs 0.48 s). Flush them to zero, as
    // GPUs do, on this thread and on each intra-op worker (the flag lives in each thread's MXCSR).
    at::globalContext().setFlushDenormal(true);
    // Training allocates and frees tensors the size of whole embedding tables at every step
    // (LightGCN's propagated layers and their gradients: 18 MB each at 1 M interactions). glibc
    // gives blocks over its mmap threshold back to the kernel on free, so every step paid ~4,500
    // page faults per block (13 % of a LightGCN epoch). Blocks up to 64 MB now come from the heap
    // and the heap is trimmed only past 1 GB free, so a step reuses the last step's memory (a
    // SASRec step on MovieLens 100K frees ~400 MB of attention matrices: with 256 MB, page faults
    // were 13 % of its profile).
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    at::parallel_for(0, torch::get_num_threads(), 1,
                     [](int64_t, int64_t) { at::globalContext().setFlushDenormal(true); });
    configuredThreads = torch::get_num_threads();
    return torch::get_num_threads();
}

int computeThreads() {
    return torch::get_num_threads();
}

}  // namespace rd
