#pragma once

#include <string>

#include <nlohmann/json.hpp>

/** Reads a JSON config file; a syntax error names the file and the line. Throws
 * std::invalid_argument. */
nlohmann::json readConfigFile(const std::string& path);

/** printf-style formatting of one number. */
std::string formatNumber(double value, const char* format = "%.4f");
