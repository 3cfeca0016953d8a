#include "models/bpr_kernel.h"

#include <cmath>
#include <vector>

#include "util/multiversion.h"

namespace rd {

namespace {

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
                          int64_t n, double reg, float* userGrad, float* itemGrad) {
    BprLosses out;
    // d/dx of mean(-log(1e-10 + σ(x))) over the b · n pairs, as autograd chains it: the mean's
    // 1/(b n), log's 1/(1e-10 + σ), sigmoid's σ(1 - σ).
    const float meanScale = 1.f / static_cast<float>(b * n);
    // EmbLoss: reg · Σ‖e‖² / b, so each looked-up row gets 2 · reg / b · e.
    const float regScale = reg > 0 ? 2.f * static_cast<float>(reg / static_cast<double>(b)) : 0.f;
    std::vector<float> gNeg(static_cast<size_t>(n));
    std::vector<const float*> q(static_cast<size_t>(n));
    std::vector<float*> gq(static_cast<size_t>(n));
    double lossSum = 0, normSum = 0;
    for (int64_t r = 0; r < b; ++r) {
        const float* u = users + userIds[r] * d;
        const float* p = items + positiveIds[r] * d;
        const float pos = dot(u, p, d);
        for (int64_t k = 0; k < n; ++k) {
            q[k] = items + negativeIds[r * n + k] * d;
            gq[k] = itemGrad + (b + r * n + k) * d;
            const float x = pos - dot(u, q[k], d);
            const float s = 1.f / (1.f + std::exp(-x));
            const float shifted = 1e-10f + s;
            lossSum -= std::log(static_cast<double>(shifted));
            // ∂/∂pos; ∂/∂neg is its negative (applied in rowGradients).
            gNeg[k] = -(meanScale / shifted) * ((1.f - s) * s);
        }
        if (reg > 0) {
            normSum += squaredNorm(u, d) + squaredNorm(p, d);
            for (int64_t k = 0; k < n; ++k) normSum += squaredNorm(q[k], d);
        }
        rowGradients(u, p, q.data(), gNeg.data(), n, d, regScale, userGrad + r * d,
                     itemGrad + r * d, gq.data());
    }
    out.bpr = lossSum / static_cast<double>(b * n);
    out.l2 = reg > 0 ? reg * normSum / static_cast<double>(b) : 0.0;
    return out;
}

}  // namespace rd
