#include "models/bpr_kernel.h"

#include <cmath>
#include <vector>

#include "util/multiversion.h"
#include "util/work_pool.h"

namespace rd {

namespace {

constexpr int64_t kRowsPerChunk = 256;
constexpr int64_t kPrefetchRows = 6;

inline void prefetchRow(const float* row, int64_t d) {
    const char* p = reinterpret_cast<const char*>(row);
    for (int64_t b = 0; b < d * static_cast<int64_t>(sizeof(float)); b += 64)
        __builtin_prefetch(p + b);
}

RD_MULTIVERSION
float dot(const float* __restrict a, const float* __restrict b, int64_t d) {
    float s = 0.f;
#pragma omp simd reduction(+ : s)
    for (int64_t j = 0; j < d; ++j) s += a[j] * b[j];
    return s;
}

RD_MULTIVERSION
double squaredNorm(const float* __restrict a, int64_t d) {
    float s = 0.f;
#pragma omp simd reduction(+ : s)
    for (int64_t j = 0; j < d; ++j) s += a[j] * a[j];
    return s;
}

/** One batch row: its user's gradient and its positive's and negatives' item rows. */
RD_MULTIVERSION
void rowGradients(const float* __restrict u, const float* __restrict p, const float* const* q,
                  const float* gNeg, int64_t n, int64_t d, float regScale, float* __restrict gu,
                  float* __restrict gp, float* const* gq) {
    // The positive's score is broadcast over the n negatives, so its gradient is the sum of theirs.
    float gPos = 0.f;
    for (int64_t k = 0; k < n; ++k) gPos += gNeg[k];
#pragma omp simd
    for (int64_t j = 0; j < d; ++j) {
        gu[j] = gPos * p[j] + regScale * u[j];
        gp[j] = gPos * u[j] + regScale * p[j];
    }
    for (int64_t k = 0; k < n; ++k) {
        const float* __restrict qk = q[k];
        float* __restrict gqk = gq[k];
        const float g = gNeg[k];
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) {
            gu[j] -= g * qk[j];
            gqk[j] = -g * u[j] + regScale * qk[j];
        }
    }
}

}  // namespace

BprLosses bprDotGradients(const float* users, const float* items, int64_t d, const int64_t* userIds,
                          const int64_t* positiveIds, const int64_t* negativeIds, int64_t b,
                          int64_t n, double reg, float* userGrad, float* itemGrad, int threads) {
    BprLosses out;
    // d/dx of mean(-log(1e-10 + σ(x))) over the b · n pairs, as autograd chains it: the mean's
    // 1/(b n), log's 1/(1e-10 + σ), sigmoid's σ(1 - σ).
    const float meanScale = 1.f / static_cast<float>(b * n);
    // EmbLoss: reg · Σ‖e‖² / b, so each looked-up row gets 2 · reg / b · e.
    const float regScale = reg > 0 ? 2.f * static_cast<float>(reg / static_cast<double>(b)) : 0.f;
    // Rows in chunks over the calling thread and the pool (each row writes its own gradient
    // rows); each pair's loss term is kept and summed afterwards in the pairs' order, so the
    // losses are the same on any thread count.
    std::vector<double> logs(static_cast<size_t>(b * n));
    std::vector<double> norms(reg > 0 ? static_cast<size_t>(b * (n + 1)) : 0);
    parallelChunks(b, kRowsPerChunk, threads, [&](int64_t r0, int64_t r1) {
        std::vector<float> gNeg(static_cast<size_t>(n));
        std::vector<const float*> q(static_cast<size_t>(n));
        std::vector<float*> gq(static_cast<size_t>(n));
        for (int64_t r = r0; r < r1; ++r) {
            // The rows are scattered over tables far larger than the caches (1 M set: 18 MB):
            // fetch a later row's while this one computes (the dot products were a third of a
            // lazy_adam epoch there, waiting for memory).
            if (r + kPrefetchRows < r1) {
                const int64_t a = r + kPrefetchRows;
                prefetchRow(users + userIds[a] * d, d);
                prefetchRow(items + positiveIds[a] * d, d);
                for (int64_t k = 0; k < n; ++k) prefetchRow(items + negativeIds[a * n + k] * d, d);
            }
            const float* u = users + userIds[r] * d;
            const float* p = items + positiveIds[r] * d;
            const float pos = dot(u, p, d);
            for (int64_t k = 0; k < n; ++k) {
                q[k] = items + negativeIds[r * n + k] * d;
                gq[k] = itemGrad + (b + r * n + k) * d;
                const float x = pos - dot(u, q[k], d);
                const float s = 1.f / (1.f + std::exp(-x));
                const float shifted = 1e-10f + s;
                logs[r * n + k] = std::log(static_cast<double>(shifted));
                // ∂/∂pos; ∂/∂neg is its negative (applied in rowGradients).
                gNeg[k] = -(meanScale / shifted) * ((1.f - s) * s);
            }
            if (reg > 0) {
                double* nr = norms.data() + r * (n + 1);
                nr[0] = squaredNorm(u, d) + squaredNorm(p, d);
                for (int64_t k = 0; k < n; ++k) nr[k + 1] = squaredNorm(q[k], d);
            }
            rowGradients(u, p, q.data(), gNeg.data(), n, d, regScale, userGrad + r * d,
                         itemGrad + r * d, gq.data());
        }
    });
    double lossSum = 0, normSum = 0;
    for (double l : logs) lossSum -= l;
    for (double v : norms) normSum += v;
    out.bpr = lossSum / static_cast<double>(b * n);
    out.l2 = reg > 0 ? reg * normSum / static_cast<double>(b) : 0.0;
    return out;
}

}  // namespace rd
