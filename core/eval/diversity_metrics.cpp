#include "eval/diversity_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "util/rng.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace rd::eval_detail {

namespace {

std::string metricName(const char* name, int k) {
    return std::string(name) + "@" + std::to_string(k);
}

/** Binary item vectors for ILD as a CSR item -> feature ids (categories or training users). */
struct FeatureCsr {
    std::vector<int64_t> offsets;
    const int32_t* features = nullptr;
    int32_t numFeatures = 0;

    int64_t size(int32_t item) const { return offsets[item + 1] - offsets[item]; }
};

template <typename Offset>
FeatureCsr makeFeatureCsr(const std::vector<Offset>& offsets, const std::vector<int32_t>& features,
                          int32_t numItems, const char* what) {
    if (offsets.size() != static_cast<size_t>(numItems) + 1 || offsets.front() != 0 ||
        static_cast<size_t>(offsets.back()) != features.size() ||
        !std::is_sorted(offsets.begin(), offsets.end()))
        throw std::invalid_argument(
            std::string("ILD: ") + what +
            " must be a CSR with numItems + 1 = " + std::to_string(numItems + 1) +
            " non-decreasing offsets ending at the number of entries");
    FeatureCsr csr;
    csr.offsets.assign(offsets.begin(), offsets.end());
    csr.features = features.data();
    int32_t maxFeature = -1;
    for (int32_t f : features) {
        if (f < 0) throw std::invalid_argument(std::string("ILD: negative id in ") + what);
        maxFeature = std::max(maxFeature, f);
    }
    csr.numFeatures = maxFeature + 1;
    return csr;
}

FeatureCsr ildVectors(const EvalContext& ctx) {
    if (ildBasis(ctx) == "categories")
        return makeFeatureCsr(ctx.categoryOffsets, ctx.categories, ctx.numItems,
                              "categoryOffsets/categories");
    return makeFeatureCsr(ctx.itemUserOffsets, ctx.itemUsers, ctx.numItems,
                          "itemUserOffsets/itemUsers");
}

/**
 * For each pair p < q of the m listed items (rows[p]: bitsets of `words` words), adds
 * shared(p, q) * invNorm[p] * invNorm[q] to cosSum[q]; adding 0.0 for disjoint vectors changes
 * nothing and spares a branch that would mispredict. Inlined into one build per instruction set:
 * x86-64 without -mpopcnt compiles __builtin_popcountll to a slow bit trick, so the hardware
 * instruction is picked at run time where the CPU has it.
 */
inline __attribute__((always_inline)) void densePairCos(const uint64_t* const* rows, int words,
                                                        int m, const double* invNorm,
                                                        double* cosSum) {
    for (int p = 0; p + 1 < m; ++p) {
        const uint64_t* a = rows[p];
        for (int q = p + 1; q < m; ++q) {
            const uint64_t* b = rows[q];
            // Four running sums keep popcounts independent of one another.
            int64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int w = 0;
            for (; w + 4 <= words; w += 4) {
                s0 += __builtin_popcountll(a[w] & b[w]);
                s1 += __builtin_popcountll(a[w + 1] & b[w + 1]);
                s2 += __builtin_popcountll(a[w + 2] & b[w + 2]);
                s3 += __builtin_popcountll(a[w + 3] & b[w + 3]);
            }
            for (; w < words; ++w) s0 += __builtin_popcountll(a[w] & b[w]);
            const int64_t shared = s0 + s1 + s2 + s3;
            cosSum[q] += static_cast<double>(shared) * invNorm[p] * invNorm[q];
        }
    }
}

using DensePairsFn = void (*)(const uint64_t* const* rows, int words, int m, const double* invNorm,
                              double* cosSum);

void densePairsPortable(const uint64_t* const* rows, int words, int m, const double* invNorm,
                        double* cosSum) {
    densePairCos(rows, words, m, invNorm, cosSum);
}

/**
 * The vectors of the listed items as dense bitsets, for data sets with few features (users or
 * categories): an AND and a popcount per word then beats walking the features one by one. Absent
 * (words == 0) when it would take too much memory.
 */
struct DenseVectors {
    int words = 0;
    std::vector<int32_t> slot;  ///< item -> bitset index, -1 for items in no list
    std::vector<uint64_t> bits;
    DensePairsFn pairs = densePairsPortable;
    /** What one feature costs in the bit-sliced counters, in dense words (measured on Xeon:
     *  about 8 against scalar POPCNT, 16 against AVX-512 VPOPCNTQ). */
    int64_t slicedWeight = 8;

