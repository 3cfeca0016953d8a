#include "distill/distill_losses.h"

#include <algorithm>
#include <numeric>

namespace rd {

torch::Tensor softLabelLoss(const torch::Tensor& student, const torch::Tensor& teacher, double tau,
                            const torch::Tensor& real) {
    torch::Tensor s = student, t = teacher;
    if (real.defined()) {
        // Entries past a row's end get probability 0 on both sides; a finite floor (not −inf)
        // so that 0 · (log p_t − log p_s) stays 0 and no NaN reaches the gradient.
        s = torch::where(real, s, torch::full({}, -1e9, s.options()));
        t = torch::where(real, t, torch::full({}, -1e9, t.options()));
    }
    auto logPt = torch::log_softmax(t / tau, -1);
    auto logPs = torch::log_softmax(s / tau, -1);
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

}  // namespace

torch::Tensor rankDiscrepancyWeights(const torch::Tensor& candidates, const torch::Tensor& sampled,
                                     int64_t numItems, double mu) {
    torch::NoGradGuard weightsOnly;
    auto above = (candidates.unsqueeze(2) < sampled.unsqueeze(1)).sum(2).to(candidates.dtype());
    auto rank = torch::floor(static_cast<double>(numItems - 1) * above /
                             static_cast<double>(sampled.size(1)));
    auto position = torch::arange(candidates.size(1), candidates.options());
    return torch::tanh(mu * (rank - position)).clamp_min(0);
}

std::pair<torch::Tensor, torch::Tensor> dcdRankErrors(const torch::Tensor& scores,
                                                      double temperature) {
    torch::NoGradGuard errorsOnly;
    const int64_t n = scores.size(0), m = scores.size(1);
    auto position = torch::arange(m, torch::kLong);
    auto order = scores.argsort(1, true);
    auto rankS = torch::empty_like(order).scatter_(1, order, position.expand({n, m}));
    auto diff = (rankS - position).to(torch::kFloat) / temperature;
    return {torch::tanh(diff.clamp_min(0)), torch::tanh((-diff).clamp_min(0))};
}

torch::Tensor htdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t,
                              const torch::Tensor& groups, int64_t numGroups, HtdChoice choice) {
    auto z = torch::one_hot(groups, numGroups).to(s.scalar_type());  // [n, G]
    auto counts = z.sum(0);
    auto present = (counts > 0).nonzero().squeeze(1);
    torch::Tensor ps, pt;
    {
        // Prototypes are constants (model.py computes them under no_grad): each present group's
        // mean student and teacher representation.
        torch::NoGradGuard constants;
        auto weights = z.t() / (counts.unsqueeze(1) + 1e-10);
        ps = unitRows(torch::mm(weights, s.detach()).index_select(0, present));
        pt = unitRows(torch::mm(weights, t).index_select(0, present));
    }
    auto sn = unitRows(s), tn = unitRows(t);
    // Entity level: pairs in the same group whose teacher similarity is positive (model.py keeps
    // the entries of sim(t, t) · ZZᵀ that are > 0), group by group: Σ n_g² instead of n².
    auto within = torch::zeros({}, s.options());
    auto groupsCpu = groups.to(torch::kCPU);
    auto order = std::get<1>(groupsCpu.sort(/*stable=*/true, /*dim=*/0, /*descending=*/false));
    auto sorted = groupsCpu.index_select(0, order);
    const int64_t n = sorted.size(0);
    const int64_t* g = sorted.data_ptr<int64_t>();
    for (int64_t begin = 0; begin < n;) {
        int64_t end = begin + 1;
        while (end < n && g[end] == g[begin]) ++end;
        auto members = order.slice(0, begin, end).to(s.device());
        auto a = sn.index_select(0, members), b = tn.index_select(0, members);
        auto tsim = torch::mm(b, b.t());
        auto keep = (tsim > 0).to(s.scalar_type());
        within = within + ((torch::mm(a, a.t()) - tsim).pow(2) * keep).sum();
        begin = end;
    }
    // Group level: 'second' (the authors' default) every prototype against every entity, own
    // group included; 'first' prototypes against prototypes.
    torch::Tensor group;
    if (choice == HtdChoice::PrototypeEntity)
        group = (torch::mm(sn, ps.t()) - torch::mm(tn, pt.t())).pow(2).sum();
    else  // constants on both sides, as in get_TD_loss1: a value without gradient
        group = (torch::mm(ps, ps.t()) - torch::mm(pt, pt.t())).pow(2).sum();
    return within + group;
}

torch::Tensor ftdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t) {
    // With A = ŝ [n, d_s] and B = t̂ [n, d_t]: Σ_{i,j} (AAᵀ − BBᵀ)²_ij = ‖AᵀA‖² − 2‖AᵀB‖² + ‖BᵀB‖²
    // (Frobenius norms; ⟨AAᵀ, BBᵀ⟩ = tr(AᵀB BᵀA)). The same sum and gradient as the n × n form
    // from d × d products: O(n · d_t²) instead of O(n² · d_t), 2,700 entities of a CiteULike batch
    // about 20× fewer operations. In double, so the three terms' cancellation costs no accuracy.
    auto a = unitRows(s).to(torch::kDouble), b = unitRows(t).to(torch::kDouble);
    auto ab = torch::mm(a.t(), b);
    auto loss =
        torch::mm(a.t(), a).pow(2).sum() - 2 * ab.pow(2).sum() + torch::mm(b.t(), b).pow(2).sum();
    return loss.to(s.scalar_type());
}

}  // namespace rd
