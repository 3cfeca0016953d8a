#include "study/study_across_ranks.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "catalog/run_vocabulary.h"
#include "dist/data_parallel_impl.h"
#include "store/run_store.h"
#include "study/study_plan.h"

namespace rd {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Keys in the job's store (under dp's "recdistill" prefix). Rank p's deliveries are numbered
// from 0: "study/rP/dK" is the manifest of delivery K, "study/rP/dK/fI" its I-th file, and
// "study/rP/sent" counts the manifests put so far.
const std::string kPlan = "study/plan";
const std::string kCancel = "study/cancel";
const std::string kClosed = "study/closed";

std::string beatKey(int rank) {
    return "study/beat/" + std::to_string(rank);
}
std::string rankKey(int rank, const std::string& what) {
    return "study/r" + std::to_string(rank) + "/" + what;
}
std::string deliveryKey(int rank, int k) {
    return rankKey(rank, "d" + std::to_string(k));
}

std::vector<uint8_t> bytesOf(const std::string& s) {
    return {s.begin(), s.end()};
}
std::string textOf(const std::vector<uint8_t>& v) {
    return {v.begin(), v.end()};
}

std::string readWhole(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeWhole(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

/** Whole teacher groups (in plan order of their first pending experiment) to ranks: the largest
 *  first, each to the rank with the fewest experiments so far, ties to the lowest rank. Per rank,
 *  its groups, each the group's pending plan positions in plan order. */
std::vector<std::vector<std::vector<int>>> shareOut(const StudyPlan& plan,
                                                    const std::vector<int>& pending, int world) {
    std::vector<std::vector<int>> groups;
    std::map<std::string, size_t> index;
    for (int i : pending) {
        const std::string& g = plan.experiments.at(static_cast<size_t>(i)).teacherGroup;
        const auto it = index.find(g);
        if (it == index.end()) {
            index[g] = groups.size();
            groups.push_back({i});
        } else {
            groups[it->second].push_back(i);
        }
    }
    std::vector<size_t> order(groups.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return groups[a].size() > groups[b].size(); });
    std::vector<std::vector<std::vector<int>>> out(static_cast<size_t>(world));
    std::vector<size_t> load(static_cast<size_t>(world), 0);
    for (size_t k : order) {
        const size_t r =
            static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        out[r].push_back(groups[k]);
        load[r] += groups[k].size();
    }
    return out;
}

/**
 * This rank's sign of life and its watch over the others, on a thread: every half second it
 * counts up its own beat key, reads the others', and cancels `work` when a peer's has not moved
 * for the timeout, when the store is lost, or when any rank announced a cancel (kCancel, whose
 * value says who and why). The user's own cancel is announced here to every rank.
 */
class PeerWatch {
public:
    PeerWatch(c10d::Store& store, int rank, int world, double timeoutSeconds,
              const CancelToken* user, CancelToken& work)
        : store_(store),
          rank_(rank),
          world_(world),
          timeout_(timeoutSeconds),
          user_(user),
          work_(work),
          thread_([this] { loop(); }) {}
    ~PeerWatch() { stop(); }

    void stop() {
        stopping_ = true;
        if (thread_.joinable()) thread_.join();
    }
    /** Why this rank cannot go on ("" while every peer is alive). */
    std::string lost() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return lost_;
    }
    /** Who cancelled and why ("" when nobody did). */
    std::string cancelledBy() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return cancelledBy_;
    }
    /** Cancels every rank, saying why (e.g. a refused config). */
    void announce(const std::string& why) {
        try {
            store_.set(kCancel, bytesOf(why));
        } catch (const std::exception&) {
        }
        work_.cancel();
    }

