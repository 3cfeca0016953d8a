// Cancel latency: how long after CancelToken::cancel(), called from another thread, the experiment
// pipeline returns, with the cancel landing in each phase of an experiment on a generated
// 1 M-interaction set. The set is written to a TSV file first, so loading is a real file load
// through the delimited loader. Phases: loading (the file, preprocessing, split), teacher training
// (MF dim 64, mini-batches), the teacher's full-ranking evaluation on test, and the teacher's top-M
// ranking of every user that `rrd` starts with. Two uncancelled calibration runs time each phase
// from the pipeline's callbacks; then each trial starts a canceller thread at its phase's first
// callback (loading: at the start), which waits 10 %, 40 % or 70 % of the phase's length. A cancel
// that came after its phase had ended does not count (the table says how many landed).
//
// Then the exports, on the experiment's teacher recorded in a run store: export-teacher (the run's
// data rebuilt from the TSV, its checkpoint loaded, top-100 lists ranked and written),
// export-model as CSV (the same rebuild, then the tables as text), a copy of the store (VACUUM
// INTO with the checkpoint files) and an import of that copy into another store. Each is timed
// uncancelled once, then cancelled at 10/40/70 % of that time from another thread; a cancel must
// leave no file behind (checked).
//
//   bench_cancel [--spec DEMO_PATH] [--reps N] [--threads T]

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_median.h"
#include "data/demo_spec.h"
#include "pipeline/experiment_pipeline.h"
#include "pipeline/model_export.h"
#include "pipeline/run_model.h"
#include "pipeline/teacher_export.h"
#include "store/run_store.h"
#include "util/cancel_token.h"

