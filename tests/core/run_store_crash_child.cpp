// Child of test_run_store_crash: records one finished run, then writes epochs of points into a
// second run until it is killed. Prints "finished ID", "running ID" and "step N" after each commit.

#include <cstdio>
#include <string>

#include "store/run_store.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: run_store_crash_child DB\n");
        return 1;
    }
    try {
        rd::RunStore store(argv[1]);
        const int64_t e = store.addExperiment({0, "crash", 0, "{}", "", "", {}});
        rd::RunRecord r{0, e, "model", "mf", "", 1, "running", "", "", "", "", "", 1, "{}", 0, ""};
        const int64_t done = store.startRun(r);
        for (int step = 0; step < 5; ++step)
            store.addPoints(done, step, {{"loss", step * 0.25}, {"ndcg", step * 0.5}}, 1.0);
        store.setFinalResults(done, {{"NDCG@10", 0.5}});
        store.finishRun(done, "finished");
        std::printf("finished %lld\n", static_cast<long long>(done));
        const int64_t live = store.startRun(r);
        std::printf("running %lld\n", static_cast<long long>(live));
        std::fflush(stdout);
        for (int64_t step = 0;; ++step) {
            store.addPoints(live, step,
                            {{"loss", step * 1.0}, {"ndcg", step * 2.0}, {"recall", step * 3.0}},
                            1.0);
            std::printf("step %lld\n", static_cast<long long>(step));
            std::fflush(stdout);
        }
    } catch (const std::exception& ex) {
        std::fprintf(stderr, "%s\n", ex.what());
        return 2;
    }
}
