#pragma once

// Internal to core: the pure loss math of the distillation methods, on plain tensors, so tests can
// check each against values computed by hand. Inputs are [U, n] (one row per user); every loss
// returns one value per row, [U]; the hooks reduce the rows over the batch (perBatch: the sum over
// the batch's distinct users / B; perBatchRows: the mean over the batch's rows, each row counting
// its user's loss) as the method's reference implementation does.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace rd {

/** τ² · KL(softmax(t/τ) ‖ softmax(s/τ)) per row (Hinton et al. 2015). */
torch::Tensor softLabelLoss(const torch::Tensor& student, const torch::Tensor& teacher, double tau);

/** Ranking Distillation position weights: w_r ∝ exp(−r/positionTemp), r = 1..k, summing to 1. */
torch::Tensor rankDistillWeights(int64_t k, double positionTemp);
/** −Σ_r w_r log σ(s_r) per row: the teacher's top-k as weighted positives (Tang & Wang 2018). */
torch::Tensor rankDistillLoss(const torch::Tensor& student, const torch::Tensor& weights);

/** Collaborative Distillation soft labels w = σ(t / T). */
torch::Tensor collaborativeDistillWeights(const torch::Tensor& teacher, double temperature);
/**
 * −(1/n) Σ [w log σ(s) + (1−w) log(1−σ(s))] per row of n items, w = σ(t/T) (Lee et al. 2019): the
 * MEAN over the sampled items, as in the CD baseline of UnKD's reference code (chengang95/UnKD,
 * the CD class in UnKD/sample.py).
 */
torch::Tensor collaborativeDistillLoss(const torch::Tensor& student, const torch::Tensor& teacher,
                                       double temperature);

/**
 * Relaxed ranking (Plackett–Luce) loss of DE-RRD per row: `ordered` [U,K] in the teacher's order,
 * `below` [U,L] items that must rank under all of them (unordered):
 * −Σ_k [s_k − log(Σ_{l≥k} e^{s_l} + Σ_j e^{below_j})].
 */
torch::Tensor relaxedRankingLoss(const torch::Tensor& ordered, const torch::Tensor& below);

/** −Σ log σ(high − low) per row: BPR on item pairs whose order the teacher gave. */
torch::Tensor pairwiseRankingLoss(const torch::Tensor& high, const torch::Tensor& low);

/**
 * UnKD's per-user loss: the MEAN of −log σ(high − low) over the row's valid pairs (mask 1; a row
 * without any is 0). Reference: chengang95/UnKD, UnKD/sample.py (UnKD.sample_diff averages over the
 * user's pairs, then over the batch).
 */
torch::Tensor meanPairwiseRankingLoss(const torch::Tensor& high, const torch::Tensor& low,
                                      const torch::Tensor& mask);

/**
 * UnKD's pair budget: `pairs` pairs per user in all, split over `groups` popularity groups in equal
 * shares, the remainder going to the first (least popular) groups. The reference splits by a group
 * ratio raised to a power whose default, 0, makes the shares equal (chengang95/UnKD, UnKD/parse.py
 * and UnKD/sample.py).
 */
std::vector<int32_t> unkdPairBudget(int32_t pairs, int groups);

/**
 * UnKD's popularity groups: items sorted by training popularity (ascending, ties by id) and cut
 * into `groups` consecutive groups holding about equal total interactions. Returns each item's
 * group.
 */
std::vector<int32_t> popularityGroups(const std::vector<int64_t>& popularity, int groups);

/**
 * HTD's topology terms for one batch of entities (Kang et al., KDD 2021): s [n, dim_s] student and
 * t [n, dim_t] teacher representations, g [n, K] non-negative group weights (one-hot in practice).
 * With ŝ, t̂ the unit rows and p_k the unit group prototypes (weighted means), the sum of
 *   group level:  Σ_{k,l present} (⟨p^s_k, p^s_l⟩ − ⟨p^t_k, p^t_l⟩)²
 *   within:       Σ_{i,j} (Σ_k g_ik g_jk) (⟨ŝ_i, ŝ_j⟩ − ⟨t̂_i, t̂_j⟩)²
 *   towards:      Σ_{i, k present} (1 − g_ik) (⟨ŝ_i, p^s_k⟩ − ⟨t̂_i, p^t_k⟩)²
 * The within term is computed per group from d×d Gram matrices, ‖AᵀA‖² − 2‖AᵀB‖² + ‖BᵀB‖² with
 * A = diag(√g_k) ŝ, B = diag(√g_k) t̂ (the same sum as the n×n form, since ‖XXᵀ‖_F = ‖XᵀX‖_F):
 * O(n·d²) instead of O(n²·d), which made HTD the slowest method by far.
 */
torch::Tensor htdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t,
                              const torch::Tensor& g);

}  // namespace rd
