#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/train_config.h"
#include "engine/training_events.h"
#include "models/trained_model.h"
#include "util/cancel_token.h"

namespace rd {

struct TrainingData;

/** Which model with which parameters (validated against the model's schema by trainModel). */
struct ModelSpec {
    std::string name;
    nlohmann::json params = nlohmann::json::object();
};

/** What a training stage produced. The model holds the best validation epoch's weights. */
struct TrainOutcome {
    std::shared_ptr<TrainedModel> model;
    std::string status;  ///< "finished", "cancelled" or "failed"
    std::string error;   ///< when failed
    int epochsRun = 0;
    int bestEpoch = 0;
    double trainSeconds = 0;
    MetricTable bestValid;
    std::vector<EpochReport> history;
};

/**
 * Trains one model with BPR (or the model's own loss) on data.train, validating every
 * config.evalEvery epochs on data.valid, early-stopping on config.validMetric with config.patience,
 * and restoring the best epoch's weights. Checks cancel at every epoch start, every mini-batch, in
 * the method hook's epoch set-up and per block of validation users; a cancelled run returns status
 * "cancelled" with the best weights so far (Cancelled does not escape). Deterministic for the same
 * config, seed and thread count.
 */
TrainOutcome trainModel(const TrainingData& data, const ModelSpec& spec, const TrainConfig& config,
                        const std::string& stage = "model", const TrainCallbacks& callbacks = {},
                        const CancelToken* cancel = nullptr);

}  // namespace rd
