#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "eval/ranking_metrics.h"

namespace rd {

struct TrainingData;

/**
 * Each evaluated user's own value of the accuracy metrics that paired tests need: "NDCG@K" and
 * "Recall@K" for every K asked for, exactly as computeRankingMetrics defines them (so the mean over
 * users is the reported metric). Users are those of `lists` with at least one held-out item, in
 * ascending order; every vector of `values` is aligned with `users`.
 */
struct PerUserValues {
    std::vector<int32_t> users;
    std::map<std::string, std::vector<double>> values;
};

PerUserValues perUserAccuracy(const TopKLists& lists, const TrainingData& data, SplitPart part,
                              const std::vector<int>& ks);

}  // namespace rd
