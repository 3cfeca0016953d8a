#include "eval/topk_selector.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace rd {

namespace {
// "a ranks before b": higher score, then smaller id.
inline bool before(const std::pair<float, int32_t>& a, const std::pair<float, int32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
}
}  // namespace

void selectTopK(const float* scores, int32_t numItems, const int32_t* exA, int64_t nA,
                const int32_t* exB, int64_t nB, int k, int32_t* out) {
    thread_local std::vector<std::pair<float, int32_t>> heap;
    heap.clear();
    heap.reserve(static_cast<size_t>(k) + 1);
    int64_t pa = 0, pb = 0;
    // The heap's front is the worst kept entry (std heap with `before` as less-than keeps the max =
    // worst).
    for (int32_t i = 0; i < numItems; ++i) {
        while (pa < nA && exA[pa] < i) ++pa;
        if (pa < nA && exA[pa] == i) continue;
        while (pb < nB && exB[pb] < i) ++pb;
        if (pb < nB && exB[pb] == i) continue;
        const float s = scores[i];
        if (std::isnan(s)) continue;
        const std::pair<float, int32_t> e{s, i};
        if (static_cast<int>(heap.size()) < k) {
            heap.push_back(e);
            std::push_heap(heap.begin(), heap.end(), before);
        } else if (k > 0 && before(e, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), before);
            heap.back() = e;
            std::push_heap(heap.begin(), heap.end(), before);
        }
    }
    std::sort(heap.begin(), heap.end(), before);
    for (int j = 0; j < k; ++j) out[j] = j < static_cast<int>(heap.size()) ? heap[j].second : -1;
}

}  // namespace rd
