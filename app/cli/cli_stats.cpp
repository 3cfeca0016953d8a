// `recdistill-cli stats PATH`: load a data set and print its statistics (text or JSON).

#include <cstdio>
#include <ctime>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "cli_commands.h"
#include "data/data_loader.h"
#include "data/dataset_stats.h"
#include "data/load_error.h"
#include "data/stats_json.h"

namespace {

std::string grouped(int64_t v) {
    std::string s = std::to_string(v < 0 ? -v : v), out;
    for (size_t k = 0; k < s.size(); ++k) {
        if (k && (s.size() - k) % 3 == 0) out += ',';
        out += s[k];
    }
    return v < 0 ? "-" + out : out;
}

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string date(int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    char buf[32];
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string summary(const rd::CountSummary& s) {
    return "min " + grouped(s.min) + ", median " + fixed(s.median, 1) + ", mean " +
           fixed(s.mean, 1) + ", max " + grouped(s.max);
}

void printText(const rd::DatasetStats& st, const rd::LoadReport& report) {
    std::ostringstream o;
    o << "Data set       " << st.name << " (" << st.format << ")\n"
      << "Path           " << st.sourcePath << "\n"
      << "Users          " << grouped(st.users) << "\n"
      << "Items          " << grouped(st.items) << "\n"
      << "Interactions   " << grouped(st.interactions) << "\n"
      << "Density        " << fixed(100.0 * st.density, 3) << " %\n"
      << "Per user       " << summary(st.perUser) << "\n"
      << "Per item       " << summary(st.perItem) << "\n"
      << "Top items hold " << fixed(100 * st.top1Share, 1) << " % (top 1 %), "
      << fixed(100 * st.top10Share, 1) << " % (top 10 %), " << fixed(100 * st.top20Share, 1)
      << " % (top 20 %) of interactions\n";
    if (st.hasRatings) {
        o << "Ratings        ";
        for (size_t k = 0; k < st.ratingHistogram.size() && k < 12; ++k)
            o << (k ? ", " : "") << st.ratingHistogram[k].first << ": "
              << grouped(st.ratingHistogram[k].second);
        if (st.ratingHistogram.size() > 12) o << ", … (" << st.ratingHistogram.size() << " values)";
        o << "\n";
    }
    if (st.hasTimestamps)
        o << "Time range     " << date(st.firstTimestamp) << " – " << date(st.lastTimestamp)
          << "\n";
    o << "Categories     " << st.categories.size();
    if (!st.categories.empty()) {
        o << ": ";
        for (size_t k = 0; k < st.categories.size(); ++k)
            o << (k ? ", " : "") << st.categories[k].first << " (" << st.categories[k].second
              << ")";
    }
    o << "\n";
    if (st.presplit)
        o << "Given split    train " << grouped(st.trainInteractions) << ", valid "
          << grouped(st.validInteractions) << ", test " << grouped(st.testInteractions) << "; "
          << grouped(st.itemsOnlyInHeldOut) << " items only in valid/test\n";
    o << "Content hash   " << st.hash << "\n";
    if (report.skippedLines > 0) o << "Skipped lines  " << grouped(report.skippedLines) << "\n";
    std::cout << o.str();
}

/** "--columns user,item,-,rating" names each column's role ("-" = ignored). */
void applyColumns(const std::string& spec, rd::DelimitedMapping& m) {
    m.userColumn = m.itemColumn = m.ratingColumn = m.timestampColumn = -1;
    std::stringstream ss(spec);
    std::string role;
    for (int col = 0; std::getline(ss, role, ','); ++col) {
        if (role == "user")
            m.userColumn = col;
        else if (role == "item")
            m.itemColumn = col;
        else if (role == "rating")
            m.ratingColumn = col;
        else if (role == "timestamp")
            m.timestampColumn = col;
        else if (role != "-" && !role.empty())
            throw std::invalid_argument("--columns: unknown column role '" + role +
                                        "'; expected user, item, rating, timestamp or -");
    }
    if (m.userColumn < 0 || m.itemColumn < 0)
        throw std::invalid_argument(
            "--columns must name a user and an item column, e.g. user,item,rating");
}

std::string unescape(const std::string& s) {
    if (s == "\\t" || s == "tab" || s == "TAB") return "\t";
    if (s == "space") return " ";
    return s;
}

}  // namespace

int runStatsCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"format", "encoding", "sep", "columns"},
                       {"json", "skip-bad-lines", "header"});
    if (args.positional().size() > 1) throw std::invalid_argument("stats takes one PATH");
    const std::string path = args.positional().empty() ? "demo" : args.positional().front();
    rd::LoadOptions options;
    options.format = args.value("format", "auto");
    options.encoding = args.value("encoding", "auto");
    options.skipBadLines = args.has("skip-bad-lines");
    if (args.has("sep") || args.has("columns") || args.has("header")) {
        if (options.format == "auto") options.format = "delimited";
        options.delimited.detect = false;
        options.delimited.separator = unescape(args.value("sep", "\t"));
        options.delimited.header = args.has("header");
        if (args.has("columns"))
            applyColumns(args.value("columns"), options.delimited);
        else
            options.delimited.ratingColumn = options.delimited.timestampColumn = -1;
    }
    try {
        const rd::LoadResult result = rd::loadDataset(path, options);
        const rd::DatasetStats st = rd::computeStats(result.dataset);
        if (args.has("json")) {
            nlohmann::json j = rd::statsToJson(st);
            if (result.report.skippedLines > 0)
                j["skipped_lines"] = {{"count", result.report.skippedLines},
                                      {"first_reasons", result.report.firstReasons}};
            // Skipped-line reasons quote the raw bytes, which may not be UTF-8: never fail on them.
            std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            printText(st, result.report);
        }
        if (result.report.skippedLines > 0) {
            std::cerr << "warning: skipped " << result.report.skippedLines
                      << " bad line(s); first reasons:\n";
            for (const auto& r : result.report.firstReasons) std::cerr << "  " << r << "\n";
        }
        return 0;
    } catch (const rd::LoadError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
}

int runFormatsCommand(const std::vector<std::string>&) {
    for (const auto& f : rd::supportedFormats())
        std::printf("%-10s %-34s %s\n", f.name.c_str(), f.displayName.c_str(), f.files.c_str());
    return 0;
}
