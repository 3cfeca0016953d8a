#include "data/external_scores.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "data/field_parser.h"
#include "data/line_reader.h"
#include "data/load_error.h"
#include "data/npy_file.h"

namespace rd {

namespace {

using IdIndex = std::unordered_map<std::string, int32_t>;

IdIndex indexOf(const std::vector<std::string>& ids) {
    IdIndex out;
    out.reserve(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) out.emplace(ids[i], static_cast<int32_t>(i));
    return out;
}

bool hasExtension(const std::string& path, const char* ext) {
    return std::filesystem::path(path).extension() == ext;
}

/** Dense ids of an id-map file's lines (unknown and repeated ids refused with file:line). */
std::vector<int32_t> mapIds(const std::string& file, const IdIndex& index, const char* what) {
    const std::vector<std::string> lines = readIdLines(file);
    std::vector<int32_t> out(lines.size());
    std::unordered_map<int32_t, size_t> seen;
    for (size_t k = 0; k < lines.size(); ++k) {
        const auto it = index.find(lines[k]);
        if (it == index.end())
            throw LoadError(
                file, static_cast<int64_t>(k) + 1,
                std::string(what) + " " + fields::quote(lines[k]) + " is not in the data set");
        const auto [at, fresh] = seen.emplace(it->second, k);
        if (!fresh)
            throw LoadError(file, static_cast<int64_t>(k) + 1,
                            std::string(what) + " " + fields::quote(lines[k]) +
                                " is listed twice (also line " + std::to_string(at->second + 1) +
                                ")");
        out[k] = it->second;
    }
    return out;
}

void readLists(ExternalScores& s, const Dataset& d) {
    const IdIndex users = indexOf(d.userIds), items = indexOf(d.itemIds);
    struct Entry {
        int32_t user, item;
        float score;
        int64_t line;
    };
    std::vector<Entry> entries;
    LineReader reader(s.path, 1 << 16);
    std::string_view line;
    std::vector<std::string_view> f;
    while (reader.next(line)) {
        const int64_t n = reader.lineNumber();
        if (fields::trim(line).empty()) continue;
        fields::split(line, "\t", f);
        if (f.size() != 3)
            throw LoadError(s.path, n,
                            "expected 3 TAB-separated fields user, item, score; found " +
                                std::to_string(f.size()) + " " +
                                fields::separatorHint(line, "\t", 3));
        double score = 0;
        const bool number = fields::parseDouble(fields::trim(f[2]), score);
        if (!number && n == 1 && entries.empty()) continue;  // a header line
        if (!number)
            throw LoadError(s.path, n, "score " + fields::quote(f[2]) + " is not a finite number");
        const auto u = users.find(std::string(fields::trim(f[0])));
        if (u == users.end())
            throw LoadError(s.path, n, "user " + fields::quote(f[0]) + " is not in the data set");
        const auto i = items.find(std::string(fields::trim(f[1])));
        if (i == items.end())
            throw LoadError(s.path, n, "item " + fields::quote(f[1]) + " is not in the data set");
        if (!std::isfinite(static_cast<float>(score)))
            throw LoadError(s.path, n, "score " + fields::quote(f[2]) + " overflows a float");
        entries.push_back({u->second, i->second, static_cast<float>(score), n});
    }
    // Per user, best first; the file's order among equal scores.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.user != b.user ? a.user < b.user : a.score > b.score;
    });
    s.offsets.assign(static_cast<size_t>(s.numUsers) + 1, 0);
    s.items.reserve(entries.size());
    s.scores.reserve(entries.size());
    std::unordered_map<int32_t, int64_t> lineOfItem;
    for (size_t k = 0; k < entries.size(); ++k) {
        const Entry& e = entries[k];
        if (k == 0 || entries[k - 1].user != e.user) lineOfItem.clear();
        const auto [at, fresh] = lineOfItem.emplace(e.item, e.line);
        if (!fresh)
            throw LoadError(s.path, std::max(e.line, at->second),
                            "user " + fields::quote(d.userIds[e.user]) + ", item " +
                                fields::quote(d.itemIds[e.item]) + " is scored twice (also line " +
                                std::to_string(std::min(e.line, at->second)) + ")");
        ++s.offsets[static_cast<size_t>(e.user) + 1];
        s.items.push_back(e.item);
        s.scores.push_back(e.score);
    }
    std::partial_sum(s.offsets.begin(), s.offsets.end(), s.offsets.begin());
    for (int32_t u = 0; u < s.numUsers; ++u) s.covered[u] = s.offsets[u + 1] > s.offsets[u];
}

