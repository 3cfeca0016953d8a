// The run-store commands of recdistill-cli: runs, show, compare, export, rerun, tag, note, db (all
// honour --db FILE).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/run_vocabulary.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_interrupt.h"
#include "cli_study.h"
#include "config/json_config.h"
#include "data/field_parser.h"
#include "pipeline/experiment_config.h"
#include "store/run_store.h"
#include "util/cancel_token.h"

namespace {

std::string gStorePath;

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf,
                  std::abs(v) >= 1000 || v == static_cast<long long>(v) ? "%.10g" : "%.4f", v);
    return buf;
}

std::string pad(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

/** "12" or "run:12" → run 12; "experiment:3" or "exp:3" → experiment 3. */
struct Target {
    bool experiment = false;
    int64_t id = 0;
};

Target parseTarget(const std::string& text, bool defaultExperiment) {
    Target t;
    t.experiment = defaultExperiment;
    std::string digits = text;
    for (const char* prefix : {"experiment:", "exp:", "e"}) {
        if (text.rfind(prefix, 0) == 0 && text.size() > std::string(prefix).size()) {
            t.experiment = true;
            digits = text.substr(std::string(prefix).size());
            break;
        }
    }
    if (text.rfind("run:", 0) == 0) {
        t.experiment = false;
        digits = text.substr(4);
    }
    try {
        size_t used = 0;
        t.id = std::stoll(digits, &used);
        if (used != digits.size() || t.id <= 0) throw std::invalid_argument("");
    } catch (const std::exception&) {
        throw std::invalid_argument(
            "'" + text + "' is not a run id (12 or run:12) or an experiment (experiment:3)");
    }
    return t;
}

rd::RunRecord requireRun(rd::RunStore& store, int64_t id) {
    const auto r = store.run(id);
    if (!r) throw std::invalid_argument("no run " + std::to_string(id) + " in " + store.path());
    return *r;
}

rd::ExperimentRecord requireExperiment(rd::RunStore& store, int64_t id) {
    const auto e = store.experiment(id);
    if (!e)
        throw std::invalid_argument("no experiment " + std::to_string(id) + " in " + store.path());
    return *e;
}

/**
 * Writes an export to path through a temporary file renamed into place, so a failed write leaves no
 * half file. Refuses the run store itself (reliability review F3: `export 1 --output runs.sqlite`
 * replaced the whole store with JSON) and any other SQLite database, which no export is meant to
 * replace.
 */
void writeExport(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const std::string store = cliStorePath();
    for (const std::string& part : {store, store + "-wal", store + "-shm"})
        if (fs::exists(path, ec) && fs::equivalent(path, part, ec))
            throw std::invalid_argument(path +
                                        ": this is the run store; an export cannot replace "
                                        "it (choose another --output)");
    if (std::ifstream in{path, std::ios::binary}) {
        char header[16] = {};
        in.read(header, sizeof header);
        if (in.gcount() == 16 && std::string(header, 16) == std::string("SQLite format 3\0", 16))
            throw std::invalid_argument(path +
                                        ": an SQLite database is there; an export does not "
                                        "replace one (choose another --output)");
    }
    const std::string part = path + ".part";
    {
        std::ofstream f(part, std::ios::binary | std::ios::trunc);
        if (!(f << text) || !f.flush())
            throw std::runtime_error(path + ": cannot write the export");
    }
    fs::rename(part, path, ec);
    if (ec) {
        fs::remove(part, ec);
        throw std::runtime_error(path + ": cannot write the export (" + ec.message() + ")");
    }
}

nlohmann::json parsedOr(const std::string& text) {
    // A stored record may come from any file (db import): beyond the limits it stays text.
    try {
        return rd::jsoncfg::parseText(text, "stored");
    } catch (const std::invalid_argument&) {
        return nlohmann::json(text);
    }
}

/** Dotted keys of every leaf, e.g. {"model.dim": 32}: what compare diffs. */
void flatten(const nlohmann::json& j, const std::string& prefix,
             std::map<std::string, std::string>& out) {
    if (j.is_object() && !j.empty()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    } else {
        out[prefix] = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

nlohmann::json runJson(rd::RunStore& store, const rd::RunRecord& r, bool withCurves) {
    nlohmann::json j = {{"id", r.id},
                        {"experiment_id", r.experimentId},
                        {"role", r.role},
                        {"model", r.model},
                        {"method", r.method},
                        {"seed", r.seed},
                        {"status", r.status},
                        {"error", r.error},
                        {"started", r.started},
                        {"finished", r.finished},
                        {"app_version", r.appVersion},
                        {"torch_version", r.torchVersion},
                        {"threads", r.threads},
                        {"params", parsedOr(r.paramsJson)},
                        {"final", store.finalResults(r.id)}};
    if (withCurves) {
        nlohmann::json curves = nlohmann::json::object();
        for (const auto& p : store.points(r.id)) curves[p.name].push_back({p.step, p.value});
        j["curves"] = curves;
        const auto h = store.exposure(r.id);
        j["exposure"] = {{"recommendation_share", h.recommendationShare},
                         {"training_share", h.trainingShare}};
        nlohmann::json artifacts = nlohmann::json::array();
        for (const auto& a : store.artifacts(r.id))
            artifacts.push_back({{"kind", a.kind},
                                 {"path", a.relativePath},
                                 {"hash", a.contentHash},
                                 {"bytes", a.bytes}});
        j["artifacts"] = artifacts;
    }
    return j;
}

// Exports keep every digit: the shortest text that reads back as the same double.
std::string exact(double v) {
    return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

void setCliStorePath(const std::string& path) {
    gStorePath = path;
}

std::string cliStorePath() {
    return gStorePath.empty() ? rd::RunStore::defaultPath() : gStorePath;
}

std::string existingStorePath() {
    const std::string path = cliStorePath();
    // The default store is the application's own: made on first use, whatever the command.
    if (gStorePath.empty()) return path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw std::invalid_argument(
            path +
            ": no run store here (train, distill and study create one; --db FILE reads "
            "another)");
    return path;
}

int runRunsCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    if (!args.positional().empty()) throw std::invalid_argument("runs takes no arguments");
    rd::RunStore store(existingStorePath());
    const auto runs = store.runs();
    std::map<int64_t, std::string> names;
    for (const auto& e : store.experiments()) names[e.id] = e.name;
    std::map<int64_t, std::vector<std::string>> tags;
    for (const auto& e : store.experiments()) tags[e.id] = e.tags;
    const char* keys[] = {"NDCG@10", "Recall@10", "params"};
    if (args.has("json")) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& r : runs) {
            nlohmann::json j = runJson(store, r, false);
            j["experiment"] = names[r.experimentId];
            j["tags"] = tags[r.experimentId];
            arr.push_back(j);
        }
        std::cout << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    const auto studies = store.studies();
    if (!studies.empty()) {
        std::cout << pad("study", 8) << pad("name", 40) << pad("status", 12)
                  << pad("experiments", 13) << "created\n";
        for (const auto& st : studies) {
            const auto members = store.studyMembers(st.id);
            int done = 0;
            for (const auto& m : members) done += m.status == rd::status::kFinished ? 1 : 0;
            std::string name = st.name.size() > 38 ? st.name.substr(0, 35) + "..." : st.name;
            std::cout << pad("study:" + std::to_string(st.id), 8) << pad(name, 40)
                      << pad(st.status, 12)
                      << pad(std::to_string(done) + "/" + std::to_string(members.size()), 13)
                      << st.created << "\n";
        }
        std::cout << "\n";
    }
    if (runs.empty()) {
        std::cout << "no runs in " << store.path() << "\n";
        return 0;
    }
    std::cout << pad("id", 6) << pad("experiment", 34) << pad("role", 10) << pad("model", 10)
              << pad("method", 10) << pad("status", 13);
    for (const char* k : keys) std::cout << pad(k, 12);
    std::cout << "tags\n";
    for (const auto& r : runs) {
        std::string exp = std::to_string(r.experimentId) + ":" + names[r.experimentId];
        if (exp.size() > 32) exp = exp.substr(0, 29) + "...";
        std::cout << pad(std::to_string(r.id), 6) << pad(exp, 34) << pad(r.role, 10)
                  << pad(r.model, 10) << pad(r.method.empty() ? "-" : r.method, 10)
                  << pad(r.status, 13);
        const auto finals = store.finalResults(r.id);
        for (const char* k : keys) {
            const auto it = finals.find(k);
            std::cout << pad(it == finals.end() ? "-" : num(it->second), 12);
        }
        std::string joined;
        for (const auto& t : tags[r.experimentId]) joined += (joined.empty() ? "" : ",") + t;
        std::cout << (joined.empty() ? "-" : joined) << "\n";
    }
    return 0;
}

int runShowCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    if (args.positional().size() != 1) throw std::invalid_argument("show takes one RUN id");
    rd::RunStore store(existingStorePath());
    if (const int64_t study = studyIdOf(args.positional().front())) {
        const rd::StudyTable table = rd::analyzeStudy(store, study);
        if (args.has("json"))
            std::cout << rd::studyTableJson(table).dump(2, ' ', false,
                                                        nlohmann::json::error_handler_t::replace)
                      << "\n";
        else
            printStudyTable(table, std::cout);
        return 0;
    }
    const rd::RunRecord r = requireRun(store, parseTarget(args.positional().front(), false).id);
    const rd::ExperimentRecord e = requireExperiment(store, r.experimentId);
    if (args.has("json")) {
        nlohmann::json j = runJson(store, r, true);
        j["experiment"] = {{"id", e.id},
                           {"name", e.name},
                           {"notes", e.notes},
                           {"tags", e.tags},
                           {"config", parsedOr(e.configJson)}};
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::cout << "run " << r.id << ": " << r.role << " " << r.model
              << (r.method.empty() ? "" : " + " + r.method) << ", " << r.status
              << (r.error.empty() ? "" : " (" + r.error + ")") << "\n"
              << "experiment " << e.id << ": " << e.name << "\n"
              << "started " << r.started << ", finished " << (r.finished.empty() ? "-" : r.finished)
              << "\n"
              << "RecDistill " << r.appVersion << ", LibTorch " << r.torchVersion << ", "
              << r.threads << " threads, seed " << r.seed << "\n"
              << "model parameters " << r.paramsJson << "\n";
    if (!e.tags.empty()) {
        std::cout << "tags";
        for (const auto& t : e.tags) std::cout << " " << t;
        std::cout << "\n";
    }
    if (!e.notes.empty()) std::cout << "notes: " << e.notes << "\n";
    std::cout << "config " << e.configJson << "\n\nfinal results:\n";
    for (const auto& [name, v] : store.finalResults(r.id))
        std::cout << "  " << pad(name, 22) << num(v) << "\n";
    std::map<std::string, std::pair<size_t, double>> curves;
    for (const auto& p : store.points(r.id)) {
        auto& c = curves[p.name];
        ++c.first;
        c.second = p.value;
    }
    std::cout << "\ncurves (points, last value):\n";
    for (const auto& [name, c] : curves)
        std::cout << "  " << pad(name, 22) << pad(std::to_string(c.first), 6) << num(c.second)
                  << "\n";
    for (const auto& a : store.artifacts(r.id))
        std::cout << "\n"
                  << a.kind << ": " << a.relativePath << " (" << a.bytes << " bytes, hash "
                  << a.contentHash << ")\n";
    return 0;
}

int runCompareCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"format"}, {"json", "all"});
    const std::string format = args.value("format", "text");
    if (format != "text" && format != "csv" && format != "latex")
        throw std::invalid_argument("--format must be text, csv or latex");
    if (args.positional().size() < 2)
        throw std::invalid_argument("compare takes two or more RUN ids");
    rd::RunStore store(existingStorePath());
    std::vector<rd::RunRecord> runs;
    std::vector<std::map<std::string, std::string>> settings;
    std::vector<std::map<std::string, double>> finals;
    std::set<std::string> keys, metrics;
    for (const auto& text : args.positional()) {
        runs.push_back(requireRun(store, parseTarget(text, false).id));
        const auto& r = runs.back();
        std::map<std::string, std::string> s;
        flatten(parsedOr(requireExperiment(store, r.experimentId).configJson), "", s);
        s.erase("name");
        s["run.role"] =
            nlohmann::json(r.role).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        s["run.method"] =
            nlohmann::json(r.method).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        s["run.status"] =
            nlohmann::json(r.status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        s["run.threads"] = std::to_string(r.threads);
        for (const auto& kv : s) keys.insert(kv.first);
        settings.push_back(s);
        finals.push_back(store.finalResults(r.id));
        for (const auto& kv : finals.back()) metrics.insert(kv.first);
    }
    // Only what differs: a setting absent from a run counts as different from one that has it.
    std::vector<std::string> differing;
    for (const auto& k : keys) {
        const auto first = settings[0].count(k) ? settings[0].at(k) : std::string("-");
        for (const auto& s : settings)
            if ((s.count(k) ? s.at(k) : std::string("-")) != first) {
                differing.push_back(k);
                break;
            }
    }
    // The same table, "best" rule and exports as the window's Compare tab (core/catalog).
    rd::ComparisonTable table;
    for (size_t k = 0; k < runs.size(); ++k) {
        rd::ComparisonRow row;
        row.label =
            "run " + std::to_string(runs[k].id) + " " + runs[k].role +
            (runs[k].method.empty() || runs[k].method == "none" ? "" : " " + runs[k].method);
        row.model = runs[k].model;
        row.competes = runs[k].role != rd::role::kTeacher;
        row.values = finals[k];
        table.rows.push_back(std::move(row));
    }
    table.columns = rd::comparisonColumns(table.rows, args.has("all") || format == "text");
    if (format == "csv") {
        std::cout << rd::comparisonCsv(table);
        return 0;
    }
    if (format == "latex") {
        std::cout << rd::comparisonLatex(table);
        return 0;
    }
    if (args.has("json")) {
        nlohmann::json j = {{"runs", nlohmann::json::array()},
                            {"differing", nlohmann::json::object()},
                            {"final", nlohmann::json::object()}};
        for (const auto& r : runs) j["runs"].push_back(r.id);
        for (const auto& k : differing)
            for (const auto& s : settings)
                j["differing"][k].push_back(s.count(k) ? parsedOr(s.at(k)) : nullptr);
        for (const auto& m : metrics)
            for (const auto& f : finals)
                j["final"][m].push_back(f.count(m) ? nlohmann::json(f.at(m)) : nullptr);
        std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    std::cout << pad("", 26);
    for (const auto& r : runs) std::cout << pad("run " + std::to_string(r.id), 16);
    std::cout << "\n";
    std::cout << pad("model", 26);
    for (const auto& r : runs) std::cout << pad(r.model, 16);
    std::cout << "\n\ndiffering settings:\n";
    if (differing.empty()) std::cout << "  (none: the same config)\n";
    for (const auto& k : differing) {
        std::cout << "  " << pad(k, 24);
        for (const auto& s : settings) std::cout << pad(s.count(k) ? s.at(k) : "-", 16);
        std::cout << "\n";
    }
    std::cout << "\nfinal results (* best among the students, by the metric's direction):\n";
    for (const auto& m : table.columns) {
        const std::vector<size_t> best = rd::bestRows(table, m);
        std::cout << "  " << pad(m, 24);
        for (size_t k = 0; k < finals.size(); ++k) {
            const bool isBest = std::find(best.begin(), best.end(), k) != best.end();
            std::cout << pad(finals[k].count(m) ? num(finals[k].at(m)) + (isBest ? " *" : "") : "-",
                             16);
        }
        std::cout << "\n";
    }
    return 0;
}

int runExportCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"format", "output"}, {});
    if (args.positional().size() != 1)
        throw std::invalid_argument(
            "export takes one RUN (12, run:12) or EXPERIMENT (experiment:3)");
    const std::string format = args.value("format", "json");
    if (format != "json" && format != "csv")
        throw std::invalid_argument("--format must be csv or json");
    if (const int64_t study = studyIdOf(args.positional().front())) {
        rd::RunStore store(existingStorePath());
        const rd::StudyTable table = rd::analyzeStudy(store, study);
        const std::string text =
            format == "json" ? rd::studyTableJson(table).dump(
                                   2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                   "\n"
                             : studyTableCsv(table);
        if (args.has("output")) {
            writeExport(args.value("output"), text);
        } else {
            std::cout << text;
        }
        return 0;
    }
    const Target target = parseTarget(args.positional().front(), false);
    rd::RunStore store(existingStorePath());
    std::vector<rd::RunRecord> runs;
    rd::ExperimentRecord experiment;
    if (target.experiment) {
        experiment = requireExperiment(store, target.id);
        runs = store.runs(target.id);
    } else {
        runs.push_back(requireRun(store, target.id));
        experiment = requireExperiment(store, runs.front().experimentId);
    }
    std::ostringstream out;
    if (format == "json") {
        nlohmann::json j = {{"experiment",
                             {{"id", experiment.id},
                              {"name", experiment.name},
                              {"created", experiment.created},
                              {"notes", experiment.notes},
                              {"tags", experiment.tags},
                              {"config", parsedOr(experiment.configJson)}}},
                            {"runs", nlohmann::json::array()}};
        for (const auto& r : runs) j["runs"].push_back(runJson(store, r, true));
        out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        // Long format, one value per line: spreadsheets and pandas pivot it as they like.
        out << "run_id,experiment_id,role,model,method,status,kind,name,step,value\n";
        for (const auto& r : runs) {
            const std::string head = std::to_string(r.id) + "," + std::to_string(r.experimentId) +
                                     "," + csvField(r.role) + "," + csvField(r.model) + "," +
                                     csvField(r.method) + "," + csvField(r.status) + ",";
            for (const auto& [name, v] : store.finalResults(r.id))
                out << head << "final," << csvField(name) << ",," << exact(v) << "\n";
            for (const auto& p : store.points(r.id))
                out << head << "point," << csvField(p.name) << "," << p.step << ","
                    << exact(p.value) << "\n";
        }
    }
    if (args.has("output")) {
        writeExport(args.value("output"), out.str());
    } else {
        std::cout << out.str();
    }
    return 0;
}

int runRerunCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    if (args.positional().size() != 1) throw std::invalid_argument("rerun takes one EXPERIMENT id");
    const int64_t id = parseTarget(args.positional().front(), true).id;
    std::string config;
    {
        rd::RunStore store(existingStorePath());
        config = requireExperiment(store, id).configJson;
    }  // closed: training opens its own connection
    // One parser for both shapes; the single-model one prints as `train` does.
    if (rd::ExperimentConfig::fromJson(nlohmann::json::parse(config)).singleModel)
        return runTrainConfig(config, args.has("json"), true, id);
    return runDistillConfig(config, args.has("json"), true, id);
}

int runTagCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"remove"});
    if (args.positional().size() < 2)
        throw std::invalid_argument("tag takes an EXPERIMENT and one or more TAGs");
    const int64_t id = parseTarget(args.positional().front(), true).id;
    const std::vector<std::string> tags(args.positional().begin() + 1, args.positional().end());
    for (const auto& t : tags)
        if (t.empty() || t.find_first_of(", \t\n") != std::string::npos ||
            !rd::fields::isValidUtf8(t))
            throw std::invalid_argument("'" + t +
                                        "' is not a tag: a tag is one word of UTF-8 text, "
                                        "without commas");
    rd::RunStore store(existingStorePath());
    requireExperiment(store, id);
    if (args.has("remove"))
        store.removeExperimentTags(id, tags);
    else
        store.addExperimentTags(id, tags);
    const rd::ExperimentRecord e = requireExperiment(store, id);
    std::cout << "experiment " << e.id << " (" << e.name << "): ";
    if (e.tags.empty()) std::cout << "no tags";
    for (size_t i = 0; i < e.tags.size(); ++i) std::cout << (i ? ", " : "tags ") << e.tags[i];
    std::cout << "\n";
    return 0;
}

int runNoteCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {});
    if (args.positional().size() < 2)
        throw std::invalid_argument(
            "note takes an EXPERIMENT and the TEXT (\"\" clears the notes)");
    const int64_t id = parseTarget(args.positional().front(), true).id;
    // The words after the experiment, so an unquoted sentence works too.
    std::string text;
    for (size_t i = 1; i < args.positional().size(); ++i)
        text += (i > 1 ? " " : "") + args.positional()[i];
    // Reliability review F10: a note of other bytes than UTF-8 made every JSON output of the
    // experiment fail.
    if (!rd::fields::isValidUtf8(text))
        throw std::invalid_argument("the note is not UTF-8 text (set a UTF-8 locale)");
    rd::RunStore store(existingStorePath());
    requireExperiment(store, id);
    store.setExperimentNotes(id, text);
    std::cout << "experiment " << id << ": " << (text.empty() ? "notes cleared" : "notes saved")
              << "\n";
    return 0;
}

int runRenameCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {});
    if (args.positional().size() < 2)
        throw std::invalid_argument("rename takes an EXPERIMENT and the new NAME");
    const int64_t id = parseTarget(args.positional().front(), true).id;
    std::string name;
    for (size_t i = 1; i < args.positional().size(); ++i)
        name += (i > 1 ? " " : "") + args.positional()[i];
    if (name.empty()) throw std::invalid_argument("rename: the new name cannot be empty");
    rd::RunStore store(existingStorePath());
    requireExperiment(store, id);
    store.renameExperiment(id, name);
    std::cout << "experiment " << id << " renamed to \"" << name << "\"\n";
    return 0;
}

int runTrashCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"restore", "empty"});
    const auto& pos = args.positional();
    if (args.has("restore") && args.has("empty"))
        throw std::invalid_argument("trash takes --restore or --empty, not both");
    if (args.has("empty") && !pos.empty())
        throw std::invalid_argument(
            "trash --empty takes no experiment: it empties the whole trash");
    if (args.has("restore") && pos.empty())
        throw std::invalid_argument("trash --restore takes the EXPERIMENT(s) to restore");
    rd::RunStore store(cliStorePath());
    if (args.has("empty")) {
        const int n = store.emptyTrash();
        std::cout << n << " experiment(s) deleted for good from " << store.path() << "\n";
        return 0;
    }
    if (pos.empty()) {
        const auto trashed = store.trashedExperiments();
        if (trashed.empty()) {
            std::cout << "the trash of " << store.path() << " is empty\n";
            return 0;
        }
        std::cout << pad("id", 8) << pad("name", 40) << pad("created", 22) << "trashed\n";
        for (const auto& e : trashed) {
            const std::string name = e.name.size() > 38 ? e.name.substr(0, 35) + "..." : e.name;
            std::cout << pad(std::to_string(e.id), 8) << pad(name, 40) << pad(e.created, 22)
                      << e.deletedAt << "\n";
        }
        return 0;
    }
    std::vector<int64_t> ids;
    for (const std::string& text : pos) {
        ids.push_back(parseTarget(text, true).id);
        requireExperiment(store, ids.back());
    }
    for (int64_t id : ids) {
        if (args.has("restore"))
            store.restoreExperiment(id);
        else
            store.trashExperiment(id);
        std::cout << "experiment " << id
                  << (args.has("restore") ? " restored from the trash\n" : " moved to the trash\n");
    }
    return 0;
}

int runDbCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {}, {"json"});
    const auto& pos = args.positional();
    if (pos.size() != 2 || (pos[0] != "export" && pos[0] != "import"))
        throw std::invalid_argument("db takes `export FILE` or `import FILE`");
    // Importing into a store that does not exist yet makes it; exporting one does not.
    rd::RunStore store(pos[0] == "export" ? existingStorePath() : cliStorePath());
    const CliInterrupt interrupt;
    if (pos[0] == "export") {
        try {
            store.exportTo(pos[1], interrupt.token());
        } catch (const rd::Cancelled&) {
            return reportCancelled("db export");
        }
        const size_t experiments = store.experiments().size(), runs = store.runs().size();
        if (args.has("json"))
            std::cout << nlohmann::json(
                             {{"exported", pos[1]}, {"experiments", experiments}, {"runs", runs}})
                             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << "\n";
        else
            std::cout << "exported " << store.path() << " to " << pos[1] << ": " << experiments
                      << " experiments, " << runs << " runs, with their artifact files\n";
        return 0;
    }
    rd::ImportSummary s;
    try {
        s = store.importFrom(pos[1], interrupt.token());
    } catch (const rd::Cancelled&) {
        return reportCancelled("db import");
    }
    if (args.has("json")) {
        std::cout << nlohmann::json({{"imported", pos[1]},
                                     {"experiments", s.experimentIds},
                                     {"datasets_added", s.datasetsAdded},
                                     {"datasets_reused", s.datasetsReused},
                                     {"runs", s.runs},
                                     {"runs_interrupted", s.runsInterrupted},
                                     {"points", s.points},
                                     {"final_results", s.finalResults},
                                     {"topk_samples", s.topKSamples},
                                     {"exposure_bins", s.exposureBins},
                                     {"tags", s.tags},
                                     {"artifacts", s.artifacts},
                                     {"artifact_files_copied", s.artifactFilesCopied},
                                     {"missing_artifact_files", s.missingArtifactFiles}})
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
        return 0;
    }
    std::string ids;
    for (int64_t id : s.experimentIds) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    std::cout << "imported " << pos[1] << " into " << store.path() << ": " << s.experimentIds.size()
              << " experiments" << (ids.empty() ? "" : " (" + ids + ")") << ", " << s.runs
              << " runs, " << s.points << " points, " << s.finalResults << " final results, "
              << s.topKSamples << " top-K lists, " << s.exposureBins << " exposure bins, " << s.tags
              << " tags, " << s.artifacts << " artifacts (" << s.artifactFilesCopied
              << " files copied)\n"
              << "data sets: " << s.datasetsAdded << " added, " << s.datasetsReused
              << " already here\n";
    if (s.runsInterrupted > 0)
        std::cout << s.runsInterrupted
                  << " run(s) were still running in the source; the copies are 'interrupted'\n";
    for (const auto& f : s.missingArtifactFiles)
        std::cerr << "warning: the artifact file " << f << " is missing beside " << pos[1]
                  << "; its record was imported without it\n";
    return 0;
}
