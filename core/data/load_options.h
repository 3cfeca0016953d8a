#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/cancel_token.h"

namespace rd {

/** Column mapping of the generic delimited format (0-based column indices, -1 = absent). */
struct DelimitedMapping {
    bool detect =
        true;  ///< guess separator, header and columns from the first lines; false = as given
    std::string separator = "\t";  ///< one or more characters, e.g. "\t", ",", "::"
    bool header = false;           ///< first line holds column names
    int userColumn = 0;
    int itemColumn = 1;
    int ratingColumn = -1;
    int timestampColumn = -1;
};

/** How to load a data set. */
struct LoadOptions {
    std::string format = "auto";    ///< "auto" or a name from supportedFormats()
    std::string encoding = "auto";  ///< "auto", "utf-8" or "latin-1" (text fields: titles, genres)
    bool skipBadLines = false;  ///< skip malformed lines (counted and reported) instead of failing
    size_t maxLineBytes = 1 << 20;  ///< longer lines are an error (LightGCN files allow 64x this)
    DelimitedMapping delimited;
    /** Checked every few thousand lines (and per block of generated users); when set, loading
     *  throws Cancelled. Not owned; null = never cancelled. */
    const CancelToken* cancel = nullptr;
};

/** What a successful load had to skip (only with skipBadLines). */
struct LoadReport {
    int64_t linesRead = 0;
    int64_t skippedLines = 0;
    std::vector<std::string> firstReasons;  ///< the first few messages, "FILE:LINE: ..."
};

}  // namespace rd
