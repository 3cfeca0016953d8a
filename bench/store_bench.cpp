// Run store speed: write 1 million metric points (50 runs x 1,000 epochs x 20 metrics, one
// transaction per epoch as training does) and read back one curve of each of the 50 runs. Prints
// the overall rate, the median and 99th percentile of one epoch's transaction, and the median of 5
// reads.
//
//   bench_store [FOLDER]   (a temporary database there, deleted afterwards)

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "store/run_store.h"

namespace {
double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path folder =
        argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path();
    const std::filesystem::path db =
        folder / ("recdistill_store_bench_" + std::to_string(getpid()) + ".sqlite");
    const int runs = 50, epochs = 1000, metrics = 20;
    std::vector<int64_t> runIds;
    std::vector<double> txMicros;  // one epoch's addPoints each
    txMicros.reserve(static_cast<size_t>(runs) * epochs);
    double writeSeconds = 0;
    {
        rd::RunStore store(db.string());
        rd::ExperimentRecord e;
        e.name = "bench";
        e.configJson = "{}";
        const int64_t experiment = store.addExperiment(e);
        std::vector<std::pair<std::string, double>> values(metrics);
        for (int m = 0; m < metrics; ++m) values[m].first = "metric" + std::to_string(m);
        const double t0 = now();
        for (int r = 0; r < runs; ++r) {
            rd::RunRecord run;
            run.experimentId = experiment;
            run.role = "student";
            run.model = "mf";
            const int64_t id = store.startRun(run);
            runIds.push_back(id);
            for (int s = 0; s < epochs; ++s) {
                for (int m = 0; m < metrics; ++m) values[m].second = 1.0 / (1 + s + m);
                const double t = now();
                store.addPoints(id, s, values, static_cast<double>(s));
                txMicros.push_back(1e6 * (now() - t));
            }
            store.finishRun(id, "finished");
        }
        writeSeconds = now() - t0;
    }
    const double points = static_cast<double>(runs) * epochs * metrics;
    std::printf(
        "wrote %.0f points (%d runs x %d epochs x %d metrics, one transaction per epoch) in %.2f "
        "s: "
        "%.0f points/s (goal >= 200,000)\n",
        points, runs, epochs, metrics, writeSeconds, points / writeSeconds);
    std::sort(txMicros.begin(), txMicros.end());
    std::printf("one epoch's transaction (%d points): median %.1f us, p99 %.1f us\n", metrics,
                txMicros[txMicros.size() / 2], txMicros[txMicros.size() * 99 / 100]);

    rd::RunStore reader(db.string());
    std::vector<double> ms;
    for (int rep = 0; rep < 5; ++rep) {
        const double t0 = now();
        size_t n = 0;
        for (int64_t id : runIds) n += reader.points(id, "metric3").size();
        ms.push_back(1000 * (now() - t0));
        if (n != static_cast<size_t>(runs) * epochs) std::printf("unexpected point count %zu\n", n);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("read one curve of each of %d runs (%d points): median %.1f ms (goal <= 100 ms)\n",
                runs, runs * epochs, ms[ms.size() / 2]);
    std::filesystem::remove(db);
    std::filesystem::remove(db.string() + "-wal");
    std::filesystem::remove(db.string() + "-shm");
    return 0;
}
