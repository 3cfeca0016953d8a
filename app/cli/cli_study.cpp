// `recdistill-cli study CONFIG`: an experiment config × seeds × sweep cells, run (and resumed)
// through the core's study runner, then its statistics table.

#include "cli_study.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <sstream>

#include "catalog/run_vocabulary.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_config.h"
#include "cli_data_parallel.h"
#include "cli_interrupt.h"
#include "config/json_config.h"
#include "store/run_store.h"
#include "study/study_across_ranks.h"
#include "study/study_plan.h"
#include "study/study_runner.h"
#include "util/cancel_token.h"

namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

nlohmann::json parseValue(const std::string& text) {
    // As --set: not JSON at all is a string; JSON beyond the limits is refused.
    return nlohmann::json::accept(text) ? rd::jsoncfg::parseText(text, "--sweep value " + text)
                                        : nlohmann::json(text);
}

std::string fmt(double v, const char* format = "%.4f") {
    if (!std::isfinite(v)) return "-";
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string cellText(const rd::stats::Summary& s, double scale = 1, const char* f = "%.4f") {
    if (s.n == 0) return "-";
    std::string t = fmt(s.mean * scale, f);
    if (s.hasInterval) t += " ± " + fmt((s.high - s.mean) * scale, f);
    return t;
}

std::string pad(std::string s, size_t width) {
    // Column widths count characters, not bytes ("±" is two bytes in UTF-8).
    size_t chars = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++chars;
    if (chars < width) s.append(width - chars, ' ');
    return s + " ";
}

const rd::stats::Summary kNone{};

const rd::stats::Summary& metricOf(const rd::StudyRow& r, const std::string& name) {
    const auto it = r.metrics.find(name);
    return it == r.metrics.end() ? kNone : it->second;
}

}  // namespace

int64_t studyIdOf(const std::string& target) {
    if (target.rfind("study:", 0) != 0) return 0;
    try {
        return std::stoll(target.substr(6));
    } catch (const std::exception&) {
        throw std::invalid_argument(target + ": expected study:ID");
    }
}

void printStudyTable(const rd::StudyTable& t, std::ostream& o) {
    o << "study " << t.studyId << ": " << t.name << " (" << t.status << "), seeds";
    for (int64_t s : t.seeds) o << " " << s;
    o << "; " << t.finished << "/" << t.planned << " experiments finished\n";
    const std::string k = "@10";
    for (size_t cell = 0; cell < t.cells.size(); ++cell) {
        o << "\n";
        if (!t.cellLabels[cell].empty())
            o << "cell " << cell + 1 << ": " << t.cellLabels[cell] << "\n";
        o << pad("", 14) << pad("NDCG@10", 17) << pad("Recall@10", 17) << pad("Gap NDCG %", 14)
          << pad("Cov@10", 17) << pad("Gini@10", 17) << pad("Δ NDCG@10 [95% CI]", 26)
          << pad("p Holm", 8) << pad("Δ Recall@10 [95% CI]", 26) << pad("p Holm", 8) << "\n";
        for (const rd::StudyRow& r : t.rows) {
            if (r.cell != static_cast<int>(cell)) continue;
            o << pad(r.label(), 14) << pad(cellText(metricOf(r, "NDCG@10")), 17)
              << pad(cellText(metricOf(r, "Recall@10")), 17)
              << pad(cellText(metricOf(r, "GapClosed:NDCG@10"), 100, "%.1f"), 14)
              << pad(cellText(metricOf(r, "ItemCoverage@10")), 17)
              << pad(cellText(metricOf(r, "Gini@10")), 17);
            for (const char* m : {"NDCG@10", "Recall@10"}) {
                const auto it = r.vsStudent.find(m);
                if (it == r.vsStudent.end()) {
                    o << pad("", 26) << pad("", 8);
                    continue;
                }
                const rd::StudyComparison& c = it->second;
                o << pad(fmt(c.meanDifference, "%+.4f") + " [" + fmt(c.interval.low, "%+.4f") +
                             ", " + fmt(c.interval.high, "%+.4f") + "]",
                         26)
                  << pad(fmt(c.pHolm, "%.3g") + (c.significant ? " *" : ""), 8);
            }
            o << "\n";
        }
    }
    o << "\nmean ± half-width of the 95 % t interval over seeds; Δ = mean per-user difference to "
         "the student alone\n(paired bootstrap, "
      << t.resamples
      << " resamples); p Holm = Wilcoxon signed-rank p, Holm-adjusted over the methods of a cell;"
         "\n* = significant at "
      << t.alpha << " (only there).\n";
    for (const std::string& n : t.notes) o << "note: " << n << "\n";
}

