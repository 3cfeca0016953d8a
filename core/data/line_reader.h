#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "util/cancel_token.h"

namespace rd {

/**
 * Reads a text file line by line in large chunks (constant memory whatever the file size), with
 * line numbers for error messages. Strips "\n", "\r\n" and a leading UTF-8 byte-order mark. Throws
 * LoadError for a missing, unreadable or empty file, a line longer than maxLineBytes, and binary
 * data (NUL or other control bytes) so that garbage never reaches a parser as text. With a cancel
 * token, next() throws Cancelled at the first line and every kCancelCheckLines lines after it once
 * the token is set, so every loader stops within milliseconds whatever the file size.
 */
class LineReader {
public:
    static constexpr int64_t kCancelCheckLines = 1 << 14;

    LineReader(std::string path, size_t maxLineBytes, const CancelToken* cancel = nullptr);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /** Next line (valid until the next call); false at the end of the file. */
    bool next(std::string_view& line);
    int64_t lineNumber() const { return line_; }
    const std::string& path() const { return path_; }
    uint64_t fileSize() const { return size_; }

private:
    bool fill();
    std::string path_;
    size_t maxLine_;
    const CancelToken* cancel_;
    std::FILE* file_ = nullptr;
    uint64_t size_ = 0;
    std::vector<char> buf_;
    size_t begin_ = 0, end_ = 0;
    bool eof_ = false;
    int64_t line_ = 0;
};

}  // namespace rd
