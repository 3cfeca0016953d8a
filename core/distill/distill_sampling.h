#pragma once

// Internal to core: sampling and batch helpers shared by the distillation hooks (all from rd::Rng).

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "models/rec_model.h"

namespace rd {

class Rng;

/**
 * k distinct ranks from [0, m) with p ∝ exp(−rank/temperature) (sequential sampling without
 * replacement, by Gumbel top-k), returned in ascending order so the teacher's order is kept.
 */
std::vector<int32_t> sampleRanks(int32_t m, int32_t k, double temperature, Rng& rng);

/**
 * k distinct ranks from [0, m), each the better of two ranks drawn with p ∝ exp(−rank/temperature)
 * (a two-way tournament; repeated picks are drawn again), returned in ascending order. The
 * rank-aware draw of Collaborative Distillation in chengang95/UnKD, UnKD/sample.py
 * (CD.get_rank_sample).
 */
std::vector<int32_t> sampleRanksTournament(int32_t m, int32_t k, double temperature, Rng& rng);

/**
 * CD's draw for every user: k ranks by sampleRanksTournament from the user's own candidates, the
 * first min(m, valid[u]) of the teacher's list (valid[u] real entries: a user with many training
 * items has fewer unobserved ones), so one user with a short list does not shorten everyone's.
 * A user with fewer than k candidates takes each of them about equally often, in rank order (the
 * loss is a mean over the k columns); a user with none gets rank 0 (not covered by the teacher:
 * the method skips such users). Returns int64 [valid.size(), k].
 */
torch::Tensor drawRanksPerUser(const std::vector<int32_t>& valid, int32_t m, int32_t k,
                               double temperature, Rng& rng);

/** k distinct indices of [0, n) with p ∝ weights (Gumbel top-k; zero weights only when needed). */
std::vector<int32_t> sampleByWeight(const float* weights, int32_t n, int32_t k, Rng& rng);

/**
 * DCD's draw: k entries per row of weights [n, M] without replacement, p ∝ weight (Gumbel top-k
 * on log weights; a row with fewer than k non-zero weights fills up uniformly among its zero ones,
 * where multinomial would refuse). real [n, M] (bool, or undefined = all real) marks each row's
 * own list: an entry past it is never drawn while the row has k real entries. Returns int64
 * [n, k] positions.
 */
torch::Tensor drawByErrors(const torch::Tensor& weights, const torch::Tensor& real, int64_t k,
                           Rng& rng);

/** A tensor of the given shape with uniform values in (0, 1) from rng. */
torch::Tensor uniformTensor(at::IntArrayRef shape, Rng& rng);
/** softmax((log p + Gumbel noise) / tau) over the last dimension; hard = one-hot forward, soft
 * gradient. */
torch::Tensor gumbelSoftmax(const torch::Tensor& logits, double tau, bool hard, Rng& rng);

/** The distinct users of a batch (sorted): per-user losses run once per user. */
torch::Tensor distinctUsers(const Batch& batch);
/** The distinct items of a batch (positives and negatives, sorted). */
torch::Tensor distinctItems(const Batch& batch);
/** Rows of an int32 [users, n] table for the given int64 users, as int64. */
torch::Tensor rowsFor(const torch::Tensor& table, const torch::Tensor& users);

/**
 * Sum of per-entity losses over the batch size: the scale of a summed loss next to a mean BPR. This
 * is the reference reduction of DE-RRD and HTD (a sum over the batch's distinct entities next to a
 * BPR summed over the batch).
 */
torch::Tensor perBatch(const torch::Tensor& perEntity, const Batch& batch);

/**
 * The mean over the batch's rows (training pairs) of each row's user loss: perUser is one value per
 * distinct user (in distinctUsers order), counted as often as the user appears in the batch. This
 * is the reference reduction of RD, CD and UnKD, whose losses are averaged (or summed next to a
 * summed BPR) over the rows of the BPR batch.
 */
torch::Tensor perBatchRows(const torch::Tensor& perUser, const Batch& batch);

}  // namespace rd
