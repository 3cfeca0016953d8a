#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "data/field_parser.h"
#include "data/line_issues.h"
#include "data/line_reader.h"
#include "data/load_error.h"
#include "data/loaders.h"

namespace rd::loaders {

namespace {

constexpr size_t kMaxIdLength = 256;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto colon = out.find(':');  // RecBole-style "user_id:token"
    if (colon != std::string::npos) out.resize(colon);
    return out;
}

bool isNumber(std::string_view s) {
    double d;
    return fields::parseDouble(fields::trim(s), d);
}

int columnByName(const std::vector<std::string_view>& header,
                 std::initializer_list<const char*> names) {
    for (size_t c = 0; c < header.size(); ++c) {
        const std::string h = lower(fields::trim(header[c]));
        for (const char* n : names)
            if (h == n) return static_cast<int>(c);
    }
    return -1;
}

/** Checks an id field; returns an error message or "". */
std::string checkId(const char* what, std::string_view id, bool numeric) {
    if (id.empty()) return std::string("empty ") + what + " id";
    if (numeric) {
        int64_t v;
        bool overflow = false;
        if (!fields::parseInt64(id, v, &overflow) && !overflow)
            return std::string(what) + " id " + fields::quote(id) + " is not an integer";
        if (!overflow && v < 0)
            return std::string(what) + " id " + fields::quote(id) +
                   " is negative: expected an integer between 0 and 2147483647";
        if (overflow || v > INT32_MAX)
            return std::string(what) + " id " + fields::quote(id) +
                   " overflows: expected an integer between 0 and 2147483647";
    } else if (id.size() > kMaxIdLength) {
        return std::string(what) + " id is " + std::to_string(id.size()) +
               " characters long; expected at most " + std::to_string(kMaxIdLength);
    }
    return {};
}

/** "+5" and "005" are the id 5: numeric ids are interned in canonical form. */
std::string_view canonicalId(std::string_view id, bool numeric, std::string& buffer) {
    if (!numeric || id.size() < 2 || (id[0] != '+' && id[0] != '0')) return id;
    int64_t v = 0;
    fields::parseInt64(id, v);
    buffer = std::to_string(v);
    return buffer;
}

}  // namespace

std::string displayName(const std::string& path) {
    // Absolute first: "u.data" has the folder "" and "." has the name "."; both mean the current
    // folder.
    std::error_code ec;
    std::filesystem::path p =
        path.empty() ? std::filesystem::current_path(ec) : std::filesystem::absolute(path, ec);
    if (ec) p = path;
    p = p.lexically_normal();
    while (!p.empty() && p.filename().empty() && p != p.parent_path()) p = p.parent_path();
    return p.filename().string();
}

void requireInteractions(const DatasetBuilder& builder, const std::string& file) {
    if (builder.interactionCount() == 0)
        throw LoadError(file, 0, "no interactions found; expected at least one valid line");
}

std::string decodeText(std::string_view s, const std::string& encoding, bool latin1Fallback,
                       const std::string& file, int64_t line) {
    if (encoding == "latin-1") return fields::latin1ToUtf8(s);
    size_t bad = 0;
    if (fields::isValidUtf8(s, &bad)) return std::string(s);
    if (encoding == "auto" && latin1Fallback) return fields::latin1ToUtf8(s);
    const auto byte = static_cast<unsigned char>(s[bad]);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    throw LoadError(file, line,
                    std::string("text is not valid UTF-8 (byte ") + hex + " at column " +
                        std::to_string(bad + 1) +
                        "); expected UTF-8, or choose the Latin-1 encoding for this file");
}

