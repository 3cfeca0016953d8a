#pragma once

// Internal to core: DE's experts (Kang et al., CIKM 2020), shared by `de` and `htd`.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "catalog/param_schema.h"

namespace rd {

class Rng;

/**
 * M small MLPs E_m: student space → teacher space (dim_s → (dim_s+dim_t)/2 → dim_t, ReLU between)
 * and a selection layer W on teacher representations. Each entity picks experts by Gumbel-softmax
 * over softmax(W t); the student representation mapped by the picked experts should match the
 * teacher's. Teacher and student sizes may differ. Weights start uniform in ±1/√fan_in, drawn from
 * rd::Rng.
 */
class ExpertBank {
public:
    ExpertBank(int64_t experts, int64_t studentDim, int64_t teacherDim, Rng& rng);
    /**
     * Expert weights z [n, M] for teacher representations [n, dim_t]. With hard, z is one-hot
     * forward with the soft weights' gradient (straight-through); *soft (optional) receives the
     * soft weights.
     */
    torch::Tensor select(const torch::Tensor& teacher, double tau, bool hard, Rng& rng,
                         torch::Tensor* soft = nullptr) const;
    /** Each row's most likely expert, argmax of softmax(W t) without noise and without gradient
     * (HTD's group assignment, model.py get_group_result): int64 [n]. */
    torch::Tensor assign(const torch::Tensor& teacher) const;
    /**
     * Σ_m z_m · E_m(student): [n, dim_t]. soft: the soft weights behind a straight-through z
     * (undefined = z itself). Rows whose soft weights are exactly one-hot in float (an annealed τ
     * makes every other weight underflow to 0) are mapped by their one expert only: the other terms
     * are exact zeros and the softmax passes exactly zero gradient back to the selection, so value
     * and gradients are the same as the dense sum at 1/M of the cost.
     */
    torch::Tensor map(const torch::Tensor& student, const torch::Tensor& z,
                      const torch::Tensor& soft = {}) const;
    std::vector<torch::Tensor> parameters() const { return {w1_, b1_, w2_, b2_, selW_, selB_}; }

    /** τ annealed per epoch from start to end over `epochs` epochs, geometric (then held at end).
     */
    static double annealedTau(int epoch, double start, double end, int epochs);

    /** The plain dense sum over every expert (what map() equals; kept public for its tests). */
    torch::Tensor mapDense(const torch::Tensor& student, const torch::Tensor& z) const;
    /** The same sum as one batched product per layer over [M, n, ·] (the former mapDense; for bench
     * and tests). */
    torch::Tensor mapBatched(const torch::Tensor& student, const torch::Tensor& z) const;

private:
    torch::Tensor w1_, b1_, w2_, b2_, selW_, selB_;
};

/** ‖t − Σ_m z_m E_m(s)‖² per row: DE's hint loss. */
torch::Tensor expertHintLoss(const torch::Tensor& teacher, const torch::Tensor& mapped);

/** The Gumbel-softmax temperature schedule both expert-based methods (de, htd) expose. */
ParamSchema gumbelAnnealingSchema(int annealEpochs);

}  // namespace rd
