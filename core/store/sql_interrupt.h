#pragma once

struct sqlite3;

namespace rd {

class CancelToken;

/**
 * While it lives, SQLite statements on one connection stop with SQLITE_INTERRUPT soon after the
 * token is set: a progress handler polls it every few thousand virtual-machine steps (well under a
 * millisecond of work), so a long VACUUM INTO or an import's copy stops within that. The statement
 * then throws StoreError; callers turn that into Cancelled with rethrowIfCancelled(). A null token
 * installs nothing. Construct it after any SqlTransaction on the same connection, so that it is
 * gone (destroyed first) when the transaction rolls back.
 */
class SqlInterrupt {
public:
    SqlInterrupt(sqlite3* db, const CancelToken* token);
    ~SqlInterrupt();
    SqlInterrupt(const SqlInterrupt&) = delete;
    SqlInterrupt& operator=(const SqlInterrupt&) = delete;

private:
    sqlite3* db_;
    bool installed_ = false;
};

}  // namespace rd
