#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/load_options.h"
#include "data/preprocess.h"
#include "data/split.h"
#include "engine/train_config.h"
#include "engine/trainer.h"

namespace rd {

/** Where the data comes from and how it is prepared: the `data` member of every config. */
struct DataConfig {
    std::string path = "demo";
    LoadOptions load;
    PreprocessConfig preprocess;
    SplitConfig split;
};

/**
 * The config of `recdistill-cli train`: {version, data, model: {name, …params}, train, eval}.
 * Parsing validates everything before any work starts: unknown keys, types and ranges are refused
 * with the key's name, the model's parameters against its schema, and the data path must exist.
 */
struct RunConfig {
    int version = 1;
    DataConfig data;
    ModelSpec model;
    TrainConfig train;
    nlohmann::json source;  ///< the JSON as given (after overrides), recorded with each run

    static RunConfig fromJson(const nlohmann::json& json);
};

/** The `data` object → DataConfig, checked and completed with dataConfigSchema(); throws naming the
 * key. */
DataConfig parseDataConfig(const nlohmann::json& data);
/** The `train` and `eval` objects → TrainConfig, checked and completed with trainConfigSchema(),
 * and the valid metric checked against the Ks; throws naming the key. */
TrainConfig parseTrainConfig(const nlohmann::json& train, const nlohmann::json& eval);
/** Model object {name, …params} → spec with resolved params; throws naming the key. */
ModelSpec parseModelSpec(const nlohmann::json& model, const std::string& prefix);

}  // namespace rd
