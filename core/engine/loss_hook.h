#pragma once

// Internal to core: how distillation adds loss terms to a training loop.

#include <vector>

#include "models/rec_model.h"

namespace rd {

/** Extra loss terms computed on the student for each batch (teacher frozen inside the hook). */
class LossHook {
public:
    virtual ~LossHook() = default;
    /**
     * Once per epoch before the first batch (e.g. resample the teacher's ranking). Work that takes
     * long checks the MethodContext's cancel token and throws Cancelled; the trainer then stops.
     */
    virtual void beginEpoch(int /*epoch*/, RecModel& /*student*/) {}
    virtual std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) = 0;
    /** Extra student parameters to optimise (e.g. DE's expert networks). */
    virtual std::vector<torch::Tensor> parameters() { return {}; }
    /** Epochs before which early stopping must not end training (e.g. an annealing schedule's
     * length), used when train.min_epochs is 0. */
    virtual int minimumEpochs() const { return 0; }
};

}  // namespace rd
