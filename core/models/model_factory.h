#pragma once

// Internal to core: creating models by name. A model's own file defines its registration with
// RD_REGISTER_MODEL(fn) { … registerModel(info, factory); } — the build finds every such line in
// core's sources and generates the list the registry calls (builtin_registrations.inc), so adding a
// model is its file alone. Explicit calls, not self-registering statics: those would be dropped by
// the linker from a static library.

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "models/model_registry.h"
#include "models/rec_model.h"

namespace rd {

using ModelFactory = std::function<std::shared_ptr<RecModel>(const nlohmann::json& params,
                                                             const TrainingData& data)>;

void registerModel(ModelInfo info, ModelFactory factory);
/** params already resolved against the schema. Throws std::invalid_argument for an unknown name. */
std::shared_ptr<RecModel> createModel(const std::string& name, const nlohmann::json& params,
                                      const TrainingData& data);

/** Opens the definition of a built-in model's registration function (see the top of this file). */
#define RD_REGISTER_MODEL(fn) void fn()

}  // namespace rd
