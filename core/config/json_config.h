#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rd {

/**
 * Helpers for reading JSON configs with messages that name the key: unknown keys are refused, types
 * and ranges are checked, and `--set dotted.key=value` overrides are applied before validation.
 */
namespace jsoncfg {

/** Throws std::invalid_argument "KEY: unknown key (known: …)" for any key of obj not in known. */
void rejectUnknown(const nlohmann::json& obj, const std::string& prefix,
                   const std::vector<std::string>& known);
int getInt(const nlohmann::json& obj, const std::string& prefix, const char* key, int fallback,
           int min, int max);
double getDouble(const nlohmann::json& obj, const std::string& prefix, const char* key,
                 double fallback, double min, double max);
std::string getString(const nlohmann::json& obj, const std::string& prefix, const char* key,
                      const std::string& fallback);
/** The object at key (empty object when absent); throws when present but not an object. */
nlohmann::json getObject(const nlohmann::json& obj, const std::string& prefix, const char* key);

/** Applies "a.b.c=value" (value parsed as JSON when it is valid JSON, else taken as a string). */
void applyOverride(nlohmann::json& config, const std::string& assignment);

}  // namespace jsoncfg
}  // namespace rd
