#include "cli_config.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

nlohmann::json readConfigFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument(path + ": cannot open the config file");
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into a line number for the message.
        const std::string text = ss.str();
        const size_t upto = std::min<size_t>(e.byte, text.size());
        const long line =
            1 + std::count(text.begin(), text.begin() + static_cast<long>(upto), '\n');
        throw std::invalid_argument(path + ":" + std::to_string(line) + ": not valid JSON (" +
                                    e.what() + ")");
    }
}

std::string formatNumber(double value, const char* format) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}
