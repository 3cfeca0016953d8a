#pragma once

#include <string>
#include <vector>

#include "catalog/param_schema.h"

namespace rd {

/** A registered model: what the GUI lists and the CLI validates against (no torch types here). */
struct ModelInfo {
    std::string name;         ///< config name, e.g. "lightgcn"
    std::string displayName;  ///< e.g. "LightGCN"
    std::string description;  ///< one paragraph
    std::string reference;    ///< the paper and the code whose defaults it follows
    int year = 0;             ///< of the paper; lists are ordered by it (0: no paper)
    ParamSchema schema;
    bool trainable = true;    ///< false for `pop`
    bool sequential = false;  ///< reads each user's history in time order: needs timestamps
};

/** Every registered model: trainable ones by year of their paper, then the others. */
const std::vector<ModelInfo>& modelInfos();
/** Throws std::invalid_argument listing the known names when name is not registered. */
const ModelInfo& findModel(const std::string& name);

}  // namespace rd
