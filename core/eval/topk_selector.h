#pragma once

#include <cstdint>
#include <vector>

namespace rd {

/**
 * Top-k of one score row without sorting the row: a bounded heap, O(n log k). Higher score first;
 * equal scores by smaller item id, so results are deterministic. Items flagged in `excluded`
 * (sorted ids, may be empty) and NaN scores are skipped. Writes k ids to out, -1 where fewer
 * candidates.
 */
void selectTopK(const float* scores, int32_t numItems, const int32_t* excludedA, int64_t nA,
                const int32_t* excludedB, int64_t nB, int k, int32_t* out);
/**
 * selectTopK on a row the caller lets it overwrite: the excluded items are set to NaN first, and
 * once k candidates are kept each further item costs one comparison with the k-th best score (an
 * item equal to it never enters: it has the larger id). The same result as selectTopK.
 */
void selectTopKInPlace(float* scores, int32_t numItems, const int32_t* excludedA, int64_t nA,
                       const int32_t* excludedB, int64_t nB, int k, int32_t* out);

}  // namespace rd
