#pragma once

// Internal to core: the element-wise Adam update as one pass over a parameter's memory (no torch,
// no temporaries), used by FusedAdam.

#include <cstdint>

namespace rd {

/** The per-step scalars of an Adam update (torch.optim.Adam's). */
struct AdamCoefficients {
    /** torch.optim.Adam's weight_decay: g ← g + weightDecay · p before the moments (L2, not
     * AdamW). */
    float weightDecay = 0.f;
    /** The gradient is read as gradScale · g (a summed loss from a mean one; 1 = as given). */
    float gradScale = 1.f;
    float beta1 = 0.9f, beta2 = 0.999f;
    float oneMinusBeta1 = 0.1f, oneMinusBeta2 = 0.001f;
    float sqrtBiasCorrection2 = 1.f;  ///< sqrt(1 - beta2^t)
    float eps = 1e-8f;
    float stepSize = 1e-3f;  ///< lr / (1 - beta1^t)

    static AdamCoefficients at(double lr, double beta1, double beta2, double eps, int64_t step);
};

/**
 * For n elements: m = b1·m + (1-b1)·g, v = b2·v + (1-b2)·g², p -= stepSize · m / (sqrt(v)/sqrt(bc2)
 * + eps), in torch.optim.Adam's order of operations. g == nullptr is a zero gradient (the moments
 * still decay and the parameter still moves, as in torch.optim.Adam).
 */
void adamUpdate(float* p, float* m, float* v, const float* g, int64_t n, const AdamCoefficients& c);

}  // namespace rd
