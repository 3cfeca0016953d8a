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

void applyOverride(nlohmann::json& config, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument("--set " + assignment + ": expected dotted.key=value");
    const std::string path = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) value = text;
    nlohmann::json* node = &config;
    size_t start = 0;
    for (;;) {
        const auto dot = path.find('.', start);
        const std::string key =
            path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (key.empty())
            throw std::invalid_argument("--set " + assignment + ": empty key in '" + path + "'");
        if (!node->is_object())
            throw std::invalid_argument("--set " + path + ": '" + key + "' is inside a non-object");
        if (dot == std::string::npos) {
            (*node)[key] = value;
            return;
        }
        node = &(*node)[key];
        if (node->is_null()) *node = nlohmann::json::object();
        start = dot + 1;
    }
}

}  // namespace rd::jsoncfg
