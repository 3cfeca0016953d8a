#pragma once

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "eval/metric_table.h"

namespace rd {

class CancelToken;
class TrainedModel;
struct TrainingData;

/**
 * SASRec's sampled evaluation (Kang & McAuley's code, evaluate()/evaluate_valid()), for
 * reproducing papers: each held-out item of `part` is ranked among itself and `negatives` items
 * drawn uniformly, with replacement, from the items the user has not trained on (as there, the
 * user's other held-out items may be drawn). rank = how many drawn items score strictly higher;
 * SampledHR@K = [rank < K], SampledNDCG@K = [rank < K] / log2(rank + 2), averaged over a user's
 * held-out items and then over users. The draws are fixed per (part, user): every model of every
 * experiment on the same split is ranked against the same items, and the same model gets the same
 * figure every time (the reference draws anew at each evaluation). Scores come from
 * the model prepared for `part` (a sequential model reads the history before it). Returns
 * "SampledHR@K" and "SampledNDCG@K" for each K; throws Cancelled per block of users.
 */
MetricTable sampledRankingMetrics(const TrainedModel& model, const TrainingData& data,
                                  const std::vector<int32_t>& users, SplitPart part, int negatives,
                                  const std::vector<int>& ks, const CancelToken* cancel = nullptr);

}  // namespace rd
