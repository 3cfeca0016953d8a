#pragma once

// Internal to core: distillation restricted to the users an external teacher scores.

#include <memory>
#include <vector>

#include "engine/loss_hook.h"

namespace rd {

/**
 * Wraps a method's hook for a teacher that skips some users (missing_users "skip"): each batch's
 * rows of users the teacher does not score are taken out before the method sees the batch, so
 * those users train on the student's own loss alone. A batch with no scored user still returns the
 * method's terms (the same names every batch, as the trainer sums them by position), at zero.
 */
class CoveredUsersHook : public LossHook {
public:
    CoveredUsersHook(std::unique_ptr<LossHook> inner, std::vector<uint8_t> covered);
    void beginEpoch(int epoch, RecModel& student) override { inner_->beginEpoch(epoch, student); }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override;
    std::vector<torch::Tensor> parameters() override { return inner_->parameters(); }
    int minimumEpochs() const override { return inner_->minimumEpochs(); }

private:
    std::unique_ptr<LossHook> inner_;
    torch::Tensor covered_;  ///< bool [numUsers]
    int64_t firstCovered_ = 0;
};

}  // namespace rd
