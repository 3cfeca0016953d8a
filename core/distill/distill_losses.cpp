#include "distill/distill_losses.h"

#include <algorithm>
#include <numeric>

namespace rd {

torch::Tensor softLabelLoss(const torch::Tensor& student, const torch::Tensor& teacher,
                            double tau) {
    auto logPt = torch::log_softmax(teacher / tau, -1);
    auto logPs = torch::log_softmax(student / tau, -1);
    return tau * tau * (logPt.exp() * (logPt - logPs)).sum(-1);
}

torch::Tensor rankDistillWeights(int64_t k, double positionTemp) {
    auto r = torch::arange(1, k + 1, torch::kFloat);
    auto w = torch::exp(-r / positionTemp);
    return w / w.sum();
}

torch::Tensor rankDistillLoss(const torch::Tensor& student, const torch::Tensor& weights) {
    return -(torch::log_sigmoid(student) * weights).sum(-1);
}

torch::Tensor collaborativeDistillWeights(const torch::Tensor& teacher, double temperature) {
    return torch::sigmoid(teacher / temperature);
}

torch::Tensor collaborativeDistillLoss(const torch::Tensor& student, const torch::Tensor& teacher,
                                       double temperature) {
    auto w = collaborativeDistillWeights(teacher, temperature);
    // log(1 − σ(s)) = log σ(−s): stable for large scores.
    return -(w * torch::log_sigmoid(student) + (1 - w) * torch::log_sigmoid(-student)).mean(-1);
}

torch::Tensor relaxedRankingLoss(const torch::Tensor& ordered, const torch::Tensor& below) {
    // log Σ_{l≥k} e^{s_l}: a reversed cumulative log-sum-exp, then one more term for the items
    // below.
    auto tail = torch::logcumsumexp(ordered.flip(-1), -1).flip(-1);
    auto rest = torch::logsumexp(below, -1, true).expand_as(tail);
    return -(ordered - torch::logaddexp(tail, rest)).sum(-1);
}

torch::Tensor pairwiseRankingLoss(const torch::Tensor& high, const torch::Tensor& low) {
    return -torch::log_sigmoid(high - low).sum(-1);
}

torch::Tensor meanPairwiseRankingLoss(const torch::Tensor& high, const torch::Tensor& low,
                                      const torch::Tensor& mask) {
    return -(torch::log_sigmoid(high - low) * mask).sum(-1) / mask.sum(-1).clamp_min(1.0);
}

std::vector<int32_t> unkdPairBudget(int32_t pairs, int groups) {
    groups = std::max(1, groups);
    std::vector<int32_t> budget(static_cast<size_t>(groups), pairs / groups);
    for (int g = 0; g < pairs % groups; ++g) ++budget[static_cast<size_t>(g)];
    return budget;
}

std::vector<int32_t> popularityGroups(const std::vector<int64_t>& popularity, int groups) {
    const size_t n = popularity.size();
    std::vector<int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int32_t a, int32_t b) { return popularity[a] < popularity[b]; });
    const double total =
        std::max<double>(1.0, std::accumulate(popularity.begin(), popularity.end(), 0.0));
    std::vector<int32_t> group(n, 0);
    double before = 0;  // interactions of the less popular items
    for (int32_t item : order) {
        group[item] = std::min(groups - 1, static_cast<int32_t>(before * groups / total));
        before += static_cast<double>(popularity[item]);
    }
    return group;
}

namespace {

torch::Tensor unitRows(const torch::Tensor& x) {
    return x / x.norm(2, -1, true).clamp_min(1e-8);
}

/** ‖XᵀY‖_F² */
torch::Tensor gramCross(const torch::Tensor& x, const torch::Tensor& y) {
    return torch::mm(x.t(), y).pow(2).sum();
}

}  // namespace

torch::Tensor htdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t,
                              const torch::Tensor& g) {
    auto counts = g.sum(0);  // [K]
    auto present = (counts > 0).to(torch::kFloat);
    auto ps = unitRows(torch::mm(g.t(), s) / counts.clamp_min(1).unsqueeze(1));
    auto pt = unitRows(torch::mm(g.t(), t) / counts.clamp_min(1).unsqueeze(1));
    auto sn = unitRows(s), tn = unitRows(t);
    auto groupLevel =
        ((torch::mm(ps, ps.t()) - torch::mm(pt, pt.t())).pow(2) * torch::outer(present, present))
            .sum();
    auto within = torch::zeros({}, s.options());
    auto root = g.clamp_min(0).sqrt();
    for (int64_t k = 0; k < g.size(1); ++k) {
        auto members = (g.select(1, k) > 0).nonzero().squeeze(1);
        if (members.numel() == 0) continue;
        auto w = root.select(1, k).index_select(0, members).unsqueeze(1);
        auto a = sn.index_select(0, members) * w, b = tn.index_select(0, members) * w;
        within = within + gramCross(a, a) - 2 * gramCross(a, b) + gramCross(b, b);
    }
    auto towards =
        ((torch::mm(sn, ps.t()) - torch::mm(tn, pt.t())).pow(2) * (1 - g) * present).sum();
    return groupLevel + within + towards;
}

}  // namespace rd
