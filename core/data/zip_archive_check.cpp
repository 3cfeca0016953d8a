#include "data/zip_archive_check.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace rd {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50,
                   kEndOfCentral = 0x06054b50, kZip64End = 0x06064b50, kZip64Locator = 0x07064b50;
constexpr uint64_t kMaxEntries = 65536;
constexpr uint64_t kMaxInflated = 256ull << 20;

/** Little-endian reads within bounds; out of bounds is damage. */
class Bytes {
public:
    Bytes(std::string_view b, const std::string& name) : b_(b), name_(name) {}
    uint64_t size() const { return b_.size(); }
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error(name_ + ": not an intact archive (" + what + ")");
    }
    uint64_t le(uint64_t at, int n) const {
        if (at > b_.size() || static_cast<uint64_t>(n) > b_.size() - at)
            fail("a record runs past the end of the file");
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b_[at + i]);
        return v;
    }
    std::string_view span(uint64_t at, uint64_t n) const {
        if (at > b_.size() || n > b_.size() - at) fail("an entry runs past the end of the file");
        return b_.substr(at, n);
    }

private:
    std::string_view b_;
    const std::string& name_;
};

struct Directory {
    uint64_t entries = 0, size = 0, offset = 0;
    uint64_t end = 0;  ///< where the central directory must end (the first end record)
};

Directory findDirectory(const Bytes& z) {
    if (z.size() < 22) z.fail("shorter than an end-of-central-directory record");
    const uint64_t lowest = z.size() > 22 + 65535 ? z.size() - 22 - 65535 : 0;
    uint64_t eocd = UINT64_MAX;
    for (uint64_t at = z.size() - 22;; --at) {
        if (z.le(at, 4) == kEndOfCentral && at + 22 + z.le(at + 20, 2) == z.size()) {
            eocd = at;
            break;
        }
        if (at == lowest) break;
    }
    if (eocd == UINT64_MAX) z.fail("no end-of-central-directory record");
    if (z.le(eocd + 4, 2) != 0 || z.le(eocd + 6, 2) != 0) z.fail("a multi-disk archive");
    Directory d;
    d.entries = z.le(eocd + 10, 2);
    d.size = z.le(eocd + 12, 4);
    d.offset = z.le(eocd + 16, 4);
    d.end = eocd;
    if (eocd >= 20 && z.le(eocd - 20, 4) == kZip64Locator) {
        const uint64_t at = z.le(eocd - 20 + 8, 8);
        if (at >= eocd - 20 || z.le(at, 4) != kZip64End) z.fail("a broken ZIP64 end record");
        if (z.le(at + 16, 4) != 0 || z.le(at + 20, 4) != 0) z.fail("a multi-disk archive");
        d.entries = z.le(at + 32, 8);
        d.size = z.le(at + 40, 8);
        d.offset = z.le(at + 48, 8);
        d.end = at;
    }
    if (d.entries > kMaxEntries)
        z.fail(std::to_string(d.entries) + " entries, more than " + std::to_string(kMaxEntries));
    if (d.offset > d.end || d.size != d.end - d.offset)
        z.fail("the central directory does not end where the end record begins");
    return d;
}

uint32_t crcOf(std::string_view data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (!data.empty()) {
        const size_t n = std::min<size_t>(data.size(), 1u << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(n));
        data.remove_prefix(n);
    }
    return static_cast<uint32_t>(crc);
}

/** Inflates raw deflate data, never beyond expected bytes; the CRC-32 of what came out. */
uint32_t inflatedCrc(const Bytes& z, std::string_view data, uint64_t expected,
                     const std::string& entry) {
    if (expected > kMaxInflated)
        z.fail("entry '" + entry + "' inflates to " + std::to_string(expected) + " bytes");
    z_stream s{};
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK) z.fail("zlib could not start");
    std::vector<unsigned char> out(1 << 16);
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t produced = 0;
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = static_cast<uInt>(std::min<uint64_t>(data.size(), UINT32_MAX));
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        s.next_out = out.data();
        s.avail_out = static_cast<uInt>(out.size());
        rc = inflate(&s, Z_NO_FLUSH);
        const uint64_t got = out.size() - s.avail_out;
        produced += got;
        if ((rc != Z_OK && rc != Z_STREAM_END) || produced > expected ||
            (rc == Z_OK && got == 0 && s.avail_in == 0)) {
            inflateEnd(&s);
            z.fail("entry '" + entry + "' does not inflate to its recorded size");
        }
        crc = crc32(crc, out.data(), static_cast<uInt>(got));
    }
    inflateEnd(&s);
    if (produced != expected) z.fail("entry '" + entry + "' does not inflate to its recorded size");
    return static_cast<uint32_t>(crc);
}

}  // namespace

