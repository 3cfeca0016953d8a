#include "models/rec_model.h"

#include <cstring>

namespace rd {

void RecModel::scoreAllItemsInto(const torch::Tensor& users, float* out) {
    const torch::Tensor scores = scoreAllItems(users).to(torch::kFloat).contiguous();
    std::memcpy(out, scores.data_ptr<float>(), static_cast<size_t>(scores.numel()) * sizeof(float));
}

std::vector<NamedLoss> RecModel::baseLoss(const Batch& b) {
    const auto pos = scorePairs(b.users, b.positives);               // [B]
    const auto neg = scorePairs(b.users.unsqueeze(1), b.negatives);  // [B, n]
    auto bpr = -torch::log(1e-10 + torch::sigmoid(pos.unsqueeze(1) - neg)).mean();
    std::vector<NamedLoss> out{{"bpr", bpr}};
    if (reg_ > 0) {
        auto reg = reg_ * l2({userRepr(b.users), itemRepr(b.positives), itemRepr(b.negatives)},
                             b.users.size(0));
        out.emplace_back("l2", reg);
    }
    return out;
}

torch::Tensor RecModel::l2(const std::vector<torch::Tensor>& embeddings, int64_t batchSize) {
    torch::Tensor sum;
    for (const auto& e : embeddings) {
        auto t = e.pow(2).sum();
        sum = sum.defined() ? sum + t : t;
    }
    return sum / static_cast<double>(batchSize);
}

}  // namespace rd
