// The public entry points with their input checks, and the catalogue-level metrics (exposure:
// coverage, Gini, entropy; popularity: ARP, long tail, novelty; popularity bins). Accuracy lives in
// accuracy_metrics.cpp, the pairwise diversity metrics (ILD, Personalization) in
// diversity_metrics.cpp; each family walks a user's list once and reports every K from prefix sums.
#include "eval/ranking_metrics.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <string>

#include "eval/accuracy_metrics.h"
#include "eval/diversity_metrics.h"

namespace rd {

namespace {

using eval_detail::EvalPlan;
using eval_detail::orderedSum;
using eval_detail::RowWorker;

void checkLists(const TopKLists& lists, const char* what) {
    if (lists.k < 0 || lists.items.size() != lists.users.size() * static_cast<size_t>(lists.k))
        throw std::invalid_argument(
            std::string(what) +
            ": items must hold users.size() * k = " + std::to_string(lists.users.size()) + " * " +
            std::to_string(lists.k) + " entries, found " + std::to_string(lists.items.size()));
}

void checkContext(const EvalContext& ctx) {
    const size_t n = static_cast<size_t>(std::max(ctx.numItems, 0));
    if (ctx.numItems <= 0 || ctx.numUsers < 0)
        throw std::invalid_argument(
            "EvalContext: numItems must be positive and numUsers non-negative");
    if (ctx.itemPopularity.size() != n || ctx.itemUserCount.size() != n)
        throw std::invalid_argument(
            "EvalContext: itemPopularity and itemUserCount need one entry per item (" +
            std::to_string(n) + ")");
}

void checkItems(const TopKLists& lists, const EvalContext& ctx) {
    // A list holds each item once (Jaccard and the exposure counts rely on it); lastRow[i] = the
    // last row that listed item i.
    std::vector<int64_t> lastRow(ctx.numItems, -1);
    for (size_t e = 0; e < lists.items.size(); ++e) {
        const int32_t item = lists.items[e];
        const size_t r = e / lists.k;
        auto where = [&] {
            return "TopKLists: user " + std::to_string(lists.users[r]) + " rank " +
                   std::to_string(e % lists.k) + " holds item " + std::to_string(item);
        };
        if (item < -1 || item >= ctx.numItems)
            throw std::invalid_argument(where() + ", expected -1 (padding) or an id below " +
                                        std::to_string(ctx.numItems));
        if (item < 0) continue;
        if (lastRow[item] == static_cast<int64_t>(r))
            throw std::invalid_argument(where() + " a second time");
        lastRow[item] = static_cast<int64_t>(r);
    }
}

void checkHeldOut(const HeldOut& heldOut, const TopKLists& lists) {
    if (heldOut.offsets.size() != lists.size() + 1 || heldOut.offsets.front() != 0 ||
        static_cast<size_t>(heldOut.offsets.back()) != heldOut.items.size())
        throw std::invalid_argument(
            "HeldOut: offsets must have users.size() + 1 = " + std::to_string(lists.size() + 1) +
            " entries from 0 to the number of held-out items");
    for (size_t r = 0; r < lists.size(); ++r) {
        if (heldOut.offsets[r + 1] < heldOut.offsets[r])
            throw std::invalid_argument("HeldOut: offsets decrease at row " + std::to_string(r));
        // Hits are found by binary search, which silently misses on an unsorted row.
        if (!std::is_sorted(heldOut.items.begin() + heldOut.offsets[r],
                            heldOut.items.begin() + heldOut.offsets[r + 1]))
            throw std::invalid_argument("HeldOut: the held-out items of user " +
                                        std::to_string(lists.users[r]) + " are not sorted");
    }
}

std::string metricName(const char* name, int k) {
    return std::string(name) + "@" + std::to_string(k);
}

double giniOf(std::vector<int64_t> counts) {
    std::sort(counts.begin(), counts.end());
    const int64_t n = static_cast<int64_t>(counts.size());
    int64_t total = 0, weighted = 0;  // exact integers; exposure totals stay far below 2^63 / n
    for (int64_t j = 1; j <= n; ++j) {
        total += counts[j - 1];
        weighted += (2 * j - n - 1) * counts[j - 1];
    }
    return total > 0 ? static_cast<double>(weighted) /
                           (static_cast<double>(n) * static_cast<double>(total))
                     : 0.0;
}

/** Items by training popularity, most popular first, ties by the smaller id (stable bins). */
std::vector<int32_t> popularityOrder(const EvalContext& ctx) {
    std::vector<int32_t> order(ctx.numItems);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        const int64_t pa = ctx.itemPopularity[a], pb = ctx.itemPopularity[b];
        return pa != pb ? pa > pb : a < b;
    });
    return order;
}

/**
 * isHead[i] != 0 for the short head: walking popularityOrder, the smallest prefix whose cumulative
 * training interactions reach at least 80 % of all training interactions. Everything else is the
 * long tail. With no training interactions the head is empty.
 */
