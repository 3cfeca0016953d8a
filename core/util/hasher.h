#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

/** Incremental 64-bit content hash (word-wise multiply-mix), for data-set identity, not security.
 */
class Hasher {
public:
    void bytes(const void* data, size_t n);
    void str(std::string_view s) {
        u64(s.size());
        bytes(s.data(), s.size());
    }
    void u64(uint64_t v) { bytes(&v, sizeof v); }
    template <typename T>
    void vec(const std::vector<T>& v) {
        u64(v.size());
        bytes(v.data(), v.size() * sizeof(T));
    }
    uint64_t value() const;
    std::string hex() const;

private:
    uint64_t h_ = 0x243f6a8885a308d3ULL;
    uint64_t len_ = 0;
};

}  // namespace rd
