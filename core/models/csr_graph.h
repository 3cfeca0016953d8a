#pragma once

// Internal to core: a symmetric sparse matrix in CSR form and its product with a dense matrix, with
// autograd. LibTorch 1.13's COO sparse product (and its backward) is the bottleneck of LightGCN on
// CPU; this kernel does one pass over the nonzeros per product, rows shared out by the work pool.

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace rd {

struct TrainingData;

struct CsrGraph {
    int64_t n = 0;
    std::vector<int64_t> indptr;
    std::vector<int32_t> indices;
    std::vector<float> values;

    /** The symmetrically normalised user–item graph D^-1/2 A D^-1/2 over users then items. */
    static CsrGraph normalisedBipartite(const TrainingData& data);
    /** y = A x for x [n, d] float (no autograd). */
    torch::Tensor multiply(const torch::Tensor& x) const;
};

/** y = A x with autograd; the backward uses A^T = A (the graph must be symmetric). */
torch::Tensor symmetricSpmm(const CsrGraph& graph, const torch::Tensor& x);

/**
 * LightGCN's propagation with autograd, as one function: mean over l = 0..layers of
 * A^l [users; items] ([users + items, d]). The forward adds each layer into the running sum in the
 * pass that computes it; the backward is Horner's (g + A(g + A(g + …)))/(layers + 1), `layers`
 * products with the add fused, and hands each table its part of the gradient: no concatenation,
 * no per-layer sums or temporaries for autograd to keep. The graph must be symmetric.
 */
torch::Tensor propagateMean(const CsrGraph& graph, const torch::Tensor& users,
                            const torch::Tensor& items, int layers);

/**
 * LightGCN's propagation for one training step, the last layer computed only at the rows the step
 * reads. The authors' code and RecBole propagate every layer over the whole graph at every step;
 * the rows read get the same numbers here (sums in the same order), the rows nobody reads are not
 * computed. begin() runs layers 0..L-1 over the whole graph; rows() gives the mean over layers
 * 0..L at the given rows, with autograd. The backward of all of a step's rows() is one pass:
 * Horner's, as propagateMean's, its first product gathering the rows read alone. With three layers
 * a step does two products over the whole graph forward instead of three.
 */
class StepPropagation {
public:
    StepPropagation();
    ~StepPropagation();
    StepPropagation(const StepPropagation&) = delete;
    StepPropagation& operator=(const StepPropagation&) = delete;

    void begin(const CsrGraph& graph, const torch::Tensor& users, const torch::Tensor& items,
               int layers);
    /** Mean over l = 0..layers of A^l [users; items] at rows (ids over users then items), [k, d].
     */
    torch::Tensor rows(const torch::Tensor& ids);
    void clear();
    bool active() const { return token_.defined(); }

    struct State;

private:
    std::shared_ptr<State> state_;
    torch::Tensor token_;
};

}  // namespace rd
