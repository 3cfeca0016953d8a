#pragma once

struct sqlite3;

namespace rd {

/**
 * BEGIN IMMEDIATE … COMMIT as a scope: rolled back unless commit() is reached, so an exception in
 * the middle of an epoch's points or an experiment's deletion leaves nothing half written.
 * IMMEDIATE takes the write lock up front, so a second writer waits on busy_timeout instead of
 * failing at COMMIT.
 */
class SqlTransaction {
public:
    explicit SqlTransaction(sqlite3* db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction&) = delete;
    SqlTransaction& operator=(const SqlTransaction&) = delete;

    void commit();

private:
    sqlite3* db_;
    bool open_ = false;
};

}  // namespace rd