void parseInteractionTable(const std::string& path, const TableSpec& spec,
                           const LoadOptions& options, DatasetBuilder& builder,
                           LoadReport& report) {
    LineReader reader(path, options.maxLineBytes, options.cancel);
    LineIssues issues(options.skipBadLines, report);
    const int highest =
        std::max({spec.userColumn, spec.itemColumn, spec.ratingColumn, spec.timestampColumn});
    const size_t need = spec.fields ? spec.fields : static_cast<size_t>(highest) + 1;
    const std::string sepName = fields::describeSeparator(spec.separator);
    std::vector<std::string_view> f;
    std::string userBuf, itemBuf;
    std::string_view line;
    uint64_t bytes = 0;
    bool reserved = false;
    bool headerPending =
        spec.header;  // the first line with content (detectMapping skips blank lines too)
    while (reader.next(line)) {
        ++report.linesRead;
        bytes += line.size() + 1;
        if (!reserved && report.linesRead == 1000) {
            // Reserve from the mean line length so the columns never reallocate (and never double).
            builder.reserve(static_cast<size_t>(reader.fileSize() / (bytes / 1000.0) * 1.05) +
                            1024);
            reserved = true;
        }
        if (fields::trim(line).empty()) continue;
        if (headerPending) {
            headerPending = false;
            if (!spec.expectedHeader.empty() && fields::trim(line) != spec.expectedHeader)
                throw LoadError(path, reader.lineNumber(),
                                "expected the header " + fields::quote(spec.expectedHeader, 80) +
                                    " of " + spec.format + ", found " + fields::quote(line, 80));
            continue;
        }
        fields::split(line, spec.separator, f);
        if (spec.separator == " ") {
            // Space-separated columns are often aligned with runs of spaces: those are one
            // separator.
            size_t used = 0;
            for (auto tok : f)
                if (!tok.empty()) f[used++] = tok;
            f.resize(used);
        }
        if (spec.fields ? f.size() != spec.fields : f.size() < need) {
            std::string msg = "expected " + std::string(spec.fields ? "" : "at least ") +
                              std::to_string(need) + " fields separated by " + sepName + " (" +
                              spec.columns + "), found " + std::to_string(f.size());
            const std::string hint =
                f.size() < need ? fields::separatorHint(line, spec.separator, need) : "";
            if (!hint.empty()) msg += "; " + hint;
            issues.bad(path, reader.lineNumber(), msg);
            continue;
        }
        const std::string_view uid = fields::trim(f[spec.userColumn]);
        const std::string_view iid = fields::trim(f[spec.itemColumn]);
        std::string err = checkId("user", uid, spec.numericIds);
        if (err.empty()) err = checkId("item", iid, spec.numericIds);
        double rating = 1.0;
        if (err.empty() && spec.ratingColumn >= 0 &&
            !fields::parseDouble(fields::trim(f[spec.ratingColumn]), rating))
            err = "rating " + fields::quote(f[spec.ratingColumn]) + " is not a number";
        else if (err.empty() && std::abs(rating) > std::numeric_limits<float>::max())
            // Ratings are kept as 32-bit floats: 1e39 would become inf (reliability review F11).
            err = "rating " + fields::quote(f[spec.ratingColumn]) +
                  " is out of range (ratings are 32-bit floats, at most 3.4e38)";
        int64_t ts = 0;
        if (err.empty() && spec.timestampColumn >= 0) {
            const std::string_view t = fields::trim(f[spec.timestampColumn]);
            double d;
            if (!fields::parseInt64(t, ts)) {
                if (fields::parseDouble(t, d) && std::abs(d) < 9.2e18)
                    ts = static_cast<int64_t>(d);
                else
                    err = "timestamp " + fields::quote(t) + " is not a number (expected seconds)";
            }
        }
        if (!err.empty()) {
            issues.bad(path, reader.lineNumber(), err);
            continue;
        }
        builder.add(builder.user(canonicalId(uid, spec.numericIds, userBuf)),
                    builder.item(canonicalId(iid, spec.numericIds, itemBuf)),
                    static_cast<float>(rating), ts);
    }
}

