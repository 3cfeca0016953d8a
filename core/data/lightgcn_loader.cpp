// LightGCN / NGCF text files: train.txt, valid.txt (optional), test.txt, each line "user item item
// …" with 0-based integer ids separated by spaces. The split is kept exactly as given.

#include <charconv>
#include <climits>
#include <cstdint>
#include <filesystem>

#include "data/field_parser.h"
#include "data/line_issues.h"
#include "data/line_reader.h"
#include "data/load_error.h"
#include "data/loaders.h"

namespace fs = std::filesystem;

namespace rd::loaders {

namespace {

void readPart(const std::string& file, SplitPart part, const LoadOptions& options,
              DatasetBuilder& builder, LoadReport& report) {
    // Users with thousands of items make long lines legitimately here.
    LineReader reader(file,
                      options.maxLineBytes > SIZE_MAX / 64 ? SIZE_MAX : options.maxLineBytes * 64,
                      options.cancel);
    LineIssues issues(options.skipBadLines, report);
    std::vector<std::string_view> f;
    std::vector<int64_t> ids;
    std::string_view line;
    while (reader.next(line)) {
        ++report.linesRead;
        fields::split(fields::trim(line), " ", f);
        size_t used = 0;
        for (auto tok : f) {
            tok = fields::trim(tok);
            if (!tok.empty()) f[used++] = tok;
        }
        f.resize(used);
        if (f.empty()) continue;
        std::string err;
        ids.assign(f.size(), 0);
        for (size_t k = 0; k < f.size() && err.empty(); ++k) {
            int64_t& v = ids[k];
            bool overflow = false;
            const char* what = k == 0 ? "user" : "item";
            if (!fields::parseInt64(f[k], v, &overflow) && !overflow) {
                err = std::string(what) + " id " + fields::quote(f[k]) +
                      " is not an integer; expected 'user item item …' separated by spaces";
                const std::string hint = fields::separatorHint(line, " ", 2);
                if (!hint.empty() && line.find(' ') == std::string_view::npos) err += "; " + hint;
            } else if (overflow || v < 0 || v > INT32_MAX) {
                err = std::string(what) + " id " + fields::quote(f[k]) +
                      " overflows: expected an integer between 0 and 2147483647";
            }
        }
        if (!err.empty()) {
            issues.bad(file, reader.lineNumber(), err);
            continue;
        }
        if (f.size() < 2)
            continue;  // a user with no items here: no interaction, so no user of its own
        // The ids are numbers: "01", "+1" and "1" are one user (reliability review F12: they
        // became three), so each is kept in its plain decimal form.
        char digits[24];
        const auto plain = [&digits](int64_t v) {
            return std::string_view(digits,
                                    std::to_chars(digits, digits + sizeof digits, v).ptr - digits);
        };
        const int32_t u = builder.user(plain(ids[0]));
        for (size_t k = 1; k < f.size(); ++k)
            builder.add(u, builder.item(plain(ids[k])), 1.0f, 0, part);
    }
}

}  // namespace

LoadResult loadLightGcn(const std::string& path, const LoadOptions& options) {
    if (!fs::exists(path)) throw LoadError(path, 0, "no such file or folder");
    const fs::path folder = fs::is_directory(path) ? fs::path(path) : fs::path(path).parent_path();
    const fs::path train = folder / "train.txt", valid = folder / "valid.txt",
                   test = folder / "test.txt";
    if (!fs::exists(train))
        throw LoadError(folder.string(), 0,
                        "expected train.txt (and test.txt, optionally valid.txt) in this folder");
    if (!fs::exists(test))
        throw LoadError(folder.string(), 0,
                        "expected test.txt beside train.txt: this format comes pre-split");
    LoadResult result;
    DatasetBuilder builder(false, false, true);
    readPart(train.string(), SplitPart::Train, options, builder, result.report);
    if (fs::exists(valid))
        readPart(valid.string(), SplitPart::Valid, options, builder, result.report);
    readPart(test.string(), SplitPart::Test, options, builder, result.report);
    requireInteractions(builder, train.string());
    result.dataset = builder.build(displayName(folder.string()), path, "lightgcn");
    return result;
}

}  // namespace rd::loaders