std::vector<char> shortHead(const EvalContext& ctx) {
    const int64_t total =
        std::accumulate(ctx.itemPopularity.begin(), ctx.itemPopularity.end(), int64_t{0});
    std::vector<char> isHead(ctx.numItems, 0);
    int64_t cumulative = 0;
    // cumulative / total >= 0.8 in integers (cumulative * 5 >= total * 4), so the boundary item
    // does not depend on floating-point rounding.
    for (int32_t item : popularityOrder(ctx)) {
        if (cumulative * 5 >= total * 4) break;
        isHead[item] = 1;
        cumulative += ctx.itemPopularity[item];
    }
    return isHead;
}

/** ItemCoverage, Gini, Entropy and EntropyNorm of the exposure of plan.rows' lists at every K. */
void addExposureMetrics(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out) {
    const int32_t n = ctx.numItems;
    std::vector<int64_t> counts(n, 0);
    int64_t covered = 0, slots = 0;
    int from = 0;
    // Counts grow band by band (positions [previous K, K)), so each K costs one pass over its band.
    for (int k : plan.ks) {
        for (size_t r : plan.rows) {
            const int32_t* row = plan.lists->row(r);
            for (int j = from; j < k; ++j) {
                if (row[j] < 0) continue;
                covered += counts[row[j]]++ == 0;
                ++slots;
            }
        }
        from = k;
        double entropy = 0.0;
        for (int64_t c : counts) {
            if (c == 0) continue;
            const double p = static_cast<double>(c) / static_cast<double>(slots);
            entropy -= p * std::log2(p);
        }
        out[metricName("ItemCoverage", k)] = n > 0 ? static_cast<double>(covered) / n : 0.0;
        out[metricName("Gini", k)] = giniOf(counts);
        out[metricName("Entropy", k)] = entropy;
        out[metricName("EntropyNorm", k)] =
            n > 1 ? entropy / std::log2(static_cast<double>(n)) : 0.0;
    }
}

/** AvgPopularity, LongTail and Novelty at every K (per-user means over the list's real items). */
void addPopularityMetrics(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out) {
    const std::vector<char> isHead = shortHead(ctx);
    std::vector<double> selfInformation(ctx.numItems);
    for (int32_t i = 0; i < ctx.numItems; ++i)
        selfInformation[i] = std::log2((static_cast<double>(ctx.numUsers) + 1.0) /
                                       (static_cast<double>(ctx.itemUserCount[i]) + 1.0));
    const size_t nK = plan.numK();
    enum { kPop, kTail, kNovelty, kUsers, kWidth };
    const std::vector<double> sums = orderedSum(
        plan.rows.size(), kWidth * nK,
        [&]() -> RowWorker {
            return [&](size_t i, double* acc) {
                const int32_t* row = plan.lists->row(plan.rows[i]);
                double pop = 0.0, tail = 0.0, novelty = 0.0;
                int m = 0;
                for (int j = 0, b = 0; j < plan.maxK; ++j) {
                    if (const int32_t item = row[j]; item >= 0) {
                        pop += static_cast<double>(ctx.itemPopularity[item]);
                        tail += isHead[item] ? 0.0 : 1.0;
                        novelty += selfInformation[item];
                        ++m;
                    }
                    if (j + 1 != plan.ks[b]) continue;
                    // Each user weighs the same whatever the list length; an all-padding list has
                    // no mean.
                    if (m > 0) {
                        acc[kPop * nK + b] += pop / m;
                        acc[kTail * nK + b] += tail / m;
                        acc[kNovelty * nK + b] += novelty / m;
                        acc[kUsers * nK + b] += 1.0;
                    }
                    ++b;
                }
            };
        },
        eval_detail::kParallelCheapRows);
    for (size_t b = 0; b < nK; ++b) {
        const double users = sums[kUsers * nK + b];
        const int k = plan.ks[b];
        out[metricName("AvgPopularity", k)] = users > 0 ? sums[kPop * nK + b] / users : 0.0;
        out[metricName("LongTail", k)] = users > 0 ? sums[kTail * nK + b] / users : 0.0;
        out[metricName("Novelty", k)] = users > 0 ? sums[kNovelty * nK + b] / users : 0.0;
    }
}

EvalPlan makePlan(const TopKLists& lists, const HeldOut& heldOut, const std::vector<int>& ks) {
    EvalPlan plan;
    plan.lists = &lists;
    plan.ks = ks;
    std::sort(plan.ks.begin(), plan.ks.end());
    plan.ks.erase(std::unique(plan.ks.begin(), plan.ks.end()), plan.ks.end());
    if (plan.ks.front() < 1 || plan.ks.back() > lists.k)
        throw std::invalid_argument("ranking metrics: every K must lie in [1, " +
                                    std::to_string(lists.k) + "] (the length of the top-K lists)");
    plan.maxK = plan.ks.back();
    plan.bucketOf.resize(plan.maxK);
    for (int j = 0, b = 0; j < plan.maxK; ++j) {
        if (j >= plan.ks[b]) ++b;
        plan.bucketOf[j] = b;
    }
    for (size_t r = 0; r < lists.size(); ++r)
        if (heldOut.offsets[r + 1] > heldOut.offsets[r]) plan.rows.push_back(r);
    return plan;
}

}  // namespace

