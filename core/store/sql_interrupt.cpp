#include "store/sql_interrupt.h"

#include <sqlite3.h>

#include "util/cancel_token.h"

namespace rd {

namespace {

constexpr int kStepsBetweenPolls = 4000;

int poll(void* token) {
    return static_cast<const CancelToken*>(token)->cancelled() ? 1 : 0;
}

}  // namespace

SqlInterrupt::SqlInterrupt(sqlite3* db, const CancelToken* token) : db_(db) {
    if (!db_ || !token) return;
    sqlite3_progress_handler(db_, kStepsBetweenPolls, poll,
                             const_cast<void*>(static_cast<const void*>(token)));
    installed_ = true;
}

SqlInterrupt::~SqlInterrupt() {
    if (installed_) sqlite3_progress_handler(db_, 0, nullptr, nullptr);
}

}  // namespace rd
