#include "config/run_config.h"

#include "catalog/metric_catalog.h"

#include <filesystem>
#include <stdexcept>

#include "config/json_config.h"
#include "data/demo_spec.h"
#include "models/model_registry.h"

namespace rd {

using namespace jsoncfg;

DataConfig parseDataConfig(const nlohmann::json& j, const std::string& prefix) {
    rejectUnknown(j, prefix, {"path", "format", "encoding", "skip_bad_lines", "preprocess", "split"});
    DataConfig d;
    d.path = getString(j, prefix, "path", "demo");
    if (isDemoPath(d.path)) {
        try {
            parseDemoSpec(d.path);  // refuse a bad size before any work
        } catch (const std::exception& e) {
            throw std::invalid_argument(prefix + ".path: " + e.what());
        }
    } else if (!std::filesystem::exists(d.path)) {
        throw std::invalid_argument(prefix + ".path: '" + d.path + "' does not exist");
    }
    d.load.format = getString(j, prefix, "format", "auto");
    d.load.encoding = getString(j, prefix, "encoding", "auto");
    if (j.contains("skip_bad_lines")) d.load.skipBadLines = j["skip_bad_lines"].get<bool>();

    const std::string pp = prefix + ".preprocess";
    const nlohmann::json p = getObject(j, prefix, "preprocess");
    rejectUnknown(p, pp, {"rating_threshold", "drop_duplicates", "user_core", "item_core", "max_users", "max_items"});
    if (p.contains("rating_threshold") && !p["rating_threshold"].is_null())
        d.preprocess.ratingThreshold = static_cast<float>(getDouble(p, pp, "rating_threshold", 0, -1e9, 1e9));
    if (p.contains("drop_duplicates")) d.preprocess.dropDuplicates = p["drop_duplicates"].get<bool>();
    d.preprocess.userCore = getInt(p, pp, "user_core", 0, 0, 100000);
    d.preprocess.itemCore = getInt(p, pp, "item_core", 0, 0, 100000);
    d.preprocess.maxUsers = getInt(p, pp, "max_users", 0, 0, 2000000000);
    d.preprocess.maxItems = getInt(p, pp, "max_items", 0, 0, 2000000000);

    const std::string sp = prefix + ".split";
    const nlohmann::json s = getObject(j, prefix, "split");
    rejectUnknown(s, sp, {"kind", "ratios", "seed"});
    try {
        d.split.kind = splitKindFromName(getString(s, sp, "kind", "random"));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(sp + ".kind: " + e.what());
    }
    if (s.contains("ratios")) {
        const auto& r = s["ratios"];
        if (!r.is_array() || r.size() != 3 || !r[0].is_number() || !r[1].is_number() || !r[2].is_number())
            throw std::invalid_argument(sp + ".ratios: expected three numbers [train, valid, test]");
        d.split.train = r[0].get<double>();
        d.split.valid = r[1].get<double>();
        d.split.test = r[2].get<double>();
    }
    if (s.contains("seed")) {
        if (!s["seed"].is_number_integer() || s["seed"].get<int64_t>() < 0) throw std::invalid_argument(sp + ".seed: expected a non-negative integer");
        d.split.seed = s["seed"].get<uint64_t>();
    }
    return d;
}

TrainConfig parseTrainConfig(const nlohmann::json& t, const nlohmann::json& e) {
    rejectUnknown(t, "train", {"epochs", "batch_size", "lr", "negatives", "eval_every", "patience", "valid_metric",
                               "seed", "threads"});
    rejectUnknown(e, "eval", {"ks", "batch_users"});
    TrainConfig c;
    c.epochs = getInt(t, "train", "epochs", c.epochs, 0, 100000);
    c.batchSize = getInt(t, "train", "batch_size", c.batchSize, 1, 1 << 24);
    c.learningRate = getDouble(t, "train", "lr", c.learningRate, 1e-8, 10);
    c.negatives = getInt(t, "train", "negatives", c.negatives, 1, 1000);
    c.evalEvery = getInt(t, "train", "eval_every", c.evalEvery, 0, 100000);
    c.patience = getInt(t, "train", "patience", c.patience, 0, 100000);
    c.validMetric = getString(t, "train", "valid_metric", c.validMetric);
    if (t.contains("seed")) {
        if (!t["seed"].is_number_integer() || t["seed"].get<int64_t>() < 0) throw std::invalid_argument("train.seed: expected a non-negative integer");
        c.seed = t["seed"].get<uint64_t>();
    }
    c.threads = getInt(t, "train", "threads", c.threads, 0, 1024);
    c.evalBatchUsers = getInt(e, "eval", "batch_users", c.evalBatchUsers, 1, 1 << 20);
    if (e.contains("ks")) {
        const auto& ks = e["ks"];
        if (!ks.is_array() || ks.empty()) throw std::invalid_argument("eval.ks: expected a non-empty list of K values");
        c.ks.clear();
        for (const auto& k : ks) {
            if (!k.is_number_integer() || k.get<int>() < 1 || k.get<int>() > 1000)
                throw std::invalid_argument("eval.ks: " + k.dump() + " is not a K in [1, 1000]");
            c.ks.push_back(k.get<int>());
        }
    }
    // Refused here, before any work, by the same rule the trainer applies (the metric catalogue's).
    if (c.evalEvery > 0 && !c.ks.empty() && !isValidationMetric(c.validMetric, c.ks))
        throw std::invalid_argument(validMetricError(c.validMetric));
    return c;
}

ModelSpec parseModelSpec(const nlohmann::json& m, const std::string& prefix) {
    if (!m.is_object() || !m.contains("name") || !m["name"].is_string())
        throw std::invalid_argument(prefix + ".name: expected the model's name (e.g. \"mf\")");
    ModelSpec spec;
    spec.name = m["name"].get<std::string>();
    try {
        findModel(spec.name);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(prefix + ".name: " + e.what());
    }
    nlohmann::json params = m;
    params.erase("name");
    spec.params = resolveParams(findModel(spec.name).schema, params, prefix);
    return spec;
}

RunConfig RunConfig::fromJson(const nlohmann::json& j) {
    rejectUnknown(j, "", {"version", "name", "data", "model", "train", "eval"});
    RunConfig c;
    c.version = getInt(j, "", "version", 1, 1, 1);
    c.data = parseDataConfig(getObject(j, "", "data"), "data");
    if (!j.contains("model")) throw std::invalid_argument("model: missing (e.g. {\"name\": \"mf\", \"dim\": 64})");
    c.model = parseModelSpec(j["model"], "model");
    c.train = parseTrainConfig(getObject(j, "", "train"), getObject(j, "", "eval"));
    c.source = j;
    return c;
}

}  // namespace rd