private:
    void loop() {
        std::vector<int64_t> last(static_cast<size_t>(world_), -1);
        std::vector<Clock::time_point> seen(static_cast<size_t>(world_), Clock::now());
        bool announced = false;
        while (!stopping_) {
            try {
                store_.add(beatKey(rank_), 1);
                if (!announced && user_ && user_->cancelled()) {
                    announce("rank " + std::to_string(rank_) + " was cancelled (Ctrl+C)");
                    announced = true;
                }
                if (cancelledBy().empty() && store_.check({kCancel})) {
                    const std::string who = textOf(store_.get(kCancel));
                    std::lock_guard<std::mutex> lock(mutex_);
                    cancelledBy_ = who;
                    work_.cancel();
                }
                for (int p = 0; p < world_; ++p) {
                    if (p == rank_) continue;
                    const int64_t v = store_.add(beatKey(p), 0);
                    const size_t k = static_cast<size_t>(p);
                    if (v != last[k]) {
                        last[k] = v;
                        seen[k] = Clock::now();
                    } else if (std::chrono::duration<double>(Clock::now() - seen[k]).count() >
                               timeout_) {
                        fail("rank " + std::to_string(p) + " gave no sign of life for " +
                             std::to_string(static_cast<int>(timeout_)) +
                             " s (it died or hangs; --dist-timeout sets the limit)");
                        return;
                    }
                }
            } catch (const std::exception& e) {
                fail(std::string("the job's store (on rank 0 or torchrun's agent) is gone: ") +
                     e.what());
                return;
            }
            for (int i = 0; i < 5 && !stopping_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    void fail(const std::string& why) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (lost_.empty()) lost_ = why;
        }
        work_.cancel();
    }

    c10d::Store& store_;
    const int rank_, world_;
    const double timeout_;
    const CancelToken* user_;
    CancelToken& work_;
    mutable std::mutex mutex_;
    std::string lost_, cancelledBy_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

std::string canonical(const nlohmann::json& j) {
    return j.dump();  // nlohmann's objects are key-ordered: equal configs dump equal
}

class StudyAcrossRanks {
public:
    StudyAcrossRanks(DataParallel& dp, const nlohmann::json& config, const std::string& storePath,
                     const StudyOptions& options, const StudyCallbacks& cb,
                     const CancelToken* cancel)
        : dp_(dp),
          store_(*dp.impl().store),
          config_(config),
          storePath_(storePath),
          options_(options),
          cb_(cb),
          cancel_(cancel),
          rank_(dp.rank()),
          world_(dp.worldSize()) {}

    StudyAcrossRanksOutcome run() {
        const auto t0 = Clock::now();
        PeerWatch watch(store_, rank_, world_, dp_.options().timeoutSeconds, cancel_, work_);
        watch_ = &watch;
        StudyAcrossRanksOutcome out;
        try {
            out = rank_ == 0 ? runRankZero() : runOther();
        } catch (const std::exception& e) {
            // Tell the others why this rank stops (else they only see its signs of life end).
            if (rank_ != 0)
                watch.announce("rank " + std::to_string(rank_) + " failed: " + e.what());
            throw;
        }
        out.study.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        return out;
    }

private:
    void log(const std::string& m) {
        if (cb_.onLog) cb_.onLog(m);
    }

    /** Polls until the key exists; false when the work was cancelled or a peer lost first. */
    bool waitFor(const std::string& key, bool evenIfCancelled = false) {
        for (;;) {
            if (!watch_->lost().empty()) return false;
            if (!evenIfCancelled && work_.cancelled()) return false;
            if (store_.check({key})) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    // ---- rank 0 ----

    StudyAcrossRanksOutcome runRankZero() {
        const StudyPlan plan = StudyPlan::fromJson(config_);
        StudyOptions o = options_;
        o.keepRunning = true;
        o.share = [&](int64_t studyId, const std::vector<int>& pending) {
            studyId_ = studyId;
            const auto shares = shareOut(plan, pending, world_);
            nlohmann::json msg = {
                {"config", plan.source}, {"study", studyId}, {"pending", pending}};
            store_.set(kPlan, bytesOf(msg.dump()));
            int others = 0;
            for (int r = 1; r < world_; ++r)
                for (const auto& g : shares[static_cast<size_t>(r)])
                    others += static_cast<int>(g.size());
            log("study " + std::to_string(studyId) + ": " + std::to_string(pending.size()) +
                " experiments to run over " + std::to_string(world_) + " ranks (" +
                std::to_string(others) + " on the others)");
            receiver_ = std::thread([this] { receiveAll(); });
            std::vector<int> mine;
            for (const auto& g : shares[0]) mine.insert(mine.end(), g.begin(), g.end());
            std::sort(mine.begin(), mine.end());
            return mine;
        };
        StudyAcrossRanksOutcome out;
        try {
            out.study = runStudy(plan, storePath_, o, cb_, &work_);
        } catch (const std::exception& e) {
            if (!receiver_.joinable()) {
                // The others wait for the plan: tell them why there is none.
                try {
                    store_.set(kPlan, bytesOf(nlohmann::json{{"error", e.what()}}.dump()));
                } catch (const std::exception&) {
                }
            } else {
                watch_->announce(std::string("rank 0 failed: ") + e.what());
                receiver_.join();
            }
            throw;
        }
        receiver_.join();
        watch_->stop();
        out.deliveries = delivered_;
        out.study.ran += deliveredRan_;
        out.study.failed += deliveredFailed_;
        if (out.study.error.empty()) out.study.error = deliveredError_;
        const std::string lost = watch_->lost().empty() ? receiveError_ : watch_->lost();
        RunStore store(storePath_);
        if (!lost.empty()) {
            out.study.status = status::kFailed;
            const std::string why = watch_->cancelledBy();
            out.study.error = (why.empty() ? lost : why + "; then " + lost) +
                              "; what the other ranks delivered is in study " +
                              std::to_string(studyId_) + ": resume it with --resume " +
                              std::to_string(studyId_);
            store.setStudyStatus(studyId_, status::kFailed);
            return out;
        }
        if (work_.cancelled()) {
            out.study.status = status::kCancelled;
            if (!watch_->cancelledBy().empty()) log("study: " + watch_->cancelledBy());
        } else {
            out.study.status = out.study.failed > 0 ? status::kFailed : status::kFinished;
            if (out.study.status == status::kFailed && out.study.error.empty())
                out.study.error = std::to_string(out.study.failed) + " experiment(s) failed";
        }
        store.setStudyStatus(studyId_, out.study.status);
        store_.set(kClosed, bytesOf("1"));
        dp_.barrier("the end of the study");
        return out;
    }

    /** Rank 0's receiving thread: imports each rank's deliveries into the study as they come, until
     *  every rank said it is done (or a peer is lost). */
    void receiveAll() {
        try {
            RunStore store(storePath_);
            std::vector<int> got(static_cast<size_t>(world_), 0);
            std::vector<bool> done(static_cast<size_t>(world_), false);
            done[0] = true;
            for (;;) {
                if (!watch_->lost().empty()) return;
                bool all = true;
                for (int p = 1; p < world_; ++p) {
                    const size_t k = static_cast<size_t>(p);
                    if (done[k]) continue;
                    const int64_t sent = store_.add(rankKey(p, "sent"), 0);
                    while (got[k] < sent) receive(store, p, got[k]++);
                    if (store_.check({rankKey(p, "done")})) {
                        const auto info =
                            nlohmann::json::parse(textOf(store_.get(rankKey(p, "done"))));
                        if (info.value("sent", 0) == got[k]) {
                            done[k] = true;
                            if (deliveredError_.empty())
                                deliveredError_ = info.value("error", std::string());
                            continue;
                        }
                    }
                    all = false;
                }
                if (all) return;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        } catch (const std::exception& e) {
            receiveError_ = std::string("rank 0 could not import a delivery: ") + e.what();
            watch_->announce(receiveError_);
        }
    }

    void receive(RunStore& store, int from, int k) {
        const std::string key = deliveryKey(from, k);
        const auto manifest = nlohmann::json::parse(textOf(store_.get(key)));
        const fs::path dir =
            fs::path(store.folder()) / (".recdistill-incoming-" + std::to_string(getpid()) + "-r" +
                                        std::to_string(from) + "-" + std::to_string(k));
        fs::remove_all(dir);
        const auto& files = manifest.at("files");
        for (size_t i = 0; i < files.size(); ++i) {
            const fs::path rel = files[i].get<std::string>();
            if (rel.is_absolute() || rel.lexically_normal().string().rfind("..", 0) == 0)
                throw std::runtime_error("rank " + std::to_string(from) + " sent a file outside " +
                                         "its folder: " + rel.string());
            const std::string fileKey = key + "/f" + std::to_string(i);
            writeWhole(dir / rel, textOf(store_.get(fileKey)));
            store_.deleteKey(fileKey);
        }
        const ImportSummary summary = store.importFrom((dir / "store.db").string());
        int moved = 0;
        for (int64_t s : summary.studyIds) moved += store.mergeStudy(s, studyId_);
        fs::remove_all(dir);
        store_.deleteKey(key);
        ++delivered_;
        deliveredRan_ += manifest.value("ran", 0);
        deliveredFailed_ += manifest.value("failed", 0);
        log("study " + std::to_string(studyId_) + ": rank " + std::to_string(from) + " delivered " +
            std::to_string(moved) + " experiment(s)");
    }

    // ---- the other ranks ----

    StudyAcrossRanksOutcome runOther() {
        StudyAcrossRanksOutcome out;
        if (!waitFor(kPlan)) return lostOrCancelled(out);
        const auto msg = nlohmann::json::parse(textOf(store_.get(kPlan)));
        if (msg.contains("error"))
            throw std::runtime_error("rank 0 could not start the study: " +
                                     msg["error"].get<std::string>());
        if (!config_.is_null() && canonical(config_) != canonical(msg.at("config"))) {
            const std::string why = "rank " + std::to_string(rank_) +
                                    " was given another study config than rank 0 (start every "
                                    "rank with the same arguments)";
            watch_->announce(why);
            throw std::invalid_argument(why);
        }
        const StudyPlan plan = StudyPlan::fromJson(msg.at("config"));
        studyId_ = msg.at("study").get<int64_t>();
        const auto shares = shareOut(plan, msg.at("pending").get<std::vector<int>>(), world_);
        const auto& mine = shares[static_cast<size_t>(rank_)];
        out.study.studyId = studyId_;
        out.study.total = static_cast<int>(plan.experiments.size());
        const fs::path work =
            fs::temp_directory_path() / ("recdistill-study-" + std::to_string(studyId_) + "-rank" +
                                         std::to_string(rank_) + "-" + std::to_string(getpid()));
        int sent = 0;
        for (size_t g = 0; g < mine.size() && !work_.cancelled(); ++g) {
            const fs::path dir = work / ("group-" + std::to_string(g));
            fs::remove_all(dir);
            fs::create_directories(dir);
            StudyOptions o = options_;
            o.resumeId = 0;
            o.keepRunning = false;
            const std::vector<int> group = mine[g];
            o.share = [group](int64_t, const std::vector<int>&) { return group; };
            const StudyOutcome r = runStudy(plan, (dir / "store.db").string(), o, cb_, &work_);
            out.study.ran += r.ran;
            out.study.failed += r.failed;
            if (out.study.error.empty()) out.study.error = r.error;
            if (!watch_->lost().empty()) break;
            if (r.ran + r.failed > 0) {
                deliver(dir, r, sent++);
                ++out.deliveries;
            }
            fs::remove_all(dir);
        }
        fs::remove_all(work);
        nlohmann::json done = {{"sent", sent}, {"error", out.study.error}};
        store_.set(rankKey(rank_, "done"), bytesOf(done.dump()));
        if (!watch_->lost().empty()) return lostOrCancelled(out);
        // Rank 0 closes the study once every delivery is in; wait for it, then meet at the end.
        if (!waitFor(kClosed, true)) return lostOrCancelled(out);
        watch_->stop();
        dp_.barrier("the end of the study");
        if (work_.cancelled())
            out.study.status = status::kCancelled;
        else
            out.study.status = out.study.failed > 0 ? status::kFailed : status::kFinished;
        return out;
    }

    /** Sends the group's store (a consistent copy with its artifact files) to rank 0. */
    void deliver(const fs::path& dir, const StudyOutcome& r, int k) {
        const fs::path copy = dir / "out";
        {
            RunStore store((dir / "store.db").string());
            store.exportTo((copy / "store.db").string());
        }
        nlohmann::json files = nlohmann::json::array();
        const std::string key = deliveryKey(rank_, k);
        for (const auto& entry : fs::recursive_directory_iterator(copy)) {
            if (!entry.is_regular_file()) continue;
            const std::string rel = fs::relative(entry.path(), copy).string();
            store_.set(key + "/f" + std::to_string(files.size()), bytesOf(readWhole(entry.path())));
            files.push_back(rel);
        }
        nlohmann::json manifest = {
            {"files", files}, {"ran", r.ran}, {"failed", r.failed}, {"error", r.error}};
        store_.set(key, bytesOf(manifest.dump()));
        store_.add(rankKey(rank_, "sent"), 1);
    }

    StudyAcrossRanksOutcome& lostOrCancelled(StudyAcrossRanksOutcome& out) {
        if (!watch_->lost().empty()) throw std::runtime_error(watch_->lost());
        out.study.status = status::kCancelled;
        if (!watch_->cancelledBy().empty()) log("study: " + watch_->cancelledBy());
        return out;
    }

    DataParallel& dp_;
    c10d::Store& store_;
    const nlohmann::json& config_;
    const std::string storePath_;
    const StudyOptions options_;
    const StudyCallbacks& cb_;
    const CancelToken* cancel_;
    const int rank_, world_;
    CancelToken work_;
    PeerWatch* watch_ = nullptr;
    int64_t studyId_ = 0;
    std::thread receiver_;
    int delivered_ = 0, deliveredRan_ = 0, deliveredFailed_ = 0;
    std::string deliveredError_, receiveError_;
};

}  // namespace

StudyAcrossRanksOutcome runStudyAcrossRanks(DataParallel& dp, const nlohmann::json& config,
                                            const std::string& storePath,
                                            const StudyOptions& options,
                                            const StudyCallbacks& callbacks,
                                            const CancelToken* cancel) {
    StudyAcrossRanks run(dp, config, storePath, options, callbacks, cancel);
    return run.run();
}

}  // namespace rd
