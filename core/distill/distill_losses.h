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

/** τ² · KL(softmax(t/τ) ‖ softmax(s/τ)) per row (Hinton et al. 2015). real (bool, the same
 *  shape, optional): only the true entries of each row take part, as if the row ended there. */
torch::Tensor softLabelLoss(const torch::Tensor& student, const torch::Tensor& teacher, double tau,
                            const torch::Tensor& real = {});

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
 * RD's ranking-discrepancy weights (graytowne/rank_distill distill_caser.py): for candidate scores
 * [n, K] (the teacher's top-K, in order) and scores of uniformly drawn unobserved items [n, S], the
 * student's estimated rank r̂ = ⌊(numItems − 1) · #{sampled scored above} / S⌋ and the weight
 * max(0, tanh(μ (r̂ − r))) for position r (0-based). No gradient.
 */
torch::Tensor rankDiscrepancyWeights(const torch::Tensor& candidates, const torch::Tensor& sampled,
                                     int64_t numItems, double mu);

/**
 * DCD's errors on a teacher list (dudwns511/DCD_CIKM21 run_dcd.py): scores [n, M] the student's
 * scores of each row's teacher top-M (position = teacher rank). With r_S the student's rank within
 * the list: under = tanh(max((r_S − r_T)/T, 0)), over = tanh(max((r_T − r_S)/T, 0)), both [n, M].
 */
std::pair<torch::Tensor, torch::Tensor> dcdRankErrors(const torch::Tensor& scores,
                                                      double temperature);

/** HTD's group-level design (model.py `choice`): 'second' Group(P,e), 'first' Group(P,P). */
enum class HtdChoice { PrototypeEntity, PrototypePrototype };

/**
 * HTD's topology loss for one batch (Kang et al., KDD 2021; model.py get_TD_loss2 / get_TD_loss1):
 * s [n, dim_s] student and t [n, dim_t] teacher representations of the batch's users and items
 * together, groups [n] each entity's topology group in [0, numGroups) (users 0..K−1, items
 * K..2K−1). With ŝ, t̂ unit rows and p^s_k, p^t_k the unit prototypes of the present groups (the
 * groups' mean representations, constants: no gradient), the sum of
 *   entity level: Σ_{i,j same group, ⟨t̂_i, t̂_j⟩ > 0} (⟨ŝ_i, ŝ_j⟩ − ⟨t̂_i, t̂_j⟩)²
 *   group level, PrototypeEntity: Σ_{k present, every i} (⟨ŝ_i, p^s_k⟩ − ⟨t̂_i, p^t_k⟩)²
 *                PrototypePrototype: Σ_{k,l present} (⟨p^s_k, p^s_l⟩ − ⟨p^t_k, p^t_l⟩)²; with the
 *                prototypes constant this term has no gradient in get_TD_loss1 either, so the
 *                'first' choice trains through the entity level alone, as the authors' code does.
 * The entity level runs group by group (Σ n_g² similarities instead of n²).
 */
torch::Tensor htdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t,
                              const torch::Tensor& groups, int64_t numGroups,
                              HtdChoice choice = HtdChoice::PrototypeEntity);

/** FTD's full topology (model.py FTD.get_TD_loss): Σ_{i,j} (⟨ŝ_i, ŝ_j⟩ − ⟨t̂_i, t̂_j⟩)² over the
 * batch's users and items together. */
torch::Tensor ftdTopologyLoss(const torch::Tensor& s, const torch::Tensor& t);

}  // namespace rd
