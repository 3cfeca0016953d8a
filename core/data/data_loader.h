#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/load_options.h"

namespace rd {

/** One supported file format. */
struct FormatInfo {
    std::string name;         ///< value of LoadOptions::format
    std::string displayName;  ///< e.g. "MovieLens 100K"
    std::string files;        ///< which files, e.g. "u.data (+ u.item)"
};

struct LoadResult {
    Dataset dataset;
    LoadReport report;
};

/** Every format loadDataset() understands. */
const std::vector<FormatInfo>& supportedFormats();

/**
 * Which format PATH (a file or a folder) holds, from its name and first lines. Throws LoadError
 * when it cannot tell (with what it found) or when PATH does not exist.
 */
std::string detectFormat(const std::string& path);

/**
 * Loads a data set. PATH is a file or a folder, or "demo" for the built-in generated data set
 * ("demo:users=N,items=N,interactions=N,seed=N" for one of another size, see parseDemoSpec).
 * Throws LoadError (file, line, what was expected) on bad input; never returns a partial data set
 * unless options.skipBadLines is set, and then the report says what was skipped. Throws Cancelled
 * once options.cancel is set (checked every few thousand lines).
 */
LoadResult loadDataset(const std::string& path, const LoadOptions& options = {});

/**
 * Separator, header and column roles of a delimited text file, guessed from its first lines (what
 * the import dialog proposes and `format: delimited` uses when no mapping is given).
 */
DelimitedMapping detectDelimitedMapping(const std::string& path,
                                        size_t maxLineBytes = size_t{1} << 20);

}  // namespace rd