    const uint64_t* of(int32_t item) const {
        return bits.data() + static_cast<size_t>(slot[item]) * words;
    }
};

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// Eight words per instruction, for rows padded to a multiple of eight words (no tail).
__attribute__((target("avx512f,avx512vpopcntdq"))) void densePairsAvx512(
    const uint64_t* const* rows, int words, int m, const double* invNorm, double* cosSum) {
    for (int p = 0; p + 1 < m; ++p) {
        const uint64_t* a = rows[p];
        for (int q = p + 1; q < m; ++q) {
            const uint64_t* b = rows[q];
            __m512i counts = _mm512_setzero_si512();
            for (int w = 0; w < words; w += 8)
                counts = _mm512_add_epi64(
                    counts, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_loadu_si512(a + w),
                                                                 _mm512_loadu_si512(b + w))));
            // Through memory: GCC 12's _mm512_reduce_add_epi64 trips -Wmaybe-uninitialized.
            alignas(64) int64_t lanes[8];
            _mm512_store_si512(lanes, counts);
            const int64_t shared = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                                   ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
            cosSum[q] += static_cast<double>(shared) * invNorm[p] * invNorm[q];
        }
    }
}
__attribute__((target("popcnt"))) void densePairsPopcnt(const uint64_t* const* rows, int words,
                                                        int m, const double* invNorm,
                                                        double* cosSum) {
    densePairCos(rows, words, m, invNorm, cosSum);
}
void pickDensePairs(DenseVectors& dense) {
    if (dense.words % 8 == 0 && __builtin_cpu_supports("avx512vpopcntdq")) {
        dense.pairs = densePairsAvx512;
        dense.slicedWeight = 16;
    } else {
        dense.pairs = __builtin_cpu_supports("popcnt") ? densePairsPopcnt : densePairsPortable;
    }
}
#else
void pickDensePairs(DenseVectors&) {}
#endif

DenseVectors makeDenseVectors(const EvalPlan& plan, const FeatureCsr& csr, int32_t numItems) {
    constexpr size_t kMaxBytes = size_t{64} << 20;
    DenseVectors dense;
    // Long rows are rounded up to whole 512-bit vectors (the padding stays zero); short ones, such
    // as a few dozen categories, keep their size for the scalar kernels.
    int words = (csr.numFeatures + 63) / 64;
    if (words >= 8) words = (words + 7) / 8 * 8;
    dense.slot.assign(numItems, -1);
    size_t stored = 0;
    for (size_t r : plan.rows)
        for (int j = 0; j < plan.maxK; ++j)
            if (const int32_t item = plan.lists->row(r)[j]; item >= 0 && dense.slot[item] < 0)
                dense.slot[item] = static_cast<int32_t>(stored++);
    if (words == 0 || stored * words * sizeof(uint64_t) > kMaxBytes) return DenseVectors{};
    dense.words = words;
    pickDensePairs(dense);
    dense.bits.assign(stored * words, 0);
    for (int32_t item = 0; item < numItems; ++item) {
        if (dense.slot[item] < 0) continue;
        uint64_t* row = dense.bits.data() + static_cast<size_t>(dense.slot[item]) * words;
        for (int64_t e = csr.offsets[item]; e < csr.offsets[item + 1]; ++e)
            row[csr.features[e] / 64] |= uint64_t{1} << (csr.features[e] % 64);
    }
    return dense;
}

