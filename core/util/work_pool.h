#pragma once

// A parallel loop for the table-sized passes of a training step (the optimizer's pass over the
// embedding tables, LightGCN's sparse products): the calling thread works through the chunks
// itself and waits only for chunks a worker has already taken, never for a worker to be scheduled.
//
// Why not OpenMP's `parallel for`: its join waits until every thread of the team has run. On a
// machine whose cores are busy with other work (a build, a browser, a second run) the second thread
// may not run for a scheduler slice (milliseconds), and a step forks twice: MF at 1 M interactions
// took 3.8-7.1 s an epoch on two threads against 1.4-1.7 s on one. Here the caller claims chunks
// from the same counter as the workers, so a worker that has not started takes no chunk and is not
// waited for: two threads are never much slower than one.

#include <cstdint>
#include <functional>

namespace rd {

/**
 * Runs body(begin, end) over [0, n) in chunks of `chunk` (the last one shorter) on the calling
 * thread and up to threads - 1 workers of a process-wide pool. Every index is in exactly one call;
 * which thread runs a chunk is not fixed, so each chunk's result must not depend on the others'.
 * Workers run with the caller's floating-point control word (flush-to-zero included). When the pool
 * is busy with another caller's loop, or threads <= 1, or there is one chunk, the caller runs every
 * chunk itself. The first exception thrown by body is rethrown here after every started chunk has
 * finished.
 */
void parallelChunks(int64_t n, int64_t chunk, int threads,
                    const std::function<void(int64_t, int64_t)>& body);

/** Workers the pool has started so far (for tests). */
int workPoolWorkers();

}  // namespace rd
