#include <stdexcept>

#include "distill/method_factory.h"
#include "engine/trained_model.h"
#include "models/model_factory.h"

namespace rd {

namespace {

struct Registry {
    std::vector<MethodInfo> infos;
    std::vector<MethodFactory> factories;
};

Registry& storage() {
    static Registry r;
    return r;
}

Registry& registry() {
    static const bool registered = [] {
        registerNoneMethod();
        registerSoftLabelMethod();
        registerRdMethod();
        registerCdMethod();
        registerRrdMethod();
        registerDeMethod();
        registerHtdMethod();
        registerDcdMethod();
        registerUnkdMethod();
        return true;
    }();
    (void)registered;
    return storage();
}

}  // namespace

void registerMethod(MethodInfo info, MethodFactory factory) {
    storage().infos.push_back(std::move(info));
    storage().factories.push_back(std::move(factory));
}

const std::vector<MethodInfo>& methodInfos() {
    return registry().infos;
}

const MethodInfo& findMethod(const std::string& name) {
    for (const auto& m : methodInfos())
        if (m.name == name) return m;
    std::string known;
    for (const auto& m : methodInfos()) known += (known.empty() ? "" : ", ") + m.name;
    throw std::invalid_argument("unknown distillation method '" + name + "' (known: " + known +
                                ")");
}

std::unique_ptr<LossHook> createMethodHook(const std::string& name, const nlohmann::json& params,
                                           std::shared_ptr<TrainedModel> teacher,
                                           const TrainingData& data, uint64_t seed,
                                           const ModelSpec& student, const CancelToken* cancel) {
    const MethodInfo& info = findMethod(name);
    MethodContext context;
    context.params = resolveParams(info.schema, params, "method");
    context.teacher = std::move(teacher);
    context.data = &data;
    context.seed = seed;
    context.cancel = cancel;
    if (name != "none" && !context.teacher)
        throw std::invalid_argument("method " + name + ": needs a trained teacher");
    if (info.needsEmbeddings) {
        // The representation size is only known from a built model: build one, read it, drop it.
        const ModelInfo& mi = findModel(student.name);
        if (!mi.trainable)
            throw std::invalid_argument("method " + name + ": student model '" + student.name +
                                        "' has no trainable embeddings");
        context.studentDim =
            createModel(student.name, resolveParams(mi.schema, student.params, "student"), data)
                ->reprDim();
    }
    const Registry& r = registry();
    for (size_t k = 0; k < r.infos.size(); ++k)
        if (r.infos[k].name == name) return r.factories[k](context);
    return nullptr;
}

}  // namespace rd