/**
 * Work to count the shared features of a list of m items with `features` features in all, in
 * dense words: a dense pair costs `words` AND + popcounts, a feature in the bit-sliced counters
 * slicedWeight words per 64 list positions. Both ways give the same counts, so only speed depends
 * on the choice.
 */
struct ListCost {
    int64_t dense, sliced;
    bool denseIsCheaper() const { return dense < sliced; }
    int64_t cheapest() const { return std::min(dense, sliced); }
};

ListCost listCost(int m, int64_t features, const DenseVectors& dense, int listWords) {
    const int64_t pairs = int64_t{m} * (m - 1) / 2;
    return {dense.words > 0 ? pairs * dense.words : std::numeric_limits<int64_t>::max(),
            dense.slicedWeight * features * listWords + pairs};
}

/** Carry-save adder on 64 lanes: a + b + c = 2 * high + low in every lane. */
inline void csa(uint64_t& high, uint64_t& low, uint64_t a, uint64_t b, uint64_t c) {
    const uint64_t u = a ^ b;
    high = (a & b) | (u & c);
    low = u ^ c;
}

/**
 * ILD of one list per call. cosSum_[q] collects cos(v_p, v_q) over p < q, so every K is a prefix
 * sum of one pass at the largest K. Shared-feature counts come from whichever way is cheaper for
 * the list: dense bitsets (pairs x words) or bit-sliced counters (about |v_p| word operations per
 * item, whatever the overlap). Both give the same integer counts, hence the same result.
 */
class IldWorker {
public:
    IldWorker(const EvalPlan& plan, const FeatureCsr& csr, const DenseVectors& dense)
        : plan_(plan),
          csr_(csr),
          dense_(dense),
          words_((plan.maxK + 63) / 64),
          items_(plan.maxK),
          inter_(plan.maxK, 0),
          touched_(plan.maxK),
          invNorm_(plan.maxK),
          cosSum_(plan.maxK),
          rows_(plan.maxK),
          mAt_(plan.numK()) {}

    void operator()(size_t i, double* acc) {
        const size_t nK = plan_.numK();
        const int32_t* row = plan_.lists->row(plan_.rows[i]);
        int m = 0;
        for (int j = 0, b = 0; j < plan_.maxK; ++j) {
            if (row[j] >= 0) items_[m++] = row[j];  // padding is not part of the list
            if (j + 1 == plan_.ks[b]) mAt_[b++] = m;
        }
        if (m < 2) return;
        int64_t totalSize = 0;
        for (int p = 0; p < m; ++p) {
            // An item without any category or training user has no direction; it counts as
            // orthogonal to everything (cos = 0, distance 1), as sklearn's cosine_similarity does.
            const int64_t size = csr_.size(items_[p]);
            totalSize += size;
            invNorm_[p] = size > 0 ? 1.0 / std::sqrt(static_cast<double>(size)) : 0.0;
            cosSum_[p] = 0.0;
        }
        if (listCost(m, totalSize, dense_, words_).denseIsCheaper())
            denseCos(m);
        else
            slicedCos(m);

        double prefix = 0.0;
        int counted = 0;
        for (size_t b = 0; b < nK; ++b) {
            const int mK = mAt_[b];
            for (; counted < mK; ++counted) prefix += cosSum_[counted];
            if (mK < 2) continue;  // a list needs two items to have a pairwise distance
            acc[b] += 1.0 - prefix / (0.5 * mK * (mK - 1));
            acc[nK + b] += 1.0;
        }
    }

private:
    void addCos(int p, int q, int64_t shared) {
        cosSum_[q] += static_cast<double>(shared) * invNorm_[p] * invNorm_[q];
    }

    void denseCos(int m) {
        for (int p = 0; p < m; ++p) rows_[p] = dense_.of(items_[p]);
        dense_.pairs(rows_.data(), dense_.words, m, invNorm_.data(), cosSum_.data());
    }

    template <typename F>
    void forFeatures(int p, F f) const {
        const int32_t item = items_[p];
        for (int64_t e = csr_.offsets[item]; e < csr_.offsets[item + 1]; ++e) f(csr_.features[e]);
    }
    uint64_t& word(int32_t f, int w) { return mask_[static_cast<size_t>(f) * words_ + w]; }

