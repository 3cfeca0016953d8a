#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

/** One parameter of a model or method: what the GUI form shows and what configs are checked against. */
struct ParamSpec {
    enum class Type { Int, Float, Bool, Choice, IntList };
    std::string name;
    Type type = Type::Float;
    nlohmann::json defaultValue;
    double min = 0, max = 0;            ///< allowed range (Int, Float, each IntList entry)
    std::vector<std::string> choices;   ///< Choice only
    std::string help;                   ///< one line, shown as tooltip and by `recdistill-cli models`
};

using ParamSchema = std::vector<ParamSpec>;

std::string paramTypeName(ParamSpec::Type type);

/**
 * Defaults of schema overlaid with given (an object). Throws std::invalid_argument naming the key
 * (prefix + name) for an unknown key, a wrong type or a value out of range.
 */
nlohmann::json resolveParams(const ParamSchema& schema, const nlohmann::json& given,
                             const std::string& prefix);

/** The schema as JSON (for `recdistill-cli models` and the GUI). */
nlohmann::json schemaToJson(const ParamSchema& schema);

}  // namespace rd
