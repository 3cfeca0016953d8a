#pragma once

#include <string>

namespace rd {

/** LibTorch version string, e.g. "1.13.1" (plain C++ so front ends need no torch headers). */
std::string torchVersion();
/** Sets LibTorch's intra-op thread count once at start (0 = number of cores); returns what is in force. */
int setComputeThreads(int threads);
int computeThreads();

}  // namespace rd