    void slicedCos(int m) {
        if (mask_.empty()) mask_.assign(static_cast<size_t>(csr_.numFeatures) * words_, 0);
        // mask_[f] = the list positions whose item has feature f.
        for (int p = 0; p < m; ++p)
            forFeatures(p, [&](int32_t f) { word(f, p / 64) |= uint64_t{1} << (p % 64); });
        for (int p = 0; p + 1 < m; ++p) slicedCosWithLater(p);
        for (int p = 0; p < m; ++p) forFeatures(p, [&](int32_t f) { word(f, p / 64) = 0; });
    }

    // Counts, for every later position q, the features p shares with q: the masks of p's features
    // (restricted to later positions) are summed lane by lane with a Harley-Seal carry-save tree,
    // branch-free at about 5 word operations per feature; the 16s ripple into sixteens_.
    void slicedCosWithLater(int p) {
        const int32_t* feat = csr_.features + csr_.offsets[items_[p]];
        const int64_t n = csr_.size(items_[p]);
        int numTouched = 0;
        auto collect = [&](uint64_t plane, int w, int64_t weight) {
            for (; plane != 0; plane &= plane - 1) {
                const int q = w * 64 + __builtin_ctzll(plane);
                if (inter_[q] == 0) touched_[numTouched++] = q;
                inter_[q] += weight;
            }
        };
        for (int w = (p + 1) / 64; w < words_; ++w) {
            const uint64_t keep = w == (p + 1) / 64 ? ~uint64_t{0} << ((p + 1) % 64) : ~uint64_t{0};
            const uint64_t* column = mask_.data() + w;
            uint64_t ones = 0, twos = 0, fours = 0, eights = 0;
            int levels = 0;
            for (int64_t e = 0; e < n; e += 16) {
                uint64_t x[16];
                for (int t = 0; t < 16; ++t)
                    x[t] = e + t < n ? column[static_cast<size_t>(feat[e + t]) * words_] & keep : 0;
                uint64_t twosA, twosB, foursA, foursB, eightsA, eightsB, sixteens;
                csa(twosA, ones, ones, x[0], x[1]);
                csa(twosB, ones, ones, x[2], x[3]);
                csa(foursA, twos, twos, twosA, twosB);
                csa(twosA, ones, ones, x[4], x[5]);
                csa(twosB, ones, ones, x[6], x[7]);
                csa(foursB, twos, twos, twosA, twosB);
                csa(eightsA, fours, fours, foursA, foursB);
                csa(twosA, ones, ones, x[8], x[9]);
                csa(twosB, ones, ones, x[10], x[11]);
                csa(foursA, twos, twos, twosA, twosB);
                csa(twosA, ones, ones, x[12], x[13]);
                csa(twosB, ones, ones, x[14], x[15]);
                csa(foursB, twos, twos, twosA, twosB);
                csa(eightsB, fours, fours, foursA, foursB);
                csa(sixteens, eights, eights, eightsA, eightsB);
                for (int lev = 0; sixteens != 0; ++lev) {
                    if (lev == levels) sixteens_[levels++] = 0;
                    const uint64_t carry = sixteens_[lev] & sixteens;
                    sixteens_[lev] ^= sixteens;
                    sixteens = carry;
                }
            }
            collect(ones, w, 1);
            collect(twos, w, 2);
            collect(fours, w, 4);
            collect(eights, w, 8);
            for (int lev = 0; lev < levels; ++lev) collect(sixteens_[lev], w, int64_t{16} << lev);
        }
        // Each q gets one addition per p, in increasing p: the sum does not depend on touch order.
        for (int t = 0; t < numTouched; ++t) {
            addCos(p, touched_[t], inter_[touched_[t]]);
            inter_[touched_[t]] = 0;
        }
    }

