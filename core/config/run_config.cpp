#include "config/run_config.h"

#include "catalog/metric_catalog.h"

#include <filesystem>
#include <stdexcept>

#include "config/config_schema.h"
#include "config/json_config.h"
#include "data/demo_spec.h"
#include "models/model_registry.h"

namespace rd {

using namespace jsoncfg;

DataConfig parseDataConfig(const nlohmann::json& j) {
    // Types, ranges, choices and defaults come from the schema; what is left here is turning the
    // checked values into the structs and the checks that need more than one key or the file
    // system.
    const nlohmann::json v =
        resolveParams(dataConfigSchema(), nlohmann::json{{"data", j}}, "", "key")["data"];
    DataConfig d;
    d.path = v["path"].get<std::string>();
    if (isDemoPath(d.path)) {
        try {
            parseDemoSpec(d.path);  // refuse a bad size before any work
        } catch (const std::exception& e) {
            throw std::invalid_argument(std::string("data.path: ") + e.what());
        }
    } else if (!std::filesystem::exists(d.path)) {
        throw std::invalid_argument("data.path: '" + d.path + "' does not exist");
    }
    d.load.format = v["format"].get<std::string>();
    d.load.encoding = v["encoding"].get<std::string>();
    d.load.skipBadLines = v["skip_bad_lines"].get<bool>();

    const nlohmann::json& p = v["preprocess"];
    if (!p["rating_threshold"].is_null())
        d.preprocess.ratingThreshold = p["rating_threshold"].get<float>();
    d.preprocess.dropDuplicates = p["drop_duplicates"].get<bool>();
    d.preprocess.userCore = p["user_core"].get<int>();
    d.preprocess.itemCore = p["item_core"].get<int>();
    d.preprocess.maxUsers = p["max_users"].get<int>();
    d.preprocess.maxItems = p["max_items"].get<int>();

    const nlohmann::json& s = v["split"];
    d.split.kind = splitKindFromName(s["kind"].get<std::string>());
    d.split.train = s["ratios"][0].get<double>();
    d.split.valid = s["ratios"][1].get<double>();
    d.split.test = s["ratios"][2].get<double>();
    d.split.seed = s["seed"].get<uint64_t>();
    return d;
}

TrainConfig parseTrainConfig(const nlohmann::json& t, const nlohmann::json& e) {
    const nlohmann::json v =
        resolveParams(trainConfigSchema(), nlohmann::json{{"train", t}, {"eval", e}}, "", "key");
    const nlohmann::json& train = v["train"];
    TrainConfig c;
    c.epochs = train["epochs"].get<int>();
    c.batchSize = train["batch_size"].get<int>();
    c.learningRate = train["lr"].get<double>();
    c.optimizer = train["optimizer"].get<std::string>();
    c.negatives = train["negatives"].get<int>();
    c.evalEvery = train["eval_every"].get<int>();
    c.patience = train["patience"].get<int>();
    c.validMetric = train["valid_metric"].get<std::string>();
    c.seed = train["seed"].get<uint64_t>();
    c.threads = train["threads"].get<int>();
    c.ks = v["eval"]["ks"].get<std::vector<int>>();
    c.evalBatchUsers = v["eval"]["batch_users"].get<int>();
    c.weightDecay = train["weight_decay"].get<double>();
    c.select = train["select"].get<std::string>();
    c.lossReduction = train["loss_reduction"].get<std::string>();
    c.minEpochs = train["min_epochs"].get<int>();
    c.adamBeta2 = train["adam_beta2"].get<double>();
    c.sampledNegatives = v["eval"]["sampled_negatives"].get<int>();
    // Refused here, before any work, by the same rule the trainer applies (the metric catalogue's).
    if (c.evalEvery > 0 && !isValidationMetric(c.validMetric, c.ks))
        throw std::invalid_argument(validMetricError(c.validMetric));
    if (c.evalEvery > 0 && isSampledMetric(c.validMetric) && c.sampledNegatives == 0)
        throw std::invalid_argument("train.valid_metric: '" + c.validMetric +
                                    "' ranks against sampled items, but eval.sampled_negatives "
                                    "is 0; set it (e.g. 100) or choose a full-ranking metric");
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
    c.data = parseDataConfig(getObject(j, "", "data"));
    if (!j.contains("model"))
        throw std::invalid_argument("model: missing (e.g. {\"name\": \"mf\", \"dim\": 64})");
    c.model = parseModelSpec(j["model"], "model");
    c.train = parseTrainConfig(getObject(j, "", "train"), getObject(j, "", "eval"));
    c.source = j;
    return c;
}

}  // namespace rd
