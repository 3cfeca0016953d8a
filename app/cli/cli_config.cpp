#include "cli_config.h"

#include "config/json_config.h"

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
    return rd::jsoncfg::parseText(ss.str(), path);
}

std::string formatNumber(double value, const char* format) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}
