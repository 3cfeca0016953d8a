#include "config/json_config.h"

#include <stdexcept>

namespace rd::jsoncfg {

namespace {
std::string join(const std::string& prefix, const char* key) {
    return prefix.empty() ? std::string(key) : prefix + "." + key;
}
}  // namespace

void rejectUnknown(const nlohmann::json& obj, const std::string& prefix,
                   const std::vector<std::string>& known) {
    if (!obj.is_object())
        throw std::invalid_argument((prefix.empty() ? "config" : prefix) + ": expected an object");
    for (const auto& [key, value] : obj.items()) {
        bool ok = false;
        for (const auto& k : known) ok = ok || k == key;
        if (ok) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw std::invalid_argument(join(prefix, key.c_str()) + ": unknown key (known: " + list +
                                    ")");
    }
}

int getInt(const nlohmann::json& obj, const std::string& prefix, const char* key, int fallback,
           int min, int max) {
    if (!obj.contains(key)) return fallback;
    const auto& v = obj[key];
    if (!v.is_number_integer())
        throw std::invalid_argument(join(prefix, key) + ": expected an integer, got " + v.dump());
    const auto x = v.get<long long>();
    if (x < min || x > max)
        throw std::invalid_argument(join(prefix, key) + ": " + v.dump() + " is out of range [" +
                                    std::to_string(min) + ", " + std::to_string(max) + "]");
    return static_cast<int>(x);
}

double getDouble(const nlohmann::json& obj, const std::string& prefix, const char* key,
                 double fallback, double min, double max) {
    if (!obj.contains(key)) return fallback;
    const auto& v = obj[key];
    if (!v.is_number())
        throw std::invalid_argument(join(prefix, key) + ": expected a number, got " + v.dump());
    const double x = v.get<double>();
    if (!(x >= min && x <= max))
        throw std::invalid_argument(join(prefix, key) + ": " + v.dump() + " is out of range [" +
                                    std::to_string(min) + ", " + std::to_string(max) + "]");
    return x;
}

std::string getString(const nlohmann::json& obj, const std::string& prefix, const char* key,
                      const std::string& fallback) {
    if (!obj.contains(key)) return fallback;
    if (!obj[key].is_string())
        throw std::invalid_argument(join(prefix, key) + ": expected a string, got " +
                                    obj[key].dump());
    return obj[key].get<std::string>();
}

nlohmann::json getObject(const nlohmann::json& obj, const std::string& prefix, const char* key) {
    if (!obj.contains(key)) return nlohmann::json::object();
    if (!obj[key].is_object())
        throw std::invalid_argument(join(prefix, key) + ": expected an object");
    return obj[key];
}

void setKey(nlohmann::json& config, const std::string& key, const nlohmann::json& value) {
    if (key.rfind("methods.", 0) == 0 && config.contains("methods") &&
        config["methods"].is_array()) {
        const auto dot = key.find('.', 8);
        if (dot == std::string::npos || dot + 1 >= key.size())
            throw std::invalid_argument(key + ": expected methods.NAME.PARAMETER");
        const std::string method = key.substr(8, dot - 8), param = key.substr(dot + 1);
        bool found = false;
        for (auto& entry : config["methods"]) {
            const std::string name = entry.is_string()   ? entry.get<std::string>()
                                     : entry.is_object() ? entry.value("name", std::string())
                                                         : std::string();
            if (name != method) continue;
            if (entry.is_string()) entry = nlohmann::json{{"name", name}};
            entry[param] = value;
            found = true;
        }
        if (!found)
            throw std::invalid_argument(key + ": the experiment has no method '" + method + "'");
        return;
    }
    nlohmann::json* node = &config;
    size_t start = 0;
    for (;;) {
        const auto dot = key.find('.', start);
        const std::string part =
            key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (part.empty()) throw std::invalid_argument(key + ": empty key in '" + key + "'");
        if (!node->is_object())
            throw std::invalid_argument(key + ": '" + part + "' is inside a non-object");
        if (dot == std::string::npos) {
            (*node)[part] = value;
            return;
        }
        node = &(*node)[part];
        if (node->is_null()) *node = nlohmann::json::object();
        start = dot + 1;
    }
}

void applyOverride(nlohmann::json& config, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument("--set " + assignment + ": expected dotted.key=value");
    const std::string path = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) value = text;
    try {
        setKey(config, path, value);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("--set ") + e.what());
    }
}

}  // namespace rd::jsoncfg
