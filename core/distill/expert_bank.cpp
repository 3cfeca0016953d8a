#include "distill/expert_bank.h"

#include <algorithm>
#include <cmath>

#include "distill/distill_sampling.h"
#include "util/rng.h"

namespace rd {

namespace {

torch::Tensor uniformInit(at::IntArrayRef shape, int64_t fanIn, Rng& rng) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(std::max<int64_t>(1, fanIn)));
    return ((uniformTensor(shape, rng) * 2 - 1) * bound).requires_grad_(true);
}

}  // namespace

ExpertBank::ExpertBank(int64_t experts, int64_t studentDim, int64_t teacherDim, Rng& rng) {
    const int64_t hidden = (studentDim + teacherDim) / 2;
    // All experts as batched tensors: one bmm per layer instead of M small matmuls.
    w1_ = uniformInit({experts, studentDim, hidden}, studentDim, rng);
    b1_ = uniformInit({experts, 1, hidden}, studentDim, rng);
    w2_ = uniformInit({experts, hidden, teacherDim}, hidden, rng);
    b2_ = uniformInit({experts, 1, teacherDim}, hidden, rng);
    selW_ = uniformInit({teacherDim, experts}, teacherDim, rng);
    selB_ = uniformInit({experts}, teacherDim, rng);
}

torch::Tensor ExpertBank::select(const torch::Tensor& teacher, double tau, bool hard,
                                 Rng& rng) const {
    auto logits = torch::log_softmax(torch::addmm(selB_, teacher, selW_), -1);
    return gumbelSoftmax(logits, tau, hard, rng);
}

torch::Tensor ExpertBank::map(const torch::Tensor& student, const torch::Tensor& z) const {
    const int64_t experts = w1_.size(0);
    auto x = student.unsqueeze(0).expand({experts, student.size(0), student.size(1)});
    auto out = torch::baddbmm(b2_, torch::relu(torch::baddbmm(b1_, x, w1_)), w2_);  // [M, n, dim_t]
    return (z.t().unsqueeze(-1) * out).sum(0);
}

double ExpertBank::annealedTau(int epoch, double start, double end, int epochs) {
    const double progress =
        std::min(1.0, std::max(0, epoch - 1) / static_cast<double>(std::max(1, epochs)));
    return start * std::pow(end / start, progress);
}

torch::Tensor expertHintLoss(const torch::Tensor& teacher, const torch::Tensor& mapped) {
    return (teacher - mapped).pow(2).sum(-1);
}

ParamSchema gumbelAnnealingSchema() {
    return {
        {"tau_start", ParamSpec::Type::Float, 1.0, 1e-12, 100, {}, "Gumbel-softmax temperature at epoch 1"},
        {"tau_end", ParamSpec::Type::Float, 1e-10, 1e-12, 100, {}, "temperature after annealing"},
        {"anneal_epochs", ParamSpec::Type::Int, 100, 1, 100000, {}, "epochs over which τ decays geometrically"},
    };
}

}  // namespace rd
