#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "models/model_factory.h"

namespace rd {

#define RD_BUILTIN_MODEL(fn) void fn();
#define RD_BUILTIN_METHOD(fn)
#include "builtin_registrations.inc"
#undef RD_BUILTIN_MODEL
#undef RD_BUILTIN_METHOD

namespace {

struct Registry {
    std::vector<ModelInfo> infos;
    std::vector<ModelFactory> factories;
};

Registry& storage() {
    static Registry r;
    return r;
}

Registry& registry() {
    // Explicit registration: self-registering statics in a static library would be dropped by the
    // linker.
    static const bool registered = [] {
#define RD_BUILTIN_MODEL(fn) fn();
#define RD_BUILTIN_METHOD(fn)
#include "builtin_registrations.inc"
#undef RD_BUILTIN_MODEL
#undef RD_BUILTIN_METHOD
        // The build lists the files alphabetically; users read trainable models by age, baselines
        // last.
        Registry& r = storage();
        std::vector<size_t> order(r.infos.size());
        std::iota(order.begin(), order.end(), size_t{0});
        std::stable_sort(order.begin(), order.end(), [&r](size_t a, size_t b) {
            const ModelInfo &x = r.infos[a], &y = r.infos[b];
            if (x.trainable != y.trainable) return x.trainable;
            return x.year < y.year;
        });
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

void registerModel(ModelInfo info, ModelFactory factory) {
    storage().infos.push_back(std::move(info));
    storage().factories.push_back(std::move(factory));
}

const std::vector<ModelInfo>& modelInfos() {
    return registry().infos;
}

const ModelInfo& findModel(const std::string& name) {
    for (const auto& m : modelInfos())
        if (m.name == name) return m;
    std::string known;
    for (const auto& m : modelInfos()) known += (known.empty() ? "" : ", ") + m.name;
    throw std::invalid_argument("unknown model '" + name + "' (known: " + known + ")");
}

std::shared_ptr<RecModel> createModel(const std::string& name, const nlohmann::json& params,
                                      const TrainingData& data) {
    const Registry& r = registry();
    for (size_t k = 0; k < r.infos.size(); ++k)
        if (r.infos[k].name == name) return r.factories[k](params, data);
    findModel(name);  // throws with the list of names
    return nullptr;
}

}  // namespace rd
