#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rd {

/**
 * Maps original id strings to dense ids in order of first appearance. Open addressing over an arena
 * of characters: no allocation per lookup, which keeps the loaders at millions of lines per second.
 */
class IdMap {
public:
    IdMap();
    /** Dense id of s, adding it when new. */
    int32_t intern(std::string_view s);
    /** Dense id of s or -1. */
    int32_t find(std::string_view s) const;
    int32_t size() const { return static_cast<int32_t>(starts_.size()); }
    std::string_view key(int32_t id) const {
        return {arena_.data() + starts_[id], static_cast<size_t>(lengths_[id])};
    }
    /** All keys as strings, by dense id. */
    std::vector<std::string> keys() const;

private:
    void grow();
    static uint64_t hashOf(std::string_view s);
    std::vector<char> arena_;
    std::vector<uint64_t> starts_;
    std::vector<uint32_t> lengths_;
    std::vector<int32_t> slots_;  // -1 = empty
    uint64_t mask_;
};

}  // namespace rd
