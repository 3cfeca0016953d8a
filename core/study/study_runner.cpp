#include "study/study_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "catalog/run_vocabulary.h"
#include "pipeline/experiment_pipeline.h"
#include "store/run_store.h"

namespace rd {

namespace {

/** Shares the config's threads out between jobs: each experiment gets threads / jobs (≥ 1). */
ExperimentConfig withThreads(ExperimentConfig c, int jobs) {
    if (jobs <= 1) return c;
    int total = c.train.threads;
    if (total <= 0) total = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int each = std::max(1, total / jobs);
    c.train.threads = each;
    c.teacherTrain.threads = each;
    return c;
}

class StudyRun {
public:
    StudyRun(const StudyPlan& plan, const std::string& path, const StudyOptions& o,
             const StudyCallbacks& cb, const CancelToken* cancel)
        : plan_(plan), path_(path), options_(o), cb_(cb), cancel_(cancel) {}

    StudyOutcome run() {
        const auto t0 = std::chrono::steady_clock::now();
        out_.total = static_cast<int>(plan_.experiments.size());
        RunStore store(path_);
        std::set<std::pair<std::string, int64_t>> finished;
        if (options_.resumeId != 0) {
            const auto record = store.study(options_.resumeId);
            if (!record)
                throw std::invalid_argument("--resume " + std::to_string(options_.resumeId) +
                                            ": no such study in " + path_);
            out_.studyId = record->id;
            for (const StudyMember& m : store.studyMembers(record->id)) {
                if (m.status == status::kFinished) {
                    finished.insert({m.configHash, m.seed});
                } else {
                    // Unfinished (cancelled, interrupted, killed): its runs are partial; it runs
                    // again from the start.
                    log("study " + std::to_string(record->id) + ": experiment " +
                        std::to_string(m.experimentId) + " (" + m.status +
                        ") is removed and run again");
                    store.deleteExperiment(m.experimentId);
                }
            }
            store.setStudyStatus(record->id, "running");
        } else {
            StudyRecord r;
            r.name = plan_.name;
            r.configJson = plan_.source.dump();
            out_.studyId = store.addStudy(r);
        }

        // First experiment of each teacher group, then the rest: with several jobs the teacher
        // of a group is trained once before its other experiments look for it.
        std::vector<int> pending;
        for (size_t i = 0; i < plan_.experiments.size(); ++i) {
            const StudyExperiment& e = plan_.experiments[i];
            if (finished.count({e.configHash, e.seed})) {
                ++out_.skipped;
                if (cb_.onExperimentSkipped)
                    cb_.onExperimentSkipped(e, static_cast<int>(i), out_.total);
                continue;
            }
            pending.push_back(static_cast<int>(i));
        }
        if (options_.share) pending = options_.share(out_.studyId, pending);
        std::vector<int> first, rest;
        std::set<std::string> groups;
        for (int i : pending) {
            if (i < 0 || i >= out_.total)
                throw std::logic_error("study share: no experiment " + std::to_string(i));
            const StudyExperiment& e = plan_.experiments[static_cast<size_t>(i)];
            (groups.insert(e.teacherGroup).second ? first : rest).push_back(i);
        }
        runAll(first);
        runAll(rest);

        if (cancel_ && cancel_->cancelled())
            out_.status = status::kCancelled;
        else
            out_.status = out_.failed > 0 ? status::kFailed : status::kFinished;
        if (out_.status == status::kFailed && out_.error.empty())
            out_.error = std::to_string(out_.failed) + " experiment(s) failed";
        if (!options_.keepRunning) store.setStudyStatus(out_.studyId, out_.status);
        out_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return out_;
    }

private:
    void log(const std::string& m) {
        if (cb_.onLog) cb_.onLog(m);
    }

    void runAll(const std::vector<int>& indices) {
        std::atomic<size_t> next{0};
        auto worker = [&] {
            std::unique_ptr<RunStore> store;
            for (;;) {
                if (cancel_ && cancel_->cancelled()) return;
                const size_t k = next++;
                if (k >= indices.size()) return;
                if (!store) store = std::make_unique<RunStore>(path_);
                runOne(*store, indices[k]);
            }
        };
        const int jobs =
            std::max(1, std::min<int>(options_.jobs, static_cast<int>(indices.size())));
        if (jobs <= 1) {
            worker();
            return;
        }
        std::vector<std::thread> threads;
        std::vector<std::exception_ptr> errors(static_cast<size_t>(jobs));
        for (int j = 0; j < jobs; ++j)
            threads.emplace_back([&, j] {
                try {
                    worker();
                } catch (...) {
                    errors[static_cast<size_t>(j)] = std::current_exception();
                }
            });
        for (std::thread& t : threads) t.join();
        for (const auto& e : errors)
            if (e) std::rethrow_exception(e);
    }

    void runOne(RunStore& store, int index) {
        const StudyExperiment& e = plan_.experiments[static_cast<size_t>(index)];
        if (cb_.onExperimentStarted) cb_.onExperimentStarted(e, index, out_.total);
        PipelineCallbacks pc = cb_.pipeline;
        int64_t recorded = 0;
        const auto outer = pc.onExperimentRecorded;
        pc.onExperimentRecorded = [&](int64_t id) {
            recorded = id;
            StudyMember m;
            m.studyId = out_.studyId;
            m.experimentId = id;
            m.cell = e.cell;
            m.seed = e.seed;
            m.configHash = e.configHash;
            store.addStudyMember(m);
            if (outer) outer(id);
        };
        const ExperimentConfig config = withThreads(e.config, options_.jobs);
        ExperimentOutcome outcome;
        try {
            outcome = runExperiment(config, pc, cancel_, &store);
        } catch (const std::exception& ex) {
            outcome.status = status::kFailed;
            outcome.error = ex.what();
        }
        if (recorded != 0) store.setStudyMemberStatus(out_.studyId, recorded, outcome.status);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (outcome.status == status::kFinished) {
                ++out_.ran;
            } else if (outcome.status != status::kCancelled) {
                ++out_.failed;
                if (out_.error.empty())
                    out_.error = "experiment " + std::to_string(index + 1) + ": " + outcome.error;
            }
        }
        if (cb_.onExperimentFinished) cb_.onExperimentFinished(e, index, out_.total, outcome);
    }

    const StudyPlan& plan_;
    std::string path_;
    StudyOptions options_;
    const StudyCallbacks& cb_;
    const CancelToken* cancel_;
    std::mutex mutex_;
    StudyOutcome out_;
};

}  // namespace

StudyOutcome runStudy(const StudyPlan& plan, const std::string& storePath,
                      const StudyOptions& options, const StudyCallbacks& callbacks,
                      const CancelToken* cancel) {
    StudyRun run(plan, storePath, options, callbacks, cancel);
    return run.run();
}

}  // namespace rd
