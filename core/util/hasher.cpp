#include "util/hasher.h"

#include <cstdio>
#include <cstring>

namespace rd {

namespace {
constexpr uint64_t kMul = 0x9fb21c651e98df25ULL;
inline uint64_t mixWord(uint64_t h, uint64_t w) {
    h ^= w * kMul;
    h = (h << 29) | (h >> 35);
    return h * 0xc2b2ae3d27d4eb4fULL;
}
}  // namespace

void Hasher::bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    len_ += n;
    size_t i = 0;
    uint64_t h = h_;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = mixWord(h, w);
    }
    if (i < n) {
        uint64_t w = 0;
        std::memcpy(&w, p + i, n - i);
        h = mixWord(h, w ^ (static_cast<uint64_t>(n - i) << 56));
    }
    h_ = h;
}

uint64_t Hasher::value() const {
    uint64_t z = h_ ^ len_;
    z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdULL;
    z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return z ^ (z >> 33);
}

std::string Hasher::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value()));
    return buf;
}

}  // namespace rd
