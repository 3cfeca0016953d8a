#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "pipeline/experiment_config.h"
#include "pipeline/prepared_data.h"
#include "store/store_records.h"
#include "util/cancel_token.h"

namespace rd {

class RunStore;
class TrainedModel;

/**
 * A recorded run's model with the data it was trained on, rebuilt from the store: the
 * experiment's data config loaded and split again (the checkpoint's data-set hash must match), and
 * the run's checkpoint loaded. What the exports start from.
 */
struct RunModel {
    RunRecord run;
    ExperimentRecord experiment;
    ExperimentConfig config;
    std::shared_ptr<const PreparedData> data;
    std::shared_ptr<TrainedModel> model;

    /**
     * Throws std::invalid_argument for an unknown run or one without a checkpoint (not finished,
     * or an external teacher), LoadError when the data cannot be loaded again, and
     * std::runtime_error when the checkpoint is gone or belongs to other data.
     */
    static RunModel load(RunStore& store, int64_t runId, const CancelToken* cancel = nullptr);
};

}  // namespace rd
