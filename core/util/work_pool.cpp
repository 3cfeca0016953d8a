#include "util/work_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define RD_HAVE_MXCSR 1
#endif

namespace rd {

namespace {

struct Job {
    int64_t n = 0, chunk = 1;
    const std::function<void(int64_t, int64_t)>* body = nullptr;
    std::atomic<int64_t> next{0};
    int wanted = 0;  // workers that may join (threads - 1)
    int joined = 0;  // workers that have joined (under the pool's mutex)
    int active = 0;  // joined workers still inside run() (under the pool's mutex)
    unsigned csr = 0;
    std::mutex errorMutex;
    std::exception_ptr error;

    void run() {
        for (;;) {
            const int64_t a = next.fetch_add(chunk, std::memory_order_relaxed);
            if (a >= n) return;
            try {
                (*body)(a, std::min(n, a + chunk));
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!error) error = std::current_exception();
                next.store(n, std::memory_order_relaxed);  // no further chunks
            }
        }
    }
};

class Pool {
public:
    static Pool& instance() {
        // Never destroyed: workers may still be waiting at exit, and a static destructor joining
        // them would race with other static destructors.
        static Pool* pool = new Pool;
        return *pool;
    }

    void run(Job& job, int threads) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            if (current_ != nullptr) {  // another caller's loop holds the workers: run alone
                lock.unlock();
                job.run();
                return;
            }
            grow(threads - 1);
            job.wanted = threads - 1;
            current_ = &job;
            ++generation_;
        }
        wake_.notify_all();
        job.run();
        std::unique_lock<std::mutex> lock(mutex_);
        current_ = nullptr;  // no worker joins from here on
        done_.wait(lock, [&] { return job.active == 0; });
    }

    int workers() {
        std::lock_guard<std::mutex> lock(mutex_);
        return static_cast<int>(threads_.size());
    }

private:
    void grow(int count) {
        const int limit =
            std::max(1, static_cast<int>(std::thread::hardware_concurrency())) * 2;  // sanity cap
        count = std::min(count, limit);
        while (static_cast<int>(threads_.size()) < count) {
            threads_.emplace_back([this] { workerLoop(); });
            threads_.back().detach();
        }
    }

    void workerLoop() {
        uint64_t seen = 0;
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] {
                return current_ != nullptr && generation_ != seen &&
                       current_->joined < current_->wanted;
            });
            seen = generation_;
            Job* job = current_;
            ++job->joined;
            ++job->active;
            lock.unlock();
#ifdef RD_HAVE_MXCSR
            const unsigned saved = _mm_getcsr();
            _mm_setcsr(job->csr);
#endif
            job->run();
#ifdef RD_HAVE_MXCSR
            _mm_setcsr(saved);
#endif
            lock.lock();
            if (--job->active == 0) done_.notify_all();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    Job* current_ = nullptr;
    uint64_t generation_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace

void parallelChunks(int64_t n, int64_t chunk, int threads,
                    const std::function<void(int64_t, int64_t)>& body) {
    if (n <= 0) return;
    chunk = std::max<int64_t>(1, chunk);
    const int64_t chunks = (n + chunk - 1) / chunk;
    threads = static_cast<int>(std::min<int64_t>(std::max(1, threads), chunks));
    Job job;
    job.n = n;
    job.chunk = chunk;
    job.body = &body;
#ifdef RD_HAVE_MXCSR
    job.csr = _mm_getcsr();
#endif
    if (threads <= 1)
        job.run();
    else
        Pool::instance().run(job, threads);
    if (job.error) std::rethrow_exception(job.error);
}

int workPoolWorkers() {
    return Pool::instance().workers();
}

}  // namespace rd
