#pragma once

// Internal to core: row gathers with a fast backward. LibTorch 1.13's index_select backward goes
// through index_add_, which on CPU costs ~10x a plain loop for the [batch, dim] gradients of
// embedding lookups; every model's training step is dominated by it otherwise.

#include <torch/torch.h>

namespace rd {

/**
 * table.index_select(0, ids.flatten()).view(ids.sizes() + [dim]). The backward gives a leaf table
 * (a parameter) a sparse COO gradient of the looked-up rows, any other tensor a dense scatter-add.
 */
torch::Tensor gatherRows(const torch::Tensor& table, const torch::Tensor& ids);

}  // namespace rd

namespace rd {

class Rng;

/**
 * Inverted dropout with a mask drawn from rd::Rng, 16 bits per element (p resolution 1/65536).
 * LibTorch 1.13's CPU bernoulli_ draws one Mersenne-Twister number per element and dominated
 * NeuMF's training step; this is ~20x faster and still reproducible from the seed.
 */
torch::Tensor fastDropout(const torch::Tensor& x, double p, bool training, Rng& rng);

/** fastDropout's mask for n elements into mask (0, or 1/(1−p) where kept): one draw of rng per 4
 *  elements into words ((n + 3) / 4 of them), 16 bits each, the low bits first. */
void dropoutMask(uint64_t* words, float* mask, int64_t n, double p, Rng& rng);

}  // namespace rd
