#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

/**
 * One parameter of a model or method, or one field of a config section: what the GUI form shows and
 * what configs are checked against. A name may be dotted ("data.split.seed"): the value then lives
 * in nested objects, exactly where `--set data.split.seed=7` puts it. Fields after `help` are
 * optional (most schemas never set them), so a schema entry can stay one line.
 */
struct ParamSpec {
    enum class Type { Int, Float, Bool, Choice, IntList, FloatList, String };
    std::string name;
    Type type = Type::Float;
    nlohmann::json defaultValue;
    double min = 0, max = 0;  ///< allowed range (Int, Float, each list entry)
    std::vector<std::string>
        choices;          ///< Choice: the allowed values; String: suggestions (any text is allowed)
    std::string help;     ///< one line, shown as tooltip and by `recdistill-cli models`
    std::string label{};  ///< short readable name for forms ("Batch size"); empty: the name
    std::vector<std::string>
        choiceLabels{};  ///< Choice: readable text per choice, same order; empty: the values
    std::string specialValueText{};  ///< Int: what a form shows for the minimum ("all" for 0)
    bool nullable =
        false;          ///< Int, Float: null is allowed and means "off" (the default may be null)
    size_t length = 0;  ///< lists: exact number of entries (0: any, at least one)
};

using ParamSchema = std::vector<ParamSpec>;

std::string paramTypeName(ParamSpec::Type type);

/**
 * Defaults of schema overlaid with given (an object; dotted names read nested objects). Throws
 * std::invalid_argument naming the key (prefix + name) for an unknown key, a wrong type or a value
 * out of range. `unknownWhat` names what an unknown key is in that message ("parameter" for a
 * model's or a method's parameters, "key" for a config section).
 */
nlohmann::json resolveParams(const ParamSchema& schema, const nlohmann::json& given,
                             const std::string& prefix,
                             const std::string& unknownWhat = "parameter");

/** The schema as JSON (for `recdistill-cli models` and the GUI). */
nlohmann::json schemaToJson(const ParamSchema& schema);

/** The value at a dotted name inside object ("split.seed" in {"split": {"seed": 7}}); nullptr when
 * absent. */
const nlohmann::json* findDotted(const nlohmann::json& object, const std::string& dottedName);

/** Sets the value at a dotted name, creating (or replacing non-object) intermediate objects. */
void setDotted(nlohmann::json& object, const std::string& dottedName, nlohmann::json value);

}  // namespace rd
