#pragma once

// Internal to core: the torch side of a recommendation model. Nothing outside core includes this.

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"

namespace rd {

struct TrainingData;

using NamedLoss = std::pair<std::string, torch::Tensor>;

/** One mini-batch of training triples (int64 tensors): users [B], positives [B], negatives [B, n].
 */
struct Batch {
    torch::Tensor users, positives, negatives;
};

/**
 * A recommender as a torch module. Subclasses provide scoring; training uses baseLoss (BPR with L2
 * on the batch's embeddings unless a model says otherwise). Distillation methods read the
 * representations through userRepr/itemRepr.
 */
class RecModel : public torch::nn::Module {
public:
    /** Scores of (user, item) pairs; users and items broadcast (e.g. [B,1] with [B,n]). */
    virtual torch::Tensor scorePairs(const torch::Tensor& users, const torch::Tensor& items) = 0;
    /** Scores of every item for each user: [B, numItems]. Called between beginEval/endEval. */
    virtual torch::Tensor scoreAllItems(const torch::Tensor& users) = 0;
    /** scoreAllItems written into out (row-major [B, numItems] floats, caller-owned): dot-product
     *  models write the matrix product there directly. Must be safe to call from several threads at
     *  once between beginEval/endEval (evaluation scores blocks of users in parallel). */
    virtual void scoreAllItemsInto(const torch::Tensor& users, float* out);
    /** The model's own loss terms for a batch. */
    virtual std::vector<NamedLoss> baseLoss(const Batch& batch);
    /**
     * baseLoss's step without autograd, for models whose loss is BPR over dot products of two
     * looked-up rows: adds the batch's loss terms (the names and values baseLoss gives) to terms
     * and stores each table's gradient as the row-sparse gradient a backward of baseLoss leaves
     * there, ready for FusedAdam::step. Returns false, doing nothing, when the model has no such
     * path.
     */
    virtual bool fusedBprStep(const Batch& /*batch*/,
                              std::vector<std::pair<std::string, double>>& /*terms*/) {
        return false;
    }
    /** Which part the next scoring (beginEval … endEval) ranks: a sequential model reads the
     *  history before it (TrainingData::historyBefore: training items for Valid, training and
     *  validation items for Test); the others ignore it. Called before beginEval. */
    virtual void setScoringPart(SplitPart /*part*/) {}
    /** True for a model that trains on each user's sequence: the trainer then draws batches of
     *  users (each user's last training item as the positive), not of interactions. */
    virtual bool sequential() const { return false; }
    /** Caches what inference needs (e.g. LightGCN's propagated embeddings). */
    virtual void beginEval() {}
    virtual void endEval() {}
    virtual bool trainable() const { return true; }
    /** Called before each training batch (LightGCN propagates the graph once per batch). */
    virtual void beginBatch() {}
    /** User / item representations used in scoring (for embedding-based distillation). */
    virtual torch::Tensor userRepr(const torch::Tensor& users) = 0;
    virtual torch::Tensor itemRepr(const torch::Tensor& items) = 0;
    virtual int64_t reprDim() const = 0;
    /** Users the model has scores for (per user, non-zero = scored); nullptr = every user. Only an
     *  external teacher may lack some; distillation leaves the others out of its terms. */
    virtual const std::vector<uint8_t>* coveredUsers() const { return nullptr; }

protected:
    /** RecBole's EmbLoss: sum of squared L2 norms of the given embeddings over the batch size. */
    static torch::Tensor l2(const std::vector<torch::Tensor>& embeddings, int64_t batchSize);
    double reg_ = 0;
};

}  // namespace rd
