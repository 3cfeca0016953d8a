#pragma once

// The median the benchmarks quote: the middle value, the mean of the two middle ones for an even
// count, 0 for none.

#include <algorithm>
#include <vector>

namespace rdbench {

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty()
               ? 0
               : (v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]));
}

}  // namespace rdbench
