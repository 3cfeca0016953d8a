// Data-parallel training on one machine: the launcher's environment, the gradient exchange between
// two ranks in one process (two threads, each with its own Gloo process group on loopback), and
// recdistill-cli started as two ranks on 127.0.0.1 with torchrun's variables, as a user would.

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "check.h"
#include "cli_ranks.h"
#include "dist/data_parallel.h"
#include "dist/gradient_sync.h"
#include "dist/launch_env.h"

namespace {

rd::LaunchEnv readEnv(const std::map<std::string, std::string>& vars) {
    return rd::LaunchEnv::read([&](const char* name) -> const char* {
        const auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    });
}

std::string thrown(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

/** Runs f(rank) on two threads, each with its own DataParallel on loopback; f's exception
 *  messages per rank ("" when none). */
std::vector<std::string> twoRanks(const std::function<void(rd::DataParallel&)>& f,
                                  rd::DataParallelOptions o = {}) {
    const int port = freePort();
    std::vector<std::string> errors(2);
    std::vector<std::thread> threads;
    for (int r = 0; r < 2; ++r)
        threads.emplace_back([&, r] {
            errors[r] = thrown([&] {
                rd::LaunchEnv e = readEnv({{"RANK", std::to_string(r)},
                                           {"WORLD_SIZE", "2"},
                                           {"MASTER_ADDR", "127.0.0.1"},
                                           {"MASTER_PORT", std::to_string(port)}});
                auto dp = rd::DataParallel::connect(e, o);
                f(*dp);
            });
        });
    for (auto& t : threads) t.join();
    return errors;
}

/** The demo MF config: 8 epochs, fixed seed, one thread, --json, no store unless db given. */
std::vector<std::string> mfArgs(int batch, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> a{"--db",  tempDir() + "/runs.sqlite",
                               "train", kSource + "/resources/experiments/quick-demo-mf.json",
                               "--set", "train.epochs=8",
                               "--set", "train.patience=0",
                               "--set", "train.threads=1",
                               "--set", "train.batch_size=" + std::to_string(batch),
                               "--json"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

}  // namespace

RD_TEST(plainStartIsWorldSizeOne) {
    const rd::LaunchEnv e = readEnv({});
    RD_CHECK_EQ(e.worldSize, 1);
    RD_CHECK_EQ(e.rank, 0);
    RD_CHECK(!e.distributed());
    RD_CHECK_EQ(e.launcher, std::string());
}

RD_TEST(torchrunAndSlurmVariables) {
    const rd::LaunchEnv t = readEnv({{"RANK", "1"},
                                     {"WORLD_SIZE", "4"},
                                     {"LOCAL_RANK", "1"},
                                     {"MASTER_ADDR", "node7"},
                                     {"MASTER_PORT", "29500"},
                                     {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                     {"TORCHELASTIC_RESTART_COUNT", "2"}});
    RD_CHECK_EQ(t.launcher, std::string("torchrun"));
    RD_CHECK_EQ(t.rank, 1);
    RD_CHECK_EQ(t.worldSize, 4);
    RD_CHECK_EQ(t.localRank, 1);
    RD_CHECK_EQ(t.masterAddr, std::string("node7"));
    RD_CHECK_EQ(t.masterPort, 29500);
    RD_CHECK(t.agentStore);
    RD_CHECK_EQ(t.restartCount, std::string("2"));
    const rd::LaunchEnv s = readEnv({{"SLURM_PROCID", "3"},
                                     {"SLURM_NTASKS", "8"},
                                     {"SLURM_LOCALID", "1"},
                                     {"MASTER_ADDR", "10.0.0.1"},
                                     {"MASTER_PORT", "12345"}});
    RD_CHECK_EQ(s.launcher, std::string("slurm"));
    RD_CHECK_EQ(s.rank, 3);
    RD_CHECK_EQ(s.worldSize, 8);
    RD_CHECK_EQ(s.localRank, 1);
    RD_CHECK(!s.agentStore);
    // torchrun started by srun: torchrun's variables are the ones that count.
    const rd::LaunchEnv both = readEnv({{"SLURM_PROCID", "0"},
                                        {"SLURM_NTASKS", "2"},
                                        {"RANK", "3"},
                                        {"WORLD_SIZE", "4"},
                                        {"MASTER_ADDR", "a"},
                                        {"MASTER_PORT", "1"}});
    RD_CHECK_EQ(both.rank, 3);
    RD_CHECK_EQ(both.worldSize, 4);
}

RD_TEST(inconsistentVariablesAreRefusedByName) {
    RD_CHECK(contains(thrown([] { readEnv({{"RANK", "0"}}); }), "WORLD_SIZE is not set"));
    RD_CHECK(contains(thrown([] { readEnv({{"SLURM_NTASKS", "2"}}); }), "SLURM_PROCID is not set"));
    RD_CHECK(contains(
        thrown([] {
            readEnv(
                {{"RANK", "2"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "1"}});
        }),
        "RANK=2 is not below WORLD_SIZE=2"));
    RD_CHECK(contains(thrown([] {
                          readEnv({{"RANK", "0"}, {"WORLD_SIZE", "2"}});
                      }),
                      "MASTER_ADDR is not set"));
    RD_CHECK(contains(thrown([] {
                          readEnv({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}});
                      }),
                      "MASTER_PORT is not set"));
    RD_CHECK(contains(thrown([] {
                          readEnv({{"RANK", "0"},
                                   {"WORLD_SIZE", "2"},
                                   {"MASTER_ADDR", "h"},
                                   {"MASTER_PORT", "70000"}});
                      }),
                      "MASTER_PORT=\"70000\" is not a whole number in [1, 65535]"));
    RD_CHECK(contains(thrown([] { readEnv({{"RANK", "x"}, {"WORLD_SIZE", "2"}}); }), "RANK=\"x\""));
    // A world of one needs no store.
    RD_CHECK(!readEnv({{"RANK", "0"}, {"WORLD_SIZE", "1"}}).distributed());
}

RD_TEST(rowSparseAndDenseExchangeGiveTheWeightedSum) {
    // A 5x2 table with row-sparse gradients (rank 0: rows 1, 3, 1 again; rank 1: rows 3, 4) and a
    // dense bias; weights 0.25 and 0.75 (e.g. batches of 1 and 3 samples).
    for (const auto sync :
         {rd::DataParallelOptions::Sync::RowSparse, rd::DataParallelOptions::Sync::Dense}) {
        rd::DataParallelOptions o;
        o.sync = sync;
        o.timeoutSeconds = 20;
        std::vector<torch::Tensor> results(2), biases(2);
        std::vector<bool> sparseAfter(2);
        const auto errors = twoRanks(
            [&](rd::DataParallel& dp) {
                const int r = dp.rank();
                torch::Tensor table = torch::zeros({5, 2});
                torch::Tensor bias = torch::zeros({3});
                torch::Tensor ids = r == 0 ? torch::tensor({1, 3, 1}, torch::kLong)
                                           : torch::tensor({3, 4}, torch::kLong);
                torch::Tensor vals = r == 0 ? torch::tensor({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}})
                                            : torch::tensor({{10.f, 20.f}, {30.f, 40.f}});
                table.mutable_grad() =
                    torch::sparse_coo_tensor(ids.view({1, -1}), vals, table.sizes());
                bias.mutable_grad() = torch::full({3}, r == 0 ? 4.f : 8.f);
                rd::GradientSync sync(dp, {table, bias});
                sync.combine(r == 0 ? 0.25 : 0.75);
                sparseAfter[r] = table.grad().is_sparse();
                results[r] = table.grad().to_dense();
                biases[r] = bias.grad().clone();
            },
            o);
        RD_CHECK_EQ(errors[0], std::string());
        RD_CHECK_EQ(errors[1], std::string());
        const torch::Tensor expected = torch::tensor(
            {{0.f, 0.f}, {1.5f, 2.f}, {0.f, 0.f}, {0.75f + 7.5f, 1.f + 15.f}, {22.5f, 30.f}});
        for (int r = 0; r < 2; ++r) {
            RD_CHECK(torch::equal(results[r], expected));
            RD_CHECK(torch::equal(biases[r], torch::full({3}, 7.f)));
            RD_CHECK_EQ(bool(sparseAfter[r]), sync == rd::DataParallelOptions::Sync::RowSparse);
        }
    }
}

RD_TEST(shardedRowsAreGatheredInPositionOrder) {
    // Five rows of width 2 over two ranks: rank 0 holds positions 0, 2, 4, rank 1 positions 1, 3.
    std::vector<std::vector<int32_t>> got(2);
    const auto errors = twoRanks([&](rd::DataParallel& dp) {
        std::vector<int32_t> rows;
        for (int p = dp.rank(); p < 5; p += 2) rows.insert(rows.end(), {10 * p, 10 * p + 1});
        got[static_cast<size_t>(dp.rank())] = dp.gatherInterleaved(rows, 2, 5);
        if (dp.rank() == 1)  // a rank with the wrong number of rows is refused before the exchange
            RD_CHECK(contains(thrown([&] {
                                  dp.gatherInterleaved({1, 2, 3}, 2, 5);
                              }),
                              "rank 1 holds 3 values, not 4"));
    });
    RD_CHECK_EQ(errors[0], std::string());
    RD_CHECK_EQ(errors[1], std::string());
    const std::vector<int32_t> expected{0, 1, 10, 11, 20, 21, 30, 31, 40, 41};
    RD_CHECK(got[0] == expected);
    RD_CHECK(got[1] == expected);
}

RD_TEST(differingReplicasFailTheCheckOnEveryRank) {
    rd::DataParallelOptions o;
    o.timeoutSeconds = 20;
    const auto same = twoRanks(
        [](rd::DataParallel& dp) {
            rd::GradientSync sync(dp, {torch::arange(10, torch::kFloat)});
            sync.checkReplicas();
        },
        o);
    RD_CHECK_EQ(same[0], std::string());
    RD_CHECK_EQ(same[1], std::string());
    const auto differ = twoRanks(
        [](rd::DataParallel& dp) {
            torch::Tensor p = torch::arange(10, torch::kFloat);
            if (dp.rank() == 1) p[7] = std::nextafter(7.f, 8.f);  // one bit of one element
            rd::GradientSync sync(dp, {p});
            sync.checkReplicas();
        },
        o);
    for (const auto& e : differ) {
        RD_CHECK(contains(e, "the replicas differ after step 0"));
        RD_CHECK(contains(e, "rank 1's parameter checksum"));
    }
}

namespace {

/** The test metrics of world size 1 with batch 2B and of world size 2 with batch B (the same
 *  samples and negatives each step), the latter with the given --dist-sync. */
struct Pair {
    nlohmann::json one, two;
    std::string rank0Log, rank1Out;
};

Pair worldOneAndTwo(const std::string& sync) {
    const int port = freePort();
    const std::vector<std::string> dist{"--no-store", "--dist-sync",        sync, "--dist-timeout",
                                        "30",         "--dist-check-every", "1"};
    const Proc one = spawnCli(mfArgs(512, {"--no-store"}), 0, 0, 0, "one-" + sync);
    const Proc r0 = spawnCli(mfArgs(256, dist), 0, 2, port, "r0-" + sync);
    const Proc r1 = spawnCli(mfArgs(256, dist), 1, 2, port, "r1-" + sync);
    RD_CHECK_EQ(waitExit(one), 0);
    RD_CHECK_EQ(waitExit(r0), 0);
    RD_CHECK_EQ(waitExit(r1), 0);
    return {lastJson(readFile(one.outFile)), lastJson(readFile(r0.outFile)), readFile(r0.errFile),
            readFile(r1.outFile)};
}

}  // namespace

RD_TEST(worldSizeTwoReachesWorldSizeOnesMetrics) {
    // World size 2 with batch 256 takes the steps world size 1 takes with batch 512 on the same
    // samples and negatives; only the order of float additions may differ (rank-weighted halves
    // summed instead of one mean), so the metrics must agree to 2e-3 (absolute). On this data
    // they agree exactly: the weights are 1/2 (exact in floats) and the rows are added up in
    // world size 1's order (rank 0's half first).
    for (const std::string sync : {"sparse", "dense"}) {
        const Pair p = worldOneAndTwo(sync);
        for (const char* m : {"NDCG@10", "Recall@10", "MRR@10", "Recall@50"}) {
            const double a = p.one["test"][m].get<double>(), b = p.two["test"][m].get<double>();
            std::printf("   %s %s: world 1 %.6f, world 2 %.6f\n", sync.c_str(), m, a, b);
            RD_CHECK(a > 0.01);
            RD_CHECK(std::abs(a - b) <= 2e-3);
        }
        RD_CHECK_EQ(p.two["epochs"].get<int>(), 8);
        // Validation is sharded by users: each rank ranks half of them and the means are summed
        // back over all users, so the best epoch's figures are world size 1's up to rounding.
        RD_CHECK_EQ(p.two["valid"]["eval_users"].get<double>(),
                    p.one["valid"]["eval_users"].get<double>());
        for (const char* m : {"NDCG@10", "Recall@20", "MRR@10", "MAP@50"})
            RD_CHECK(std::abs(p.one["valid"][m].get<double>() - p.two["valid"][m].get<double>()) <=
                     1e-9);
        RD_CHECK(contains(p.rank0Log, "validation sharded over 2 ranks"));
        // Only rank 0 prints results.
        RD_CHECK_EQ(p.rank1Out, std::string());
        RD_CHECK(contains(p.rank0Log, sync == "sparse" ? "row-sparse gradient exchange"
                                                       : "dense gradient exchange"));
    }
}

RD_TEST(distillationStagesMatchWorldSizeOne) {
    // Teacher LightGCN (dense table gradients through the propagation), student MF alone and MF +
    // rd (the method's loss on top): every stage data-parallel, each within the same tolerance.
    const auto args = [](int batch, const std::vector<std::string>& extra) {
        std::vector<std::string> a{"distill",    kSource + "/resources/experiments/quick-demo.json",
                                   "--set",      "methods=[\"rd\"]",
                                   "--set",      "train.epochs=4",
                                   "--set",      "train.patience=0",
                                   "--set",      "teacher_train.epochs=4",
                                   "--set",      "train.threads=1",
                                   "--set",      "train.batch_size=" + std::to_string(batch),
                                   "--no-store", "--json"};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    };
    const int port = freePort();
    const std::vector<std::string> dist{"--dist-timeout", "30"};
    const Proc one = spawnCli(args(512, {}), 0, 0, 0, "distill-one");
    const Proc r0 = spawnCli(args(256, dist), 0, 2, port, "distill-r0");
    const Proc r1 = spawnCli(args(256, dist), 1, 2, port, "distill-r1");
    RD_CHECK_EQ(waitExit(one), 0);
    RD_CHECK_EQ(waitExit(r0), 0);
    RD_CHECK_EQ(waitExit(r1), 0);
    const auto a = lastJson(readFile(one.outFile)), b = lastJson(readFile(r0.outFile));
    RD_CHECK_EQ(a["rows"].size(), size_t{3});
    RD_CHECK_EQ(b["rows"].size(), size_t{3});
    for (size_t k = 0; k < 3; ++k) {
        RD_CHECK_EQ(b["rows"][k]["status"].get<std::string>(), std::string("finished"));
        for (const char* m : {"NDCG@10", "Recall@10"}) {
            const double x = a["rows"][k]["test"][m].get<double>(),
                         y = b["rows"][k]["test"][m].get<double>();
            std::printf("   %s %s: world 1 %.6f, world 2 %.6f\n",
                        a["rows"][k]["stage"].get<std::string>().c_str(), m, x, y);
            RD_CHECK(x > 0.01);
            RD_CHECK(std::abs(x - y) <= 2e-3);
        }
    }
    const std::string log = readFile(r0.errFile);
    for (const char* stage :
         {"teacher: data-parallel over 2 ranks", "student: data-parallel", "rd: data-parallel",
          "teacher: test users ranked over 2 ranks (500 of 1000 here), lists gathered",
          "rd: test users ranked over 2 ranks"})
        RD_CHECK(contains(log, stage));
}

RD_TEST(replicasStayIdenticalEveryStep) {
    const Pair p = worldOneAndTwo("sparse");
    // "data-parallel over 2 ranks: S steps, … C replica checks equal": one check per step and one
    // after restoring the best epoch.
    const size_t at = p.rank0Log.find("data-parallel over 2 ranks: ");
    RD_CHECK(at != std::string::npos);
    long long steps = 0, checks = 0;
    std::sscanf(p.rank0Log.c_str() + at, "data-parallel over 2 ranks: %lld steps", &steps);
    const size_t c = p.rank0Log.find(" replica checks equal", at);
    RD_CHECK(c != std::string::npos);
    size_t from = p.rank0Log.rfind(", ", c);
    std::sscanf(p.rank0Log.c_str() + from + 2, "%lld", &checks);
    RD_CHECK(steps > 8);
    RD_CHECK_EQ(checks, steps + 1);
}

namespace {

/** Rank 0's exit code, its stderr and the seconds from signalling rank 1 to rank 0's end. */
struct Ended {
    int code = 0;
    std::string err;
    double seconds = 0;
};

Ended signalRankOne(int signal, const std::string& db, const std::string& tag) {
    const int port = freePort();
    const auto args = [&] {
        std::vector<std::string> a{
            "--db",           db,
            "train",          kSource + "/resources/experiments/quick-demo-mf.json",
            "--set",          "train.epochs=100000",
            "--set",          "train.patience=0",
            "--set",          "train.threads=1",
            "--dist-timeout", "5"};
        return a;
    }();
    const Proc r0 = spawnCli(args, 0, 2, port, tag + "-r0");
    const Proc r1 = spawnCli(args, 1, 2, port, tag + "-r1");
    // Wait until training runs (rank 0 prints its epochs), then kill rank 1 outright.
    waitUntil([&] { return contains(readFile(r0.outFile), "epoch 3/"); });
    kill(r1.pid, signal);
    const auto signalled = std::chrono::steady_clock::now();
    Ended e;
    e.code = waitExit(r0);
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
    kill(r1.pid, SIGKILL);
    waitExit(r1);
    e.err = readFile(r0.errFile);
    std::printf("   rank 1 %s: rank 0 ended %.2f s later (exit %d)\n",
                signal == SIGKILL ? "killed" : "stopped", e.seconds, e.code);
    return e;
}

/** The store's runs: one, failed, without results (nothing half-written). */
void checkOneFailedRun(const std::string& db, const std::string& tag) {
    const Proc runs = spawnCli({"--db", db, "runs", "--json"}, 0, 0, 0, tag + "-runs");
    RD_CHECK_EQ(waitExit(runs), 0);
    const std::string out = readFile(runs.outFile);
    const auto j = nlohmann::json::parse(out.substr(out.find('[')));
    RD_CHECK_EQ(j.size(), size_t{1});
    RD_CHECK_EQ(j[0]["status"].get<std::string>(), std::string("failed"));
    RD_CHECK(j[0]["final"].empty());
}

}  // namespace

RD_TEST(aKilledRankEndsTheOtherWithinTheTimeout) {
    // A dead peer closes its sockets: rank 0's next collective fails at once.
    const std::string db = tempDir() + "/killed.sqlite";
    const Ended e = signalRankOne(SIGKILL, db, "killed");
    RD_CHECK(e.code != 0);
    RD_CHECK(e.seconds < 5 + 10);  // the timeout, and the margin of a loaded machine
    RD_CHECK(contains(e.err, "error: data-parallel: "));
    RD_CHECK(contains(e.err,
                      "failed on rank 0 of 2: another rank died or did not answer within "
                      "the collective timeout (5 s)"));
    checkOneFailedRun(db, "killed");
}

RD_TEST(aHungRankEndsTheOtherAtTheTimeout) {
    // A stopped peer keeps its sockets open: only the collective timeout (5 s) ends rank 0.
    const std::string db = tempDir() + "/hung.sqlite";
    const Ended e = signalRankOne(SIGSTOP, db, "hung");
    RD_CHECK(e.code != 0);
    RD_CHECK(e.seconds >= 4.5);
    RD_CHECK(e.seconds < 5 + 10);
    RD_CHECK(contains(e.err,
                      "failed on rank 0 of 2: another rank died or did not answer within "
                      "the collective timeout (5 s)"));
    checkOneFailedRun(db, "hung");
}

int main() {
    return rdcheck::runAll("test_data_parallel");
}
