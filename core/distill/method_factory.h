#pragma once

// Internal to core: creating distillation hooks by name. A method's own file defines its
// registration with RD_REGISTER_METHOD(fn) { … registerMethod(info, factory); } — the build finds
// every such line in core's sources and generates the list the registry calls
// (builtin_registrations.inc), so adding a method is its file alone. Explicit calls, not
// self-registering statics: those would be dropped by the linker from a static library.

#include <cstdint>
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "distill/method_registry.h"
#include "engine/loss_hook.h"
#include "engine/trainer.h"

namespace rd {

class TrainedModel;
struct TrainingData;

/** What a method's factory gets. params are resolved against the method's schema. */
struct MethodContext {
    nlohmann::json params;
    std::shared_ptr<TrainedModel> teacher;
    const TrainingData* data = nullptr;
    uint64_t seed = 0;
    int64_t studentDim =
        0;  ///< the student's reprDim (embedding methods size their experts with it)
    /// The experiment's cancel token (not owned, may be null). Work that can take long on a large
    /// data set, in the factory or in beginEpoch (the teacher's ranking, DCD's full score matrix),
    /// checks it per chunk and throws Cancelled.
    const CancelToken* cancel = nullptr;
};

using MethodFactory = std::function<std::unique_ptr<LossHook>(const MethodContext& context)>;

void registerMethod(MethodInfo info, MethodFactory factory);

/**
 * The hook that adds method `name`'s terms to the student's training (nullptr for "none"). params
 * are resolved against the schema here (throws std::invalid_argument naming "method.KEY" on a bad
 * value). student is the spec the hook will train: embedding methods need its representation size.
 * Throws Cancelled once cancel is set (the hook keeps the token for beginEpoch).
 */
std::unique_ptr<LossHook> createMethodHook(const std::string& name, const nlohmann::json& params,
                                           std::shared_ptr<TrainedModel> teacher,
                                           const TrainingData& data, uint64_t seed,
                                           const ModelSpec& student,
                                           const CancelToken* cancel = nullptr);

/** Opens the definition of a built-in method's registration function (see the top of this file). */
#define RD_REGISTER_METHOD(fn) void fn()

}  // namespace rd