namespace {

using rdbench::median;

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

enum class Phase { Loading, Training, Evaluation, Ranking };

struct PhaseSpec {
    Phase phase;
    const char* name;
    double seconds = 0;  ///< the phase's length, from the calibration runs
};

/** When each callback of an uncancelled run came, in seconds from the start ("started:teacher"). */
struct Timeline {
    std::vector<std::pair<std::string, double>> marks;
    double at(const std::string& what) const {
        for (const auto& [name, t] : marks)
            if (name == what) return t;
        throw std::runtime_error("calibration: no callback " + what);
    }
};

/** Writes the data set as "user TAB item TAB rating TAB timestamp" lines. */
void writeTsv(const rd::Dataset& d, const std::string& path) {
    std::ofstream out(path);
    std::string line;
    for (int32_t u = 0; u < d.numUsers(); ++u)
        for (int64_t k = d.userBegin(u); k < d.userEnd(u); ++k) {
            line = d.userIds[u];
            line += '\t';
            line += d.itemIds[d.items[k]];
            line += '\t';
            line += std::to_string(static_cast<int>(d.ratings[k]));
            line += '\t';
            line += std::to_string(d.timestamps[k]);
            line += '\n';
            out << line;
        }
    if (!out) throw std::runtime_error("cannot write " + path);
}

/**
 * A teacher trained for 0 epochs (so only validated) keeps every run short until the phase that is
 * measured; training runs one real epoch only where training is measured.
 */
nlohmann::json config(const std::string& tsv, Phase phase, int threads) {
    nlohmann::json j = nlohmann::json::parse(R"({
        "version": 1,
        "name": "cancel bench",
        "data": {"format": "delimited",
                 "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 7}},
        "teacher": {"name": "mf", "dim": 64},
        "student": {"name": "mf", "dim": 8},
        "methods": ["rrd"],
        "train": {"epochs": 0, "batch_size": 2048, "lr": 0.001, "eval_every": 1, "patience": 0,
                  "valid_metric": "NDCG@10", "seed": 7},
        "teacher_train": {"epochs": 0},
        "eval": {"ks": [10]},
        "latency_users": 0
    })");
    j["data"]["path"] = tsv;
    j["train"]["threads"] = threads;
    if (phase == Phase::Training) j["teacher_train"]["epochs"] = 1;
    return j;
}

struct Trial {
    double latency = 0;   ///< seconds from cancel() to the pipeline returning
    bool landed = false;  ///< the cancel came while the phase ran and stopped the experiment there
    std::string outcome;  ///< e.g. "cancelled during teacher"
};

/** Runs cfg and notes every callback's time; cancels at stopAt (a mark name) when given. */
Timeline calibrate(const rd::ExperimentConfig& cfg, const std::string& stopAt = {}) {
    Timeline tl;
    rd::CancelToken token;
    const double start = now();
    auto mark = [&](const std::string& what) {
        tl.marks.emplace_back(what, now() - start);
        if (what == stopAt) token.cancel();
    };
    rd::PipelineCallbacks cb;
    cb.onStageStarted = [&](const rd::StageInfo& s) { mark("started:" + s.stage); };
    cb.onEvaluating = [&](const rd::StageInfo& s) { mark("evaluating:" + s.stage); };
    cb.onStageFinished = [&](const rd::StageResult& r) { mark("finished:" + r.info.stage); };
    rd::runExperiment(cfg, cb, &token, nullptr);
    return tl;
}

Trial runOnce(const rd::ExperimentConfig& cfg, Phase phase, double delay) {
    rd::CancelToken token;
    double cancelledAt = 0;
    std::thread canceller;
    auto arm = [&] {
        const double start = now();
        canceller = std::thread([&token, &cancelledAt, start, delay] {
            std::this_thread::sleep_for(std::chrono::duration<double>(start + delay - now()));
            cancelledAt = now();
            token.cancel();
        });
    };
    bool teacherEvaluating = false, methodEpoch = false;
    rd::PipelineCallbacks cb;
    cb.onStageStarted = [&](const rd::StageInfo& s) {
        if ((phase == Phase::Training && s.role == "teacher") ||
            (phase == Phase::Ranking && s.role == "distilled"))
            arm();
    };
    cb.onEvaluating = [&](const rd::StageInfo& s) {
        if (s.role != "teacher") return;
        teacherEvaluating = true;
        if (phase == Phase::Evaluation) arm();
    };
    cb.onEpoch = [&](const rd::EpochReport& r) { methodEpoch = methodEpoch || r.stage == "rrd"; };
    if (phase == Phase::Loading) arm();
    const rd::ExperimentOutcome out = rd::runExperiment(cfg, cb, &token, nullptr);
    const double returned = now();
    if (canceller.joinable()) canceller.join();

    Trial t;
    t.latency = returned - cancelledAt;
    t.outcome = out.status + (out.error.empty() ? "" : " (" + out.error + ")");
    if (teacherEvaluating) t.outcome += ", after the teacher's evaluation began";
    const bool stopped = out.status == "cancelled" && t.latency >= 0;
    const std::string stage = out.stages.empty() ? "" : out.stages.back().info.stage;
    switch (phase) {
        case Phase::Loading:
            t.landed = stopped && out.error == "cancelled while loading the data";
            break;
        case Phase::Training:
            t.landed = stopped && stage == "teacher" && !teacherEvaluating;
            break;
        case Phase::Evaluation:
            t.landed = stopped && stage == "teacher" && teacherEvaluating;
            break;
        case Phase::Ranking:
            t.landed = stopped && stage == "rrd" && !methodEpoch;
            break;
    }
    return t;
}

/** One export as a function of its cancel token and a fresh output path (trial number). */
using ExportJob = std::function<void(const rd::CancelToken*, int trial)>;

struct ExportRow {
    std::string name;
    double seconds = 0;
    std::vector<double> latencies;
    int landed = 0, leftovers = 0;
};

/** Folder entries (recursively) under dir, for the "nothing left behind" check. */
size_t entriesUnder(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return 0;
    size_t n = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        ++n;
    return n;
}

ExportRow measureExport(const std::string& name, const ExportJob& job,
                        const std::filesystem::path& outRoot, int reps) {
    ExportRow row{name, 0, {}, 0, 0};
    double t0 = now();
    job(nullptr, 0);  // uncancelled: the phase's length
    row.seconds = now() - t0;
    const double fractions[] = {0.1, 0.4, 0.7};
    for (int r = 0; r < reps; ++r) {
        const double delay = fractions[r % 3] * row.seconds;
        const size_t before = entriesUnder(outRoot);
        rd::CancelToken token;
        double cancelledAt = 0;
        const double start = now();
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::duration<double>(start + delay - now()));
            cancelledAt = now();
            token.cancel();
        });
        bool stopped = false;
        try {
            job(&token, r + 1);
        } catch (const rd::Cancelled&) {
            stopped = true;
        }
        const double returned = now();
        canceller.join();
        const double latency = returned - cancelledAt;
        const bool left = stopped && entriesUnder(outRoot) != before;
        row.leftovers += left ? 1 : 0;
        std::printf("  %-26s delay %5.2f s: %s, %.0f ms%s\n", name.c_str(), delay,
                    stopped ? "cancelled" : "finished first", 1000 * latency,
                    left ? " — FILES LEFT BEHIND" : "");
        std::fflush(stdout);
        if (!stopped || latency < 0) continue;
        ++row.landed;
        row.latencies.push_back(latency);
    }
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    std::string spec = "demo:users=30000,items=41000,interactions=1000000,seed=7";
    int reps = 3, threads = 0;
    for (int a = 1; a + 1 < argc; a += 2) {
        if (!std::strcmp(argv[a], "--spec"))
            spec = argv[a + 1];
        else if (!std::strcmp(argv[a], "--reps"))
            reps = std::max(1, std::atoi(argv[a + 1]));
        else if (!std::strcmp(argv[a], "--threads"))
            threads = std::atoi(argv[a + 1]);
    }

    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("rd_cancel_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string tsv = (dir / "interactions.tsv").string();
    double t0 = now();
    const rd::Dataset generated = rd::generateDemoDataset(rd::parseDemoSpec(spec));
    const double generateSeconds = now() - t0;
    t0 = now();
    writeTsv(generated, tsv);
    std::printf(
        "%s: %d users, %d items, %lld interactions; generated in %.2f s, written to %s in %.2f s\n",
        spec.c_str(), generated.numUsers(), generated.numItems(),
        static_cast<long long>(generated.numInteractions()), generateSeconds, tsv.c_str(),
        now() - t0);
    std::fflush(stdout);

    // Every model trained for 0 epochs: the student stages are validation + test evaluation, and
    // rrd's adds the teacher's ranking to that. Training is timed up to the teacher's evaluation.
    const Timeline a =
        calibrate(rd::ExperimentConfig::fromJson(config(tsv, Phase::Ranking, threads)));
    const Timeline b =
        calibrate(rd::ExperimentConfig::fromJson(config(tsv, Phase::Training, threads)),
                  "evaluating:teacher");
    std::vector<PhaseSpec> phases = {
        // The first run also pays one-time start-up costs: the shorter of the two.
        {Phase::Loading, "loading (TSV, split)",
         std::min(a.at("started:teacher"), b.at("started:teacher"))},
        {Phase::Ranking, "teacher top-M ranking",
         (a.at("evaluating:rrd") - a.at("started:rrd")) -
             (a.at("evaluating:student") - a.at("started:student"))},
        {Phase::Training, "training (MF dim 64)",
         b.at("evaluating:teacher") - b.at("started:teacher")},
        {Phase::Evaluation, "evaluation (test)",
         a.at("finished:teacher") - a.at("evaluating:teacher")},
    };
    const double fractions[] = {0.1, 0.4, 0.7};  // phases vary by 10-20 % from run to run
    struct Row {
        const PhaseSpec* phase;
        std::vector<double> latencies;
        int landed = 0;
    };
    std::vector<Row> rows;
    for (const auto& p : phases) {
        const rd::ExperimentConfig cfg =
            rd::ExperimentConfig::fromJson(config(tsv, p.phase, threads));
        Row row{&p, {}, 0};
        for (int r = 0; r < reps; ++r) {
            const double delay = fractions[r % 3] * p.seconds;
            const Trial t = runOnce(cfg, p.phase, delay);
            std::printf("  %-24s delay %5.2f s: %s, %.0f ms: %s\n", p.name, delay,
                        t.landed ? "cancelled in the phase" : "missed the phase", 1000 * t.latency,
                        t.outcome.c_str());
            std::fflush(stdout);
            if (!t.landed) continue;
            ++row.landed;
            row.latencies.push_back(t.latency);
        }
        rows.push_back(row);
    }
    // ---- exports of the teacher recorded in a store
    const std::string storePath = (dir / "store" / "runs.sqlite").string();
    int64_t teacherRun = 0;
    {
        rd::RunStore store(storePath);
        const rd::ExperimentOutcome out =
            rd::runExperiment(rd::ExperimentConfig::fromJson(config(tsv, Phase::Loading, threads)),
                              {}, nullptr, &store);
        if (out.status != "finished") throw std::runtime_error("export set-up: " + out.error);
        teacherRun = out.stages.front().runId;
    }
    const std::filesystem::path outRoot = dir / "out";
    std::filesystem::create_directories(outRoot);
    const auto trialPath = [&](const char* what, int trial) {
        return (outRoot / (what + std::to_string(trial))).string();
    };
    std::vector<ExportRow> exportRows;
    exportRows.push_back(measureExport(
        "export-teacher (top 100)",
        [&](const rd::CancelToken* cancel, int trial) {
            rd::RunStore store(storePath);
            const rd::RunModel run = rd::RunModel::load(store, teacherRun, cancel);
            rd::exportTeacher(run, 100, trialPath("teacher", trial) + "/teacher.tsv", cancel);
        },
        outRoot, reps));
    exportRows.push_back(measureExport(
        "export-model (csv)",
        [&](const rd::CancelToken* cancel, int trial) {
            rd::RunStore store(storePath);
            const rd::RunModel run = rd::RunModel::load(store, teacherRun, cancel);
            rd::exportModel(run, store.finalResults(teacherRun), trialPath("model", trial), "csv",
                            cancel);
        },
        outRoot, reps));
    exportRows.push_back(measureExport(
        "db export (VACUUM INTO)",
        [&](const rd::CancelToken* cancel, int trial) {
            rd::RunStore(storePath).exportTo(trialPath("copy", trial) + "/runs.sqlite", cancel);
        },
        outRoot, reps));
    for (int t = 0; t <= reps; ++t) rd::RunStore(trialPath("into", t) + "/runs.sqlite");
    exportRows.push_back(measureExport(
        "db import",
        [&](const rd::CancelToken* cancel, int trial) {
            rd::RunStore(trialPath("into", trial) + "/runs.sqlite")
                .importFrom(trialPath("copy", 0) + "/runs.sqlite", cancel);
        },
        outRoot, reps));
    std::filesystem::remove_all(dir);

    std::printf(
        "\ncancel() -> runExperiment returns, %s, %s\n", spec.c_str(),
        threads > 0 ? (std::to_string(threads) + " threads").c_str() : "threads: all cores");
    std::printf(
        "| phase | phase s | cancels landed | median ms | max ms | <= 1 s |\n"
        "|---|---|---|---|---|---|\n");
    bool allFast = true;
    for (const auto& row : rows) {
        const double worst = row.latencies.empty()
                                 ? 0
                                 : *std::max_element(row.latencies.begin(), row.latencies.end());
        const bool fast = !row.latencies.empty() && worst <= 1.0;
        allFast = allFast && fast;
        std::printf("| %s | %.2f | %d/%d | %.0f | %.0f | %s |\n", row.phase->name,
                    row.phase->seconds, row.landed, reps, 1000 * median(row.latencies),
                    1000 * worst, fast ? "yes" : "NO");
    }
    std::printf(
        "\ncancel() -> the export returns (the teacher above, from a run store)\n"
        "| export | s uncancelled | cancels landed | median ms | max ms | files left | <= 1 s |\n"
        "|---|---|---|---|---|---|---|\n");
    for (const auto& row : exportRows) {
        const double worst = row.latencies.empty()
                                 ? 0
                                 : *std::max_element(row.latencies.begin(), row.latencies.end());
        // An export over before the cancel came needs no bound; one that was cancelled must be.
        const bool fast = worst <= 1.0 && row.leftovers == 0;
        allFast = allFast && fast;
        std::printf("| %s | %.2f | %d/%d | %.0f | %.0f | %d | %s |\n", row.name.c_str(),
                    row.seconds, row.landed, reps, 1000 * median(row.latencies), 1000 * worst,
                    row.leftovers, fast ? "yes" : "NO");
    }
    return allFast ? 0 : 1;
}
