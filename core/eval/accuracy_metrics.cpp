#include "eval/accuracy_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace rd::eval_detail {

std::vector<double> orderedSum(size_t n, size_t width, const std::function<RowWorker()>& makeWorker,
                               size_t parallelFrom) {
    // A fixed chunk size (not one per thread) keeps the summation order independent of the thread
    // count, so a metric is bit-identical on every machine and with OMP_NUM_THREADS=1.
    constexpr size_t kChunk = 64;
    const size_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<double> partial(chunks * width, 0.0);
#pragma omp parallel if (chunks > 1 && n >= parallelFrom)
    {
        RowWorker worker = makeWorker();
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t c = 0; c < static_cast<std::ptrdiff_t>(chunks); ++c) {
            double* acc = partial.data() + static_cast<size_t>(c) * width;
            const size_t end = std::min(n, (static_cast<size_t>(c) + 1) * kChunk);
            for (size_t i = static_cast<size_t>(c) * kChunk; i < end; ++i) worker(i, acc);
        }
    }
    std::vector<double> total(width, 0.0);
    for (size_t c = 0; c < chunks; ++c)
        for (size_t w = 0; w < width; ++w) total[w] += partial[c * width + w];
    return total;
}

namespace {

enum Acc { kRecall, kPrecision, kHit, kMrr, kNdcg, kMap, kAccCount };
const char* const kAccNames[kAccCount] = {"Recall", "Precision", "Hit", "MRR", "NDCG", "MAP"};

}  // namespace

void addAccuracyMetrics(const EvalPlan& plan, const HeldOut& heldOut, MetricTable& out) {
    const TopKLists& lists = *plan.lists;
    const size_t nK = plan.numK();
    // discount[j] = 1 / log2(j + 2) for 0-based rank j; idcg[m] = ideal DCG with m hits on top.
    std::vector<double> discount(plan.maxK), idcg(plan.maxK + 1, 0.0);
    for (int j = 0; j < plan.maxK; ++j) {
        discount[j] = 1.0 / std::log2(static_cast<double>(j) + 2.0);
        idcg[j + 1] = idcg[j] + discount[j];
    }

    const std::vector<double> sums = orderedSum(
        plan.rows.size(), kAccCount * nK,
        [&]() -> RowWorker {
            return [&](size_t i, double* acc) {
                const size_t r = plan.rows[i];
                const int32_t* row = lists.row(r);
                const int32_t* heldBegin = heldOut.items.data() + heldOut.offsets[r];
                const int32_t* heldEnd = heldOut.items.data() + heldOut.offsets[r + 1];
                const int64_t numHeld = heldEnd - heldBegin;
                int64_t hits = 0;
                int firstHit = 0;  // 1-based rank of the first hit, 0 = none yet
                double dcg = 0.0, sumPrecision = 0.0;
                size_t b = 0;
                for (int j = 0; j < plan.maxK; ++j) {
                    // Padding (-1) is never relevant, so a short candidate list simply scores
                    // misses.
                    const int32_t item = row[j];
                    if (item >= 0 && std::binary_search(heldBegin, heldEnd, item)) {
                        ++hits;
                        dcg += discount[j];
                        sumPrecision += static_cast<double>(hits) / (j + 1);
                        if (firstHit == 0) firstHit = j + 1;
                    }
                    if (j + 1 != plan.ks[b]) continue;
                    const int k = plan.ks[b];
                    const int64_t ideal = std::min<int64_t>(numHeld, k);
                    acc[kRecall * nK + b] += static_cast<double>(hits) / numHeld;
                    acc[kPrecision * nK + b] +=
                        static_cast<double>(hits) / k;  // / K even when padded
                    acc[kHit * nK + b] += hits > 0 ? 1.0 : 0.0;
                    acc[kMrr * nK + b] += firstHit > 0 ? 1.0 / firstHit : 0.0;
                    acc[kNdcg * nK + b] += dcg / idcg[ideal];
                    acc[kMap * nK + b] += sumPrecision / static_cast<double>(ideal);
                    ++b;
                }
            };
        },
        kParallelCheapRows);

    const double users = static_cast<double>(plan.rows.size());
    for (int m = 0; m < kAccCount; ++m)
        for (size_t b = 0; b < nK; ++b)
            out[std::string(kAccNames[m]) + "@" + std::to_string(plan.ks[b])] =
                users > 0 ? sums[m * nK + b] / users : 0.0;
}

}  // namespace rd::eval_detail
