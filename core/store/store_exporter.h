#pragma once

#include <filesystem>
#include <string>

struct sqlite3;

namespace rd {

class CancelToken;

/**
 * Writes a consistent copy of an open run store to a new file (VACUUM INTO: one snapshot,
 * compacted, a single file in rollback-journal mode) and copies the artifact files it references
 * to the same relative paths beside it. Refuses to overwrite the file or an artifact with other
 * bytes; on failure it removes what it wrote. Artifacts that are not plain files (a symbolic link,
 * a FIFO) are not followed and not copied. A set cancel token stops the copy within milliseconds
 * (between SQLite steps and between artifact files) with Cancelled, leaving nothing behind.
 */
class StoreExporter {
public:
    /** db: the open store; folder: its folder, where artifacts' relative paths start. */
    static void exportStore(sqlite3* db, const std::string& folder, const std::string& path,
                            const CancelToken* cancel = nullptr);

private:
    /** The copy itself, into a folder that exists: the database, then the artifacts. */
    static void copyInto(sqlite3* db, const std::string& folder, const std::string& path,
                         const std::filesystem::path& target, const CancelToken* cancel);
};

}  // namespace rd
