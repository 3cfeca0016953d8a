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

/** Limits on JSON read from files, the command line and stored records (see parseText). */
inline constexpr int kMaxDepth = 64;
inline constexpr size_t kMaxBytes = 16u << 20;

/**
 * Parses JSON text that comes from outside (a config file, a `--set` value, a record of a run store
 * that may come from anywhere), refusing what the config parser and the printers cannot take
 * safely: nesting deeper than kMaxDepth (deep values would exhaust the stack when printed or
 * copied), text over kMaxBytes, a key given twice in one object (nlohmann keeps the last silently),
 * numbers beyond a double. Throws std::invalid_argument "ORIGIN:LINE: …" (ORIGIN alone when the
 * line is unknown); the JSON library's own wording never reaches the user without the origin.
 */
nlohmann::json parseText(const std::string& text, const std::string& origin);

/** parseText for stored text that should be valid: a null json instead of an exception. */
nlohmann::json parseOrNull(const std::string& text);

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

/**
 * Sets a dotted key ("a.b.c") of a config to value, creating objects on the way; methods.NAME.PARAM
 * sets the parameter of every entry of the methods list named NAME (a bare name becomes {name}).
 * Throws std::invalid_argument "KEY: …" for an empty part, a part inside a non-object, or a method
 * the config does not list.
 */
void setKey(nlohmann::json& config, const std::string& key, const nlohmann::json& value);

/** Applies "a.b.c=value" through setKey (value parsed as JSON when it is valid JSON, else taken as
 * a string); messages start with "--set ". */
void applyOverride(nlohmann::json& config, const std::string& assignment);

}  // namespace jsoncfg
}  // namespace rd
