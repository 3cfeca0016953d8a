#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eval/metric_table.h"

namespace rd {

/**
 * Top-K lists of the evaluated users, flat: items[r * k + j] is user users[r]'s item at rank j
 * (0-based), -1 where the user had fewer than k candidate items.
 */
struct TopKLists {
    int32_t k = 0;
    std::vector<int32_t> users;
    std::vector<int32_t> items;
    const int32_t* row(size_t r) const { return items.data() + r * static_cast<size_t>(k); }
    size_t size() const { return users.size(); }
};

/** What the metrics need besides the lists (all from the training split). */
struct EvalContext {
    int32_t numUsers = 0;  ///< users in the data set (Novelty's n_users)
    int32_t numItems = 0;
    std::vector<int64_t> itemPopularity;  ///< training interactions per item (pop_i)
    std::vector<int64_t> itemUserCount;   ///< distinct training users per item (k_i)
    /** ILD vectors: item -> category CSR when the data set has categories ... */
    std::vector<int32_t> categoryOffsets, categories;
    /** ... otherwise item -> training users CSR (binary interaction column). */
    std::vector<int64_t> itemUserOffsets;
    std::vector<int32_t> itemUsers;
    uint64_t seed = 2020;  ///< Personalization's pair sample on large user sets
};

/** Held-out items of each evaluated user, CSR aligned with TopKLists::users, each row sorted. */
struct HeldOut {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
};

/**
 * Every metric of ../shared/design/METRICS.md at each K in ks (each K <= lists.k): Recall,
 * Precision, Hit, MRR, NDCG, MAP, ItemCoverage, Gini, Entropy, EntropyNorm, AvgPopularity,
 * LongTail, Novelty, ILD, Personalization, named "NAME@K". Averages run over the users of `lists`
 * that have at least one held-out item; users without one are ignored by every metric.
 */
MetricTable computeRankingMetrics(const TopKLists& lists, const HeldOut& heldOut,
                                  const EvalContext& ctx, const std::vector<int>& ks);

/** Only Recall, Precision, Hit, MRR, NDCG and MAP (what validation during training needs). */
MetricTable computeAccuracyMetrics(const TopKLists& lists, const HeldOut& heldOut,
                                   const std::vector<int>& ks);

/** Agreement@K between two sets of lists over the same users: mean |topK_a ∩ topK_b| / K. */
double agreementAtK(const TopKLists& a, const TopKLists& b, int k);

/** Exposure by popularity bin (10 bins of equal item counts, most popular first). */
struct PopularityExposure {
    std::vector<double> recommendationShare;  ///< share of all top-K slots per bin
    std::vector<double> trainingShare;        ///< share of training interactions per bin
};
PopularityExposure exposureByPopularity(const TopKLists& lists, const EvalContext& ctx, int k,
                                        int bins = 10);

/** "which vectors ILD used": "categories" or "interactions". */
std::string ildBasis(const EvalContext& ctx);

}  // namespace rd
