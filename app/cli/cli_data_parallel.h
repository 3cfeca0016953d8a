#pragma once

#include <memory>
#include <set>
#include <string>

#include "dist/data_parallel.h"

class CliArgs;

/** The --dist-* options of train and distill (valued). */
const std::set<std::string>& dataParallelOptionNames();

/**
 * The data-parallel job this process was started in, from the launcher's environment (torchrun or
 * srun; see rd::LaunchEnv) and the --dist-sync, --dist-timeout and --dist-check-every options:
 * nullptr for a plain start (world size 1: nothing distributed, nothing loaded). Throws
 * std::invalid_argument for inconsistent variables or options, std::runtime_error when the ranks
 * do not meet within the timeout.
 */
std::unique_ptr<rd::DataParallel> connectDataParallel(const CliArgs& args);
