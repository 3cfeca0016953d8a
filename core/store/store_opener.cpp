#include "store/store_opener.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "store/sql_statement.h"
#include "store/store_error.h"
#include "store/store_schema.h"

namespace rd {

namespace {

// Pre-check of the raw header, so a foreign file is refused before SQLite reads it as a database
// (a junk file under 512 bytes would pass as an empty database and get our schema). Read through
// the connection's own file handle, never through a descriptor of our own: closing that one would
// drop every POSIX lock this process holds on the file, its other open connections' included
// (SQLite's "How To Corrupt An SQLite Database File" §2.2), and another process closing its
// connection could then take the file for itself and checkpoint and delete the -wal and -shm that
// this process's connections still use.
void checkHeaderBytes(sqlite3* db, const std::string& path) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
        file == nullptr || file->pMethods == nullptr)
        throw StoreError(path + ": cannot open the run store (no file handle)");
    sqlite3_int64 size = 0;
    if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
        throw StoreError(path + ": cannot open the run store (cannot read its size)");
    if (size == 0) return;  // an empty file (or one just created) is an empty database
    char header[100] = {};
    const bool read = size >= static_cast<sqlite3_int64>(sizeof header) &&
                      file->pMethods->xRead(file, header, sizeof header, 0) == SQLITE_OK;
    if (!read || std::memcmp(header, "SQLite format 3", 16) != 0)
        throw StoreError(
            path +
            ": not a RecDistill run store (not an SQLite database); the file was not changed");
}

int pragmaInt(sqlite3* db, const char* pragma) {
    SqlStatement s(db, pragma);
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

// Switching a new file to WAL needs the file to itself for a moment, and SQLite answers BUSY at
// once (without its busy handler) when another connection is opening the same new file: try again,
// for as long as any other lock is waited for.
void enableWal(sqlite3* db, const std::string& path) {
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(StoreOpener::kBusyTimeoutMs);
    for (;;) {
        const int rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            throw StoreError(path + ": cannot switch the run store to WAL (" + sqlite3_errmsg(db) +
                             ")");
        if (steady_clock::now() > deadline)
            throw StoreError(path + ": the run store stayed locked by another program for " +
                             std::to_string(StoreOpener::kBusyTimeoutMs / 1000) + " s");
        std::this_thread::sleep_for(milliseconds(2));
    }
}

[[noreturn]] void refuse(const std::string& message) {
    throw StoreError(message);
}

// Everything here only reads, so a refused file stays byte for byte as it was. Returns
// user_version.
int checkExisting(sqlite3* db, const std::string& path) {
    int appId = 0, version = 0;
    int64_t tableCount = 0;
    std::string verdict = "ok", planted;
    try {
        // One read transaction, so the three answers come from one state of the file: another
        // connection creating the schema at this moment (the window's session and an experiment's
        // worker open a new file together) is seen either not at all or complete, never as tables
        // without the application id.
        execSql(db, "BEGIN");
        appId = pragmaInt(db, "PRAGMA application_id");
        version = pragmaInt(db, "PRAGMA user_version");
        SqlStatement tables(db, "SELECT count(*) FROM sqlite_schema");
        tableCount = tables.step() ? tables.int64(0) : 0;
        // Checked before any write: a store this version will use, and a database that looks
        // empty (it would get the schema). A damaged "empty" file was changed and then refused
        // (found by fuzz_run_store: page 1 with no cells but broken free-space bookkeeping).
        const bool looksEmpty = appId == 0 && version == 0 && tableCount == 0;
        if ((appId == StoreSchema::kApplicationId && version <= StoreSchema::kCurrentVersion) ||
            looksEmpty) {
            SqlStatement check(db, "PRAGMA quick_check(1)");
            verdict = check.step() ? check.text(0) : std::string("no answer");
            // RecDistill creates no trigger and no view: one in a store (a shared folder, an
            // imported file) is someone else's code that would run with our writes (reliability
            // review F12).
            SqlStatement code(db,
                              "SELECT type || ' ' || quote(name) FROM sqlite_schema "
                              "WHERE type IN ('trigger', 'view') ORDER BY name LIMIT 1");
            if (code.step()) planted = code.text(0);
        }
        execSql(db, "COMMIT");
    } catch (const StoreError&) {
        // The extended code says which operation failed (e.g. 522 = a short read, 4618 = the
        // shared-memory file could not be opened), where the message only says "disk I/O error".
        const std::string reason = std::string(sqlite3_errmsg(db)) + ", SQLite code " +
                                   std::to_string(sqlite3_extended_errcode(db));
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        refuse(path + ": not a RecDistill run store, or a corrupt one (" + reason +
               "); the file was not changed");
    }
    const bool fresh = appId == 0 && version == 0 && tableCount == 0;
    if (!fresh && appId != StoreSchema::kApplicationId)
        refuse(path +
               ": not a RecDistill run store (an SQLite database of another application); "
               "the file was not changed");
    // A negative version is no version RecDistill ever wrote (the migration steps are indexed by
    // it): refused like a foreign file, before anything reads the tables.
    if (version < 0)
        refuse(path + ": not a RecDistill run store, or a damaged one (schema version " +
               std::to_string(version) + "); the file was not changed");
    if (version > StoreSchema::kCurrentVersion)
        refuse(path + ": written by a newer RecDistill (run-store schema version " +
               std::to_string(version) + ", this version reads up to " +
               std::to_string(StoreSchema::kCurrentVersion) +
               "); update RecDistill to open it. The file was not changed");
    if (verdict != "ok")
        refuse(path + ": the run store is corrupt (" + verdict +
               "); the file was not changed. Restore a backup or export what is readable");
    if (!planted.empty())
        refuse(path + ": the run store holds a " + planted +
               " that RecDistill never creates (it would run with every change); the file was not "
               "changed. Remove it with the sqlite3 tool if you trust it, or use another store");
    return version;
}

}  // namespace

