#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/run_config.h"

namespace rd {

/** One distillation method of an experiment with its parameters resolved against its schema. */
struct MethodSpec {
    std::string name;  ///< registry name, e.g. "rrd"
    nlohmann::json params = nlohmann::json::object();
    std::string stage;  ///< stage name: the method's name, "rrd#2" for a second rrd entry
};

/**
 * One experiment: {version, name, data, teacher: {name, …params}, student: {…}, methods: [name or
 * {name, …params}], train, teacher_train (overrides of train for the teacher), eval,
 * teacher_checkpoint (a saved teacher to load), reuse_teacher (find a saved teacher in the run
 * store, default true)}. Parsing validates everything before any work starts and names the key it
 * refuses.
 *
 * The same schema with `model` instead of teacher/student/methods ({version, name, data, model,
 * train, eval}) is a single-model experiment: one stage of role "model" that trains and evaluates
 * the model (what `recdistill-cli train` runs). Its checkpoint carries the teacher reuse key, so it
 * can serve a later experiment as its teacher.
 */
struct ExperimentConfig {
    int version = 1;
    std::string name;
    DataConfig data;
    bool singleModel = false;  ///< `model` given: one stage; the model is held in `teacher`
    ModelSpec teacher, student;
    std::vector<MethodSpec> methods;
    TrainConfig train;         ///< student and distilled stages
    TrainConfig teacherTrain;  ///< train with teacher_train's overrides
    std::string teacherCheckpoint;
    bool reuseTeacher = true;
    int latencyUsers = 100;  ///< users timed one by one for per-user latency
    nlohmann::json source;   ///< the JSON as given (after overrides), recorded with the experiment

    static ExperimentConfig fromJson(const nlohmann::json& json);
};

}  // namespace rd
