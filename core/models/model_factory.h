#pragma once

// Internal to core: creating models by name. Each model file registers itself in registerBuiltinModels().

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "models/model_registry.h"
#include "models/rec_model.h"

namespace rd {

using ModelFactory =
    std::function<std::shared_ptr<RecModel>(const nlohmann::json& params, const TrainingData& data)>;

void registerModel(ModelInfo info, ModelFactory factory);
/** params already resolved against the schema. Throws std::invalid_argument for an unknown name. */
std::shared_ptr<RecModel> createModel(const std::string& name, const nlohmann::json& params,
                                      const TrainingData& data);

// One line per model: defined in the model's own file.
void registerMfModel();
void registerNeuMfModel();
void registerLightGcnModel();
void registerPopModel();

}  // namespace rd
