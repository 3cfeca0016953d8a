// The parallel loop of the table-sized passes (util/work_pool.h): every index once, workers that
// really run beside the caller, a caller that finishes alone while the pool is held elsewhere,
// exceptions, and the caller's flush-to-zero on the workers.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "check.h"
#include "util/work_pool.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif

namespace {

/** Signals between threads with a timeout, so a broken pool fails the case instead of hanging. */
class Latch {
public:
    void open() {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = true;
        cv_.notify_all();
    }
    bool wait(std::chrono::seconds limit = std::chrono::seconds(20)) {
        std::unique_lock<std::mutex> lock(mutex_);
        return cv_.wait_for(lock, limit, [&] { return open_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false;
};

}  // namespace

RD_TEST(everyIndexRunsExactlyOnce) {
    for (int64_t n : {int64_t{1}, int64_t{7}, int64_t{4096}, int64_t{100003}})
        for (int64_t chunk : {int64_t{1}, int64_t{13}, int64_t{4096}})
            for (int threads : {1, 2, 4}) {
                std::vector<std::atomic<int>> seen(static_cast<size_t>(n));
                std::atomic<int64_t> calls{0};
                rd::parallelChunks(n, chunk, threads, [&](int64_t a, int64_t b) {
                    RD_CHECK(a < b && b <= n && b - a <= chunk);
                    ++calls;
                    for (int64_t i = a; i < b; ++i) ++seen[static_cast<size_t>(i)];
                });
                for (auto& s : seen) RD_CHECK_EQ(s.load(), 1);
                RD_CHECK_EQ(calls.load(), (n + chunk - 1) / chunk);
            }
    rd::parallelChunks(0, 16, 2, [](int64_t, int64_t) { throw std::logic_error("no work"); });
}

RD_TEST(aWorkerRunsBesideTheCaller) {
    // The first chunk to start waits until a second thread is inside the loop as well: only a pool
    // whose worker takes chunks while the caller is busy gets past it.
    std::mutex mutex;
    std::set<std::thread::id> threads;
    Latch both;
    bool timedOut = false;
    rd::parallelChunks(64, 1, 2, [&](int64_t, int64_t) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            threads.insert(std::this_thread::get_id());
            if (threads.size() >= 2) both.open();
        }
        if (!both.wait()) timedOut = true;
    });
    RD_CHECK(!timedOut);
    RD_CHECK_EQ(threads.size(), size_t{2});
    RD_CHECK(rd::workPoolWorkers() >= 1);
}

RD_TEST(aBusyPoolLeavesTheCallerToRunAlone) {
    // Thread A's loop holds the pool's worker (its chunks block until released). A second caller
    // must not wait for it: it runs every chunk itself and returns.
    Latch entered, release;
    std::thread a([&] {
        std::atomic<bool> first{true};
        rd::parallelChunks(4, 1, 2, [&](int64_t, int64_t) {
            if (first.exchange(false)) entered.open();
            release.wait();
        });
    });
    RD_CHECK(entered.wait());
    std::vector<int> seen(1000, 0);
    std::set<std::thread::id> ran;
    std::mutex mutex;
    rd::parallelChunks(1000, 10, 2, [&](int64_t b, int64_t e) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            ran.insert(std::this_thread::get_id());
        }
        for (int64_t i = b; i < e; ++i) ++seen[static_cast<size_t>(i)];
    });
    release.open();
    a.join();
    for (int s : seen) RD_CHECK_EQ(s, 1);
    RD_CHECK_EQ(ran.size(), size_t{1});
    RD_CHECK(*ran.begin() == std::this_thread::get_id());
}

RD_TEST(anExceptionReachesTheCaller) {
    bool thrown = false;
    try {
        rd::parallelChunks(100, 1, 2, [](int64_t a, int64_t) {
            if (a == 37) throw std::runtime_error("chunk 37");
        });
    } catch (const std::runtime_error& e) {
        thrown = std::string(e.what()) == "chunk 37";
    }
    RD_CHECK(thrown);
    // The pool still works afterwards.
    std::atomic<int64_t> sum{0};
    rd::parallelChunks(1000, 7, 2, [&](int64_t a, int64_t b) {
        for (int64_t i = a; i < b; ++i) sum += i;
    });
    RD_CHECK_EQ(sum.load(), int64_t{999 * 1000 / 2});
}

#if defined(__x86_64__) || defined(__i386__)
RD_TEST(workersFlushSubnormalsLikeTheCaller) {
    const unsigned saved = _mm_getcsr();
    constexpr unsigned kFtzDaz = 0x8040;
    for (bool flush : {true, false}) {
        _mm_setcsr(flush ? (saved | kFtzDaz) : (saved & ~kFtzDaz));
        std::atomic<int> wrong{0};
        std::mutex mutex;
        std::set<std::thread::id> threads;
        Latch both;
        rd::parallelChunks(64, 1, 2, [&](int64_t, int64_t) {
            if (((_mm_getcsr() & kFtzDaz) == kFtzDaz) != flush) ++wrong;
            // 1e-30f * 1e-10f is subnormal: zero only when flushing.
            volatile float tiny = 1e-30f;
            const float product = tiny * 1e-10f;
            if ((product == 0.f) != flush) ++wrong;
            {
                std::lock_guard<std::mutex> lock(mutex);
                threads.insert(std::this_thread::get_id());
                if (threads.size() >= 2) both.open();
            }
            both.wait();  // so that the worker runs a chunk too
        });
        RD_CHECK_EQ(wrong.load(), 0);
        RD_CHECK_EQ(threads.size(), size_t{2});
    }
    _mm_setcsr(saved);
}
#endif

int main() {
    return rdcheck::runAll("test_work_pool");
}