void readMatrix(ExternalScores& s, const Dataset& d) {
    const std::string usersFile = idMapBeside(s.path, true), itemsFile = idMapBeside(s.path, false);
    const std::vector<int32_t> rows = mapIds(usersFile, indexOf(d.userIds), "user");
    const std::vector<int32_t> cols = mapIds(itemsFile, indexOf(d.itemIds), "item");
    const NpyArray a = NpyArray::read(s.path);
    if (a.shape.size() != 2 || a.rows() != static_cast<int64_t>(rows.size()) ||
        a.cols() != static_cast<int64_t>(cols.size()))
        throw LoadError(s.path, 0,
                        "expected a " + std::to_string(rows.size()) + " × " +
                            std::to_string(cols.size()) + " matrix (the lines of " + usersFile +
                            " and " + itemsFile + "), found shape (" + std::to_string(a.rows()) +
                            (a.shape.size() == 2 ? ", " + std::to_string(a.cols()) : "") + ")");
    s.dense = true;
    s.matrix.assign(static_cast<size_t>(s.numUsers) * s.numItems,
                    -std::numeric_limits<float>::infinity());
    for (size_t r = 0; r < rows.size(); ++r) {
        for (size_t c = 0; c < cols.size(); ++c) {
            const float v = a.values[r * cols.size() + c];
            if (std::isnan(v) || v == std::numeric_limits<float>::infinity())
                throw LoadError(s.path, 0,
                                "the score at row " + std::to_string(r) + ", column " +
                                    std::to_string(c) + " is not finite (-inf marks an item " +
                                    "the teacher does not rank)");
            s.matrix[static_cast<size_t>(rows[r]) * s.numItems + cols[c]] = v;
        }
        s.covered[rows[r]] = 1;
    }
    s.everyItemScored = static_cast<int32_t>(cols.size()) == s.numItems;
}

}  // namespace

std::string idMapBeside(const std::string& npyPath, bool users) {
    return (std::filesystem::path(npyPath).parent_path() / (users ? "users.txt" : "items.txt"))
        .string();
}

ExternalScores ExternalScores::read(const std::string& path, const Dataset& dataset) {
    ExternalScores s;
    s.path = path;
    s.numUsers = dataset.numUsers();
    s.numItems = dataset.numItems();
    s.covered.assign(s.numUsers, 0);
    if (hasExtension(path, ".npy"))
        readMatrix(s, dataset);
    else
        readLists(s, dataset);
    for (int32_t u = 0; u < s.numUsers; ++u)
        if (!s.covered[u]) s.missingUsers.push_back(u);
    return s;
}

ExternalEmbeddings ExternalEmbeddings::read(const std::string& path, const Dataset& dataset,
                                            bool users) {
    const std::vector<std::string>& ids = users ? dataset.userIds : dataset.itemIds;
    const std::string idFile = idMapBeside(path, users);
    const std::vector<int32_t> rows = mapIds(idFile, indexOf(ids), users ? "user" : "item");
    const NpyArray a = NpyArray::read(path);
    if (a.shape.size() != 2 || a.rows() != static_cast<int64_t>(rows.size()))
        throw LoadError(path, 0,
                        "expected a matrix with one row per line of " + idFile + " (" +
                            std::to_string(rows.size()) + "), found " +
                            std::to_string(a.shape.size()) + " dimensions and " +
                            std::to_string(a.rows()) + " rows");
    ExternalEmbeddings e;
    e.rows = static_cast<int64_t>(ids.size());
    e.dim = a.cols();
    e.values.assign(static_cast<size_t>(e.rows * e.dim), 0.f);
    std::vector<uint8_t> seen(ids.size(), 0);
    for (size_t r = 0; r < rows.size(); ++r) {
        std::copy_n(a.values.begin() + static_cast<int64_t>(r) * e.dim, e.dim,
                    e.values.begin() + static_cast<int64_t>(rows[r]) * e.dim);
        seen[rows[r]] = 1;
    }
    std::string missing;
    int64_t count = 0;
    for (size_t k = 0; k < ids.size(); ++k)
        if (!seen[k] && count++ < 5) missing += (missing.empty() ? "" : ", ") + ids[k];
    if (count)
        throw LoadError(idFile, 0,
                        std::to_string(count) + (users ? " users" : " items") +
                            " of the data set have no row (" + missing + (count > 5 ? ", …" : "") +
                            "); every one needs an embedding");
    return e;
}

}  // namespace rd
