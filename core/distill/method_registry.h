#pragma once

#include <string>
#include <vector>

#include "catalog/param_schema.h"

namespace rd {

/**
 * A registered distillation method: what the GUI lists and explains to a class, and what the CLI
 * validates configs against (no torch types here). Every method's schema carries its loss weight
 * `lambda` (except `none`) with the source's default; the student trains on L_base + λ · L_KD.
 */
struct MethodInfo {
    std::string name;         ///< config name, e.g. "rrd"
    std::string displayName;  ///< e.g. "RRD (relaxed ranking distillation)"
    std::string description;  ///< one paragraph for a class
    std::string formula;      ///< the loss as plain text
    std::string
        reference;  ///< the paper and the code whose defaults it follows (repository, files)
    int year = 0;   ///< of the paper; lists are ordered by it ("none" has 0, so it comes first)
    ParamSchema schema;
    bool needsEmbeddings = false;  ///< reads userRepr/itemRepr of teacher and student (de, htd)
    /// reads the teacher's score of every (user, item), not only each user's top list (dcd's item
    /// side, unkd's per-group rankings): an external teacher must give a full score matrix
    bool needsFullScores = false;
    /// the integer parameter whose value is the method's minimum of epochs, before which early
    /// stopping may not end its run (htd: anneal_epochs, as its notebook trains the annealing
    /// length); empty = none. Its LossHook::minimumEpochs() returns the same value.
    std::string minimumEpochsParam;
};

/** Every registered method, by year of its paper ("none" first). */
const std::vector<MethodInfo>& methodInfos();
/** Throws std::invalid_argument listing the known names when name is not registered. */
const MethodInfo& findMethod(const std::string& name);

}  // namespace rd