    const EvalPlan& plan_;
    const FeatureCsr& csr_;
    const DenseVectors& dense_;
    int words_;
    std::vector<uint64_t> mask_;
    uint64_t sixteens_[40] = {};  ///< ripple counter of the 16s of each lane (counts < 2^31)
    std::vector<int32_t> items_;
    std::vector<int64_t> inter_;
    std::vector<int> touched_;
    std::vector<double> invNorm_, cosSum_;
    std::vector<const uint64_t*> rows_;
    std::vector<int> mAt_;
};

/**
 * The evaluated users' non-empty lists, each entry as (item, bucket of its position), with the
 * number of real items at each K. Users without any real item take no part in Personalization.
 */
struct BucketedLists {
    size_t nK = 0;
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items, bucket;
    std::vector<int32_t> sizeAt;  ///< sizeAt[u * nK + b] = real items among the first ks[b]

    int64_t count() const { return static_cast<int64_t>(offsets.size()) - 1; }
};

BucketedLists bucketLists(const EvalPlan& plan) {
    BucketedLists lists;
    lists.nK = plan.numK();
    std::vector<int32_t> at(lists.nK);
    for (size_t r : plan.rows) {
        const int32_t* row = plan.lists->row(r);
        std::fill(at.begin(), at.end(), 0);
        for (int j = 0; j < plan.maxK; ++j) {
            if (row[j] < 0) continue;
            lists.items.push_back(row[j]);
            lists.bucket.push_back(plan.bucketOf[j]);
            ++at[plan.bucketOf[j]];
        }
        if (static_cast<int64_t>(lists.items.size()) == lists.offsets.back()) continue;
        lists.offsets.push_back(static_cast<int64_t>(lists.items.size()));
        for (size_t b = 1; b < lists.nK; ++b) at[b] += at[b - 1];
        lists.sizeAt.insert(lists.sizeAt.end(), at.begin(), at.end());
    }
    return lists;
}

/** Item -> (user, bucket) entries, users ascending; self[e] = where list entry e sits in it. */
struct InvertedLists {
    std::vector<int64_t> offsets;
    std::vector<int32_t> user, bucket;
    std::vector<int64_t> self;
};

InvertedLists invertLists(const BucketedLists& lists, int32_t numItems) {
    InvertedLists inv;
    inv.offsets.assign(static_cast<size_t>(numItems) + 1, 0);
    for (int32_t item : lists.items) ++inv.offsets[item + 1];
    std::partial_sum(inv.offsets.begin(), inv.offsets.end(), inv.offsets.begin());
    inv.user.resize(lists.items.size());
    inv.bucket.resize(lists.items.size());
    inv.self.resize(lists.items.size());
    std::vector<int64_t> fill(inv.offsets.begin(), inv.offsets.end() - 1);
    for (int64_t u = 0; u < lists.count(); ++u)
        for (int64_t e = lists.offsets[u]; e < lists.offsets[u + 1]; ++e) {
            const int64_t at = fill[lists.items[e]]++;
            inv.user[at] = static_cast<int32_t>(u);
            inv.bucket[at] = lists.bucket[e];
            inv.self[e] = at;
        }
    return inv;
}

/**
 * Sum over the later users v > u of Jaccard(u, v) at each K. Shared items are counted through the
 * inverted lists, so that part follows the overlap; an item at buckets b_u and b_v is shared from
 * bucket max(b_u, b_v) on. The Jaccard pass then runs over every v > u in K-major arrays, without
 * branches (a pair sharing nothing adds 0), which beats tracking the users actually met.
 */
class OverlapWorker {
public:
    OverlapWorker(const BucketedLists& lists, const InvertedLists& inv,
                  const std::vector<int32_t>& sizeByK, const std::vector<double>& reciprocal)
        : lists_(lists),
          inv_(inv),
          sizeByK_(sizeByK),
          reciprocal_(reciprocal),
          shared_(static_cast<size_t>(lists.count()) * lists.nK, 0) {}

