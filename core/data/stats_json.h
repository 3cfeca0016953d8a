#pragma once

#include <nlohmann/json.hpp>

#include "data/dataset_stats.h"

namespace rd {

/** The CLI's `stats --json` object: users, items, interactions, categories (count), hash, … */
nlohmann::json statsToJson(const DatasetStats& stats);

}  // namespace rd
