// Format detection: file and folder names first (they are unambiguous for every supported layout),
// then the first line's shape.

#include <filesystem>

#include "data/data_loader.h"
#include "data/demo_spec.h"
#include "data/field_parser.h"
#include "data/line_reader.h"
#include "data/load_error.h"

namespace fs = std::filesystem;

namespace rd {

namespace {

std::string byFileName(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name == "u.data" || name == "u.item" || name == "u.genre") return "ml-100k";
    if (name == "ratings.dat" || name == "movies.dat") return "ml-1m";
    if (name == "ratings.csv" || name == "movies.csv") return "ml-latest";
    if (p.extension() == ".inter" || p.extension() == ".item") return "recbole";
    if (name == "train.txt" || name == "valid.txt" || name == "test.txt") return "lightgcn";
    return {};
}

std::string byContent(const std::string& path) {
    LineReader reader(path, 1 << 20);
    std::string_view line;
    while (reader.next(line) && fields::trim(line).empty()) {
    }
    if (line.find(':') != std::string_view::npos &&
        (line.find(":token") != std::string_view::npos ||
         line.find(":float") != std::string_view::npos))
        return "recbole";
    if (fields::trim(line) == "userId,movieId,rating,timestamp") return "ml-latest";
    return "delimited";
}

}  // namespace

std::string detectFormat(const std::string& path) {
    if (isDemoPath(path)) return "demo";
    std::error_code ec;
    const fs::path p(path);
    if (!fs::exists(p, ec)) throw LoadError(path, 0, "no such file or folder");
    if (fs::is_directory(p, ec)) {
        for (const char* f : {"u.data", "ratings.dat", "ratings.csv", "train.txt"})
            if (fs::exists(p / f, ec)) return byFileName(p / f);
        for (const auto& e : fs::directory_iterator(p, ec))
            if (e.path().extension() == ".inter") return "recbole";
        throw LoadError(
            path, 0,
            "cannot tell the format of this folder: expected u.data (MovieLens 100K), "
            "ratings.dat (MovieLens 1M/10M), ratings.csv (MovieLens latest), NAME.inter "
            "(RecBole) or train.txt + test.txt (LightGCN)");
    }
    const std::string named = byFileName(p);
    return named.empty() ? byContent(path) : named;
}

}  // namespace rd
