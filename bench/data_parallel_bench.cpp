// Data-parallel training on one machine: seconds per epoch at world size 1 and 2 (two processes on
// 127.0.0.1, each one thread), MF and LightGCN, row-sparse and dense gradient exchange, and the
// bytes each rank puts into the exchange per step; the same generated set and seed throughout.
//
//   bench_data_parallel [--spec SPEC] [--mf-epochs N] [--lightgcn-epochs N] [--skip-lightgcn]
//   bench_data_parallel --child MODEL SYNC SPEC EPOCHS   (one rank; the driver sets RANK, …)
//
// On a 2-core machine the two ranks share the cores with each other (and with whatever else runs):
// the figure is what two ranks on one such machine give, not what two machines would.

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_median.h"
#include "data/data_loader.h"
#include "data/split.h"
#include "data/train_data.h"
#include "dist/data_parallel.h"
#include "dist/launch_env.h"
#include "engine/trainer.h"
#include "util/torch_info.h"

namespace {

using rdbench::median;

int child(const std::string& model, const std::string& sync, const std::string& spec, int epochs) {
    rd::setComputeThreads(1);
    const rd::Dataset ds = rd::loadDataset(spec).dataset;
    const rd::TrainingData data = rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, {}));
    const rd::LaunchEnv env = rd::LaunchEnv::fromProcess();
    std::unique_ptr<rd::DataParallel> dp;
    rd::DataParallelOptions o;
    o.sync = rd::DataParallelOptions::syncFromName(sync);
    o.timeoutSeconds = 600;
    o.checkEvery = 0;  // one check at the end: the figure is the exchange's
    if (env.distributed()) dp = rd::DataParallel::connect(env, o);
    rd::TrainConfig c;
    c.epochs = epochs;
    c.evalEvery = 0;
    c.patience = 0;
    c.batchSize = 2048;
    c.threads = 1;
    c.dataParallel = dp.get();
    rd::ModelSpec m{model, {{"dim", 64}}};
    if (model == "lightgcn") m.params["layers"] = 2;
    rd::TrainCallbacks cb;
    std::vector<double> seconds;
    cb.onEpoch = [&](const rd::EpochReport& r) { seconds.push_back(r.seconds); };
    const rd::TrainOutcome out = rd::trainModel(data, m, c, "bench", cb);
    if (env.rank != 0) return out.status == "finished" ? 0 : 1;
    std::printf("status %s\nepochs", out.status.c_str());
    for (double s : seconds) std::printf(" %.3f", s);
    const rd::DataParallelStats st = dp ? dp->stats() : rd::DataParallelStats{};
    std::printf("\nsteps %lld\nbytes %lld\nexchange %.4f\ntrain %zu\n",
                static_cast<long long>(st.steps), static_cast<long long>(st.gradientBytes),
                st.exchangeSeconds, data.trainUsers.size());
    return out.status == "finished" ? 0 : 1;
}

int freePort() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    close(s);
    return ntohs(a.sin_port);
}

struct Figures {
    std::vector<double> epochs;
    long long steps = 0, bytes = 0;
    double exchange = 0;
};

/** Runs the child as `world` ranks (1 = a plain start) and reads rank 0's figures. */
Figures run(const std::string& self, const std::string& model, const std::string& sync,
            const std::string& spec, int epochs, int world) {
    const int port = freePort();
    const std::string out = "/tmp/bench_data_parallel." + std::to_string(getpid()) + ".txt";
    std::vector<pid_t> pids;
    std::fflush(stdout);  // or a child's freopen writes our buffered lines again
    for (int r = 0; r < world; ++r) {
        const pid_t pid = fork();
        if (pid == 0) {
            if (world > 1) {
                setenv("RANK", std::to_string(r).c_str(), 1);
                setenv("WORLD_SIZE", std::to_string(world).c_str(), 1);
                setenv("MASTER_ADDR", "127.0.0.1", 1);
                setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
            }
            if (r == 0 && !freopen(out.c_str(), "w", stdout)) _exit(127);
            execl(self.c_str(), self.c_str(), "--child", model.c_str(), sync.c_str(), spec.c_str(),
                  std::to_string(epochs).c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        pids.push_back(pid);
    }
    for (pid_t p : pids) {
        int status = 0;
        waitpid(p, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "a rank failed (%s, %s, world %d)\n", model.c_str(), sync.c_str(),
                         world);
            std::exit(1);
        }
    }
    std::ifstream f(out);
    Figures fig;
    std::string line;
    while (std::getline(f, line)) {
        std::istringstream s(line);
        std::string key;
        s >> key;
        if (key == "epochs")
            for (double v; s >> v;) fig.epochs.push_back(v);
        else if (key == "steps")
            s >> fig.steps;
        else if (key == "bytes")
            s >> fig.bytes;
        else if (key == "exchange")
            s >> fig.exchange;
    }
    std::remove(out.c_str());
    return fig;
}

void report(const std::string& self, const std::string& model, const std::string& spec,
            int epochs) {
    const Figures one = run(self, model, "sparse", spec, epochs, 1);
    const Figures sparse = run(self, model, "sparse", spec, epochs, 2);
    const Figures dense = run(self, model, "dense", spec, epochs, 2);
    const auto line = [&](const char* what, const Figures& f) {
        std::printf("%-9s %-24s", model.c_str(), what);
        for (double s : f.epochs) std::printf(" %7.2f", s);
        std::printf("  median %7.2f s/epoch  ratio %.2fx", median(f.epochs),
                    median(one.epochs) / median(f.epochs));
        if (f.steps)
            std::printf("  %lld steps, %.2f MB a step from each rank, exchange %.1f ms a step",
                        f.steps, f.bytes / 1e6 / f.steps, 1e3 * f.exchange / f.steps);
        std::printf("\n");
        std::fflush(stdout);
    };
    line("world 1", one);
    line("world 2, row-sparse", sparse);
    line("world 2, dense", dense);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 5 && a[0] == "--child") return child(a[1], a[2], a[3], std::stoi(a[4]));
    std::string spec = "demo:users=30000,items=41000,interactions=1000000,seed=1";
    int mfEpochs = 4, lightgcnEpochs = 2;
    bool lightgcn = true;
    for (size_t k = 0; k < a.size(); ++k) {
        if (a[k] == "--spec" && k + 1 < a.size())
            spec = a[++k];
        else if (a[k] == "--mf-epochs" && k + 1 < a.size())
            mfEpochs = std::stoi(a[++k]);
        else if (a[k] == "--lightgcn-epochs" && k + 1 < a.size())
            lightgcnEpochs = std::stoi(a[++k]);
        else if (a[k] == "--skip-lightgcn")
            lightgcn = false;
        else {
            std::fprintf(stderr, "unknown argument %s\n", a[k].c_str());
            return 1;
        }
    }
    const std::string self = "/proc/self/exe";
    char exe[4096];
    const ssize_t n = readlink(self.c_str(), exe, sizeof exe - 1);
    if (n <= 0) return 1;
    exe[n] = '\0';
    std::printf("data: %s; batch 2048, dim 64, adam, one thread per rank, %ld cores\n",
                spec.c_str(), sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("%-9s %-24s %s\n", "model", "run", "s per epoch");
    report(exe, "mf", spec, mfEpochs);
    if (lightgcn) report(exe, "lightgcn", spec, lightgcnEpochs);
    return 0;
}
