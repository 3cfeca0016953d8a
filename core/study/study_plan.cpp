#include "study/study_plan.h"

#include <stdexcept>

#include "config/json_config.h"
#include "pipeline/run_artifacts.h"
#include "util/hasher.h"

namespace rd {

namespace {

StudySpec parseSpec(const nlohmann::json& s) {
    if (!s.is_object())
        throw std::invalid_argument(
            "study: expected an object such as {\"seeds\": [2020, 2021, 2022], \"sweep\": "
            "{\"student.dim\": [8, 16]}}");
    for (const auto& [key, value] : s.items())
        if (key != "seeds" && key != "sweep" && key != "vary_split")
            throw std::invalid_argument("study." + key +
                                        ": unknown key (known: seeds, sweep, vary_split)");
    StudySpec spec;
    if (s.contains("seeds")) {
        const auto& seeds = s["seeds"];
        if (!seeds.is_array() || seeds.empty())
            throw std::invalid_argument("study.seeds: expected a non-empty list of seeds");
        for (size_t i = 0; i < seeds.size(); ++i) {
            if (!seeds[i].is_number_integer() || seeds[i].get<int64_t>() < 0 ||
                seeds[i].get<int64_t>() > 2147483647)
                throw std::invalid_argument("study.seeds[" + std::to_string(i) +
                                            "]: expected a whole number from 0 to 2147483647");
            const int64_t seed = seeds[i].get<int64_t>();
            for (int64_t seen : spec.seeds)
                if (seen == seed)
                    throw std::invalid_argument("study.seeds: " + std::to_string(seed) +
                                                " is given twice");
            spec.seeds.push_back(seed);
        }
    }
    if (s.contains("sweep")) {
        const auto& sweep = s["sweep"];
        if (!sweep.is_object())
            throw std::invalid_argument(
                "study.sweep: expected an object of dotted keys to lists of values");
        for (const auto& [key, values] : sweep.items()) {
            if (!values.is_array() || values.empty())
                throw std::invalid_argument("study.sweep." + key +
                                            ": expected a non-empty list of values");
            if (key == "train.seed" || key == "teacher_train.seed" || key == "data.split.seed")
                throw std::invalid_argument("study.sweep." + key +
                                            ": seeds are given by study.seeds, not swept");
            spec.axes.emplace_back(key, std::vector<nlohmann::json>(values.begin(), values.end()));
        }
    }
    if (s.contains("vary_split")) {
        if (!s["vary_split"].is_boolean())
            throw std::invalid_argument("study.vary_split: expected true or false");
        spec.varySplit = s["vary_split"].get<bool>();
    }
    return spec;
}

/** Canonical JSON (nlohmann sorts object keys) hashed: the same config gives the same text. */
std::string hashOf(const nlohmann::json& j) {
    Hasher h;
    h.str(j.dump());
    return h.hex();
}

}  // namespace

int64_t configSeed(const nlohmann::json& config) {
    if (config.contains("train") && config["train"].is_object() &&
        config["train"].contains("seed") && config["train"]["seed"].is_number_integer())
        return config["train"]["seed"].get<int64_t>();
    return static_cast<int64_t>(TrainConfig{}.seed);
}

StudyPlan StudyPlan::fromJson(const nlohmann::json& config) {
    if (!config.is_object()) throw std::invalid_argument("the study config must be a JSON object");
    StudyPlan plan;
    plan.source = config;
    nlohmann::json base = config;
    base.erase("study");
    plan.spec = parseSpec(config.contains("study") ? config["study"] : nlohmann::json::object());
    if (plan.spec.seeds.empty()) plan.spec.seeds.push_back(configSeed(base));
    if (base.contains("model"))
        throw std::invalid_argument(
            "study: a study compares distillation methods; give teacher, student and methods "
            "(not model)");

    // Cells: the cartesian product of the axes, the first axis varying slowest.
    plan.cells.push_back(nlohmann::json::object());
    for (const auto& [key, values] : plan.spec.axes) {
        std::vector<nlohmann::json> next;
        for (const nlohmann::json& cell : plan.cells)
            for (const nlohmann::json& v : values) {
                nlohmann::json c = cell;
                c[key] = v;
                next.push_back(std::move(c));
            }
        plan.cells = std::move(next);
    }
    for (const nlohmann::json& cell : plan.cells) {
        std::string label;
        for (const auto& axis : plan.spec.axes) {
            const nlohmann::json& v = cell[axis.first];
            if (!label.empty()) label += ", ";
            label += axis.first + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
        }
        plan.cellLabels.push_back(label);
    }
    plan.name = base.value("name", std::string("study"));

    for (size_t c = 0; c < plan.cells.size(); ++c) {
        for (int64_t seed : plan.spec.seeds) {
            StudyExperiment e;
            e.cell = static_cast<int>(c);
            e.seed = seed;
            e.json = base;
            for (const auto& axis : plan.spec.axes) {
                try {
                    jsoncfg::setKey(e.json, axis.first, plan.cells[c][axis.first]);
                } catch (const std::invalid_argument& err) {
                    throw std::invalid_argument("study.sweep." + std::string(err.what()));
                }
            }
            jsoncfg::setKey(e.json, "train.seed", seed);
            if (e.json.contains("teacher_train") && e.json["teacher_train"].is_object() &&
                e.json["teacher_train"].contains("seed"))
                e.json["teacher_train"]["seed"] = seed;
            if (plan.spec.varySplit) jsoncfg::setKey(e.json, "data.split.seed", seed);
            const std::string label = plan.cellLabels[c];
            std::string name = plan.name;
            if (!label.empty()) name += " [" + label + "]";
            e.json["name"] = name + " seed " + std::to_string(seed);
            try {
                e.config = ExperimentConfig::fromJson(e.json);
            } catch (const std::invalid_argument& err) {
                // Name where the value came from when a swept key is refused.
                const std::string what = err.what();
                for (const auto& axis : plan.spec.axes)
                    if (what.rfind(axis.first, 0) == 0 ||
                        (axis.first.rfind("methods.", 0) == 0 && what.find("methods[") == 0))
                        throw std::invalid_argument("study.sweep." + axis.first + " = " +
                                                    plan.cells[c][axis.first].dump() + ": " + what);
                throw;
            }
            e.configHash = hashOf(e.json);
            e.teacherGroup =
                modelReuseKey(e.json.value("data", nlohmann::json::object()).dump(),
                              e.config.data.split, e.config.teacher, e.config.teacherTrain);
            plan.experiments.push_back(std::move(e));
        }
    }
    return plan;
}

}  // namespace rd
