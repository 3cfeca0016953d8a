#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "distill/covered_users_hook.h"
#include "distill/method_factory.h"
#include "models/model_factory.h"
#include "models/trained_model_impl.h"

namespace rd {

#define RD_BUILTIN_MODEL(fn)
#define RD_BUILTIN_METHOD(fn) void fn();
#include "builtin_registrations.inc"
#undef RD_BUILTIN_MODEL
#undef RD_BUILTIN_METHOD

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
#define RD_BUILTIN_MODEL(fn)
#define RD_BUILTIN_METHOD(fn) fn();
#include "builtin_registrations.inc"
#undef RD_BUILTIN_MODEL
#undef RD_BUILTIN_METHOD
        // The build lists the files alphabetically; users read methods by the year of their paper.
        Registry& r = storage();
        std::vector<size_t> order(r.infos.size());
        std::iota(order.begin(), order.end(), size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&r](size_t a, size_t b) { return r.infos[a].year < r.infos[b].year; });
        Registry sorted;
        for (size_t k : order) {
            sorted.infos.push_back(std::move(r.infos[k]));
            sorted.factories.push_back(std::move(r.factories[k]));
        }
        r = std::move(sorted);
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
    for (size_t k = 0; k < r.infos.size(); ++k) {
        if (r.infos[k].name != name) continue;
        const std::vector<uint8_t>* covered =
            context.teacher ? context.teacher->impl().model->coveredUsers() : nullptr;
        std::unique_ptr<LossHook> hook = r.factories[k](context);
        if (hook && covered && std::find(covered->begin(), covered->end(), 0) != covered->end())
            return std::make_unique<CoveredUsersHook>(std::move(hook), *covered);
        return hook;
    }
    return nullptr;
}

}  // namespace rd
