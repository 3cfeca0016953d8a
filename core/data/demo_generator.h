#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "data/dataset.h"
#include "util/cancel_token.h"

namespace rd {

/** Parameters of the built-in demo data set. */
struct DemoConfig {
    int32_t users = 1000;
    int32_t items = 1500;
    int32_t factors = 8;        ///< latent dimension of the generating model
    int32_t categories = 12;    ///< item categories (genres)
    double meanPerUser = 65.0;  ///< mean interactions per user (log-normal activity)
    /// Total interactions wanted (0 = about users × meanPerUser): the activities are scaled to this
    /// sum exactly; items nobody chose are then given to one user each, which adds a few more.
    int64_t interactions = 0;
    double zipfExponent = 1.0;  ///< item popularity ~ 1 / rank^s
    uint64_t seed = 42;
    /// Time order with structure a sequential model can use: each user moves through categories
    /// (stays in the category of the previous item with probability 0.85 while it has items
    /// there, else moves on to the next category, in a fixed cyclic order, where it has items).
    /// false: the user meets the chosen items in a random order. The items are the same.
    bool sequential = false;
    std::string name = "demo";  ///< the data set's name and source path (the demo path asked for)
};

/** The fewest and the most items one generated user gets out of `items` (so that every user can be
 *  split, and no user takes a large part of the catalogue). */
std::pair<int64_t, int64_t> demoItemsPerUser(int32_t items);

/**
 * Generates a synthetic implicit-feedback data set from a latent-factor model with Zipf-like item
 * popularity and category-aligned item factors, so that both accuracy metrics (there is structure
 * to learn) and diversity metrics (there is a long tail and categories) mean something. Ratings 1-5
 * and timestamps are generated too. Deterministic by seed; about 65k interactions by default, in
 * milliseconds.
 *
 * Each user's items are a draw without replacement ∝ popularity · exp(affinity / T). Up to 2^22
 * user-item pairs every pair is scored (exact); larger sets draw by rejection from a per-category
 * proposal, with each item's deviation from its category mean capped at three standard deviations
 * (about 0.1 % of pairs are down-weighted): 1 M interactions take about 2.5 s on one core, and
 * memory grows with the interactions, not with users × items (10 M: about 600 MB at peak). Throws
 * std::invalid_argument when config.interactions cannot be reached (see demoItemsPerUser),
 * Cancelled when cancel is set.
 */
Dataset generateDemoDataset(const DemoConfig& config = {}, const CancelToken* cancel = nullptr);

}  // namespace rd