std::string studyTableCsv(const rd::StudyTable& t) {
    std::ostringstream o;
    o << "cell,cell_label,role,method,metric,n,mean,sd,ci_low,ci_high,mean_difference,"
         "diff_ci_low,diff_ci_high,p_wilcoxon,p_t,p_holm,significant\n";
    auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    for (const rd::StudyRow& r : t.rows)
        for (const auto& [name, s] : r.metrics) {
            o << r.cell << "," << quote(t.cellLabels[static_cast<size_t>(r.cell)]) << "," << r.role
              << "," << quote(r.label()) << "," << quote(name) << "," << s.n << ","
              << fmt(s.mean, "%.8g") << "," << fmt(s.sd, "%.8g") << ","
              << (s.hasInterval ? fmt(s.low, "%.8g") : "") << ","
              << (s.hasInterval ? fmt(s.high, "%.8g") : "");
            const auto c = r.vsStudent.find(name);
            if (c == r.vsStudent.end()) {
                o << ",,,,,,,\n";
                continue;
            }
            o << "," << fmt(c->second.meanDifference, "%.8g") << ","
              << fmt(c->second.interval.low, "%.8g") << "," << fmt(c->second.interval.high, "%.8g")
              << "," << fmt(c->second.pWilcoxon, "%.6g") << "," << fmt(c->second.pT, "%.6g") << ","
              << fmt(c->second.pHolm, "%.6g") << "," << (c->second.significant ? "true" : "false")
              << "\n";
        }
    return o.str();
}

