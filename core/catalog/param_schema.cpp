#include "catalog/param_schema.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace rd {

namespace {

bool isIntegral(const ParamSpec& p) {
    return p.type == ParamSpec::Type::Int || p.type == ParamSpec::Type::IntList;
}

std::string bound(const ParamSpec& p, double v) {
    if (isIntegral(p))
        return std::to_string(static_cast<long long>(v));  // "2000000000", not "2e+09"
    std::ostringstream o;
    o << v;
    return o.str();
}

std::string range(const ParamSpec& p) {
    return "[" + bound(p, p.min) + ", " + bound(p, p.max) + "]";
}

void checkNumber(const ParamSpec& p, const nlohmann::json& v, const std::string& key,
                 bool integer) {
    if (integer ? !v.is_number_integer() : !v.is_number())
        throw std::invalid_argument(key + ": expected " + (integer ? "an integer" : "a number") +
                                    ", got " + v.dump());
    const double d = v.get<double>();
    if (d < p.min || d > p.max)
        throw std::invalid_argument(key + ": " + v.dump() + " is out of range " + range(p));
}

void checkList(const ParamSpec& p, const nlohmann::json& value, const std::string& key) {
    const bool integer = p.type == ParamSpec::Type::IntList;
    if (!value.is_array() || value.empty() || (p.length > 0 && value.size() != p.length))
        throw std::invalid_argument(key + ": expected " +
                                    (p.length > 0 ? "a list of " + std::to_string(p.length) + " "
                                                  : std::string("a non-empty list of ")) +
                                    (integer ? "integers" : "numbers"));
    for (const auto& v : value) checkNumber(p, v, key, integer);
}

void checkValue(const ParamSpec& spec, const nlohmann::json& value, const std::string& key) {
    if (spec.nullable && value.is_null()) return;
    switch (spec.type) {
        case ParamSpec::Type::Int:
            checkNumber(spec, value, key, true);
            break;
        case ParamSpec::Type::Float:
            checkNumber(spec, value, key, false);
            break;
        case ParamSpec::Type::Bool:
            if (!value.is_boolean()) throw std::invalid_argument(key + ": expected true or false");
            break;
        case ParamSpec::Type::Choice: {
            std::string all;
            bool found = false;
            for (const auto& c : spec.choices) {
                all += (all.empty() ? "" : ", ") + c;
                found = found || (value.is_string() && value.get<std::string>() == c);
            }
            if (!found)
                throw std::invalid_argument(key + ": expected one of " + all + ", got " +
                                            value.dump());
            break;
        }
        case ParamSpec::Type::IntList:
        case ParamSpec::Type::FloatList:
            checkList(spec, value, key);
            break;
        case ParamSpec::Type::String:
            if (!value.is_string())
                throw std::invalid_argument(key + ": expected a string, got " + value.dump());
            break;
    }
}

/**
 * Checks the object given at `level` ("" or "split.": the dotted path inside the schema) and copies
 * its values into out. `key` is what messages call that object.
 */
void resolveLevel(const ParamSchema& schema, const std::string& level, const nlohmann::json& given,
                  const std::string& key, const std::string& unknownWhat, nlohmann::json& out) {
    if (!given.is_object())
        throw std::invalid_argument(key + (level.empty() && unknownWhat == "parameter"
                                               ? ": expected an object of parameters"
                                               : ": expected an object"));
    for (const auto& [name, value] : given.items()) {
        const std::string full = level + name;
        const std::string childKey = key.empty() ? name : key + "." + name;
        const ParamSpec* spec = nullptr;
        bool group = false;
        for (const auto& p : schema) {
            if (p.name == full) spec = &p;
            group = group || p.name.rfind(full + ".", 0) == 0;
        }
        if (spec) {
            checkValue(*spec, value, childKey);
            setDotted(out, full, value);
        } else if (group) {
            resolveLevel(schema, full + ".", value, childKey, unknownWhat, out);
        } else {
            std::vector<std::string> known;
            for (const auto& p : schema) {
                if (p.name.rfind(level, 0) != 0) continue;
                const std::string rest = p.name.substr(level.size());
                const std::string first = rest.substr(0, rest.find('.'));
                if (std::find(known.begin(), known.end(), first) == known.end())
                    known.push_back(first);
            }
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw std::invalid_argument(childKey + ": unknown " + unknownWhat +
                                        " (known: " + (list.empty() ? "none" : list) + ")");
        }
    }
}

}  // namespace

std::string paramTypeName(ParamSpec::Type type) {
    switch (type) {
        case ParamSpec::Type::Int:
            return "int";
        case ParamSpec::Type::Float:
            return "float";
        case ParamSpec::Type::Bool:
            return "bool";
        case ParamSpec::Type::Choice:
            return "choice";
        case ParamSpec::Type::IntList:
            return "int list";
        case ParamSpec::Type::FloatList:
            return "float list";
        case ParamSpec::Type::String:
            return "string";
    }
    return "?";
}

nlohmann::json resolveParams(const ParamSchema& schema, const nlohmann::json& given,
                             const std::string& prefix, const std::string& unknownWhat) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& p : schema) setDotted(out, p.name, p.defaultValue);
    if (given.is_null()) return out;
    resolveLevel(schema, "", given, prefix, unknownWhat, out);
    return out;
}

nlohmann::json schemaToJson(const ParamSchema& schema) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& p : schema) {
        nlohmann::json j = {{"name", p.name},
                            {"type", paramTypeName(p.type)},
                            {"default", p.defaultValue},
                            {"help", p.help}};
        if (p.type == ParamSpec::Type::Choice)
            j["choices"] = p.choices;
        else if (p.type == ParamSpec::Type::String) {
            if (!p.choices.empty()) j["suggestions"] = p.choices;
        } else if (p.type != ParamSpec::Type::Bool)
            j["range"] = {p.min, p.max};
        if (!p.label.empty()) j["label"] = p.label;
        if (!p.choiceLabels.empty()) j["choice_labels"] = p.choiceLabels;
        if (!p.specialValueText.empty()) j["special_value_text"] = p.specialValueText;
        if (p.nullable) j["nullable"] = true;
        if (p.length > 0) j["length"] = p.length;
        arr.push_back(j);
    }
    return arr;
}

const nlohmann::json* findDotted(const nlohmann::json& object, const std::string& dottedName) {
    const nlohmann::json* node = &object;
    size_t start = 0;
    for (;;) {
        const auto dot = dottedName.find('.', start);
        const std::string key =
            dottedName.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!node->is_object()) return nullptr;
        const auto it = node->find(key);
        if (it == node->end()) return nullptr;
        node = &*it;
        if (dot == std::string::npos) return node;
        start = dot + 1;
    }
}

void setDotted(nlohmann::json& object, const std::string& dottedName, nlohmann::json value) {
    nlohmann::json* node = &object;
    size_t start = 0;
    for (;;) {
        if (!node->is_object()) *node = nlohmann::json::object();
        const auto dot = dottedName.find('.', start);
        if (dot == std::string::npos) {
            (*node)[dottedName.substr(start)] = std::move(value);
            return;
        }
        node = &(*node)[dottedName.substr(start, dot - start)];
        start = dot + 1;
    }
}

}  // namespace rd
