#include "config/json_config.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace rd::jsoncfg {

namespace {
std::string join(const std::string& prefix, const char* key) {
    return prefix.empty() ? std::string(key) : prefix + "." + key;
}

long lineAt(const std::string& text, size_t byte) {
    const size_t upto = std::min(byte, text.size());
    return 1 + static_cast<long>(
                   std::count(text.begin(), text.begin() + static_cast<long>(upto), '\n'));
}

/** What the parser callback found wrong; thrown out of nlohmann's parser, caught in parseText. */
struct Refusal {
    std::string message;
};

}  // namespace

nlohmann::json parseText(const std::string& text, const std::string& origin) {
    if (text.size() > kMaxBytes)
        throw std::invalid_argument(origin + ": " + std::to_string(text.size()) +
                                    " bytes of JSON; a config is at most " +
                                    std::to_string(kMaxBytes >> 20) + " MiB");
    // The keys of each open object and the dotted path to it, for duplicates and messages.
    std::vector<std::set<std::string>> keys;
    std::vector<std::string> path;
    std::string lastKey;
    const auto where = [&](const std::string& key) {
        std::string p;
        for (const std::string& part : path) p += part.empty() ? std::string() : part + ".";
        return p + key;
    };
    const nlohmann::json::parser_callback_t check =
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
            using E = nlohmann::json::parse_event_t;
            if (depth > kMaxDepth)
                throw Refusal{"nested deeper than " + std::to_string(kMaxDepth) + " levels (at " +
                              (path.empty() ? std::string("the top") : where("")) + ")"};
            if (event == E::object_start) {
                keys.emplace_back();
                path.push_back(keys.size() == 1 ? std::string() : lastKey);
            } else if (event == E::object_end) {
                if (!keys.empty()) keys.pop_back();
                if (!path.empty()) path.pop_back();
            } else if (event == E::key && parsed.is_string()) {
                lastKey = parsed.get<std::string>();
                if (!keys.empty() && !keys.back().insert(lastKey).second)
                    throw Refusal{where(lastKey) + ": given twice (a key may appear once)"};
            } else if (event == E::array_start) {
                lastKey += "[]";
            }
            return true;
        };
    try {
        return nlohmann::json::parse(text, check);
    } catch (const Refusal& r) {
        throw std::invalid_argument(origin + ": " + r.message);
    } catch (const nlohmann::json::parse_error& e) {
        throw std::invalid_argument(origin + ":" + std::to_string(lineAt(text, e.byte)) +
                                    ": not valid JSON (" + e.what() + ")");
    } catch (const nlohmann::json::out_of_range& e) {
        // "number overflow parsing '1e400'": find the literal for its line.
        const std::string what = e.what();
        const size_t open = what.find('\''), close = what.rfind('\'');
        std::string literal, line;
        if (open != std::string::npos && close > open) {
            literal = what.substr(open + 1, close - open - 1);
            const size_t at = text.find(literal);
            if (at != std::string::npos) line = ":" + std::to_string(lineAt(text, at));
        }
        throw std::invalid_argument(origin + line + ": the number " +
                                    (literal.empty() ? std::string("") : literal + " ") +
                                    "is too large (beyond a double)");
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(origin + ": not valid JSON (" + e.what() + ")");
    }
}

nlohmann::json parseOrNull(const std::string& text) {
    try {
        return parseText(text, "stored");
    } catch (const std::invalid_argument&) {
        return nlohmann::json();
    }
}

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
    // A value that is not JSON at all is a string (--set name=my-run); one that is JSON but
    // beyond the limits (too deep, duplicate keys, a number beyond a double) is refused.
    nlohmann::json value;
    if (nlohmann::json::accept(text))
        value = parseText(text, "--set " + path);
    else
        value = text;
    try {
        setKey(config, path, value);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("--set ") + e.what());
    }
}

}  // namespace rd::jsoncfg
