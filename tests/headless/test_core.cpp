// Core without Qt: the registries and the shared vocabulary, checked by their properties (the Qt
// Test suite checks them in more depth; this one runs where Qt is absent).

#include <set>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "catalog/param_schema.h"
#include "catalog/run_vocabulary.h"
#include "check.h"
#include "config/run_config.h"
#include "distill/method_registry.h"
#include "models/model_registry.h"
#include "pipeline/experiment_config.h"

RD_TEST(everyModelAndMethodIsDescribed) {
    std::set<std::string> names;
    for (const rd::ModelInfo& m : rd::modelInfos()) {
        RD_CHECK(names.insert("model " + m.name).second);
        RD_CHECK(!m.displayName.empty() && !m.description.empty() && !m.reference.empty());
        rd::resolveParams(m.schema, nlohmann::json::object(), "model");
    }
    for (const rd::MethodInfo& m : rd::methodInfos()) {
        RD_CHECK(names.insert("method " + m.name).second);
        RD_CHECK(!m.displayName.empty() && !m.description.empty() && !m.formula.empty() &&
                 !m.reference.empty());
        for (const rd::ParamSpec& p : m.schema) RD_CHECK(!p.help.empty());
        rd::resolveParams(m.schema, nlohmann::json::object(), "method");
    }
    RD_CHECK_EQ(rd::methodInfos().front().name, std::string("none"));
}

RD_TEST(bestFollowsTheCatalogue) {
    rd::ComparisonTable t;
    for (double pop : {120.0, 180.0, 90.0}) {
        rd::ComparisonRow r;
        r.label = "run";
        r.values = {{"AvgPopularity@10", pop}, {"eval_users", pop}, {"NDCG@10", pop / 1000}};
        t.rows.push_back(r);
    }
    RD_CHECK_EQ(rd::bestRows(t, "AvgPopularity@10").size(), size_t{1});
    RD_CHECK_EQ(rd::bestRows(t, "AvgPopularity@10").front(),
                size_t{2});  // the least popularity-biased
    RD_CHECK_EQ(rd::bestRows(t, "NDCG@10").front(), size_t{1});
    RD_CHECK(rd::bestRows(t, "eval_users").empty());
}

RD_TEST(oneConfigSchemaForBothShapes) {
    const auto single = rd::ExperimentConfig::fromJson(nlohmann::json::parse(
        R"({"data": {"path": "demo"}, "model": {"name": "mf", "dim": 8}, "train": {"epochs": 1}})"));
    RD_CHECK(single.singleModel);
    RD_CHECK_EQ(single.teacher.name, std::string("mf"));
    const auto experiment = rd::ExperimentConfig::fromJson(nlohmann::json::parse(
        R"({"data": {"path": "demo"}, "teacher": {"name": "mf"}, "student": {"name": "mf", "dim": 4}})"));
    RD_CHECK(!experiment.singleModel);
    bool refused = false;
    try {
        rd::ExperimentConfig::fromJson(nlohmann::json::parse(
            R"({"data": {"path": "demo"}, "model": {"name": "mf"}, "train": {"valid_metric": "Gini@10"}})"));
    } catch (const std::invalid_argument& e) {
        refused = std::string(e.what()).find("train.valid_metric") != std::string::npos;
    }
    RD_CHECK(refused);
}

int main() {
    return rdcheck::runAll("headless_core");
}