DelimitedMapping detectMapping(const std::string& path, size_t maxLineBytes) {
    LineReader reader(path, maxLineBytes);
    std::vector<std::string> sample;
    std::string_view line;
    while (sample.size() < 20 && reader.next(line))
        if (!fields::trim(line).empty()) sample.emplace_back(line);
    if (sample.empty())
        throw LoadError(path, 0, "no lines with data; expected one interaction per line");

    DelimitedMapping m;
    m.detect = false;
    std::vector<std::string> body(sample.begin() + (sample.size() > 1 ? 1 : 0), sample.end());
    // The first line may be a header, so the separator is judged on the lines after it.
    m.separator = fields::guessSeparator(body);
    if (m.separator.empty())
        throw LoadError(path, 1,
                        "cannot tell the separator: expected at least two columns (user, item) "
                        "separated by TAB, ',', ';', '|', '::' or space, found " +
                            fields::quote(sample.front(), 60));
    std::vector<std::string_view> first, second;
    fields::split(sample.front(), m.separator, first);
    if (sample.size() > 1) fields::split(sample[1], m.separator, second);
    bool header = false;
    for (size_t c = 0; c < first.size() && c < second.size(); ++c)
        if (!isNumber(first[c]) && isNumber(second[c])) header = true;
    const int namedUser =
        columnByName(first, {"user", "userid", "user_id", "uid", "u", "customer_id"});
    const int namedItem = columnByName(first, {"item", "itemid", "item_id", "iid", "i", "movieid",
                                               "movie_id", "product_id", "track_id", "artist_id"});
    if (namedUser >= 0 && namedItem >= 0) header = true;
    m.header = header;
    if (header && namedUser >= 0 && namedItem >= 0) {
        m.userColumn = namedUser;
        m.itemColumn = namedItem;
        m.ratingColumn = columnByName(first, {"rating", "ratings", "score", "stars", "value"});
        m.timestampColumn =
            columnByName(first, {"timestamp", "time", "ts", "unix_time", "datetime"});
        return m;
    }
    const std::vector<std::string_view>& data = header && !second.empty() ? second : first;
    m.userColumn = 0;
    m.itemColumn = 1;
    m.ratingColumn = data.size() > 2 && isNumber(data[2]) ? 2 : -1;
    int64_t t;
    m.timestampColumn = data.size() > 3 && fields::parseInt64(fields::trim(data[3]), t) ? 3 : -1;
    return m;
}

LoadResult loadDelimited(const std::string& path, const LoadOptions& options) {
    const DelimitedMapping m =
        options.delimited.detect ? detectMapping(path, options.maxLineBytes) : options.delimited;
    if (m.separator.empty())
        throw LoadError(path, 0, "the separator is empty; expected e.g. TAB or ','");
    if (m.userColumn < 0 || m.itemColumn < 0 || m.userColumn == m.itemColumn)
        throw LoadError(path, 0, "the user and item columns must be two different columns");
    TableSpec spec;
    spec.format = "delimited text";
    spec.separator = m.separator;
    spec.header = m.header;
    spec.userColumn = m.userColumn;
    spec.itemColumn = m.itemColumn;
    spec.ratingColumn = m.ratingColumn;
    spec.timestampColumn = m.timestampColumn;
    spec.columns = "user in column " + std::to_string(m.userColumn + 1) + ", item in column " +
                   std::to_string(m.itemColumn + 1);
    if (m.ratingColumn >= 0) spec.columns += ", rating in " + std::to_string(m.ratingColumn + 1);
    if (m.timestampColumn >= 0)
        spec.columns += ", timestamp in " + std::to_string(m.timestampColumn + 1);
    LoadResult result;
    DatasetBuilder builder(m.ratingColumn >= 0, m.timestampColumn >= 0);
    parseInteractionTable(path, spec, options, builder, result.report);
    requireInteractions(builder, path);
    result.dataset = builder.build(displayName(path), path, "delimited");
    return result;
}

}  // namespace rd::loaders
