// Studies spread over the ranks of a job: recdistill-cli started as two ranks on 127.0.0.1 with
// torchrun's variables, against the same study in one process; a killed rank, a rank given another
// config, and a cancel on one rank.

#include <signal.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check.h"
#include "cli_ranks.h"

namespace {

// A study spread over ranks: quick-demo experiments of about a second each.
std::vector<std::string> studyArgs(const std::string& db, const std::string& seeds, int epochs,
                                   const std::vector<std::string>& extra = {}) {
    std::vector<std::string> a{"--db",    db,
                               "study",   kSource + "/resources/experiments/quick-demo.json",
                               "--set",   "methods=[\"softlabel\"]",
                               "--set",   "train.epochs=" + std::to_string(epochs),
                               "--set",   "teacher_train.epochs=" + std::to_string(epochs),
                               "--set",   "train.patience=0",
                               "--set",   "train.threads=1",
                               "--seeds", seeds,
                               "--json"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

/** What must not depend on where an experiment ran: every row's accuracy and diversity figures
 *  and its paired comparison to the student alone (timings and run ids may differ). */
void checkSameTables(const nlohmann::json& a, const nlohmann::json& b) {
    static const std::set<std::string> timing{"eval_seconds",   "train_seconds",  "latency_p50_ms",
                                              "latency_p95_ms", "serving_p50_ms", "serving_p99_ms",
                                              "serving_bytes",  "epoch_seconds"};
    RD_CHECK_EQ(a["rows"].size(), b["rows"].size());
    RD_CHECK(a["rows"].size() >= 3);
    int compared = 0;
    for (size_t k = 0; k < a["rows"].size(); ++k) {
        const auto &x = a["rows"][k], &y = b["rows"][k];
        RD_CHECK_EQ(x["role"], y["role"]);
        RD_CHECK_EQ(x["seeds"], y["seeds"]);
        RD_CHECK_EQ(x["vs_student"], y["vs_student"]);
        for (const auto& [name, value] : x["metrics"].items()) {
            if (timing.count(name)) continue;
            RD_CHECK(y["metrics"].contains(name));
            if (value != y["metrics"][name])
                std::printf("   differs: %s %s\n", x["role"].dump().c_str(), name.c_str());
            RD_CHECK_EQ(value, y["metrics"][name]);
            ++compared;
        }
    }
    RD_CHECK(compared > 50);
}

bool exists(const std::string& path) {
    return access(path.c_str(), F_OK) == 0;
}

}  // namespace

RD_TEST(aStudyOverTwoRanksEqualsOneRank) {
    // Three seeds, three teacher groups: rank 0 takes two, rank 1 one (it runs it into a store of
    // its own and sends that to rank 0). Every experiment runs whole on one rank with the same
    // seeds and threads as in one process, so the tables must agree exactly.
    const std::string dir = tempDir();
    const Proc one = spawnCli(studyArgs(dir + "/study-one.db", "1,2,3", 3), 0, 0, 0, "study-one");
    RD_CHECK_EQ(waitExit(one), 0);
    const int port = freePort();
    const Proc r0 = spawnCli(studyArgs(dir + "/study-two.db", "1,2,3", 3, {"--dist-timeout", "20"}),
                             0, 2, port, "study-r0");
    const Proc r1 =
        spawnCli(studyArgs(dir + "/study-rank1.db", "1,2,3", 3, {"--dist-timeout", "20"}), 1, 2,
                 port, "study-r1");
    RD_CHECK_EQ(waitExit(r0), 0);
    RD_CHECK_EQ(waitExit(r1), 0);
    const auto a = lastJson(readFile(one.outFile)), b = lastJson(readFile(r0.outFile));
    RD_CHECK_EQ(b["ranks"].get<int>(), 2);
    RD_CHECK_EQ(b["ran"].get<int>(), 3);
    RD_CHECK_EQ(b["status"].get<std::string>(), std::string("finished"));
    checkSameTables(a, b);
    const std::string log0 = readFile(r0.errFile), log1 = readFile(r1.errFile);
    RD_CHECK(contains(log0, "3 experiments to run over 2 ranks (1 on the others)"));
    RD_CHECK(contains(log0, "rank 1 delivered 1 experiment(s)"));
    RD_CHECK(contains(log1,
                      "rank 1 of 2: 1 experiments run here, 0 failed, delivered to rank 0 "
                      "in 1 store"));
    RD_CHECK_EQ(readFile(r1.outFile), std::string());
    // Only rank 0 keeps a store; rank 1's --db is never opened.
    RD_CHECK(!exists(dir + "/study-rank1.db"));
    // The delivered experiment's checkpoints came with it: 3 experiments × 3 runs.
    const Proc runs =
        spawnCli({"--db", dir + "/study-two.db", "runs", "--json"}, 0, 0, 0, "study-two-runs");
    RD_CHECK_EQ(waitExit(runs), 0);
    const std::string listed = readFile(runs.outFile);
    const auto j = nlohmann::json::parse(listed.substr(listed.find('[')));
    RD_CHECK_EQ(j.size(), size_t{9});
}

RD_TEST(aKilledRankEndsTheStudyAndResumeFinishesIt) {
    // Rank 1 is killed in its first experiment: rank 0 sees no sign of life within the timeout,
    // stops, and marks the study failed; what finished stays. `--resume` in one process runs the
    // rest, and the table equals an uninterrupted one-process study.
    const std::string dir = tempDir();
    const int port = freePort();
    const auto args = [&](const std::string& db) {
        return studyArgs(db, "1,2,3,4", 40, {"--dist-timeout", "3"});
    };
    const Proc r0 = spawnCli(args(dir + "/killed-study.db"), 0, 2, port, "kstudy-r0");
    const Proc r1 = spawnCli(args(dir + "/killed-study-r1.db"), 1, 2, port, "kstudy-r1");
    // Killed once rank 0 finished an experiment and rank 1 began its second one.
    const auto count = [](const std::string& text, const std::string& part) {
        int n = 0;
        for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
            ++n;
        return n;
    };
    waitUntil([&] {
        return contains(readFile(r0.errFile), ": finished (experiment") &&
               count(readFile(r1.errFile), ": started") >= 2;
    });
    kill(r1.pid, SIGKILL);
    const auto killed = std::chrono::steady_clock::now();
    const int code = waitExit(r0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - killed).count();
    waitExit(r1);
    std::printf("   rank 1 killed: rank 0 ended %.2f s later (exit %d)\n", seconds, code);
    RD_CHECK_EQ(code, 3);
    RD_CHECK(seconds < 3 + 10);
    const std::string err = readFile(r0.errFile);
    RD_CHECK(contains(err, "rank 1 gave no sign of life for 3 s"));
    RD_CHECK(contains(err, "resume it with --resume 1"));

    const Proc resumed =
        spawnCli({"--db", dir + "/killed-study.db", "study", "--resume", "1", "--json"}, 0, 0, 0,
                 "kstudy-resume");
    RD_CHECK_EQ(waitExit(resumed), 0);
    const auto b = lastJson(readFile(resumed.outFile));
    RD_CHECK_EQ(b["status"].get<std::string>(), std::string("finished"));
    // Rank 0's first experiment (and whatever rank 1 delivered) is not run again; rank 1's
    // second one is.
    RD_CHECK(b["skipped"].get<int>() >= 1);
    RD_CHECK(b["ran"].get<int>() >= 1);
    RD_CHECK_EQ(b["skipped"].get<int>() + b["ran"].get<int>(), 4);
    const Proc one =
        spawnCli(studyArgs(dir + "/killed-one.db", "1,2,3,4", 40), 0, 0, 0, "kstudy-one");
    RD_CHECK_EQ(waitExit(one), 0);
    checkSameTables(lastJson(readFile(one.outFile)), b);
}

RD_TEST(aRankGivenAnotherConfigStopsTheStudy) {
    // Rank 1 started with other seeds: it refuses, and rank 0 says why before it gives up.
    const std::string dir = tempDir();
    const int port = freePort();
    const Proc r0 = spawnCli(studyArgs(dir + "/mismatch.db", "1,2", 3, {"--dist-timeout", "3"}), 0,
                             2, port, "mismatch-r0");
    const Proc r1 = spawnCli(studyArgs(dir + "/mismatch-r1.db", "1,3", 3, {"--dist-timeout", "3"}),
                             1, 2, port, "mismatch-r1");
    RD_CHECK_EQ(waitExit(r1), 1);
    RD_CHECK_EQ(waitExit(r0), 3);
    const std::string why =
        "rank 1 was given another study config than rank 0 (start every rank "
        "with the same arguments)";
    RD_CHECK(contains(readFile(r1.errFile), why));
    RD_CHECK(contains(readFile(r0.errFile), "error: rank 1 failed: " + why));
}

RD_TEST(aCancelOnOneRankCancelsTheStudyOnEvery) {
    // Ctrl+C on rank 1: both ranks stop (exit 130), the study is recorded as cancelled.
    const std::string dir = tempDir();
    const int port = freePort();
    const auto args = [&](const std::string& db) {
        return studyArgs(db, "1,2", 100000, {"--dist-timeout", "20"});
    };
    const Proc r0 = spawnCli(args(dir + "/cancel-study.db"), 0, 2, port, "cstudy-r0");
    const Proc r1 = spawnCli(args(dir + "/cancel-study-r1.db"), 1, 2, port, "cstudy-r1");
    waitUntil([&] { return contains(readFile(r1.errFile), "started"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(r1.pid, SIGINT);
    const auto signalled = std::chrono::steady_clock::now();
    RD_CHECK_EQ(waitExit(r1), 130);
    RD_CHECK_EQ(waitExit(r0), 130);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
    std::printf("   Ctrl+C on rank 1: both ended %.2f s later\n", seconds);
    RD_CHECK(seconds < 10);
    RD_CHECK(contains(readFile(r0.errFile), "rank 1 was cancelled (Ctrl+C)"));
    RD_CHECK_EQ(lastJson(readFile(r0.outFile))["status"].get<std::string>(),
                std::string("cancelled"));
}

int main() {
    return rdcheck::runAll("test_study_across_ranks");
}
