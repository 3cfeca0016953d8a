#include "data/line_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "data/load_error.h"

namespace rd {

namespace {
constexpr size_t kChunk = 8u << 20;

std::string hexByte(unsigned char c) {
    static const char* digits = "0123456789ABCDEF";
    return std::string("0x") + digits[c >> 4] + digits[c & 15];
}
}  // namespace

LineReader::LineReader(std::string path, size_t maxLineBytes, const CancelToken* cancel)
    : path_(std::move(path)), maxLine_(maxLineBytes), cancel_(cancel) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0)
        throw LoadError(path_, 0, std::string("cannot open: ") + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw LoadError(path_, 0, "is a folder, expected a file");
    // A FIFO, socket or device would block the open or the read for ever, or never end
    // (reliability review F12: `stats` on a FIFO hung).
    if (!S_ISREG(st.st_mode))
        throw LoadError(path_, 0,
                        "is not a regular file (a pipe, socket or device); expected a file");
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_) throw LoadError(path_, 0, std::string("cannot open: ") + std::strerror(errno));
    size_ = static_cast<uint64_t>(st.st_size);
    if (size_ == 0) {
        std::fclose(file_);
        file_ = nullptr;
        throw LoadError(path_, 0, "file is empty; expected one interaction per line");
    }
    buf_.resize(std::min<uint64_t>(kChunk, size_ + 1) + 1);
}

LineReader::~LineReader() {
    if (file_) std::fclose(file_);
}

bool LineReader::fill() {
    if (eof_) return false;
    if (begin_ > 0) {
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buf_.size()) {
        if (buf_.size() > maxLine_)
            throw LoadError(path_, line_ + 1,
                            "line is longer than " + std::to_string(maxLine_) +
                                " bytes; expected one record per line (is this a text file?)");
        buf_.resize(
            std::min(buf_.size() * 2, std::max(maxLine_, maxLine_ + 2)));  // no wrap at SIZE_MAX
    }
    const size_t got = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
    if (got == 0) {
        if (std::ferror(file_)) throw LoadError(path_, line_ + 1, "read error");
        eof_ = true;
        return false;
    }
    end_ += got;
    return true;
}

bool LineReader::next(std::string_view& line) {
    if (line_ % kCancelCheckLines == 0) throwIfCancelled(cancel_);
    for (;;) {
        const char* start = buf_.data() + begin_;
        const void* nl = std::memchr(start, '\n', end_ - begin_);
        size_t len;
        size_t consumed;
        if (nl) {
            len = static_cast<const char*>(nl) - start;
            consumed = len + 1;
        } else if (!fill()) {
            if (begin_ == end_) return false;
            start = buf_.data() + begin_;
            len = end_ - begin_;
            consumed = len;
        } else {
            continue;
        }
        ++line_;
        if (len > maxLine_)
            throw LoadError(path_, line_,
                            "line is longer than " + std::to_string(maxLine_) +
                                " bytes; expected one record per line (is this a text file?)");
        begin_ += consumed;
        if (len > 0 && start[len - 1] == '\r') --len;
        if (line_ == 1 && len >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
            start += 3;
            len -= 3;
        }
        for (size_t k = 0; k < len; ++k) {
            const auto c = static_cast<unsigned char>(start[k]);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v')
                throw LoadError(path_, line_,
                                "binary data (byte " + hexByte(c) + " at column " +
                                    std::to_string(k + 1) + "); expected a text file");
        }
        line = std::string_view(start, len);
        return true;
    }
}

}  // namespace rd
