#pragma once

#include <string>
#include <vector>

/** recdistill-cli's commands; each returns the process exit code. */
int runStatsCommand(const std::vector<std::string>& args);
int runFormatsCommand(const std::vector<std::string>& args);
int runTrainCommand(const std::vector<std::string>& args);
int runModelsCommand(const std::vector<std::string>& args);
