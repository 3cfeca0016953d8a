#include "engine/adam_kernel.h"

#include <cmath>

#include "util/multiversion.h"

namespace rd {

AdamCoefficients AdamCoefficients::at(double lr, double beta1, double beta2, double eps,
                                      int64_t step) {
    AdamCoefficients c;
    c.beta1 = static_cast<float>(beta1);
    c.beta2 = static_cast<float>(beta2);
    c.oneMinusBeta1 = static_cast<float>(1 - beta1);
    c.oneMinusBeta2 = static_cast<float>(1 - beta2);
    const double t = static_cast<double>(step);
    c.sqrtBiasCorrection2 = static_cast<float>(std::sqrt(1 - std::pow(beta2, t)));
    c.eps = static_cast<float>(eps);
    c.stepSize = static_cast<float>(lr / (1 - std::pow(beta1, t)));
    return c;
}

namespace {

// The build targets plain x86-64 (SSE2); the update is compute-bound once it is one pass, so the
// loops are also compiled for AVX2 and AVX-512 and the loader picks the best the CPU has. Built
// with -fno-math-errno (core/CMakeLists.txt) so that sqrt vectorises.
RD_MULTIVERSION
void updateWithGradient(float* __restrict p, float* __restrict m, float* __restrict v,
                        const float* __restrict g, int64_t n, AdamCoefficients c) {
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) {
        const float gj = c.gradScale * g[j];
        const float mj = m[j] * c.beta1 + c.oneMinusBeta1 * gj;
        const float vj = v[j] * c.beta2 + c.oneMinusBeta2 * gj * gj;
        m[j] = mj;
        v[j] = vj;
        p[j] -= c.stepSize * (mj / (std::sqrt(vj) / c.sqrtBiasCorrection2 + c.eps));
    }
}

RD_MULTIVERSION
void updateWithoutGradient(float* __restrict p, float* __restrict m, float* __restrict v, int64_t n,
                           AdamCoefficients c) {
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) {
        const float mj = m[j] * c.beta1;
        const float vj = v[j] * c.beta2;
        m[j] = mj;
        v[j] = vj;
        p[j] -= c.stepSize * (mj / (std::sqrt(vj) / c.sqrtBiasCorrection2 + c.eps));
    }
}

// With weight decay (torch.optim.Adam: grad = grad.add(param, alpha=weight_decay)), the gradient
// is g + wd·p, also where the batch gave no gradient.
void updateWithDecay(float* __restrict p, float* __restrict m, float* __restrict v,
                     const float* __restrict g, int64_t n, AdamCoefficients c) {
    for (int64_t j = 0; j < n; ++j) {
        const float gj = (g ? c.gradScale * g[j] : 0.f) + c.weightDecay * p[j];
        const float mj = m[j] * c.beta1 + c.oneMinusBeta1 * gj;
        const float vj = v[j] * c.beta2 + c.oneMinusBeta2 * gj * gj;
        m[j] = mj;
        v[j] = vj;
        p[j] -= c.stepSize * (mj / (std::sqrt(vj) / c.sqrtBiasCorrection2 + c.eps));
    }
}

}  // namespace

void adamUpdate(float* p, float* m, float* v, const float* g, int64_t n,
                const AdamCoefficients& c) {
    if (c.weightDecay != 0.f)
        updateWithDecay(p, m, v, g, n, c);
    else if (g)
        updateWithGradient(p, m, v, g, n, c);
    else
        updateWithoutGradient(p, m, v, n, c);
}

}  // namespace rd
