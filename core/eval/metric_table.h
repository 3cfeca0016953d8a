#pragma once

#include <map>
#include <string>

namespace rd {

/** Named metric values, e.g. {"NDCG@10", 0.29}, {"Gini@20", 0.71}, {"params", 1.2e5}. */
using MetricTable = std::map<std::string, double>;

}  // namespace rd
