#pragma once

#include <string>

namespace rd {

/** LibTorch version string, e.g. "1.13.1" (plain C++ so front ends need no torch headers). */
std::string torchVersion();
/**
 * Sets LibTorch's intra-op thread count (0 = number of cores) and flushes subnormal floats to zero
 * on the calling thread and its intra-op workers; call it on the thread that trains. Returns the
 * count.
 */
int setComputeThreads(int threads);
int computeThreads();
/**
 * The thread count set by setComputeThreads, for work the size of a whole table (the optimizer's
 * pass, graph propagation, evaluation). The trainer runs each step's batch-sized LibTorch ops on
 * one thread: at batch 2048 they are too small for a second thread to pay for its synchronisation.
 */
int tableThreads();

}  // namespace rd
