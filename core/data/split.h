#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace rd {

enum class SplitKind {
    RandomRatio,    ///< per user, shuffled, ratio train:valid:test (RecBole's rounding)
    LeaveOneOut,    ///< per user, latest to test, second latest to validation (timestamp ties in
                    ///< file order; without timestamps a seeded random pick)
    TemporalRatio,  ///< global: oldest share to train, then valid, newest to test
    AsGiven         ///< the file's own split (pre-split formats)
};

struct SplitConfig {
    SplitKind kind = SplitKind::RandomRatio;
    double train = 0.8, valid = 0.1, test = 0.1;
    uint64_t seed = 2020;
};

/** Parses "random", "loo", "temporal", "given"; throws std::invalid_argument otherwise. */
SplitKind splitKindFromName(const std::string& name);
std::string splitKindName(SplitKind kind);

/**
 * A split of a data set: one SplitPart per interaction, aligned with the data set's CSR.
 * Identical for the same data set, config and seed on every machine.
 */
struct Split {
    std::vector<uint8_t> part;
    int64_t count(SplitPart p) const;
};

/** Throws std::invalid_argument when the kind cannot apply (no timestamps, not pre-split, bad
 * ratios). */
Split makeSplit(const Dataset& dataset, const SplitConfig& config);

}  // namespace rd
