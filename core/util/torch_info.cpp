#include "util/torch_info.h"

#include <torch/torch.h>

#include <thread>

namespace rd {

std::string torchVersion() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

int setComputeThreads(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // LibTorch picks one intra-op thread by default on these machines; always set it explicitly.
    torch::set_num_threads(threads);
    return torch::get_num_threads();
}

int computeThreads() { return torch::get_num_threads(); }

}  // namespace rd