void ZipArchiveCheck::verify(std::string_view bytes, const std::string& name) {
    const Bytes z(bytes, name);
    const Directory d = findDirectory(z);
    uint64_t at = d.offset;
    for (uint64_t e = 0; e < d.entries; ++e) {
        if (z.le(at, 4) != kCentralHeader) z.fail("a damaged central directory");
        const uint64_t flags = z.le(at + 8, 2), method = z.le(at + 10, 2);
        const uint32_t crc = static_cast<uint32_t>(z.le(at + 16, 4));
        uint64_t compressed = z.le(at + 20, 4), size = z.le(at + 24, 4);
        const uint64_t nameLen = z.le(at + 28, 2), extraLen = z.le(at + 30, 2),
                       commentLen = z.le(at + 32, 2);
        uint64_t local = z.le(at + 42, 4);
        const std::string entry(z.span(at + 46, nameLen));
        // ZIP64 sizes and offset, in this order, for the fields that say 0xFFFFFFFF.
        const std::string_view extra = z.span(at + 46 + nameLen, extraLen);
        for (uint64_t x = 0; x + 4 <= extra.size();) {
            const Bytes ex(extra, name);
            const uint64_t id = ex.le(x, 2), len = ex.le(x + 2, 2);
            if (id == 1) {
                uint64_t f = x + 4;
                for (uint64_t* field : {&size, &compressed, &local})
                    if (*field == 0xFFFFFFFFu) {
                        if (f + 8 > x + 4 + len) z.fail("a short ZIP64 field");
                        *field = ex.le(f, 8);
                        f += 8;
                    }
            }
            x += 4 + len;
        }
        if (flags & 1) z.fail("entry '" + entry + "' is encrypted");
        if (method != 0 && method != 8)
            z.fail("entry '" + entry + "' uses compression method " + std::to_string(method));
        if (z.le(local, 4) != kLocalHeader) z.fail("entry '" + entry + "' has no local header");
        if (z.le(local + 26, 2) != nameLen || z.span(local + 30, nameLen) != entry)
            z.fail("entry '" + entry + "' is named otherwise in its local header");
        // The local header must agree with the directory (readers use either); with a data
        // descriptor (flag 8) its checksum and sizes may be left 0.
        const auto agrees = [&](uint64_t local32, uint64_t value) {
            return local32 == value || local32 == 0xFFFFFFFFu || ((flags & 8) && local32 == 0);
        };
        if (z.le(local + 8, 2) != method || !agrees(z.le(local + 14, 4), crc) ||
            !agrees(z.le(local + 18, 4), compressed) || !agrees(z.le(local + 22, 4), size))
            z.fail("entry '" + entry + "' disagrees with its local header");
        const uint64_t data = local + 30 + nameLen + z.le(local + 28, 2);
        if (data > d.offset || compressed > d.offset - data)
            z.fail("entry '" + entry + "' overlaps the central directory");
        const std::string_view content = z.span(data, compressed);
        if (method == 0 && compressed != size) z.fail("stored entry '" + entry + "' has two sizes");
        const uint32_t actual = method == 0 ? crcOf(content) : inflatedCrc(z, content, size, entry);
        if (actual != crc) z.fail("entry '" + entry + "' fails its CRC-32 check: damaged");
        at += 46 + nameLen + extraLen + commentLen;
    }
    if (at != d.end) z.fail("the central directory holds more than its entries");
}

void ZipArchiveCheck::verifyFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(path + ": cannot open (" + std::strerror(errno) + ")");
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw std::runtime_error(path + ": not a regular file");
    }
    if (st.st_size == 0) {
        ::close(fd);
        verify({}, path);  // refused with the usual message
        return;
    }
    void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw std::runtime_error(path + ": cannot read (" + std::strerror(errno) + ")");
    try {
        verify(std::string_view(static_cast<const char*>(map), static_cast<size_t>(st.st_size)),
               path);
    } catch (...) {
        ::munmap(map, static_cast<size_t>(st.st_size));
        throw;
    }
    ::munmap(map, static_cast<size_t>(st.st_size));
}

}  // namespace rd