MetricTable computeRankingMetrics(const TopKLists& lists, const HeldOut& heldOut,
                                  const EvalContext& ctx, const std::vector<int>& ks) {
    MetricTable table;
    if (ks.empty()) return table;
    checkLists(lists, "TopKLists");
    checkContext(ctx);
    checkItems(lists, ctx);
    checkHeldOut(heldOut, lists);
    const EvalPlan plan = makePlan(lists, heldOut, ks);
    eval_detail::addAccuracyMetrics(plan, heldOut, table);
    addExposureMetrics(plan, ctx, table);
    addPopularityMetrics(plan, ctx, table);
    eval_detail::addIldMetric(plan, ctx, table);
    eval_detail::addPersonalizationMetric(plan, ctx, table);
    return table;
}

MetricTable computeAccuracyMetrics(const TopKLists& lists, const HeldOut& heldOut,
                                   const std::vector<int>& ks) {
    MetricTable table;
    if (ks.empty()) return table;
    checkLists(lists, "TopKLists");
    checkHeldOut(heldOut, lists);
    eval_detail::addAccuracyMetrics(makePlan(lists, heldOut, ks), heldOut, table);
    return table;
}

double agreementAtK(const TopKLists& a, const TopKLists& b, int k) {
    checkLists(a, "agreementAtK");
    checkLists(b, "agreementAtK");
    if (a.users != b.users)
        throw std::invalid_argument(
            "agreementAtK: both lists must cover the same users in the same order");
    if (k < 1 || k > a.k || k > b.k)
        throw std::invalid_argument("agreementAtK: K = " + std::to_string(k) + " must lie in [1, " +
                                    std::to_string(std::min(a.k, b.k)) + "]");
    if (a.size() == 0) return 0.0;
    std::vector<int32_t> sa, sb;
    double sum = 0.0;
    for (size_t r = 0; r < a.size(); ++r) {
        // Padding is no item, so it never agrees, not even with padding.
        sa.clear();
        sb.clear();
        std::copy_if(a.row(r), a.row(r) + k, std::back_inserter(sa),
                     [](int32_t i) { return i >= 0; });
        std::copy_if(b.row(r), b.row(r) + k, std::back_inserter(sb),
                     [](int32_t i) { return i >= 0; });
        std::sort(sa.begin(), sa.end());
        std::sort(sb.begin(), sb.end());
        size_t shared = 0;
        for (size_t i = 0, j = 0; i < sa.size() && j < sb.size();) {
            if (sa[i] < sb[j]) {
                ++i;
            } else if (sb[j] < sa[i]) {
                ++j;
            } else {
                ++shared, ++i, ++j;
            }
        }
        sum += static_cast<double>(shared) / k;
    }
    return sum / static_cast<double>(a.size());
}

PopularityExposure exposureByPopularity(const TopKLists& lists, const EvalContext& ctx, int k,
                                        int bins) {
    checkLists(lists, "exposureByPopularity");
    checkContext(ctx);
    checkItems(lists, ctx);
    if (bins < 1) throw std::invalid_argument("exposureByPopularity: bins must be at least 1");
    if (k < 1 || k > lists.k)
        throw std::invalid_argument("exposureByPopularity: K = " + std::to_string(k) +
                                    " must lie in [1, " + std::to_string(lists.k) + "]");
    // Bin sizes differ by at most one item; the extra items go to the most popular bins.
    const std::vector<int32_t> order = popularityOrder(ctx);
    const int32_t n = ctx.numItems, base = n / bins, extra = n % bins;
    std::vector<int32_t> binOf(n);
    for (int32_t pos = 0, bin = 0, left = base + (extra > 0); pos < n; ++pos) {
        while (left == 0) left = base + (++bin < extra);
        binOf[order[pos]] = bin;
        --left;
    }

    std::vector<int64_t> slots(bins, 0), interactions(bins, 0);
    int64_t totalSlots = 0, totalInteractions = 0;
    for (size_t r = 0; r < lists.size(); ++r)
        for (int j = 0; j < k; ++j)
            if (const int32_t item = lists.row(r)[j]; item >= 0) {
                ++slots[binOf[item]];
                ++totalSlots;
            }
    for (int32_t i = 0; i < n; ++i) {
        interactions[binOf[i]] += ctx.itemPopularity[i];
        totalInteractions += ctx.itemPopularity[i];
    }
    PopularityExposure result;
    result.recommendationShare.assign(bins, 0.0);
    result.trainingShare.assign(bins, 0.0);
    for (int b = 0; b < bins; ++b) {
        if (totalSlots > 0)
            result.recommendationShare[b] = static_cast<double>(slots[b]) / totalSlots;
        if (totalInteractions > 0)
            result.trainingShare[b] = static_cast<double>(interactions[b]) / totalInteractions;
    }
    return result;
}

std::string ildBasis(const EvalContext& ctx) {
    const bool hasCategories = !ctx.categories.empty() && !ctx.categoryOffsets.empty();
    return hasCategories ? "categories" : "interactions";
}

}  // namespace rd
