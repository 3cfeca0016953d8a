// RecBole atomic files: NAME.inter (+ NAME.item), tab-separated, first line a typed header
// "field:type" with type token, token_seq, float or float_seq.

#include <filesystem>
#include <unordered_map>

#include "data/field_parser.h"
#include "data/line_issues.h"
#include "data/line_reader.h"
#include "data/load_error.h"
#include "data/loaders.h"

namespace fs = std::filesystem;

namespace rd::loaders {

namespace {

struct Field {
    std::string name, type;
};

std::vector<Field> readHeader(const std::string& file, const LoadOptions& options) {
    LineReader reader(file, options.maxLineBytes, options.cancel);
    std::string_view line;
    if (!reader.next(line)) throw LoadError(file, 0, "file is empty; expected a typed header");
    std::vector<std::string_view> parts;
    fields::split(line, "\t", parts);
    std::vector<Field> out;
    for (auto p : parts) {
        p = fields::trim(p);
        const auto colon =
            p.find(':');  // a comma-separated header must not pass as one "a:t,b:t" field
        const std::string type =
            colon == std::string_view::npos ? "" : std::string(p.substr(colon + 1));
        if (colon == std::string_view::npos || colon == 0 ||
            (type != "token" && type != "token_seq" && type != "float" && type != "float_seq")) {
            std::string msg = "header field " + fields::quote(p) +
                              " is not 'name:type' with type token, token_seq, float or float_seq";
            if (parts.size() == 1) {
                const std::string hint = fields::separatorHint(line, "\t", 2);
                if (!hint.empty()) msg += "; " + hint + " (RecBole files are tab-separated)";
            }
            throw LoadError(file, 1, msg);
        }
        out.push_back({std::string(p.substr(0, colon)), type});
    }
    return out;
}

int find(const std::vector<Field>& header, std::initializer_list<const char*> names) {
    for (const char* n : names)
        for (size_t c = 0; c < header.size(); ++c)
            if (header[c].name == n) return static_cast<int>(c);
    return -1;
}

std::string interFile(const std::string& path) {
    if (!fs::is_directory(path)) return path;
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(path))
        if (e.path().extension() == ".inter") found.push_back(e.path().string());
    if (found.size() != 1)
        throw LoadError(
            path, 0,
            found.empty()
                ? "expected a RecBole NAME.inter file in this folder, found none"
                : "found " + std::to_string(found.size()) + " .inter files; open the one you want");
    return found.front();
}

void readItems(const std::string& file, const LoadOptions& options, DatasetBuilder& builder,
               LoadReport& report) {
    const std::vector<Field> header = readHeader(file, options);
    const int id = find(header, {"item_id"});
    if (id < 0) throw LoadError(file, 1, "expected the field item_id:token in the header");
    const int title = find(header, {"movie_title", "title", "name", "item_name"});
    const int cats = find(header, {"class", "genre", "genres", "categories", "category"});
    // Hashed: a linear search made 160,000 distinct tokens take 26 s (reliability review F4).
    std::unordered_map<std::string, int32_t> catIds;
    std::vector<std::string> names;
    LineReader reader(file, options.maxLineBytes, options.cancel);
    LineIssues issues(options.skipBadLines, report);
    std::vector<std::string_view> f, tokens;
    std::string_view line;
    reader.next(line);  // header
    while (reader.next(line)) {
        if (fields::trim(line).empty()) continue;
        fields::split(line, "\t", f);
        if (f.size() != header.size()) {
            issues.bad(file, reader.lineNumber(),
                       "expected " + std::to_string(header.size()) +
                           " tab-separated fields as in the header, found " +
                           std::to_string(f.size()));
            continue;
        }
        std::string titleText, catText;
        try {
            if (title >= 0)
                titleText =
                    decodeText(f[title], options.encoding, false, file, reader.lineNumber());
            if (cats >= 0)
                catText = decodeText(f[cats], options.encoding, false, file, reader.lineNumber());
        } catch (const LoadError& e) {
            issues.bad(file, reader.lineNumber(), e.reason());
            continue;
        }
        std::vector<int32_t> itemCats;
        if (cats >= 0) {
            fields::split(catText, header[cats].type == "token_seq" ? " " : "\t", tokens);
            for (auto t : tokens) {
                t = fields::trim(t);
                if (t.empty()) continue;
                const auto [it, added] =
                    catIds.try_emplace(std::string(t), static_cast<int32_t>(names.size()));
                if (added) names.emplace_back(t);
                itemCats.push_back(it->second);
            }
        }
        builder.setItemInfo(fields::trim(f[id]), std::move(titleText), std::move(itemCats));
    }
    if (cats >= 0) builder.setCategoryNames(names);
}

}  // namespace

LoadResult loadRecBole(const std::string& path, const LoadOptions& options) {
    const std::string inter = interFile(path);
    const std::vector<Field> header = readHeader(inter, options);
    TableSpec spec;
    spec.format = "RecBole atomic file";
    spec.separator = "\t";
    spec.header = true;
    spec.fields = header.size();
    spec.userColumn = find(header, {"user_id"});
    spec.itemColumn = find(header, {"item_id"});
    spec.ratingColumn = find(header, {"rating"});
    spec.timestampColumn = find(header, {"timestamp"});
    if (spec.userColumn < 0 || spec.itemColumn < 0)
        throw LoadError(inter, 1,
                        "expected the fields user_id:token and item_id:token in the header");
    for (size_t c = 0; c < header.size(); ++c) spec.columns += (c ? ", " : "") + header[c].name;
    LoadResult result;
    DatasetBuilder builder(spec.ratingColumn >= 0, spec.timestampColumn >= 0);
    parseInteractionTable(inter, spec, options, builder, result.report);
    requireInteractions(builder, inter);
    const fs::path item = fs::path(inter).replace_extension(".item");
    if (fs::exists(item)) readItems(item.string(), options, builder, result.report);
    result.dataset = builder.build(fs::path(inter).stem().string(), path, "recbole");
    return result;
}

}  // namespace rd::loaders
