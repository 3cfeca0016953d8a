#include "catalog/param_schema.h"

#include <sstream>
#include <stdexcept>

namespace rd {

namespace {

std::string range(const ParamSpec& p) {
    std::ostringstream o;
    o << "[" << p.min << ", " << p.max << "]";
    return o.str();
}

void checkNumber(const ParamSpec& p, const nlohmann::json& v, const std::string& key, bool integer) {
    if (integer ? !v.is_number_integer() : !v.is_number())
        throw std::invalid_argument(key + ": expected " + (integer ? "an integer" : "a number") + ", got " +
                                    v.dump());
    const double d = v.get<double>();
    if (d < p.min || d > p.max)
        throw std::invalid_argument(key + ": " + v.dump() + " is out of range " + range(p));
}

}  // namespace

std::string paramTypeName(ParamSpec::Type type) {
    switch (type) {
        case ParamSpec::Type::Int: return "int";
        case ParamSpec::Type::Float: return "float";
        case ParamSpec::Type::Bool: return "bool";
        case ParamSpec::Type::Choice: return "choice";
        case ParamSpec::Type::IntList: return "int list";
    }
    return "?";
}

nlohmann::json resolveParams(const ParamSchema& schema, const nlohmann::json& given, const std::string& prefix) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& p : schema) out[p.name] = p.defaultValue;
    if (given.is_null()) return out;
    if (!given.is_object()) throw std::invalid_argument(prefix + ": expected an object of parameters");
    for (const auto& [name, value] : given.items()) {
        const std::string key = prefix.empty() ? name : prefix + "." + name;
        const ParamSpec* spec = nullptr;
        for (const auto& p : schema)
            if (p.name == name) spec = &p;
        if (!spec) {
            std::string known;
            for (const auto& p : schema) known += (known.empty() ? "" : ", ") + p.name;
            throw std::invalid_argument(key + ": unknown parameter (known: " + (known.empty() ? "none" : known) + ")");
        }
        switch (spec->type) {
            case ParamSpec::Type::Int: checkNumber(*spec, value, key, true); break;
            case ParamSpec::Type::Float: checkNumber(*spec, value, key, false); break;
            case ParamSpec::Type::Bool:
                if (!value.is_boolean()) throw std::invalid_argument(key + ": expected true or false");
                break;
            case ParamSpec::Type::Choice: {
                std::string all;
                bool found = false;
                for (const auto& c : spec->choices) {
                    all += (all.empty() ? "" : ", ") + c;
                    found = found || (value.is_string() && value.get<std::string>() == c);
                }
                if (!found) throw std::invalid_argument(key + ": expected one of " + all + ", got " + value.dump());
                break;
            }
            case ParamSpec::Type::IntList:
                if (!value.is_array() || value.empty())
                    throw std::invalid_argument(key + ": expected a non-empty list of integers");
                for (const auto& v : value) checkNumber(*spec, v, key, true);
                break;
        }
        out[name] = value;
    }
    return out;
}

nlohmann::json schemaToJson(const ParamSchema& schema) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& p : schema) {
        nlohmann::json j = {{"name", p.name}, {"type", paramTypeName(p.type)}, {"default", p.defaultValue},
                            {"help", p.help}};
        if (p.type == ParamSpec::Type::Choice) j["choices"] = p.choices;
        else if (p.type != ParamSpec::Type::Bool) j["range"] = {p.min, p.max};
        arr.push_back(j);
    }
    return arr;
}

}  // namespace rd
