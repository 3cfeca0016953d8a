#include "pipeline/experiment_config.h"

#include <filesystem>
#include <map>
#include <stdexcept>

#include "config/json_config.h"
#include "distill/method_registry.h"
#include "models/external_teacher.h"

namespace rd {

using namespace jsoncfg;

namespace {

MethodSpec parseMethod(const nlohmann::json& m, const std::string& key) {
    MethodSpec spec;
    nlohmann::json params = nlohmann::json::object();
    if (m.is_string()) {
        spec.name = m.get<std::string>();
    } else if (m.is_object() && m.contains("name") && m["name"].is_string()) {
        spec.name = m["name"].get<std::string>();
        params = m;
        params.erase("name");
    } else {
        throw std::invalid_argument(key + ": expected a method name or {\"name\": …, parameters}");
    }
    const MethodInfo* info = nullptr;
    try {
        info = &findMethod(spec.name);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(key + ".name: " + e.what());
    }
    if (spec.name == "none")
        throw std::invalid_argument(
            key + ": \"none\" is the student alone, which every experiment trains already");
    spec.params = resolveParams(info->schema, params, key);
    return spec;
}

/** {data, model, train, eval}: one model trained and evaluated (the `train` command). */
ExperimentConfig parseSingleModel(const nlohmann::json& j, ExperimentConfig c) {
    for (const char* key :
         {"teacher", "student", "methods", "teacher_train", "teacher_checkpoint", "reuse_teacher"})
        if (j.contains(key))
            throw std::invalid_argument(
                std::string(key) +
                ": a config with \"model\" trains that one model; a distillation "
                "experiment names a teacher and a student instead");
    c.singleModel = true;
    c.teacher = parseModelSpec(j["model"], "model");
    c.student = c.teacher;
    c.name = getString(j, "", "name", "");  // the pipeline names it after the data once loaded
    c.train = parseTrainConfig(getObject(j, "", "train"), getObject(j, "", "eval"));
    c.teacherTrain = c.train;
    c.reuseTeacher = false;  // `train` always trains
    c.latencyUsers = getInt(j, "", "latency_users", c.latencyUsers, 0, 100000);
    c.source = j;
    return c;
}

}  // namespace

ExperimentConfig ExperimentConfig::fromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw std::invalid_argument("the experiment config must be a JSON object");
    if (j.contains("study"))
        throw std::invalid_argument(
            "study: this config is a study (seeds × sweep cells); run it with `recdistill-cli "
            "study "
            "CONFIG`, or remove \"study\" to run one experiment");
    rejectUnknown(
        j, "",
        {"version", "name", "data", "model", "teacher", "student", "methods", "train",
         "teacher_train", "eval", "teacher_checkpoint", "reuse_teacher", "latency_users"});
    ExperimentConfig c;
    c.version = getInt(j, "", "version", 1, 1, 1);
    c.data = parseDataConfig(getObject(j, "", "data"));
    if (j.contains("model")) return parseSingleModel(j, std::move(c));
    if (!j.contains("teacher"))
        throw std::invalid_argument(
            "teacher: missing (e.g. {\"name\": \"lightgcn\", \"dim\": 128})");
    if (!j.contains("student"))
        throw std::invalid_argument("student: missing (e.g. {\"name\": \"mf\", \"dim\": 16})");
    const bool external = ExternalTeacherSpec::isExternal(j["teacher"]);
    if (external) {
        const ExternalTeacherSpec spec = ExternalTeacherSpec::fromJson(j["teacher"], "teacher");
        for (const std::string& path : {spec.scores, spec.userEmbeddings, spec.itemEmbeddings})
            if (!path.empty() && !std::filesystem::exists(path))
                throw std::invalid_argument("teacher: '" + path + "' does not exist");
        c.teacher.name = "external";
        c.teacher.params = j["teacher"];
        c.teacher.params.erase("name");
    } else {
        c.teacher = parseModelSpec(j["teacher"], "teacher");
    }
    c.student = parseModelSpec(j["student"], "student");
    c.name = getString(j, "", "name", "distill " + c.teacher.name + " → " + c.student.name);

    if (j.contains("methods")) {
        const auto& ms = j["methods"];
        if (!ms.is_array())
            throw std::invalid_argument("methods: expected a list of method names or objects");
        std::map<std::string, int> seen;
        for (size_t i = 0; i < ms.size(); ++i) {
            MethodSpec spec = parseMethod(ms[i], "methods[" + std::to_string(i) + "]");
            // Refused here, before any work: nothing could stand in for the missing embeddings.
            if (external && findMethod(spec.name).needsEmbeddings &&
                !ExternalTeacherSpec::fromJson(j["teacher"], "teacher").hasEmbeddings())
                throw std::invalid_argument(
                    "methods[" + std::to_string(i) + "]: " + spec.name +
                    " distils the teacher's user and item embeddings, and the external teacher "
                    "gives none: add \"user_embeddings\" and \"item_embeddings\" (.npy) to the "
                    "teacher, or remove " +
                    spec.name);
            const int n = ++seen[spec.name];
            spec.stage = n == 1 ? spec.name : spec.name + "#" + std::to_string(n);
            c.methods.push_back(std::move(spec));
        }
    }

    const nlohmann::json train = getObject(j, "", "train");
    const nlohmann::json eval = getObject(j, "", "eval");
    c.train = parseTrainConfig(train, eval);
    nlohmann::json teacherTrain = train;
    const nlohmann::json overrides = getObject(j, "", "teacher_train");
    for (const auto& [key, value] : overrides.items()) teacherTrain[key] = value;
    try {
        c.teacherTrain = parseTrainConfig(teacherTrain, eval);
    } catch (const std::invalid_argument& e) {
        // Name the key the user wrote: teacher_train.lr, not train.lr.
        std::string msg = e.what();
        if (msg.rfind("train", 0) == 0) msg = "teacher_" + msg;
        throw std::invalid_argument(msg);
    }
    if (c.teacherTrain.threads != c.train.threads)
        throw std::invalid_argument(
            "teacher_train.threads: the thread count is set once for the whole experiment");

    c.teacherCheckpoint = getString(j, "", "teacher_checkpoint", "");
    if (external && !c.teacherCheckpoint.empty())
        throw std::invalid_argument(
            "teacher_checkpoint: an external teacher is read from its files, not a checkpoint");
    if (!c.teacherCheckpoint.empty() && !std::filesystem::exists(c.teacherCheckpoint))
        throw std::invalid_argument("teacher_checkpoint: '" + c.teacherCheckpoint +
                                    "' does not exist");
    if (j.contains("reuse_teacher")) {
        if (!j["reuse_teacher"].is_boolean())
            throw std::invalid_argument("reuse_teacher: expected true or false");
        c.reuseTeacher = j["reuse_teacher"].get<bool>();
    }
    c.latencyUsers = getInt(j, "", "latency_users", c.latencyUsers, 0, 100000);
    c.source = j;
    return c;
}

}  // namespace rd
