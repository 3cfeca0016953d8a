#pragma once

#include <string>

struct sqlite3;

namespace rd {

/**
 * Writes a consistent copy of an open run store to a new file (VACUUM INTO: one snapshot,
 * compacted, a single file in rollback-journal mode) and copies the artifact files it references
 * to the same relative paths beside it. Refuses to overwrite the file or an artifact with other
 * bytes; on failure it removes what it wrote.
 */
class StoreExporter {
public:
    /** db: the open store; folder: its folder, where artifacts' relative paths start. */
    static void exportStore(sqlite3* db, const std::string& folder, const std::string& path);
};

}  // namespace rd
