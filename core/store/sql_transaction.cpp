#include "store/sql_transaction.h"

#include <sqlite3.h>

#include "store/sql_statement.h"

namespace rd {

SqlTransaction::SqlTransaction(sqlite3* db) : db_(db) {
    execSql(db_, "BEGIN IMMEDIATE");
    open_ = true;
}

SqlTransaction::~SqlTransaction() {
    // Destructors must not throw; a failed rollback leaves SQLite to roll back at close.
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqlTransaction::commit() {
    execSql(db_, "COMMIT");
    open_ = false;
}

}  // namespace rd