sqlite3* StoreOpener::open(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool hadWal = fs::exists(path + "-wal", ec), hadShm = fs::exists(path + "-shm", ec);
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message =
            path + ": cannot open the run store (" + sqlite3_errstr(rc) + ")";
        sqlite3_close_v2(db);
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // A refused file must not even be checkpointed when we close it; re-enabled once it is
    // accepted.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    try {
        checkHeaderBytes(db, path);
        checkExisting(db, path);
        sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
        enableWal(db, path);
        // NORMAL is durable in WAL mode except for the last transactions on power loss; a killed
        // process loses nothing that was committed.
        execSql(db, "PRAGMA synchronous = NORMAL");
        execSql(db, "PRAGMA foreign_keys = ON");
        StoreSchema::migrate(db);
    } catch (...) {
        sqlite3_close_v2(db);
        // Reading a WAL-mode file made an empty -wal and a -shm beside it, which the close (without
        // checkpoint) leaves: remove what this open created, so a refused file's folder is as it
        // was too (reliability review F12). A -wal with content is never ours to remove.
        if (!hadWal && fs::exists(path + "-wal", ec) && fs::file_size(path + "-wal", ec) == 0 &&
            !ec) {
            fs::remove(path + "-wal", ec);
            if (!hadShm) fs::remove(path + "-shm", ec);
        }
        throw;
    }
    return db;
}

sqlite3* StoreOpener::openReadOnly(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw StoreError(path + ": no such run-store file");
    if (std::filesystem::file_size(path, ec) == 0)
        throw StoreError(path +
                         ": not a RecDistill run store (an empty file); the file was not changed");
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message =
            path + ": cannot open the run store (" + sqlite3_errstr(rc) + ")";
        sqlite3_close_v2(db);
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    try {
        checkHeaderBytes(db, path);
        checkExisting(db, path);
        // An SQLite file with no tables passes as "fresh" when opening for writing; here it has
        // nothing to read.
        if (pragmaInt(db, "PRAGMA application_id") != StoreSchema::kApplicationId)
            refuse(path +
                   ": not a RecDistill run store (an empty SQLite database); the file was "
                   "not changed");
    } catch (...) {
        sqlite3_close_v2(db);
        throw;
    }
    return db;
}

}  // namespace rd
