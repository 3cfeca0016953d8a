// Fuzz target: experiment configs as text. The input's first line is a `--set KEY=VALUE` override,
// the rest a config file. Parsing (depth, duplicate keys, numbers beyond a double), the override
// and — where the target is linked with core (RD_FUZZ_WITH_CORE: the smoke run in the normal suite)
// — the whole validation through the schemas and registries either accept it or throw
// std::invalid_argument naming where; anything else is a finding.

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "config/json_config.h"
#include "fuzz_target.h"
#ifdef RD_FUZZ_WITH_CORE
#include "pipeline/experiment_config.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const size_t newline = text.find('\n');
    const std::string assignment = text.substr(0, newline);
    const std::string body =
        newline == std::string::npos ? std::string() : text.substr(newline + 1);
    try {
        nlohmann::json config = rd::jsoncfg::parseText(body, "config.json");
        if (!config.is_object()) return 0;
        if (!assignment.empty()) rd::jsoncfg::applyOverride(config, assignment);
        // Printed and copied as the CLI and the store do.
        const std::string dumped =
            config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (rd::jsoncfg::parseText(dumped, "dumped").is_discarded()) std::abort();
#ifdef RD_FUZZ_WITH_CORE
        rd::ExperimentConfig::fromJson(config);
#endif
        ++rdfuzz::accepted;
    } catch (const std::invalid_argument& e) {
        if (!*e.what()) {
            std::fprintf(stderr, "a refusal without a message\n");
            std::abort();
        }
    }
    return 0;
}

namespace rdfuzz {

std::vector<std::string> seeds() {
    return {
        "train.epochs=2\n"
        R"({"version": 1, "name": "Quick demo", "data": {"path": "demo", "split": {"kind": "random",
  "ratios": [0.8, 0.1, 0.1], "seed": 2020}}, "teacher": {"name": "lightgcn", "dim": 64, "layers": 3},
  "student": {"name": "mf", "dim": 8}, "methods": ["softlabel", {"name": "rrd", "lambda": 0.01}],
  "train": {"epochs": 30, "batch_size": 2048, "lr": 0.005, "patience": 5, "valid_metric": "NDCG@10",
  "seed": 2020}, "eval": {"ks": [5, 10, 20]}})",
        "model.dim=32\n"
        R"({"version": 1, "data": {"path": "demo"}, "model": {"name": "mf", "dim": 16},
  "train": {"epochs": 3}})",
        "methods.rrd.lambda=[1,2]\n"
        R"({"teacher": {"name": "neumf"}, "student": {"name": "mf"}, "methods": ["rrd", "de", "htd"],
  "study": {"seeds": [1, 2], "sweep": {"student.dim": [4, 8]}}})",
        "\n[1, 2, {\"a\": null}]",
        "name=x\n{\"name\": \"\\u00e9\\ud83d\\ude00\", \"data\": {\"path\": "
        "\"demo:users=10,items=5\"}}",
    };
}

}  // namespace rdfuzz
