#include "data/id_map.h"

#include <cstring>
#include <stdexcept>

namespace rd {

IdMap::IdMap() : slots_(1024, -1), mask_(1023) {}

uint64_t IdMap::hashOf(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    return h ^ (h >> 29);
}

int32_t IdMap::find(std::string_view s) const {
    for (uint64_t pos = hashOf(s) & mask_;; pos = (pos + 1) & mask_) {
        const int32_t id = slots_[pos];
        if (id < 0) return -1;
        if (lengths_[id] == s.size() &&
            std::memcmp(arena_.data() + starts_[id], s.data(), s.size()) == 0)
            return id;
    }
}

int32_t IdMap::intern(std::string_view s) {
    uint64_t pos = hashOf(s) & mask_;
    for (;; pos = (pos + 1) & mask_) {
        const int32_t id = slots_[pos];
        if (id < 0) break;
        if (lengths_[id] == s.size() &&
            std::memcmp(arena_.data() + starts_[id], s.data(), s.size()) == 0)
            return id;
    }
    if (starts_.size() >= static_cast<size_t>(INT32_MAX))
        throw std::length_error("more than 2^31 distinct ids");
    const auto id = static_cast<int32_t>(starts_.size());
    starts_.push_back(arena_.size());
    lengths_.push_back(static_cast<uint32_t>(s.size()));
    arena_.insert(arena_.end(), s.begin(), s.end());
    slots_[pos] = id;
    if (starts_.size() * 2 > slots_.size()) grow();
    return id;
}

void IdMap::grow() {
    std::vector<int32_t> slots(slots_.size() * 2, -1);
    mask_ = slots.size() - 1;
    for (int32_t id = 0; id < size(); ++id) {
        uint64_t pos = hashOf(key(id)) & mask_;
        while (slots[pos] >= 0) pos = (pos + 1) & mask_;
        slots[pos] = id;
    }
    slots_.swap(slots);
}

std::vector<std::string> IdMap::keys() const {
    std::vector<std::string> out;
    out.reserve(starts_.size());
    for (int32_t id = 0; id < size(); ++id) out.emplace_back(key(id));
    return out;
}

}  // namespace rd
