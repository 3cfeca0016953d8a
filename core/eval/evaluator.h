#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "data/dataset.h"
#include "eval/metric_table.h"
#include "eval/ranking_metrics.h"
#include "util/cancel_token.h"

namespace rd {

class TrainedModel;
struct TrainingData;

struct EvalOptions {
    SplitPart part =
        SplitPart::Test;  ///< Valid masks training items; Test masks training and validation
    std::vector<int> ks{5, 10, 20, 50};
    int batchUsers = 4096;
    bool beyondAccuracy =
        true;  ///< diversity metrics and exposure (validation during training skips them)
    int latencySample = 0;  ///< users timed one by one for per-user latency (0 = skip)
    uint64_t seed = 2020;
    /** > 0: also SampledHR@K / SampledNDCG@K against this many sampled items (sampled_ranking.h).
     */
    int sampledNegatives = 0;
    const CancelToken* cancel = nullptr;  ///< checked per block of users; not owned
    /** Data-parallel validation: of the users with held-out items (in id order), evaluate only
     *  every `shards`-th one, starting at position `shard`. The metrics are then means over those
     *  users (eval_users their count); a sum over the shards of mean × eval_users gives the whole.
     */
    int shards = 1;
    int shard = 0;
    /** With shards > 1, for a sharded test evaluation whose metrics must be the whole's: this
     *  process ranks only its shard's users, then passes their top-K rows (K = the largest of ks,
     *  K items per user, -1 padding) and the number of evaluated users here, and gets back every
     *  evaluated user's rows in evaluation order (position p from shard p % shards, its row
     *  p / shards). Every metric is then computed over all users, as without shards. Unset: the
     *  metrics are the shard's (validation). */
    std::function<std::vector<int32_t>(const std::vector<int32_t>& shardRows, int k, int64_t users)>
        gatherLists;
};

/** Full-ranking evaluation of one model on one held-out part. */
struct EvalResult {
    MetricTable metrics;  ///< "NDCG@10", … plus cost figures "eval_seconds", "latency_p50_ms", …
    TopKLists lists;      ///< every evaluated user's top max(ks)
    PopularityExposure exposure;  ///< at K = 10 (or the largest K below it)
    double seconds = 0;           ///< scoring + top-K for all evaluated users
};

/** Throws Cancelled once options.cancel is set: scoring and top-K are checked per block of users
 *  (well under a second each), the metrics and the latency sample per user. */
EvalResult evaluateModel(const TrainedModel& model, const TrainingData& data,
                         const EvalOptions& options);
/**
 * Top-k for the given users with the masking of `part` (no metrics). Users are scored in blocks of
 * at most batchUsers users and 4 M scores (so a block's memory and time stay bounded on large
 * catalogues); throws Cancelled between blocks once cancel is set.
 */
TopKLists rankUsers(const TrainedModel& model, const TrainingData& data,
                    const std::vector<int32_t>& users, int k, SplitPart part, int batchUsers = 4096,
                    const CancelToken* cancel = nullptr);
/** The evaluation context (popularity, categories or interaction columns) of a training split. */
EvalContext makeEvalContext(const TrainingData& data, uint64_t seed);

}  // namespace rd
