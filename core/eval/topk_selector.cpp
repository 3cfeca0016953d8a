#include "eval/topk_selector.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

void selectTopKInPlace(float* scores, int32_t numItems, const int32_t* exA, int64_t nA,
                       const int32_t* exB, int64_t nB, int k, int32_t* out) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int64_t a = 0; a < nA; ++a) scores[exA[a]] = nan;
    for (int64_t b = 0; b < nB; ++b) scores[exB[b]] = nan;
    thread_local std::vector<std::pair<float, int32_t>> heap;
    heap.clear();
    heap.reserve(static_cast<size_t>(std::max(k, 0)) + 1);
    int32_t i = 0;
    for (; i < numItems && static_cast<int>(heap.size()) < k; ++i) {
        if (std::isnan(scores[i])) continue;
        heap.emplace_back(scores[i], i);
        std::push_heap(heap.begin(), heap.end(), before);
    }
    if (k > 0 && static_cast<int>(heap.size()) == k) {
        // Every later item has a larger id than the kept ones, so only a strictly higher score
        // ranks before the worst kept entry; NaN compares false and is skipped.
        float worst = heap.front().first;
        for (; i < numItems; ++i) {
            const float s = scores[i];
            if (!(s > worst)) continue;
            std::pop_heap(heap.begin(), heap.end(), before);
            heap.back() = {s, i};
            std::push_heap(heap.begin(), heap.end(), before);
            worst = heap.front().first;
        }
    }
    std::sort(heap.begin(), heap.end(), before);
    for (int j = 0; j < k; ++j) out[j] = j < static_cast<int>(heap.size()) ? heap[j].second : -1;
}

}  // namespace rd
