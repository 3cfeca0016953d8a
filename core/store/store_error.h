#pragma once

#include <stdexcept>
#include <string>

namespace rd {

/**
 * Every failure of the run store: a message that names the database file and says what is wrong
 * (not a RecDistill database, written by a newer version, corrupt, locked, …). The store never
 * lets a raw SQLite code reach the user without this context.
 */
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace rd
