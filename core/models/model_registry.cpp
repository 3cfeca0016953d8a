#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <stdexcept>
#include <string>

#include "data/train_data.h"
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

namespace {

/** MemAvailable of /proc/meminfo in bytes; 0 when unknown (then nothing is refused). */
double availableBytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    double kib = 0;
    std::string unit;
    while (in >> key >> kib >> unit)
        if (key == "MemAvailable:") return kib * 1024.0;
    return 0;
}

/**
 * Refuses a model whose embedding tables cannot fit before any is allocated (a config asking for
 * dim 10^6, or 10^7 distinct ids): the largest "*dim*" parameter times users + items, four copies
 * (the weights, their gradients, Adam's two moments), against the memory available now. Over it,
 * the process would be killed by the kernel half-way instead of saying why.
 */
void checkTablesFit(const std::string& name, const nlohmann::json& params,
                    const TrainingData& data) {
    double dim = 0;
    for (auto it = params.begin(); params.is_object() && it != params.end(); ++it)
        if (it.key().find("dim") != std::string::npos && it.value().is_number())
            dim = std::max(dim, it.value().get<double>());
    const double rows = static_cast<double>(data.numUsers) + static_cast<double>(data.numItems);
    const double need = 4.0 * rows * dim * sizeof(float);
    const double have = availableBytes();
    if (have <= 0 || need <= have) return;
    char text[320];
    std::snprintf(text, sizeof text,
                  "model %s: %d users + %d items with dimension %.0f need about %.1f GiB for the "
                  "embedding tables with their gradients and Adam's moments; %.1f GiB of memory "
                  "are available (a smaller dim, or data.preprocess to keep fewer users/items)",
                  name.c_str(), data.numUsers, data.numItems, dim, need / (1u << 30),
                  have / (1u << 30));
    throw std::invalid_argument(text);
}

}  // namespace

std::shared_ptr<RecModel> createModel(const std::string& name, const nlohmann::json& params,
                                      const TrainingData& data) {
    checkTablesFit(name, params, data);
    const Registry& r = registry();
    for (size_t k = 0; k < r.infos.size(); ++k)
        if (r.infos[k].name == name) return r.factories[k](params, data);
    findModel(name);  // throws with the list of names
    return nullptr;
}

}  // namespace rd
