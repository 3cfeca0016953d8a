#pragma once

#include <atomic>
#include <exception>

namespace rd {

/**
 * A stop request, set from any thread (GUI, signal handler) and read by the long loops of every
 * layer: loaders every few thousand lines, the demo generator per block of users, the teacher's
 * ranking and full-ranking evaluation per block of users, distillation hooks per chunk of rows, the
 * trainer per mini-batch, the pipeline between stages. Each check point does a bounded amount of
 * work (well under a second on a 1 M-interaction data set) before the next one, so a cancel takes
 * effect within a second wherever an experiment is. Lock-free, so cancel() is async-signal-safe.
 */
class CancelToken {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return flag_.load(std::memory_order_relaxed); }
    void reset() { flag_.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

/**
 * Thrown by a check point deep inside a loop (throwIfCancelled) when its token is set; not an
 * error. It unwinds out of the data layer, the ranking and the evaluation to the level that owns
 * the outcome: the trainer turns it into status "cancelled", the pipeline into a stage and an
 * experiment recorded as "cancelled". Code that catches std::exception to report a failure must
 * catch Cancelled first (it derives from std::exception only so that nothing can escape as a
 * crash).
 */
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

/** The check point: throws Cancelled when token is set. A null token never cancels. */
inline void throwIfCancelled(const CancelToken* token) {
    if (token && token->cancelled()) throw Cancelled();
}

}  // namespace rd
