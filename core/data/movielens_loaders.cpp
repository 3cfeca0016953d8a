// The three MovieLens layouts: 100K (u.data + u.item), 1M/10M (ratings.dat + movies.dat) and
// "latest" (ratings.csv + movies.csv). Item files are optional; their titles and genres become side
// information. The 100K and 1M item files are Latin-1, so "auto" decoding falls back to Latin-1
// there.

#include <algorithm>
#include <filesystem>
#include <map>

#include "data/field_parser.h"
#include "data/line_issues.h"
#include "data/line_reader.h"
#include "data/load_error.h"
#include "data/loaders.h"

namespace fs = std::filesystem;

namespace rd::loaders {

namespace {

const std::vector<std::string> kMl100kGenres = {
    "unknown",     "Action", "Adventure", "Animation", "Children's", "Comedy",  "Crime",
    "Documentary", "Drama",  "Fantasy",   "Film-Noir", "Horror",     "Musical", "Mystery",
    "Romance",     "Sci-Fi", "Thriller",  "War",       "Western"};

struct ItemRow {
    std::string id, title;
    std::vector<std::string> genres;
};

/** Where the interaction file and the side file are, given a folder or either file. */
struct Files {
    std::string data, items, folder;
};

Files resolve(const std::string& path, const char* dataName, const char* itemName) {
    Files f;
    fs::path p(path);
    if (fs::is_directory(p)) {
        f.folder = p.string();
        f.data = (p / dataName).string();
        if (!fs::exists(f.data))
            throw LoadError(path, 0,
                            std::string("expected the file ") + dataName + " in this folder");
    } else {
        f.folder = p.parent_path().string();
        f.data = p.filename() == itemName ? (p.parent_path() / dataName).string() : p.string();
    }
    const fs::path items = fs::path(f.data).parent_path() / itemName;
    if (fs::exists(items)) f.items = items.string();
    return f;
}

/** Genre names sorted alphabetically become category ids (stable whatever the file order). */
void attachGenres(DatasetBuilder& builder, std::vector<ItemRow>& rows) {
    std::map<std::string, int32_t> ids;
    for (const auto& r : rows)
        for (const auto& g : r.genres) ids.emplace(g, 0);
    std::vector<std::string> names;
    for (auto& [name, id] : ids) {
        id = static_cast<int32_t>(names.size());
        names.push_back(name);
    }
    builder.setCategoryNames(names);
    for (auto& r : rows) {
        std::vector<int32_t> cats;
        for (const auto& g : r.genres) cats.push_back(ids[g]);
        std::sort(cats.begin(), cats.end());
        builder.setItemInfo(r.id, std::move(r.title), std::move(cats));
    }
}

/** decodeText, an undecodable field going through issues (skipped in skip mode); false when
 * skipped. */
bool decodeField(std::string_view s, const LoadOptions& options, bool latin1Fallback,
                 const std::string& file, int64_t line, LineIssues& issues, std::string& out) {
    try {
        out = decodeText(s, options.encoding, latin1Fallback, file, line);
        return true;
    } catch (const LoadError& e) {
        issues.bad(file, line, e.reason());
        return false;
    }
}

std::vector<std::string> splitGenres(std::string_view s) {
    std::vector<std::string_view> parts;
    fields::split(s, "|", parts);
    std::vector<std::string> out;
    for (auto g : parts) {
        g = fields::trim(g);
        if (!g.empty() && g != "(no genres listed)") out.emplace_back(g);
    }
    return out;
}

std::vector<std::string> readMl100kGenreNames(const std::string& folder,
                                              const LoadOptions& options) {
    const fs::path p = fs::path(folder) / "u.genre";
    if (!fs::exists(p)) return kMl100kGenres;
    LineReader reader(p.string(), options.maxLineBytes, options.cancel);
    std::vector<std::pair<int64_t, std::string>> named;
    std::vector<std::string_view> f;
    std::string_view line;
    while (reader.next(line)) {
        if (fields::trim(line).empty()) continue;
        fields::split(line, "|", f);
        int64_t id;
        if (f.size() != 2 || !fields::parseInt64(fields::trim(f[1]), id) || id < 0 || id > 1000)
            throw LoadError(p.string(), reader.lineNumber(),
                            "expected 'genre name|genre number', found " + fields::quote(line));
        named.emplace_back(id, decodeText(fields::trim(f[0]), options.encoding, true, p.string(),
                                          reader.lineNumber()));
    }
    std::sort(named.begin(), named.end());
    std::vector<std::string> names;
    for (size_t k = 0; k < named.size(); ++k) {
        if (named[k].first != static_cast<int64_t>(k))
            throw LoadError(p.string(), 0, "genre numbers must run 0, 1, 2, … without gaps");
        names.push_back(named[k].second);
    }
    return names;
}

void readMl100kItems(const std::string& file, const std::vector<std::string>& genres,
                     const LoadOptions& options, DatasetBuilder& builder, LoadReport& report) {
    LineReader reader(file, options.maxLineBytes, options.cancel);
    LineIssues issues(options.skipBadLines, report);
    const size_t n = genres.size();
    builder.setCategoryNames(genres);
    std::vector<std::string_view> f;
    std::string_view line;
    while (reader.next(line)) {
        if (fields::trim(line).empty()) continue;
        fields::split(line, "|", f);
        if (f.size() < 5 + n) {
            issues.bad(file, reader.lineNumber(),
                       "expected " + std::to_string(5 + n) +
                           " fields separated by '|' (movie id, title, release date, video release "
                           "date, IMDb URL, " +
                           std::to_string(n) + " genre flags), found " + std::to_string(f.size()));
            continue;
        }
        std::vector<int32_t> cats;
        bool ok = true;
        for (size_t g = 0; g < n; ++g) {
            const std::string_view flag = fields::trim(f[f.size() - n + g]);
            if (flag == "1")
                cats.push_back(static_cast<int32_t>(g));
            else if (flag != "0")
                ok = false;
        }
        if (!ok) {
            issues.bad(file, reader.lineNumber(), "genre flags must be 0 or 1");
            continue;
        }
        // A title containing '|' spans several fields: everything between the id and the dates.
        std::string title(f[1]), decoded;
        for (size_t k = 2; k < f.size() - 3 - n; ++k) title += "|" + std::string(f[k]);
        if (!decodeField(title, options, true, file, reader.lineNumber(), issues, decoded))
            continue;
        builder.setItemInfo(fields::trim(f[0]), std::move(decoded), std::move(cats));
    }
}

}  // namespace

LoadResult loadMl100k(const std::string& path, const LoadOptions& options) {
    const Files files = resolve(path, "u.data", "u.item");
    TableSpec spec;
    spec.format = "MovieLens 100K";
    spec.separator = "\t";
    spec.fields = 4;
    spec.ratingColumn = 2;
    spec.timestampColumn = 3;
    spec.numericIds = true;
    spec.columns = "user, item, rating, timestamp";
    LoadResult result;
    DatasetBuilder builder(true, true);
    parseInteractionTable(files.data, spec, options, builder, result.report);
    requireInteractions(builder, files.data);
    if (!files.items.empty())
        readMl100kItems(files.items, readMl100kGenreNames(files.folder, options), options, builder,
                        result.report);
    result.dataset =
        builder.build(displayName(fs::is_directory(path) ? path : files.folder), path, "ml-100k");
    return result;
}

LoadResult loadMovieLensDat(const std::string& path, const LoadOptions& options) {
    const Files files = resolve(path, "ratings.dat", "movies.dat");
    TableSpec spec;
    spec.format = "MovieLens 1M/10M";
    spec.separator = "::";
    spec.fields = 4;
    spec.ratingColumn = 2;
    spec.timestampColumn = 3;
    spec.numericIds = true;
    spec.columns = "UserID, MovieID, Rating, Timestamp";
    LoadResult result;
    DatasetBuilder builder(true, true);
    parseInteractionTable(files.data, spec, options, builder, result.report);
    requireInteractions(builder, files.data);
    if (!files.items.empty()) {
        LineReader reader(files.items, options.maxLineBytes, options.cancel);
        LineIssues issues(options.skipBadLines, result.report);
        std::vector<ItemRow> rows;
        std::vector<std::string_view> f;
        std::string_view line;
        while (reader.next(line)) {
            if (fields::trim(line).empty()) continue;
            fields::split(line, "::", f);
            if (f.size() != 3) {
                issues.bad(files.items, reader.lineNumber(),
                           "expected 3 fields separated by '::' (MovieID, Title, Genres), found " +
                               std::to_string(f.size()));
                continue;
            }
            std::string title, genres;
            if (!decodeField(f[1], options, true, files.items, reader.lineNumber(), issues,
                             title) ||
                !decodeField(f[2], options, true, files.items, reader.lineNumber(), issues, genres))
                continue;
            rows.push_back(
                {std::string(fields::trim(f[0])), std::move(title), splitGenres(genres)});
        }
        attachGenres(builder, rows);
    }
    result.dataset =
        builder.build(displayName(fs::is_directory(path) ? path : files.folder), path, "ml-1m");
    return result;
}

LoadResult loadMovieLensCsv(const std::string& path, const LoadOptions& options) {
    const Files files = resolve(path, "ratings.csv", "movies.csv");
    TableSpec spec;
    spec.format = "MovieLens (ratings.csv)";
    spec.separator = ",";
    spec.header = true;
    spec.expectedHeader = "userId,movieId,rating,timestamp";
    spec.fields = 4;
    spec.ratingColumn = 2;
    spec.timestampColumn = 3;
    spec.numericIds = true;
    spec.columns = "userId, movieId, rating, timestamp";
    LoadResult result;
    DatasetBuilder builder(true, true);
    parseInteractionTable(files.data, spec, options, builder, result.report);
    requireInteractions(builder, files.data);
    if (!files.items.empty()) {
        LineReader reader(files.items, options.maxLineBytes, options.cancel);
        LineIssues issues(options.skipBadLines, result.report);
        std::vector<ItemRow> rows;
        std::vector<std::string> f;
        std::string_view line;
        while (reader.next(line)) {
            if (reader.lineNumber() == 1) {
                if (fields::trim(line) != "movieId,title,genres")
                    throw LoadError(files.items, 1,
                                    "expected the header 'movieId,title,genres', found " +
                                        fields::quote(line, 80));
                continue;
            }
            if (fields::trim(line).empty()) continue;
            if (!fields::splitCsv(line, ',', f)) {
                issues.bad(files.items, reader.lineNumber(),
                           "unbalanced quotes; expected movieId,\"title, with commas\",genres");
                continue;
            }
            if (f.size() != 3) {
                issues.bad(files.items, reader.lineNumber(),
                           "expected 3 comma-separated fields (movieId, title, genres), found " +
                               std::to_string(f.size()) + " (quote titles that contain commas)");
                continue;
            }
            std::string title, genres;
            if (!decodeField(f[1], options, false, files.items, reader.lineNumber(), issues,
                             title) ||
                !decodeField(f[2], options, false, files.items, reader.lineNumber(), issues,
                             genres))
                continue;
            rows.push_back(
                {std::string(fields::trim(f[0])), std::move(title), splitGenres(genres)});
        }
        attachGenres(builder, rows);
    }
    result.dataset =
        builder.build(displayName(fs::is_directory(path) ? path : files.folder), path, "ml-latest");
    return result;
}

}  // namespace rd::loaders
