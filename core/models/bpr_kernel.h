#pragma once

// Internal to core: BPR's forward and backward for dot-product models as one pass over the batch
// (no torch, no autograd, no temporaries), used by the trainer's fused step.

#include <cstdint>

namespace rd {

/** What bprDotGradients computed: the loss terms as baseLoss reports them. */
struct BprLosses {
    double bpr = 0;  ///< mean over the batch's (positive, negative) pairs of -log(1e-10 + σ(x))
    double l2 = 0;   ///< reg · (Σ‖u‖² + Σ‖p‖² + Σ‖q‖²) / batch
};

/**
 * For b rows (user, positive, n negatives) of tables users [*, d] and items [*, d]: the loss
 * RecModel::baseLoss computes for a dot-product model, -mean log(1e-10 + σ(⟨u,p⟩ - ⟨u,q⟩)) plus
 * reg · RecBole's EmbLoss of the batch's rows, and its gradient with respect to every looked-up
 * row, in the order of operations of LibTorch's autograd for that loss (float throughout):
 * userGrad [b, d] (row r: user r's gradient), itemGrad [b · (1 + n), d] (the b positives' rows,
 * then the b · n negatives' rows in the negatives' row-major order). Duplicate ids are not summed
 * here.
 */
BprLosses bprDotGradients(const float* users, const float* items, int64_t d, const int64_t* userIds,
                          const int64_t* positiveIds, const int64_t* negativeIds, int64_t b,
                          int64_t n, double reg, float* userGrad, float* itemGrad);

}  // namespace rd
