#pragma once

// Internal to the store: arrays of numbers as little-endian blobs, whatever the host, so a store
// copied between machines reads the same (top-K samples, per-user values).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace rd::blob {

/** T stored as the unsigned integer U of the same width (int32 → uint32, double → uint64). */
template <typename T, typename U>
std::string encode(const std::vector<T>& v) {
    static_assert(sizeof(T) == sizeof(U), "same width");
    std::string bytes(v.size() * sizeof(T), '\0');
    for (size_t i = 0; i < v.size(); ++i) {
        U bits;
        std::memcpy(&bits, &v[i], sizeof bits);
        for (size_t b = 0; b < sizeof(U); ++b)
            bytes[i * sizeof(U) + b] = static_cast<char>((bits >> (8 * b)) & 0xff);
    }
    return bytes;
}

/** The inverse of encode; a trailing partial element is ignored. */
template <typename T, typename U>
std::vector<T> decode(std::string_view bytes) {
    static_assert(sizeof(T) == sizeof(U), "same width");
    std::vector<T> v(bytes.size() / sizeof(U));
    for (size_t i = 0; i < v.size(); ++i) {
        U bits = 0;
        for (size_t b = 0; b < sizeof(U); ++b)
            bits |= static_cast<U>(static_cast<unsigned char>(bytes[i * sizeof(U) + b])) << (8 * b);
        std::memcpy(&v[i], &bits, sizeof bits);
    }
    return v;
}

}  // namespace rd::blob
