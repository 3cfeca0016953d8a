#pragma once

// Internal to core/data: the individual format loaders behind loadDataset().

#include <string>

#include "data/data_loader.h"
#include "data/dataset_builder.h"

namespace rd::loaders {

/** How to read one interaction table (one record per line). */
struct TableSpec {
    std::string format;  ///< for messages, e.g. "MovieLens 100K"
    std::string separator = "\t";
    bool header = false;         ///< the first line names the columns
    std::string expectedHeader;  ///< when set, the first line must be exactly this
    int userColumn = 0, itemColumn = 1, ratingColumn = -1, timestampColumn = -1;
    size_t fields = 0;        ///< exact field count; 0 = at least the highest mapped column
    bool numericIds = false;  ///< ids must be integers that fit 32 bits (MovieLens)
    std::string columns;  ///< what the fields are, for messages: "user, item, rating, timestamp"
};

/** Parses every line of path into builder (ratings/timestamps as the spec maps them). */
void parseInteractionTable(const std::string& path, const TableSpec& spec,
                           const LoadOptions& options, DatasetBuilder& builder, LoadReport& report);

/** Separator, header and columns of a delimited file, guessed from its first lines. */
DelimitedMapping detectMapping(const std::string& path, size_t maxLineBytes);

/** Decodes a text field (title, genre) by options.encoding; throws LoadError when undecodable. */
std::string decodeText(std::string_view s, const std::string& encoding, bool latin1Fallback,
                       const std::string& file, int64_t line);

LoadResult loadMl100k(const std::string& path, const LoadOptions& options);
LoadResult loadMovieLensDat(const std::string& path, const LoadOptions& options);
LoadResult loadMovieLensCsv(const std::string& path, const LoadOptions& options);
LoadResult loadRecBole(const std::string& path, const LoadOptions& options);
LoadResult loadLightGcn(const std::string& path, const LoadOptions& options);
LoadResult loadDelimited(const std::string& path, const LoadOptions& options);

/** name of a path's last component (folder or file) for display. */
std::string displayName(const std::string& path);
/** Throws LoadError "no interactions" when the builder is empty. */
void requireInteractions(const DatasetBuilder& builder, const std::string& file);

}  // namespace rd::loaders
