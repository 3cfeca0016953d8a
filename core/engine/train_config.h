#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

class DataParallel;

/** Training settings shared by every model (RecBole-compatible defaults). */
struct TrainConfig {
    int epochs = 300;
    int batchSize = 2048;
    double learningRate = 0.001;
    /// "adam": torch.optim.Adam exactly (every row decays every step); "lazy_adam": only the rows
    /// in the batch are updated (see FusedAdam)
    std::string optimizer = "adam";
    int negatives = 1;  ///< uniformly sampled negatives per positive
    int evalEvery = 1;  ///< validate every n epochs (0 = never)
    int patience = 10;  ///< evaluations without improvement before stopping (0 = never stop early)
    std::string validMetric = "MRR@10";
    std::vector<int> ks{5, 10, 20, 50};
    uint64_t seed = 2020;
    int threads = 0;            ///< 0 = number of cores
    int evalBatchUsers = 4096;  ///< users scored at once in full ranking
    /** Adam's weight_decay as PyTorch applies it: decay · parameter added to every parameter's
     * gradient (every embedding row, every step; a method's own parameters too). */
    double weightDecay = 0.0;
    /** The model kept: the best validation epoch's ("best_valid") or the last epoch's ("last", as
     * the Topology Distillation notebook reports). */
    std::string select = "best_valid";
    /** How a step's loss is reduced over the batch's rows: "mean" (RecBole's) or "sum" (the
     * Topology Distillation and DE-RRD code: BPR summed over the batch, the methods' terms
     * summed over entities). With Adam the two differ only next to weight decay (and ε): the
     * decay's pull is the same while a summed gradient is B times larger. "sum" multiplies the
     * step's gradient by its number of rows; the losses shown stay per row. */
    std::string lossReduction = "mean";
    /** Early stopping may not end training before this epoch; 0 = the method's own minimum (the
     * annealing length of htd, none otherwise). */
    int minEpochs = 0;
    /** When the loss is the model's plain BPR (no distillation terms), models that can (mf) compute
     * a step's gradients in one fused pass instead of through autograd: the same numbers, a
     * fraction of the per-step cost. false = always autograd (tests and benchmarks compare the
     * two). */
    bool fusedSteps = true;
    /** Adam's second-moment decay (torch's betas[1]); SASRec's code uses 0.98. */
    double adamBeta2 = 0.999;
    /** > 0: validation and test also rank each held-out item against this many sampled items
     *  (SampledHR@K, SampledNDCG@K: SASRec's protocol, for reproducing papers) beside the
     *  full-ranking metrics. 0 = full ranking only. */
    int sampledNegatives = 0;
    /** A data-parallel job this run belongs to (not owned; nullptr = a plain run): each rank
     *  trains its share of every step's batches and the gradients are combined (see
     *  dist/gradient_sync.h). */
    DataParallel* dataParallel = nullptr;
};

}  // namespace rd