    void operator()(size_t u, double* acc) {
        const size_t nK = lists_.nK, m = static_cast<size_t>(lists_.count());
        // Raw pointers: through the vectors, every store into shared_ would force reloads.
        const int32_t* invUser = inv_.user.data();
        const int32_t* invBucket = inv_.bucket.data();
        const double* reciprocal = reciprocal_.data();
        int32_t* shared = shared_.data();  // shared[b * m + v]
        for (int64_t e = lists_.offsets[u]; e < lists_.offsets[u + 1]; ++e) {
            const int32_t bucketU = lists_.bucket[e];
            const int64_t end = inv_.offsets[lists_.items[e] + 1];
            for (int64_t at = inv_.self[e] + 1; at < end; ++at)
                ++shared[std::max(bucketU, invBucket[at]) * m + invUser[at]];
        }
        for (size_t b = 1; b < nK; ++b)
            for (size_t v = u + 1; v < m; ++v) shared[b * m + v] += shared[(b - 1) * m + v];
        for (size_t b = 0; b < nK; ++b) {
            const int32_t sizeU = sizeByK_[b * m + u];
            const int32_t* sizeV = sizeByK_.data() + b * m;
            const int32_t* both = shared + b * m;
            double sum = 0.0;
            for (size_t v = u + 1; v < m; ++v)
                sum += both[v] * reciprocal[sizeU + sizeV[v] - both[v]];
            acc[b] += sum;
            std::fill(shared + b * m + u + 1, shared + (b + 1) * m, 0);
        }
    }

private:
    const BucketedLists& lists_;
    const InvertedLists& inv_;
    const std::vector<int32_t>& sizeByK_;  ///< sizeByK_[b * m + u] = real items of u at ks[b]
    const std::vector<double>& reciprocal_;
    std::vector<int32_t> shared_;
};

/**
 * The users ILD averages over. Exact ILD on interaction columns costs about pairs x columns per
 * user, which grows with the data set twice over (more users, longer columns); past a budget of
 * kIldBudget dense words (about a second on one core) the mean is taken over a fixed, seeded
 * random sample of users instead, as Personalization does with user pairs: users are drawn
 * without replacement until their estimated work reaches the budget, and never fewer than
 * kIldMinUsers. Category vectors are cheap, so ILD on categories is exact at any size.
 */
EvalPlan ildSample(const EvalPlan& plan, const FeatureCsr& csr, const DenseVectors& dense,
                   uint64_t seed) {
    constexpr int64_t kIldBudget = 1'000'000'000;
    constexpr size_t kIldMinUsers = 500;
    const int listWords = (plan.maxK + 63) / 64;
    std::vector<int64_t> cost(plan.rows.size());
    int64_t total = 0;
    for (size_t i = 0; i < plan.rows.size(); ++i) {
        const int32_t* row = plan.lists->row(plan.rows[i]);
        int m = 0;
        int64_t features = 0;
        for (int j = 0; j < plan.maxK; ++j)
            if (row[j] >= 0) ++m, features += csr.size(row[j]);
        cost[i] = m < 2 ? 0 : listCost(m, features, dense, listWords).cheapest();
        total += cost[i];
    }
    if (total <= kIldBudget) return plan;

    std::vector<size_t> order(plan.rows.size());
    std::iota(order.begin(), order.end(), 0);
    Rng(Rng::mix(seed, 0x11d)).shuffle(order.begin(), order.end());
    EvalPlan sample = plan;
    sample.rows.clear();
    int64_t spent = 0;
    for (size_t i : order) {
        if (spent >= kIldBudget && sample.rows.size() >= kIldMinUsers) break;
        sample.rows.push_back(plan.rows[i]);
        spent += cost[i];
    }
    std::sort(sample.rows.begin(), sample.rows.end());  // the summation order of orderedSum
    return sample;
}

}  // namespace

void addIldMetric(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out) {
    const FeatureCsr csr = ildVectors(ctx);
    const DenseVectors dense = makeDenseVectors(plan, csr, ctx.numItems);
    const EvalPlan sample = ildSample(plan, csr, dense, ctx.seed);
    const size_t nK = plan.numK();
    const std::vector<double> sums = orderedSum(
        sample.rows.size(), 2 * nK, [&]() -> RowWorker { return IldWorker(sample, csr, dense); },
        kParallelPairRows);
    for (size_t b = 0; b < nK; ++b)
        out[metricName("ILD", plan.ks[b])] = sums[nK + b] > 0 ? sums[b] / sums[nK + b] : 0.0;
}

