#pragma once

// Internal to core: what the trainer calls on a data-parallel run (includes torch).

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rd {

class DataParallel;

/**
 * One training run's side of a data-parallel job: combines each step's gradients over the ranks,
 * compares the replicas, and shares the per-epoch figures that decide the loop's course, so that
 * every rank takes the same branches (a rank that broke off alone would leave the others waiting).
 *
 * Loss scale: each rank's loss is the mean over its own batch of b_r samples; combine(weight)
 * multiplies its gradient by weight = b_r / (the step's samples on all ranks) before summing, so a
 * step is the gradient of the mean over all the step's samples: world size N with batch B takes the
 * step world size 1 takes with batch N·B on the same samples (up to summation order).
 */
class GradientSync {
public:
    GradientSync(DataParallel& dp, std::vector<torch::Tensor> params);
    /** Replaces every parameter's gradient by the weighted sum over ranks (undefined here = zero,
     *  a rank without a batch passes weight 0). Row-sparse gradients stay row-sparse: the rows of
     *  every rank, concatenated in rank order, the same on every rank. */
    void combine(double weight);
    /** After optimizer.step(): every options.checkEvery steps, a checksum of the parameters is
     *  compared across ranks; a mismatch throws std::runtime_error. */
    void afterStep();
    /** Sums the epoch's loss sums and batch counts over ranks (names from the ranks that had one).
     */
    void reduceEpoch(std::vector<std::pair<std::string, double>>& sums, int64_t& batches);
    /** Rank 0's validation score (NaN when it did not evaluate) and its cancel, given to all. */
    std::pair<double, bool> shareValidation(double score, bool cancelled);
    /** Validation sharded by users: each rank evaluated its share (EvalOptions::shards), metrics
     *  as means with "eval_users"; afterwards every rank holds the means over all users (the
     *  sums of mean × users, divided by all users, in double). Returns true, leaving metrics
     *  alone, when any rank was cancelled (then no rank uses its share). */
    bool reduceValidation(std::map<std::string, double>& metrics, bool cancelled);
    /** Compares the parameters' checksum across ranks now; a mismatch throws std::runtime_error
     *  naming the step and the ranks' checksums. */
    void checkReplicas();
    /** One line for the log: steps, the exchange's payload per step, the checks that passed. */
    std::string summary() const;
    /** A 64-bit checksum of the parameters' bytes. */
    static uint64_t checksum(const std::vector<torch::Tensor>& params);

private:
    DataParallel& dp_;
    std::vector<torch::Tensor> params_;
    torch::Tensor denseBuf_;
    int64_t steps0_ = 0, bytes0_ = 0, checks0_ = 0;
    double seconds0_ = 0;
};

}  // namespace rd
