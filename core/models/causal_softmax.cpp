#include "models/causal_softmax.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include <ATen/Parallel.h>

#include "models/embedding_ops.h"
#include "util/multiversion.h"
#include "util/rng.h"

namespace rd {

namespace {

/** e^x for x <= 0 (Cephes' expf: range reduction by ln 2 in two parts, a degree-6 polynomial,
 *  relative error ~1e-7), written without branches or calls so that a row vectorizes; 0 below
 *  -87 (where e^x leaves float's normal range). */
inline float expNonPositive(float x) {
    const float clamped = x < -87.0f ? -87.0f : x;
    const float fx = clamped * 1.44269504088896341f + 0.5f;
    auto n = static_cast<int32_t>(fx);
    n -= static_cast<float>(n) > fx ? 1 : 0;  // floor
    const float nf = static_cast<float>(n);
    const float r = clamped - nf * 0.693359375f + nf * 2.12194440e-4f;
    float y = 1.9875691500e-4f;
    y = y * r + 1.3981999507e-3f;
    y = y * r + 8.3334519073e-3f;
    y = y * r + 4.1665795894e-2f;
    y = y * r + 1.6666665459e-1f;
    y = y * r + 5.0000001201e-1f;
    y = y * r * r + r + 1.0f;
    const int32_t bits = (n + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return x < -87.0f ? 0.0f : y * scale;
}

/** a[0, n) = softmax(s[0, n)). */
RD_MULTIVERSION
void softmaxRow(const float* __restrict s, float* __restrict a, int64_t n) {
    float m = s[0];
    for (int64_t j = 1; j < n; ++j) m = s[j] > m ? s[j] : m;
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int64_t j = 0; j < n; ++j) {
        a[j] = expNonPositive(s[j] - m);
        sum += a[j];
    }
    const float inv = 1.0f / sum;
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) a[j] *= inv;
}

/** ds = a ∘ (da − Σ a ∘ da) over [0, n), da = dout ∘ (out ≠ 0) · keep (dout when no dropout). */
RD_MULTIVERSION
void softmaxBackwardRow(const float* __restrict a, const float* __restrict out,
                        const float* __restrict dout, float* __restrict ds, int64_t n, float keep,
                        bool dropped) {
    float dot = 0;
    if (dropped) {
#pragma omp simd reduction(+ : dot)
        for (int64_t j = 0; j < n; ++j) {
            ds[j] = out[j] != 0.0f ? dout[j] * keep : 0.0f;
            dot += a[j] * ds[j];
        }
    } else {
#pragma omp simd reduction(+ : dot)
        for (int64_t j = 0; j < n; ++j) {
            ds[j] = dout[j];
            dot += a[j] * ds[j];
        }
    }
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) ds[j] = a[j] * (ds[j] - dot);
}

/** out[0, n) = a ∘ mask. */
RD_MULTIVERSION
void multiplyRow(const float* __restrict a, const float* __restrict mask, float* __restrict out,
                 int64_t n) {
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) out[j] = a[j] * mask[j];
}

/** The keys row i of a batch row with first real key `start` attends to: [lo, i]. */
inline int64_t firstKey(int64_t i, int64_t start) {
    return i < start ? 0 : start;
}

struct CausalSoftmaxFunction : torch::autograd::Function<CausalSoftmaxFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& scores,
                                 const torch::Tensor& start, double p, int64_t seed) {
        const torch::Tensor s = scores.contiguous();
        const int64_t b = s.size(0), h = s.size(1), len = s.size(2);
        torch::Tensor a = torch::zeros_like(s);
        torch::Tensor out = p > 0 ? torch::zeros_like(s) : a;
        const float* ps = s.data_ptr<float>();
        float* pa = a.data_ptr<float>();
        float* po = out.data_ptr<float>();
        const int64_t* pstart = start.data_ptr<int64_t>();
        // One matrix per (batch row, head), each with its own stream: the same draws on any
        // number of threads.
        at::parallel_for(0, b * h, 1, [&](int64_t from, int64_t to) {
            for (int64_t bh = from; bh < to; ++bh) {
                const int64_t st = pstart[bh / h];
                Rng rng(Rng::mix(static_cast<uint64_t>(seed), static_cast<uint64_t>(bh)));
                std::vector<uint64_t> words(static_cast<size_t>((len + 3) / 4));
                std::vector<float> mask(static_cast<size_t>(len));
                for (int64_t i = 0; i < len; ++i) {
                    const int64_t row = (bh * len + i) * len, lo = firstKey(i, st), n = i + 1 - lo;
                    softmaxRow(ps + row + lo, pa + row + lo, n);
                    if (p <= 0) continue;
                    dropoutMask(words.data(), mask.data(), n, p, rng);
                    multiplyRow(pa + row + lo, mask.data(), po + row + lo, n);
                }
            }
        });
        ctx->save_for_backward({a, out});
        ctx->saved_data["p"] = p;
        ctx->saved_data["start"] = start;
        return out;
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grads) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& a = saved[0];
        const torch::Tensor& out = saved[1];
        const double p = ctx->saved_data["p"].toDouble();
        const torch::Tensor start = ctx->saved_data["start"].toTensor();
        const torch::Tensor dout = grads[0].contiguous();
        const int64_t b = a.size(0), h = a.size(1), len = a.size(2);
        torch::Tensor ds = torch::zeros_like(a);
        const float* pa = a.data_ptr<float>();
        const float* po = out.data_ptr<float>();
        const float* pd = dout.data_ptr<float>();
        float* pds = ds.data_ptr<float>();
        const int64_t* pstart = start.data_ptr<int64_t>();
        const auto keep = static_cast<float>(1.0 / (1.0 - p));
        at::parallel_for(0, b * h, 1, [&](int64_t from, int64_t to) {
            for (int64_t bh = from; bh < to; ++bh) {
                const int64_t st = pstart[bh / h];
                for (int64_t i = 0; i < len; ++i) {
                    const int64_t row = (bh * len + i) * len, lo = firstKey(i, st);
                    softmaxBackwardRow(pa + row + lo, po + row + lo, pd + row + lo, pds + row + lo,
                                       i + 1 - lo, keep, p > 0);
                }
            }
        });
        return {ds, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor causalSoftmaxDropout(const torch::Tensor& scores, const torch::Tensor& start,
                                   double p, bool training, Rng& rng) {
    TORCH_CHECK(scores.dim() == 4 && scores.size(2) == scores.size(3) &&
                    scores.scalar_type() == torch::kFloat,
                "causalSoftmaxDropout: scores must be float [B, h, L, L]");
    const double rate = training ? p : 0.0;
    const auto seed = static_cast<int64_t>(rate > 0 ? rng.next() >> 1 : 0);
    return CausalSoftmaxFunction::apply(scores,
                                        start.defined()
                                            ? start.to(torch::kLong).contiguous()
                                            : torch::zeros({scores.size(0)}, torch::kLong),
                                        rate, seed);
}

}  // namespace rd
