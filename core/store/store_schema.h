#pragma once

#include <cstdint>

struct sqlite3;

namespace rd {

/**
 * The run store's schema and its migrations. `PRAGMA application_id` marks a file as a RecDistill
 * run store (so a foreign SQLite file is recognised and left alone) and `PRAGMA user_version` holds
 * the schema version; migrate() brings an older file up to kCurrentVersion in one transaction.
 */
class StoreSchema {
public:
    static constexpr int32_t kApplicationId = 0x52447374;  // "RDst"
    static constexpr int kCurrentVersion = 6;

    /** PRAGMA user_version of the open file. */
    static int version(sqlite3* db);
    /** Runs every migration from the file's version to kCurrentVersion in one IMMEDIATE
     * transaction. */
    static void migrate(sqlite3* db);
};

}  // namespace rd
