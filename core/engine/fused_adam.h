#pragma once

// Internal to core: the trainer's optimizer. Includes torch; nothing outside core includes this.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

/**
 * Adam whose step costs one pass over each parameter and reads row-sparse gradients directly.
 *
 * Embedding lookups (gatherRows) give their tables a sparse COO gradient: the batch's row ids and
 * [rows, dim] values, nothing of the table's size. step() adds duplicate rows up in a reused
 * buffer, updates every parameter in one fused, multi-threaded pass (parameter, first and second
 * moment read and written once, no temporaries) and then drops the gradients instead of zeroing
 * them, so the next backward stores its gradient instead of adding to a zeroed table.
 *
 * Kind::Adam is torch.optim.Adam exactly (betas 0.9/beta2, beta2 0.999 unless given, eps 1e-8):
 * every row's moments decay and every row moves at every step, whether the batch touched it or not;
 * a parameter that has had a gradient once keeps being updated with a zero gradient when it has
 * none, as after torch's zero_grad(). Kind::LazyAdam updates only the rows a sparse gradient names
 * (moments, parameter; bias correction from the global step, as TensorFlow's LazyAdam and torch's
 * SparseAdam do): untouched rows keep their moments and do not move, so an item's momentum does not
 * carry it further while it is absent from batches. Dense gradients get the exact update in both
 * kinds.
 */
class FusedAdam {
public:
    enum class Kind { Adam, LazyAdam };

    /** weightDecay: torch.optim.Adam's (added to every parameter's gradient, every step); beta2:
     *  its betas[1] (SASRec's code trains with 0.98). */
    FusedAdam(std::vector<torch::Tensor> params, double lr, Kind kind = Kind::Adam,
              double weightDecay = 0.0, double beta2 = 0.999);
    /** Applies the parameters' current gradients (dense or sparse COO) and clears them. */
    /** gradScale multiplies every gradient read (the row count of a summed loss; see
     *  TrainConfig::lossReduction). */
    void step(double gradScale = 1.0);
    /** Sets every gradient to undefined (what step() leaves behind). */
    void clearGradients();
    /** "adam" or "lazy_adam" (the train.optimizer config values). */
    static Kind kindFromName(const std::string& name);

private:
    struct State {
        torch::Tensor param, m, v;
        int64_t steps = 0;
        bool started = false;
        std::vector<int32_t> slot;  ///< row -> row of the gradient buffer, -1 when not in this step
    };
    void stepOne(State& s);
    /** Adds a sparse gradient's rows into rowGrads_ (one row per distinct id, in first-seen order).
     */
    void accumulateRows(State& s, const torch::Tensor& sparseGrad);

    std::vector<State> states_;
    double lr_;
    Kind kind_;
    double weightDecay_ = 0.0;
    double gradScale_ = 1.0;
    double beta2_ = 0.999;
    int64_t globalStep_ = 0;
    std::vector<float> rowGrads_;
    std::vector<int64_t> touched_;
};

}  // namespace rd
