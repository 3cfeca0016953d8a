#include "distill/expert_bank.h"

#include <algorithm>
#include <cmath>

#include "catalog/tr_noop.h"
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

torch::Tensor ExpertBank::select(const torch::Tensor& teacher, double tau, bool hard, Rng& rng,
                                 torch::Tensor* soft) const {
    auto logits = torch::log_softmax(torch::addmm(selB_, teacher, selW_), -1);
    auto y = gumbelSoftmax(logits, tau, false, rng);  // the same noise draw as a hard call
    if (soft) *soft = y;
    if (!hard) return y;
    auto oneHot = torch::zeros_like(y).scatter_(-1, y.argmax(-1, true), 1.0);
    return (oneHot - y).detach() + y;  // straight-through
}

torch::Tensor ExpertBank::assign(const torch::Tensor& teacher) const {
    torch::NoGradGuard constant;
    return torch::addmm(selB_, teacher, selW_).argmax(-1);
}

torch::Tensor ExpertBank::mapDense(const torch::Tensor& student, const torch::Tensor& z) const {
    // Σ_m z_m (relu(s W1_m + b1_m) W2_m + b2_m) as two wide products: the M hidden layers side by
    // side [n, M·H], each block scaled by its z_m, times the M second layers stacked [M·H, dim_t],
    // plus z B2. Same products as M separate experts, but no [M, n, dim_t] output to write, weight
    // and sum: the dense path (every epoch before τ anneals) runs about twice as fast
    // (bench_experts).
    const int64_t experts = w1_.size(0), hidden = w1_.size(2), n = student.size(0);
    auto w1 = w1_.permute({1, 0, 2}).reshape({w1_.size(1), experts * hidden});
    auto h = torch::relu(torch::addmm(b1_.reshape({experts * hidden}), student, w1));
    auto weighted = (h.view({n, experts, hidden}) * z.unsqueeze(-1)).view({n, experts * hidden});
    return torch::addmm(torch::mm(z, b2_.reshape({experts, w2_.size(2)})), weighted,
                        w2_.reshape({experts * hidden, w2_.size(2)}));
}

/** The former formulation (one batched product per layer over [M, n, ·]); bench_experts compares.
 */
torch::Tensor ExpertBank::mapBatched(const torch::Tensor& student, const torch::Tensor& z) const {
    const int64_t experts = w1_.size(0);
    auto x = student.unsqueeze(0).expand({experts, student.size(0), student.size(1)});
    auto out = torch::baddbmm(b2_, torch::relu(torch::baddbmm(b1_, x, w1_)), w2_);  // [M, n, dim_t]
    return (z.t().unsqueeze(-1) * out).sum(0);
}

torch::Tensor ExpertBank::map(const torch::Tensor& student, const torch::Tensor& z,
                              const torch::Tensor& soft) const {
    const torch::Tensor& weights = soft.defined() ? soft : z;
    torch::Tensor oneHot;
    {
        torch::NoGradGuard guard;
        oneHot = (std::get<0>(weights.max(-1)) == 1) & ((weights > 0).sum(-1) == 1);
    }
    const int64_t exact = oneHot.sum().item<int64_t>();
    if (exact == 0) return mapDense(student, z);
    const int64_t n = student.size(0);
    auto rows = oneHot.nonzero().squeeze(1);
    auto chosen = weights.index_select(0, rows).argmax(-1);
    // Group the exact rows by expert: one small product per used expert instead of M over all rows.
    std::vector<torch::Tensor> parts, index;
    {
        auto chosenCpu = chosen.contiguous();
        const int64_t* c = chosenCpu.data_ptr<int64_t>();
        std::vector<std::vector<int64_t>> byExpert(static_cast<size_t>(w1_.size(0)));
        for (int64_t r = 0; r < rows.size(0); ++r) byExpert[static_cast<size_t>(c[r])].push_back(r);
        for (size_t m = 0; m < byExpert.size(); ++m) {
            if (byExpert[m].empty()) continue;
            auto local = torch::tensor(byExpert[m], torch::kLong);
            auto s = student.index_select(0, rows.index_select(0, local));
            const auto e = static_cast<int64_t>(m);
            auto h = torch::relu(torch::addmm(b1_[e], s, w1_[e]));
            auto o = torch::addmm(b2_[e], h, w2_[e]);
            // Keep z in the graph (its weight is exactly 1 here) so the straight-through path
            // exists.
            auto w = z.index_select(0, rows.index_select(0, local))
                         .index_select(1, local.new_full({1}, e));
            parts.push_back(o * w);
            index.push_back(local);
        }
    }
    auto sparse = torch::cat(parts).index_select(0, torch::argsort(torch::cat(index)));
    if (exact == n) return sparse;
    auto rest = (~oneHot).nonzero().squeeze(1);
    auto dense = mapDense(student.index_select(0, rest), z.index_select(0, rest));
    auto order = torch::argsort(torch::cat({rows, rest}));
    return torch::cat({sparse, dense}).index_select(0, order);
}

double ExpertBank::annealedTau(int epoch, double start, double end, int epochs) {
    const double progress =
        std::min(1.0, std::max(0, epoch - 1) / static_cast<double>(std::max(1, epochs)));
    return start * std::pow(end / start, progress);
}

torch::Tensor expertHintLoss(const torch::Tensor& teacher, const torch::Tensor& mapped) {
    return (teacher - mapped).pow(2).sum(-1);
}

ParamSchema gumbelAnnealingSchema(int annealEpochs) {
    return {
        {"tau_start",
         ParamSpec::Type::Float,
         1.0,
         1e-12,
         100,
         {},
         RD_TR_NOOP("rd::CoreText", "Gumbel-softmax temperature at epoch 1")},
        {"tau_end",
         ParamSpec::Type::Float,
         1e-10,
         1e-12,
         100,
         {},
         RD_TR_NOOP("rd::CoreText", "temperature after annealing")},
        {"anneal_epochs",
         ParamSpec::Type::Int,
         annealEpochs,
         1,
         100000,
         {},
         RD_TR_NOOP("rd::CoreText", "epochs over which τ decays geometrically")},
    };
}

}  // namespace rd
