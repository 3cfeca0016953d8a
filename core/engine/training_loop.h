#pragma once

// Internal to core: the training loop with an optional distillation hook.

#include "engine/loss_hook.h"
#include "engine/trainer.h"

namespace rd {

TrainOutcome runTraining(const TrainingData& data, const ModelSpec& spec, const TrainConfig& config,
                         const std::string& stage, const TrainCallbacks& callbacks,
                         const CancelToken* cancel, LossHook* hook);

}  // namespace rd
