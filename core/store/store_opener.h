#pragma once

#include <string>

struct sqlite3;

namespace rd {

/**
 * Opens (or creates) a run-store file and makes it ready: refuses, before writing anything, a file
 * that is not SQLite, a SQLite file of another application, a corrupt one or one of a newer schema
 * version; then sets WAL, busy_timeout and foreign keys on the connection and migrates an older
 * schema. The caller owns the returned connection (sqlite3_close_v2).
 *
 * openReadOnly() is for a store to read from (an import): the same refusals, plus a missing or
 * empty file; it never writes and never migrates (StoreSchema::version tells the caller the
 * version).
 */
class StoreOpener {
public:
    static constexpr int kBusyTimeoutMs = 10000;
    static sqlite3* open(const std::string& path);
    static sqlite3* openReadOnly(const std::string& path);
};

}  // namespace rd
