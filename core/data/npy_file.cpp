#include "data/npy_file.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <stdexcept>

#include "data/line_reader.h"
#include "data/load_error.h"

namespace rd {

namespace {

uint32_t littleEndian(const unsigned char* p, int bytes) {
    uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

template <typename T>
void convert(const std::vector<char>& raw, std::vector<float>& out) {
    const size_t n = raw.size() / sizeof(T);
    out.resize(n);
    for (size_t i = 0; i < n; ++i) {
        T v;
        std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
        out[i] = static_cast<float>(v);
    }
}

}  // namespace

NpyArray NpyArray::read(const std::string& path) {
    std::error_code statusError;
    const auto status = std::filesystem::status(path, statusError);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw LoadError(path, 0, "is not a regular file; expected a NumPy .npy file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw LoadError(path, 0, "cannot open the file");
    unsigned char head[10];
    if (!in.read(reinterpret_cast<char*>(head), 8) || std::memcmp(head, "\x93NUMPY", 6) != 0)
        throw LoadError(path, 0, "not a NumPy .npy file (no \\x93NUMPY magic)");
    const int major = head[6];
    if (major < 1 || major > 3)
        throw LoadError(path, 0, "unsupported .npy version " + std::to_string(major));
    const int lenBytes = major == 1 ? 2 : 4;
    if (!in.read(reinterpret_cast<char*>(head + 8), 2))
        throw LoadError(path, 0, "truncated .npy header");
    uint32_t headerLen = littleEndian(head + 8, 2);
    if (lenBytes == 4) {
        unsigned char more[2];
        if (!in.read(reinterpret_cast<char*>(more), 2))
            throw LoadError(path, 0, "truncated .npy header");
        headerLen |= littleEndian(more, 2) << 16;
    }
    // Sizes are checked against the file before anything is allocated (found by
    // fuzz_external_teacher: an 80-byte file announcing a 2 GB header ran out of memory).
    std::error_code ec;
    const uintmax_t fileBytes = std::filesystem::file_size(path, ec);
    const uintmax_t prefix = 8 + static_cast<uintmax_t>(lenBytes);
    if (ec || headerLen > (1u << 20) || prefix + headerLen > fileBytes)
        throw LoadError(path, 0,
                        "the .npy header announces " + std::to_string(headerLen) +
                            " bytes, more than the file (or 1 MiB) holds");
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen)) throw LoadError(path, 0, "truncated .npy header");
    std::smatch m;
    if (!std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'")))
        throw LoadError(path, 0, "the .npy header has no 'descr'");
    const std::string descr = m[1];
    if (std::regex_search(header, std::regex("'fortran_order':\\s*True")))
        throw LoadError(path, 0, "Fortran-order arrays are not supported (save a C-order array)");
    if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
        throw LoadError(path, 0, "the .npy header has no 'shape'");
    NpyArray out;
    const std::string dims = m[1];
    const std::regex number("\\d+");
    for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
        const std::string digits = it->str();
        int64_t d = 0;
        const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), d);
        if (res.ec != std::errc() || d > (int64_t{1} << 40))
            throw LoadError(path, 0, "the .npy shape has a dimension of " + digits);
        out.shape.push_back(d);
    }
    if (out.shape.empty() || out.shape.size() > 2)
        throw LoadError(path, 0,
                        "expected a 1-D or 2-D array, found " + std::to_string(out.shape.size()) +
                            " dimensions");
    size_t width = 0;
    if (descr == "<f4" || descr == "<i4")
        width = 4;
    else if (descr == "<f8" || descr == "<i8")
        width = 8;
    else
        throw LoadError(path, 0,
                        "element type '" + descr +
                            "' is not supported (expected float32, float64, int32 or int64)");
    if (out.cols() != 0 && out.rows() > std::numeric_limits<int64_t>::max() / 8 / out.cols())
        throw LoadError(path, 0, "the .npy shape is too large");
    const int64_t count = out.rows() * out.cols();
    const uintmax_t need = static_cast<uintmax_t>(count) * width;
    if (prefix + headerLen + need > fileBytes)
        throw LoadError(path, 0,
                        "the file ends before the " + std::to_string(count) + " values its " +
                            "header announces (" + std::to_string(need) + " bytes, the file has " +
                            std::to_string(fileBytes - prefix - headerLen) + ")");
    std::vector<char> raw(static_cast<size_t>(need));
    if (!in.read(raw.data(), static_cast<std::streamsize>(raw.size())))
        throw LoadError(path, 0,
                        "the file ends before the " + std::to_string(count) + " values its " +
                            "header announces");
    if (descr == "<f4")
        convert<float>(raw, out.values);
    else if (descr == "<f8")
        convert<double>(raw, out.values);
    else if (descr == "<i4")
        convert<int32_t>(raw, out.values);
    else
        convert<int64_t>(raw, out.values);
    return out;
}

void NpyArray::write(const std::string& path, const float* data, int64_t rows, int64_t cols) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" +
                         std::to_string(rows) +
                         (cols > 0 ? ", " + std::to_string(cols) + ")" : ",)") + ", }";
    // Magic, version and length take 10 bytes; NumPy pads the header so data starts at a multiple
    // of 64 and ends the header with a newline.
    const size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    const unsigned char pre[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.write(reinterpret_cast<const char*>(pre), 8);
    const unsigned char len[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                  static_cast<unsigned char>(header.size() >> 8)};
    out.write(reinterpret_cast<const char*>(len), 2);
    out << header;
    out.write(reinterpret_cast<const char*>(data),
              static_cast<std::streamsize>(rows * std::max<int64_t>(cols, 1) * sizeof(float)));
    if (!out) throw std::runtime_error(path + ": cannot write the file");
}

std::vector<std::string> readIdLines(const std::string& path) {
    LineReader reader(path, 1 << 16);
    std::vector<std::string> ids;
    std::string_view line;
    while (reader.next(line)) {
        if (line.empty())
            throw LoadError(path, reader.lineNumber(), "empty line; expected one id per line");
        ids.emplace_back(line);
    }
    return ids;
}

void writeIdLines(const std::string& path, const std::vector<std::string>& ids) {
    std::ofstream out(path, std::ios::binary);
    for (const auto& id : ids) out << id << '\n';
    if (!out) throw std::runtime_error(path + ": cannot write the file");
}

}  // namespace rd
