#include "distill/covered_users_hook.h"

#include <algorithm>

namespace rd {

CoveredUsersHook::CoveredUsersHook(std::unique_ptr<LossHook> inner, std::vector<uint8_t> covered)
    : inner_(std::move(inner)) {
    covered_ = torch::zeros({static_cast<int64_t>(covered.size())}, torch::kBool);
    bool* p = covered_.data_ptr<bool>();
    for (size_t u = 0; u < covered.size(); ++u) p[u] = covered[u] != 0;
    firstCovered_ = std::find(covered.begin(), covered.end(), 1) - covered.begin();
}

std::vector<NamedLoss> CoveredUsersHook::extraLoss(RecModel& student, const Batch& batch) {
    const auto rows = covered_.index_select(0, batch.users).nonzero().reshape({-1});
    if (rows.size(0) == batch.users.size(0)) return inner_->extraLoss(student, batch);
    if (rows.size(0) > 0) {
        Batch kept{batch.users.index_select(0, rows), batch.positives.index_select(0, rows),
                   batch.negatives.index_select(0, rows)};
        return inner_->extraLoss(student, kept);
    }
    // No scored user here: the method's terms on one row of a scored user, weighted zero.
    Batch stand{torch::full({1}, firstCovered_, torch::kLong), batch.positives.narrow(0, 0, 1),
                batch.negatives.narrow(0, 0, 1)};
    auto terms = inner_->extraLoss(student, stand);
    for (auto& t : terms) t.second = t.second * 0.0;
    return terms;
}

}  // namespace rd
