#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace rd {

/**
 * A data set could not be loaded. what() is the full message for a user:
 * "FILE:LINE: what was found; what was expected". line is 0 when the problem is not on one line.
 */
class LoadError : public std::runtime_error {
public:
    LoadError(std::string file, int64_t line, const std::string& message);
    const std::string& file() const { return file_; }
    int64_t line() const { return line_; }
    const std::string& reason() const { return reason_; }

private:
    std::string file_;
    int64_t line_;
    std::string reason_;
};

}  // namespace rd
