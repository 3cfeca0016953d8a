#pragma once

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rd {

/**
 * One prepared SQLite statement with bound parameters (never string-built SQL with values in it).
 * Parameters are bound by 1-based index; step() returns true while a row is available; errors throw
 * StoreError with the SQL and SQLite's message. The statement is finalised on destruction.
 */
class SqlStatement {
public:
    SqlStatement(sqlite3* db, const char* sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;

    SqlStatement& bind(int index, int64_t value);
    SqlStatement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    SqlStatement& bind(int index, double value);
    SqlStatement& bind(int index, const std::string& value);
    SqlStatement& bind(int index, const void* blob, int bytes);
    SqlStatement& bindNull(int index);

    /** true: a row is ready; false: done. Throws on error. */
    bool step();
    /** Runs to completion (for statements without result rows). */
    void run();
    /** Ready for another execution with new bindings. */
    void reset();

    int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;
    /** The blob without a copy; valid until the next step(), reset() or destruction. */
    std::string_view blobView(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

/** Runs SQL without parameters (schema statements, PRAGMAs); throws StoreError on error. */
void execSql(sqlite3* db, const char* sql);

}  // namespace rd
