#include "engine/fused_adam.h"

#include <algorithm>
#include <stdexcept>

#include "engine/adam_kernel.h"
#include "util/torch_info.h"
#include "util/work_pool.h"

namespace rd {

namespace {
constexpr double kBeta1 = 0.9, kEps = 1e-8;
// Below this many elements a parameter is updated on the calling thread: waking a worker costs more
// than the update (MovieLens 100K's tables are 110k elements: ~40 µs on one core).
constexpr int64_t kParallelElements = int64_t{1} << 18;
constexpr int64_t kChunk = 4096;  // elements per kernel call; a multiple of every row size we meet
// Kernel calls per chunk a thread claims (64 K elements): small enough that a thread that loses its
// core to other work holds little of the pass.
constexpr int64_t kCallsPerChunk = 16;
}  // namespace

FusedAdam::FusedAdam(std::vector<torch::Tensor> params, double lr, Kind kind, double weightDecay,
                     double beta2)
    : lr_(lr), kind_(kind), weightDecay_(weightDecay), beta2_(beta2) {
    for (auto& p : params) {
        if (p.scalar_type() != torch::kFloat || !p.is_contiguous())
            throw std::invalid_argument("FusedAdam: parameters must be contiguous float tensors");
        State s;
        s.param = p;
        states_.push_back(std::move(s));
    }
}

FusedAdam::Kind FusedAdam::kindFromName(const std::string& name) {
    if (name == "adam") return Kind::Adam;
    if (name == "lazy_adam") return Kind::LazyAdam;
    throw std::invalid_argument("unknown optimizer \"" + name + "\" (expected adam or lazy_adam)");
}

void FusedAdam::clearGradients() {
    for (auto& s : states_) s.param.mutable_grad() = torch::Tensor();
}

void FusedAdam::step(double gradScale) {
    ++globalStep_;
    gradScale_ = gradScale;
    torch::NoGradGuard guard;
    for (auto& s : states_) stepOne(s);
    clearGradients();
}

void FusedAdam::accumulateRows(State& s, const torch::Tensor& sparseGrad) {
    const int64_t rows = s.param.size(0), d = s.param.numel() / std::max<int64_t>(1, rows);
    if (s.slot.empty()) s.slot.assign(static_cast<size_t>(rows), -1);
    const torch::Tensor idx = sparseGrad._indices().contiguous();
    const torch::Tensor val = sparseGrad._values().contiguous();
    const int64_t nnz = idx.size(1);
    const int64_t* ids = idx.data_ptr<int64_t>();
    const float* src = val.data_ptr<float>();
    touched_.clear();
    if (rowGrads_.size() < static_cast<size_t>(nnz * d)) rowGrads_.resize(nnz * d);
    // Sequential: the order of additions (and so the result) does not depend on threads.
    for (int64_t k = 0; k < nnz; ++k) {
        const int64_t r = ids[k];
        float* dst;
        if (s.slot[r] < 0) {
            s.slot[r] = static_cast<int32_t>(touched_.size());
            touched_.push_back(r);
            dst = rowGrads_.data() + s.slot[r] * d;
            std::copy(src + k * d, src + (k + 1) * d, dst);
        } else {
            dst = rowGrads_.data() + s.slot[r] * d;
            for (int64_t j = 0; j < d; ++j) dst[j] += src[k * d + j];
        }
    }
}

void FusedAdam::stepOne(State& s) {
    const torch::Tensor& grad = s.param.grad();
    if (!grad.defined() && !s.started) return;  // torch.optim.Adam skips a parameter without grad
    if (!s.started) {
        s.m = torch::zeros_like(s.param);
        s.v = torch::zeros_like(s.param);
        s.started = true;
    }
    ++s.steps;
    const int threads = tableThreads();
    float* p = s.param.data_ptr<float>();
    float* m = s.m.data_ptr<float>();
    float* v = s.v.data_ptr<float>();
    const int64_t n = s.param.numel();
    const bool sparse = grad.defined() && grad.is_sparse();
    const bool lazy = kind_ == Kind::LazyAdam && (sparse || !grad.defined());
    AdamCoefficients c =
        AdamCoefficients::at(lr_, kBeta1, beta2_, kEps, lazy ? globalStep_ : s.steps);
    c.weightDecay = static_cast<float>(weightDecay_);
    c.gradScale = static_cast<float>(gradScale_);

    if (!sparse) {
        if (lazy) return;  // no rows named: nothing moves
        torch::Tensor dense;
        if (grad.defined()) dense = grad.contiguous();
        const float* g = dense.defined() ? dense.data_ptr<float>() : nullptr;
        parallelChunks(n, kChunk * kCallsPerChunk, n >= kParallelElements ? threads : 1,
                       [&](int64_t a0, int64_t a1) {
                           for (int64_t a = a0; a < a1; a += kChunk)
                               adamUpdate(p + a, m + a, v + a, g ? g + a : nullptr,
                                          std::min(kChunk, a1 - a), c);
                       });
        return;
    }

    accumulateRows(s, grad);
    const int64_t rows = s.param.size(0), d = n / std::max<int64_t>(1, rows);
    const float* buf = rowGrads_.data();
    if (lazy) {
        for (size_t k = 0; k < touched_.size(); ++k) {
            const int64_t r = touched_[k];
            adamUpdate(p + r * d, m + r * d, v + r * d, buf + k * d, d, c);
        }
    } else {
        const int32_t* slot = s.slot.data();
        // Runs of untouched rows go to the kernel as one span; a touched row with its gradient.
        // Threads claim chunks of rows from a shared counter and the caller never waits for a
        // worker that has not started (util/work_pool.h): with OpenMP's fork-join, a step on a busy
        // machine waited until the second thread had run at all (1 M set, a build beside: 1.4-1.7
        // s/epoch on one thread, 3.8-7.1 s on two).
        const int64_t rowsPerChunk =
            kCallsPerChunk * std::max<int64_t>(1, kChunk / std::max<int64_t>(1, d));
        parallelChunks(
            rows, rowsPerChunk, n >= kParallelElements ? threads : 1, [&](int64_t r0, int64_t r1) {
                int64_t run = r0;
                for (int64_t r = r0; r < r1; ++r) {
                    if (slot[r] < 0) continue;
                    if (run < r)
                        adamUpdate(p + run * d, m + run * d, v + run * d, nullptr, (r - run) * d,
                                   c);
                    adamUpdate(p + r * d, m + r * d, v + r * d, buf + slot[r] * d, d, c);
                    run = r + 1;
                }
                if (run < r1)
                    adamUpdate(p + run * d, m + run * d, v + run * d, nullptr, (r1 - run) * d, c);
            });
    }
    for (int64_t r : touched_) s.slot[r] = -1;
}

}  // namespace rd