void addPersonalizationMetric(const EvalPlan& plan, const EvalContext& ctx, MetricTable& out) {
    const BucketedLists lists = bucketLists(plan);
    const size_t nK = plan.numK();
    const int64_t m = lists.count();
    // 1/n for every possible union size: a multiply instead of a divide per pair and K.
    std::vector<double> reciprocal(2 * static_cast<size_t>(plan.maxK) + 1, 0.0);
    for (size_t n = 1; n < reciprocal.size(); ++n) reciprocal[n] = 1.0 / static_cast<double>(n);

    // Pairs at K: both lists non-empty at K (an empty list has no overlap to speak of).
    std::vector<double> jaccardSum, pairs(nK, 0.0);
    constexpr int64_t kAllPairsUpTo = 2000;
    constexpr int kSampledPairs = 10000;
    if (m <= kAllPairsUpTo) {
        for (size_t b = 0; b < nK; ++b) {
            double nonEmpty = 0;
            for (int64_t u = 0; u < m; ++u) nonEmpty += lists.sizeAt[u * nK + b] > 0;
            pairs[b] = nonEmpty * (nonEmpty - 1) / 2;
        }
        const InvertedLists inverted = invertLists(lists, ctx.numItems);
        std::vector<int32_t> sizeByK(lists.sizeAt.size());
        for (int64_t u = 0; u < m; ++u)
            for (size_t b = 0; b < nK; ++b) sizeByK[b * m + u] = lists.sizeAt[u * nK + b];
        jaccardSum = orderedSum(
            static_cast<size_t>(m), nK,
            [&]() -> RowWorker { return OverlapWorker(lists, inverted, sizeByK, reciprocal); },
            kParallelPairRows);
    } else {
        // Too many users for all pairs: a fixed, seeded sample of distinct pairs.
        Rng rng(ctx.seed);
        std::vector<int32_t> bucketPlusOne(ctx.numItems, 0);
        std::vector<int32_t> shared(nK);
        jaccardSum.assign(nK, 0.0);
        for (int s = 0; s < kSampledPairs; ++s) {
            const int64_t u = static_cast<int64_t>(rng.below(static_cast<uint64_t>(m)));
            int64_t v = static_cast<int64_t>(rng.below(static_cast<uint64_t>(m - 1)));
            if (v >= u) ++v;
            for (int64_t e = lists.offsets[u]; e < lists.offsets[u + 1]; ++e)
                bucketPlusOne[lists.items[e]] = lists.bucket[e] + 1;
            std::fill(shared.begin(), shared.end(), 0);
            for (int64_t e = lists.offsets[v]; e < lists.offsets[v + 1]; ++e)
                if (const int32_t bu = bucketPlusOne[lists.items[e]]; bu > 0)
                    ++shared[std::max(bu - 1, lists.bucket[e])];
            for (int64_t e = lists.offsets[u]; e < lists.offsets[u + 1]; ++e)
                bucketPlusOne[lists.items[e]] = 0;
            for (size_t b = 1; b < nK; ++b) shared[b] += shared[b - 1];
            for (size_t b = 0; b < nK; ++b) {
                const int32_t sizeU = lists.sizeAt[u * nK + b], sizeV = lists.sizeAt[v * nK + b];
                if (sizeU == 0 || sizeV == 0) continue;
                jaccardSum[b] += shared[b] * reciprocal[sizeU + sizeV - shared[b]];
                pairs[b] += 1.0;
            }
        }
    }
    for (size_t b = 0; b < nK; ++b)
        out[metricName("Personalization", plan.ks[b])] =
            pairs[b] > 0 ? 1.0 - jaccardSum[b] / pairs[b] : 0.0;
}

}  // namespace rd::eval_detail
