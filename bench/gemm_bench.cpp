// Float GEMM throughput of the LibTorch build as installed, and which BLAS it resolved to.
// The Debian LibTorch takes sgemm from whatever libblas.so.3 the loader finds: OpenBLAS through the
// alternatives system, or the reference BLAS (tens of times slower) when LD_LIBRARY_PATH or a
// misconfigured alternative points there. Training speed depends on it, so the figure is measured.
//
// Usage: bench_gemm [--threads N] [--reps N]

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

/** Paths of the mapped shared objects whose name mentions BLAS (reference, OpenBLAS, MKL...). */
std::vector<std::string> loadedBlas() {
    std::set<std::string> found;
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::string path = line.substr(slash);
        const std::string file = path.substr(path.rfind('/') + 1);
        if (file.find("blas") != std::string::npos || file.find("mkl") != std::string::npos ||
            file.find("lapack") != std::string::npos)
            found.insert(path);
    }
    return {found.begin(), found.end()};
}

double medianGflops(int64_t n, int reps) {
    torch::manual_seed(0);
    const torch::Tensor a = torch::randn({n, n});
    const torch::Tensor b = torch::randn({n, n});
    torch::Tensor c = torch::empty({n, n});
    // Warm-up: thread pool start, page faults of c, BLAS buffers.
    for (int k = 0; k < 2; ++k) torch::mm_out(c, a, b);
    std::vector<double> gflops;
    for (int k = 0; k < reps; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        torch::mm_out(c, a, b);
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        gflops.push_back(2.0 * static_cast<double>(n) * n * n / s * 1e-9);
    }
    std::sort(gflops.begin(), gflops.end());
    return gflops[gflops.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int reps = 7;
    for (int k = 1; k + 1 < argc; k += 2) {
        if (!std::strcmp(argv[k], "--threads"))
            threads = std::max(1, std::atoi(argv[k + 1]));
        else if (!std::strcmp(argv[k], "--reps"))
            reps = std::max(1, std::atoi(argv[k + 1]));
    }
    // Explicitly, because the default follows OMP_NUM_THREADS, which test and CI setups lower.
    torch::set_num_threads(threads);

    std::printf("torch threads: %d (hardware: %u)\n", torch::get_num_threads(),
                std::thread::hardware_concurrency());
    const char* ld = std::getenv("LD_LIBRARY_PATH");
    std::printf("LD_LIBRARY_PATH: %s\n", ld ? ld : "(unset)");
    for (int64_t n : {1024, 2048}) {
        // The reference BLAS is so slow that a 2048 GEMM takes seconds; fewer repetitions suffice.
        const double g = medianGflops(n, n > 1024 ? std::max(1, reps / 2) : reps);
        std::printf("sgemm %5lld x %-5lld  median %8.1f GFLOP/s\n", static_cast<long long>(n),
                    static_cast<long long>(n), g);
    }
    // After the GEMMs, so that lazily loaded BLAS back ends are mapped too.
    std::printf("BLAS libraries mapped:\n");
    for (const auto& path : loadedBlas()) std::printf("  %s\n", path.c_str());
    return 0;
}
