#pragma once

#include <atomic>

namespace rd {

/** Set from any thread (GUI, signal handler); training checks it at least once per mini-batch. */
class CancelToken {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    bool cancelled() const { return flag_.load(std::memory_order_relaxed); }
    void reset() { flag_.store(false, std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

}  // namespace rd
