#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/experiment_config.h"

namespace rd {

/**
 * What a study repeats: `"study": {"seeds": [2020, 2021, 2022], "sweep": {"student.dim": [4, 8],
 * "methods.rrd.lambda": [0.001, 0.01]}, "vary_split": false}` in an experiment config. Sweep keys
 * are the dotted keys `--set` takes (jsoncfg::setKey; a method's parameter as methods.NAME.PARAM).
 */
struct StudySpec {
    std::vector<int64_t> seeds;
    /** In key order (a JSON object's keys have no order of their own). */
    std::vector<std::pair<std::string, std::vector<nlohmann::json>>> axes;
    bool varySplit = false;  ///< also vary data.split.seed with the seed (pairs then only per seed)
};

/** One experiment of a study: one cell of the sweep with one seed. */
struct StudyExperiment {
    int cell = 0;
    int64_t seed = 0;
    nlohmann::json json;       ///< the experiment's own config (no "study"), seed and cell applied
    std::string configHash;    ///< of the canonical JSON: the identity a resume matches
    std::string teacherGroup;  ///< experiments sharing it share one teacher (train it once)
    ExperimentConfig config;
};

/**
 * The whole study, validated before any work: the cartesian product of the sweep's values gives
 * the cells (axes in key order, the first varying slowest), each cell × seed one experiment. Every
 * experiment's config is parsed through the same schemas as a single experiment, so an unknown key
 * or a value out of range is refused with its name (prefixed "study.sweep." or "study.seeds").
 */
struct StudyPlan {
    nlohmann::json source;  ///< the config as given, "study" included
    StudySpec spec;
    std::vector<nlohmann::json> cells;  ///< each cell's {key: value} assignments
    std::vector<std::string>
        cellLabels;  ///< "methods.rrd.lambda=0.01, student.dim=8" ("" = one cell)
    std::vector<StudyExperiment> experiments;  ///< cell by cell, seeds in the order given
    std::string name;

    static StudyPlan fromJson(const nlohmann::json& config);
};

/** The seed a study would give an experiment config when it has none of its own: train.seed. */
int64_t configSeed(const nlohmann::json& config);

}  // namespace rd
