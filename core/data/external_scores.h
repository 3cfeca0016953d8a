#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace rd {

/**
 * An external teacher's scores read against a data set: either per-user lists (a text file of
 * `user<TAB>item<TAB>score` lines in original ids, any order, an optional header line) or a dense
 * users × items matrix (a NumPy .npy file with `users.txt` and `items.txt` beside it, one original
 * id per line in row and column order). Unknown ids, malformed lines, duplicates and non-finite
 * scores are refused with LoadError naming the file and line. Users of the data set without any
 * score are listed in missingUsers; whether that is allowed is the caller's decision.
 */
struct ExternalScores {
    std::string path;
    int32_t numUsers = 0, numItems = 0;
    bool dense = false;  ///< a matrix; otherwise lists
    /// dense: numUsers × numItems, -inf where the file has no column for an item
    std::vector<float> matrix;
    /// lists: per-user CSR of (item, score), best score first (file order on ties)
    std::vector<int64_t> offsets;
    std::vector<int32_t> items;
    std::vector<float> scores;
    std::vector<uint8_t> covered;       ///< per user: the file scores this user
    std::vector<int32_t> missingUsers;  ///< dense ids of users without scores
    bool everyItemScored = false;       ///< dense and every item of the data set has a column

    static ExternalScores read(const std::string& path, const Dataset& dataset);
};

/**
 * A .npy embedding matrix whose rows follow the id map beside it (`users.txt` for side "user",
 * `items.txt` for "item"), reordered into the data set's dense ids: rows × dim floats. Every entity
 * of the data set must have a row (the missing ones are listed in the LoadError).
 */
struct ExternalEmbeddings {
    int64_t rows = 0, dim = 0;
    std::vector<float> values;

    static ExternalEmbeddings read(const std::string& path, const Dataset& dataset, bool users);
};

/** The id-map file beside a .npy file: FOLDER/users.txt or FOLDER/items.txt. */
std::string idMapBeside(const std::string& npyPath, bool users);

}  // namespace rd