int runStudyCommand(const std::vector<std::string>& argv) {
    const CliArgs args(
        argv, {"set", "seeds", "sweep", "resume", "jobs", "resamples", "dist-timeout"}, {"json"});
    const bool asJson = args.has("json");
    std::ostream& log = asJson ? std::cerr : std::cout;
    const int64_t resume = args.has("resume") ? std::stoll(args.value("resume")) : 0;
    const int jobs = args.has("jobs") ? std::stoi(args.value("jobs")) : 1;
    if (jobs < 1 || jobs > 64) throw std::invalid_argument("--jobs: expected 1 to 64");
    // Started by torchrun or srun: the experiments are spread over the ranks, and only rank 0
    // has the run store (the others follow its config when resuming).
    const rd::LaunchEnv env = rd::LaunchEnv::fromProcess();
    const bool follower = env.distributed() && env.rank != 0;

    nlohmann::json config;
    std::unique_ptr<rd::RunStore> store;
    try {
        // A study to resume is in a store that exists; a new one may make the store.
        if (!follower)
            store =
                std::make_unique<rd::RunStore>(resume != 0 ? existingStorePath() : cliStorePath());
    } catch (const std::invalid_argument&) {
        throw;
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string(e.what()) + " (use --db FILE for another store)");
    }
    if (resume != 0) {
        if (!args.positional().empty() || args.has("set") || args.has("seeds") || args.has("sweep"))
            throw std::invalid_argument(
                "study --resume ID continues the study with its recorded config: give no CONFIG, "
                "--set, --seeds or --sweep");
    }
    if (resume != 0 && follower) {
        // config stays null: this rank runs what rank 0's resumed study publishes.
    } else if (resume != 0) {
        const auto record = store->study(resume);
        if (!record)
            throw std::invalid_argument("--resume " + std::to_string(resume) + ": no study " +
                                        std::to_string(resume) + " in " + store->path());
        config = nlohmann::json::parse(record->configJson);
    } else {
        if (args.positional().size() != 1)
            throw std::invalid_argument("study takes one CONFIG.json (or --resume STUDY_ID)");
        config = readConfigFile(args.positional().front());
        for (const auto& s : args.values("set")) rd::jsoncfg::applyOverride(config, s);
        if (!config.is_object()) throw std::invalid_argument("the config must be a JSON object");
        nlohmann::json& study = config["study"];
        if (study.is_null()) study = nlohmann::json::object();
        if (args.has("seeds")) {
            nlohmann::json seeds = nlohmann::json::array();
            for (const auto& s : splitList(args.value("seeds"))) seeds.push_back(parseValue(s));
            study["seeds"] = seeds;
        }
        for (const auto& s : args.values("sweep")) {
            const auto eq = s.find('=');
            if (eq == std::string::npos || eq == 0)
                throw std::invalid_argument("--sweep " + s + ": expected dotted.key=v1,v2,…");
            nlohmann::json values = nlohmann::json::array();
            for (const auto& v : splitList(s.substr(eq + 1))) values.push_back(parseValue(v));
            study["sweep"][s.substr(0, eq)] = values;
        }
    }
    // Refuses before any work; a follower resuming builds the plan from rank 0's config.
    const rd::StudyPlan plan = config.is_null() ? rd::StudyPlan{} : rd::StudyPlan::fromJson(config);
    store.reset();
    const std::unique_ptr<rd::DataParallel> dp = connectDataParallel(args);

    std::mutex mutex;
    rd::StudyCallbacks cb;
    cb.onLog = [&](const std::string& m) {
        std::lock_guard<std::mutex> lock(mutex);
        log << m << "\n" << std::flush;
    };
    auto where = [&](const rd::StudyExperiment& e, int index, int total) {
        std::string s = "[" + std::to_string(index + 1) + "/" + std::to_string(total) + "] ";
        const auto cell = static_cast<size_t>(e.cell);
        const std::string label = cell < plan.cellLabels.size() ? plan.cellLabels[cell] : "";
        if (!label.empty()) s += label + ", ";
        return s + "seed " + std::to_string(e.seed);
    };
    cb.onExperimentSkipped = [&](const rd::StudyExperiment& e, int index, int total) {
        std::lock_guard<std::mutex> lock(mutex);
        log << where(e, index, total) << ": finished before, skipped\n" << std::flush;
    };
    cb.onExperimentStarted = [&](const rd::StudyExperiment& e, int index, int total) {
        std::lock_guard<std::mutex> lock(mutex);
        log << where(e, index, total) << ": started\n" << std::flush;
    };
    cb.onExperimentFinished = [&](const rd::StudyExperiment& e, int index, int total,
                                  const rd::ExperimentOutcome& out) {
        std::lock_guard<std::mutex> lock(mutex);
        log << where(e, index, total) << ": " << out.status;
        if (out.experimentId && !follower) log << " (experiment " << out.experimentId << ")";
        if (follower && out.status == rd::status::kFinished) log << " (for rank 0's store)";
        if (!out.error.empty()) log << ": " << out.error;
        log << "\n" << std::flush;
    };
    cb.pipeline.onStageFinished = [&](const rd::StageResult& r) {
        std::lock_guard<std::mutex> lock(mutex);
        log << "    " << r.info.stage << " " << r.status;
        if (r.status == rd::status::kFinished)
            log << ": NDCG@10 " << formatNumber(r.value("NDCG@10", NAN))
                << (r.reused ? " (saved teacher reused)" : "");
        log << "\n" << std::flush;
    };

    rd::StudyOptions options;
    options.jobs = jobs;
    options.resumeId = resume;
    rd::StudyOutcome out;
    int deliveries = 0;
    {
        const CliInterrupt interrupt;
        if (dp) {
            const rd::StudyAcrossRanksOutcome across =
                rd::runStudyAcrossRanks(*dp, config, follower ? std::string() : cliStorePath(),
                                        options, cb, interrupt.token());
            out = across.study;
            deliveries = across.deliveries;
        } else {
            out = rd::runStudy(plan, cliStorePath(), options, cb, interrupt.token());
        }
    }
    if (follower) {
        // Rank 0 holds the study and prints its table; this rank says what it did.
        log << "rank " << dp->rank() << " of " << dp->worldSize() << ": " << out.ran
            << " experiments run here, " << out.failed << " failed, delivered to rank 0 in "
            << deliveries << (deliveries == 1 ? " store" : " stores") << " (study " << out.studyId
            << "), " << fmt(out.seconds, "%.1f") << " s\n";
        if (out.status == rd::status::kCancelled) return 130;
        return out.status == rd::status::kFailed ? 3 : 0;
    }

    rd::RunStore reader(cliStorePath());
    rd::StudyAnalysisOptions ao;
    if (args.has("resamples")) ao.resamples = std::stoi(args.value("resamples"));
    if (ao.resamples < 1000)
        throw std::invalid_argument("--resamples: at least 1000 for a 95 % interval");
    const rd::StudyTable table = rd::analyzeStudy(reader, out.studyId, ao);
    if (asJson) {
        nlohmann::json j = rd::studyTableJson(table);
        j["seconds"] = out.seconds;
        j["ran"] = out.ran;
        j["skipped"] = out.skipped;
        j["failed"] = out.failed;
        j["jobs"] = jobs;
        j["ranks"] = dp ? dp->worldSize() : 1;
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::cout << "\n";
        printStudyTable(table, std::cout);
        std::cout << "\n"
                  << out.ran << " experiments run, " << out.skipped
                  << " skipped (finished before), " << out.failed << " failed, in "
                  << fmt(out.seconds, "%.1f") << " s with " << jobs
                  << (jobs == 1 ? " job" : " jobs")
                  << (dp ? " on each of " + std::to_string(dp->worldSize()) + " ranks (" +
                               std::to_string(deliveries) + " stores delivered to rank 0)"
                         : std::string())
                  << "; recorded as study " << out.studyId
                  << " (recdistill-cli show study:" << out.studyId << ")\n";
    }
    if (out.status == rd::status::kCancelled) {
        std::cerr << "cancelled: resume with recdistill-cli study --resume " << out.studyId << "\n";
        return 130;
    }
    if (out.status == rd::status::kFailed) {
        std::cerr << "error: " << out.error << "\n";
        return 3;
    }
    return 0;
}
