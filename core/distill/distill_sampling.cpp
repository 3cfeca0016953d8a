#include "distill/distill_sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/rng.h"

namespace rd {

std::vector<int32_t> sampleRanks(int32_t m, int32_t k, double temperature, Rng& rng) {
    k = std::max(0, std::min(k, m));
    std::vector<std::pair<double, int32_t>> keys(static_cast<size_t>(std::max(0, m)));
    for (int32_t r = 0; r < m; ++r) {
        const double u = std::max(rng.uniform(), 1e-300);
        keys[r] = {-r / temperature - std::log(-std::log(u)), r};  // log-weight + Gumbel noise
    }
    std::partial_sort(keys.begin(), keys.begin() + k, keys.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<int32_t> ranks(k);
    for (int32_t j = 0; j < k; ++j) ranks[j] = keys[j].second;
    std::sort(ranks.begin(), ranks.end());
    return ranks;
}

std::vector<int32_t> sampleRanksTournament(int32_t m, int32_t k, double temperature, Rng& rng) {
    k = std::max(0, std::min(k, m));
    std::vector<double> cumulative(static_cast<size_t>(std::max(0, m)));
    double sum = 0;
    for (int32_t r = 0; r < m; ++r) cumulative[r] = sum += std::exp(-r / temperature);
    auto draw = [&] {
        const double x = rng.uniform() * sum;
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
        return std::min<int32_t>(m - 1, static_cast<int32_t>(it - cumulative.begin()));
    };
    std::vector<uint8_t> taken(static_cast<size_t>(std::max(0, m)), 0);
    std::vector<int32_t> ranks;
    ranks.reserve(static_cast<size_t>(k));
    for (int64_t tries = 0; static_cast<int32_t>(ranks.size()) < k; ++tries) {
        int32_t r = std::min(draw(), draw());
        if (tries > 64 * static_cast<int64_t>(m))  // a very peaked draw: take the best rank left
            r = static_cast<int32_t>(std::find(taken.begin(), taken.end(), 0) - taken.begin());
        if (taken[r]) continue;
        taken[r] = 1;
        ranks.push_back(r);
    }
    std::sort(ranks.begin(), ranks.end());
    return ranks;
}

torch::Tensor drawRanksPerUser(const std::vector<int32_t>& valid, int32_t m, int32_t k,
                               double temperature, Rng& rng) {
    const auto users = static_cast<int64_t>(valid.size());
    auto picks = torch::zeros({users, k}, torch::kLong);
    auto* p = picks.data_ptr<int64_t>();
    for (int64_t u = 0; u < users; ++u) {
        const int32_t own = std::min(m, valid[static_cast<size_t>(u)]);
        if (own <= 0) continue;
        const auto ranks = sampleRanksTournament(own, std::min(k, own), temperature, rng);
        for (int32_t j = 0; j < k; ++j) p[u * k + j] = ranks[j * ranks.size() / k];
    }
    return picks;
}

std::vector<int32_t> sampleByWeight(const float* weights, int32_t n, int32_t k, Rng& rng) {
    k = std::max(0, std::min(k, n));
    std::vector<std::pair<double, int32_t>> keys(static_cast<size_t>(std::max(0, n)));
    for (int32_t j = 0; j < n; ++j) {
        const double u = std::max(rng.uniform(), 1e-300);
        keys[j] = {std::log(std::max<double>(weights[j], 1e-30)) - std::log(-std::log(u)), j};
    }
    std::partial_sort(keys.begin(), keys.begin() + k, keys.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<int32_t> picked(k);
    for (int32_t j = 0; j < k; ++j) picked[j] = keys[j].second;
    return picked;
}

torch::Tensor uniformTensor(at::IntArrayRef shape, Rng& rng) {
    auto t = torch::empty(shape, torch::kFloat);
    float* p = t.data_ptr<float>();
    for (int64_t k = 0; k < t.numel(); ++k)
        p[k] = static_cast<float>(std::min(std::max(rng.uniform(), 1e-7), 1.0 - 1e-7));
    return t;
}

torch::Tensor drawByErrors(const torch::Tensor& weights, const torch::Tensor& real, int64_t k,
                           Rng& rng) {
    auto g = -torch::log(-torch::log(uniformTensor(weights.sizes(), rng)));
    auto logits = torch::log(weights + 1e-30f);
    if (real.defined())
        logits = torch::where(real, logits, torch::full({}, -INFINITY, logits.options()));
    return std::get<1>((logits + g).topk(k, 1));
}

torch::Tensor gumbelSoftmax(const torch::Tensor& logits, double tau, bool hard, Rng& rng) {
    auto g = -torch::log(-torch::log(uniformTensor(logits.sizes(), rng)));
    auto y = torch::softmax((logits + g) / tau, -1);
    if (!hard) return y;
    auto oneHot = torch::zeros_like(y).scatter_(-1, y.argmax(-1, true), 1.0);
    return (oneHot - y).detach() + y;  // straight-through
}

torch::Tensor distinctUsers(const Batch& batch) {
    return std::get<0>(at::_unique(batch.users, true));
}

torch::Tensor distinctItems(const Batch& batch) {
    return std::get<0>(
        at::_unique(torch::cat({batch.positives, batch.negatives.reshape(-1)}), true));
}

torch::Tensor rowsFor(const torch::Tensor& table, const torch::Tensor& users) {
    return table.index_select(0, users).to(torch::kLong);
}

torch::Tensor perBatch(const torch::Tensor& perEntity, const Batch& batch) {
    return perEntity.sum() / static_cast<double>(batch.users.size(0));
}

torch::Tensor perBatchRows(const torch::Tensor& perUser, const Batch& batch) {
    // _unique2 sorts like distinctUsers, so its counts line up with perUser.
    auto counts = std::get<2>(at::_unique2(batch.users, true, false, true)).to(perUser.dtype());
    return (perUser * counts).sum() / static_cast<double>(batch.users.size(0));
}

}  // namespace rd
