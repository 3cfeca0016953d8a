#include "data/data_loader.h"

#include <filesystem>

#include "data/demo_generator.h"
#include "data/demo_spec.h"
#include "data/load_error.h"
#include "data/loaders.h"

namespace rd {

const std::vector<FormatInfo>& supportedFormats() {
    static const std::vector<FormatInfo> formats = {
        {"ml-100k", "MovieLens 100K", "folder, or u.data (+ u.item, u.genre)"},
        {"ml-1m", "MovieLens 1M / 10M", "folder, or ratings.dat (+ movies.dat)"},
        {"ml-latest", "MovieLens latest / 20M / 25M", "folder, or ratings.csv (+ movies.csv)"},
        {"recbole", "RecBole atomic files", "NAME.inter (+ NAME.item)"},
        {"lightgcn", "LightGCN / NGCF text (pre-split)",
         "folder with train.txt, valid.txt, test.txt"},
        {"delimited", "Delimited text",
         "any file: separator, header and columns given or detected"},
        {"demo", "Built-in demo data",
         "\"demo\" or \"demo:users=N,items=N,interactions=N,seed=N\": generated, no file"},
    };
    return formats;
}

namespace {
LoadResult load(const std::string& path, const LoadOptions& options) {
    const std::string format = options.format == "auto" ? detectFormat(path) : options.format;
    if (format == "demo") {
        LoadResult r;
        // A forced "demo" format with another path keeps giving the built-in data set.
        r.dataset = generateDemoDataset(parseDemoSpec(path), options.cancel);
        return r;
    }
    if (options.encoding != "auto" && options.encoding != "utf-8" && options.encoding != "latin-1")
        throw LoadError(
            path, 0,
            "unknown encoding '" + options.encoding + "'; expected auto, utf-8 or latin-1");
    if (format == "ml-100k") return loaders::loadMl100k(path, options);
    if (format == "ml-1m") return loaders::loadMovieLensDat(path, options);
    if (format == "ml-latest") return loaders::loadMovieLensCsv(path, options);
    if (format == "recbole") return loaders::loadRecBole(path, options);
    if (format == "lightgcn") return loaders::loadLightGcn(path, options);
    if (format == "delimited") return loaders::loadDelimited(path, options);
    std::string names;
    for (const auto& f : supportedFormats()) names += (names.empty() ? "" : ", ") + f.name;
    throw LoadError(path, 0, "unknown format '" + format + "'; expected auto or one of " + names);
}
}  // namespace

LoadResult loadDataset(const std::string& path, const LoadOptions& options) {
    try {
        return load(path, options);
    } catch (const std::filesystem::filesystem_error& e) {
        // e.g. a name too long, a folder that cannot be listed: the same kind of error as the rest.
        throw LoadError(e.path1().empty() ? path : e.path1().string(), 0,
                        "cannot open: " + e.code().message());
    }
}

DelimitedMapping detectDelimitedMapping(const std::string& path, size_t maxLineBytes) {
    return loaders::detectMapping(path, maxLineBytes);
}

}  // namespace rd
