#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "data/split.h"
#include "engine/train_config.h"
#include "engine/trainer.h"

namespace rd {

class RunStore;
class TrainedModel;
struct TrainingData;

/**
 * What makes a trained model stand in for another: the data set's hash, the split, the model and
 * its parameters, and the training settings that change the weights (not the thread count).
 */
std::string modelReuseKey(const std::string& datasetHash, const SplitConfig& split,
                          const ModelSpec& model, const TrainConfig& train);

/**
 * Saves a run's checkpoint beside the database (artifacts/run-ID.pt, referenced by relative path
 * and hash: the database stays small and the folder can be copied as a whole) and records it as an
 * artifact with reuseKey. Returns the relative path.
 */
std::string saveRunCheckpoint(RunStore& store, int64_t runId, const TrainedModel& model,
                              const nlohmann::json& config, const std::string& reuseKey);

/**
 * The newest finished run's checkpoint in store with this reuse key whose file is still there and
 * unchanged, loaded for data; nullptr when there is none. *fromRun receives its run id.
 */
std::shared_ptr<TrainedModel> loadReusableCheckpoint(RunStore& store, const std::string& reuseKey,
                                                     const TrainingData& data, int64_t* fromRun,
                                                     std::string* relativePath);

/** Content hash and size of a file (artifact identity). */
std::string fileContentHash(const std::string& path, int64_t* bytes);

}  // namespace rd
