#pragma once

#include <torch/torch.h>

namespace rd {

class Rng;

/**
 * Causal self-attention weights in one pass: for scores [B, h, L, L] (query i, key j), each row's
 * softmax over the keys j in [start_b, i] (every key after i, and every key before start_b, gets
 * weight 0), then dropout with probability p when training (kept weights scaled by 1/(1−p), one
 * 16-bit draw per weight on or below the diagonal, from streams seeded by rng). What
 * softmax(scores + causal mask + padding mask) followed by dropout computes, without the
 * mask tensors, the exponentials of the upper triangle or its dropout draws. A query row before
 * start_b (padding) takes its softmax over the keys [0, i] instead (finite; its output is
 * discarded). start: [B] int64, or undefined for 0 everywhere. Differentiable in scores.
 */
torch::Tensor causalSoftmaxDropout(const torch::Tensor& scores, const torch::Tensor& start,
                                   double p, bool training, Rng& rng);

}  // namespace rd
