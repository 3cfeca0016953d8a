#pragma once

#include <cstdint>

#include "data/dataset.h"

namespace rd {

/** Parameters of the built-in demo data set. */
struct DemoConfig {
    int32_t users = 1000;
    int32_t items = 1500;
    int32_t factors = 8;          ///< latent dimension of the generating model
    int32_t categories = 12;      ///< item categories (genres)
    double meanPerUser = 65.0;    ///< mean interactions per user (log-normal activity)
    double zipfExponent = 1.0;    ///< item popularity ~ 1 / rank^s
    uint64_t seed = 42;
};

/**
 * Generates a synthetic implicit-feedback data set from a latent-factor model with Zipf-like item
 * popularity and category-aligned item factors, so that both accuracy metrics (there is structure to
 * learn) and diversity metrics (there is a long tail and categories) mean something. Ratings 1-5 and
 * timestamps are generated too. Deterministic by seed; about 65k interactions by default, in
 * milliseconds.
 */
Dataset generateDemoDataset(const DemoConfig& config = {});

}  // namespace rd
