#include "data/demo_spec.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "data/field_parser.h"
#include "data/load_error.h"

namespace rd {

namespace {

constexpr const char* kKnownKeys = "users, items, interactions, seed or sequential";

/** value as a whole number in [lo, hi]; throws LoadError naming key otherwise. */
uint64_t wholeNumber(const std::string& path, const std::string& key, std::string_view value,
                     uint64_t lo, uint64_t hi) {
    const std::string text(value);
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || errno == ERANGE || *end != '\0' || v < lo || v > hi)
        throw LoadError(path, 0,
                        key + ": expected a whole number from " + std::to_string(lo) + " to " +
                            std::to_string(hi) + ", found '" + text + "'");
    return v;
}

}  // namespace

bool isDemoPath(const std::string& path) {
    return path == "demo" || path.rfind("demo:", 0) == 0;
}

DemoConfig parseDemoSpec(const std::string& path) {
    DemoConfig c;
    if (!isDemoPath(path) || path == "demo") return c;
    c.name = path;
    std::vector<std::string_view> parts;
    fields::split(std::string_view(path).substr(5), ",", parts);
    std::vector<std::string> seen;
    for (std::string_view part : parts) {
        const auto eq = part.find('=');
        const std::string key(fields::trim(part.substr(0, eq)));
        if (eq == std::string_view::npos || key.empty())
            throw LoadError(path, 0,
                            "expected KEY=VALUE after 'demo:' (keys " + std::string(kKnownKeys) +
                                "), found '" + std::string(part) + "'");
        const std::string_view value = fields::trim(part.substr(eq + 1));
        for (const auto& k : seen)
            if (k == key) throw LoadError(path, 0, key + ": given twice");
        seen.push_back(key);
        if (key == "users")
            c.users = static_cast<int32_t>(wholeNumber(path, key, value, 1, 10000000));
        else if (key == "items")
            c.items = static_cast<int32_t>(wholeNumber(path, key, value, 3, 10000000));
        else if (key == "interactions")
            c.interactions = static_cast<int64_t>(wholeNumber(path, key, value, 1, 50000000));
        else if (key == "seed")
            c.seed = wholeNumber(path, key, value, 0, UINT64_MAX);
        else if (key == "sequential")
            c.sequential = wholeNumber(path, key, value, 0, 1) == 1;
        else
            throw LoadError(path, 0,
                            "unknown key '" + key + "'; expected " + std::string(kKnownKeys));
    }
    if (c.interactions > 0) {
        const auto [lo, hi] = demoItemsPerUser(c.items);
        if (c.interactions < c.users * lo || c.interactions > c.users * hi)
            throw LoadError(path, 0,
                            "interactions: " + std::to_string(c.interactions) +
                                " cannot be generated for " + std::to_string(c.users) +
                                " users and " + std::to_string(c.items) + " items (each user has " +
                                std::to_string(lo) + " to " + std::to_string(hi) +
                                " items): expected " + std::to_string(c.users * lo) + " to " +
                                std::to_string(c.users * hi));
    }
    return c;
}

}  // namespace rd
