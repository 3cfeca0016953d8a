#include "store/sql_statement.h"

#include <sqlite3.h>

#include "store/store_error.h"

namespace rd {

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& sql, int rc) {
    const char* file = sqlite3_db_filename(db, "main");
    throw StoreError(std::string(file && *file ? file : "(database)") + ": " + sqlite3_errstr(rc) +
                     " (" + sqlite3_errmsg(db) + ") in: " + sql);
}

}  // namespace

SqlStatement::SqlStatement(sqlite3* db, const char* sql) : db_(db), sql_(sql) {
    const int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
}

SqlStatement::~SqlStatement() {
    sqlite3_finalize(stmt_);
}

SqlStatement& SqlStatement::bind(int index, int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
    return *this;
}

SqlStatement& SqlStatement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
    return *this;
}

SqlStatement& SqlStatement::bind(int index, const std::string& value) {
    const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
    return *this;
}

SqlStatement& SqlStatement::bind(int index, const void* blob, int bytes) {
    const int rc = sqlite3_bind_blob(stmt_, index, blob, bytes, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
    return *this;
}

SqlStatement& SqlStatement::bindNull(int index) {
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) fail(db_, sql_, rc);
    return *this;
}

bool SqlStatement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // Reset so the statement can be reused after the caller handles the error.
    sqlite3_reset(stmt_);
    fail(db_, sql_, rc);
}

void SqlStatement::run() {
    while (step()) {
    }
}

void SqlStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int64_t SqlStatement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double SqlStatement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string SqlStatement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

std::string SqlStatement::blob(int column) const {
    const void* p = sqlite3_column_blob(stmt_, column);
    return p ? std::string(static_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}

std::string_view SqlStatement::blobView(int column) const {
    const void* p = sqlite3_column_blob(stmt_, column);
    return p ? std::string_view(static_cast<const char*>(p),
                                static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string_view();
}

bool SqlStatement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

void execSql(sqlite3* db, const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        const char* file = sqlite3_db_filename(db, "main");
        throw StoreError(std::string(file && *file ? file : "(database)") + ": " + text +
                         " in: " + sql);
    }
}

}  // namespace rd
