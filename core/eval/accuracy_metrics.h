#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "eval/ranking_metrics.h"

namespace rd::eval_detail {

/**
 * What every metric family shares: the lists, the rows that are evaluated (users with at least one
 * held-out item), and the distinct cut-offs. Each family walks a row once up to maxK and reports
 * all cut-offs on the way (prefix sums), instead of one pass per K.
 */
struct EvalPlan {
    const TopKLists* lists = nullptr;
    std::vector<size_t> rows;  ///< indices into lists.users, ascending
    std::vector<int> ks;       ///< sorted, distinct, each in [1, lists.k]
    int maxK = 0;
    /** bucketOf[j] = index of the smallest K in ks with j < K, for list positions j < maxK. */
    std::vector<int> bucketOf;

    size_t numK() const { return ks.size(); }
};

/** Adds one row's contributions into a running sum of `width` values. */
using RowWorker = std::function<void(size_t row, double* acc)>;

/**
 * Sums workers' contributions over rows [0, n) in parallel with a result that does not depend on
 * the thread count: rows are summed in order inside fixed chunks, then the chunks in order.
 * makeWorker runs once per thread so a worker can own scratch memory. Cheap per-row work stays on
 * one thread below `parallelFrom` rows: forking and joining costs more than it saves there, and
 * much more on a busy machine where a second thread waits for a core.
 */
std::vector<double> orderedSum(size_t n, size_t width, const std::function<RowWorker()>& makeWorker,
                               size_t parallelFrom);

/** Row counts from which a family is worth running on several threads. */
constexpr size_t kParallelCheapRows = 8192;  ///< O(K) per row: accuracy, popularity
constexpr size_t kParallelPairRows = 128;    ///< O(K^2) or more per row: ILD, Personalization

/** Recall, Precision, Hit, MRR, NDCG and MAP at every K of the plan, averaged over plan.rows. */
void addAccuracyMetrics(const EvalPlan& plan, const HeldOut& heldOut, MetricTable& out);

}  // namespace rd::eval_detail
