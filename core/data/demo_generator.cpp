#include "data/demo_generator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/dataset_builder.h"
#include "util/rng.h"

namespace rd {

namespace {

// Affinity p·q is of order ±1; this temperature lets it move a choice by several e-folds,
// comparable to the popularity bias. Tuned so that a user's items share categories about twice as
// often as random pairs while the top 10% of items still hold about 40% of the interactions: colder
// gives more structure and a shorter head.
constexpr double kTemperature = 0.15;
// How strongly item and user factors lean towards their categories' centroids (the rest is noise).
constexpr double kCentroidWeight = 0.9;
constexpr double kFactorNoise = 0.45;
constexpr double kActivitySigma = 0.8;  // log-normal spread of user activity
constexpr double kRatingNoise = 0.25;   // so a rating is not a deterministic function of affinity
// Cumulative shares of ratings 1..4 (the rest are 5s), roughly those of MovieLens.
constexpr double kRatingCdf[4] = {0.06, 0.17, 0.44, 0.78};
constexpr int64_t kEpoch = 1577836800;      // 2020-01-01T00:00:00Z
constexpr int64_t kYearSeconds = 31622400;  // 2020 is a leap year

// Independent streams per purpose, so changing how one part draws does not reshuffle the others.
enum Stream : uint64_t {
    kModel = 1,
    kChoice = 2,
    kRating = 3,
    kTime = 4,
    kActivity = 5,
    kOrphan = 6
};
// Above this many user-item pairs, scoring every pair costs seconds: draw by rejection instead.
constexpr int64_t kExactPairs = int64_t{1} << 22;
// The rejection sampler caps an item's deviation from its category mean at this many standard
// deviations of the user's affinity to it: the acceptance rate stays near 7 %, and only the
// weights of the rare pairs beyond the cap (about 0.1 %) are lowered.
constexpr double kResidualCap = 3.0;
// Users per cancel check: a block takes a few milliseconds whichever way items are chosen.
constexpr size_t kCancelBlock = 256;

const char* const kCategoryNames[] = {"Action", "Adventure",   "Animation", "Comedy",
                                      "Crime",  "Documentary", "Drama",     "Fantasy",
                                      "Horror", "Romance",     "Sci-Fi",    "Thriller"};

std::vector<std::string> categoryNames(int32_t n) {
    std::vector<std::string> names;
    for (int32_t k = 0; k < n; ++k)
        names.push_back(k < 12 ? kCategoryNames[k] : "Category " + std::to_string(k + 1));
    return names;
}

double dot(const double* a, const double* b, int32_t d) {
    double s = 0.0;
    for (int32_t k = 0; k < d; ++k) s += a[k] * b[k];
    return s;
}

/** A factor vector leaning towards the mean of the given centroids. */
void leanTowards(double* out, const std::vector<int32_t>& cats,
                 const std::vector<double>& centroids, int32_t d, Rng& rng) {
    const double noise = kFactorNoise / std::sqrt(static_cast<double>(d));
    for (int32_t k = 0; k < d; ++k) {
        double c = 0.0;
        for (int32_t cat : cats) c += centroids[static_cast<size_t>(cat) * d + k];
        out[k] = kCentroidWeight * c / static_cast<double>(cats.size()) + noise * rng.normal();
    }
}

/** 1 to maxCount distinct categories (half the time one), sorted. */
std::vector<int32_t> drawCategories(int32_t nCategories, Rng& rng, int32_t maxCount = 3) {
    const double u = rng.uniform();
    const int32_t want = std::min({nCategories, maxCount, u < 0.5 ? 1 : (u < 0.85 ? 2 : 3)});
    std::vector<int32_t> cats;
    while (static_cast<int32_t>(cats.size()) < want) {
        const auto c = static_cast<int32_t>(rng.below(static_cast<uint64_t>(nCategories)));
        if (std::find(cats.begin(), cats.end(), c) == cats.end()) cats.push_back(c);
    }
    std::sort(cats.begin(), cats.end());
    return cats;
}

/** Gumbel noise from a uniform in (0, 1), never 0 so the logs stay finite. */
double gumbel(Rng& rng) {
    const double u = (static_cast<double>(rng.next() >> 11) + 0.5) * 0x1.0p-53;
    return -std::log(-std::log(u));
}

/** The generating model: factors, categories and popularity of every user and item. */
struct Model {
    int32_t d = 0;
    std::vector<double> p, q;  // user and item factors, row-major
    std::vector<std::vector<int32_t>> itemCats;
    std::vector<double> bias;  // log popularity of each item

    double affinity(int32_t u, int32_t i) const {
        return dot(&p[static_cast<size_t>(u) * d], &q[static_cast<size_t>(i) * d], d);
    }
};

Model drawModel(int32_t nUsers, int32_t nItems, int32_t nCats, int32_t d, double zipf, Rng& rng) {
    Model m;
    m.d = d;
    // Category centroids on the unit sphere; items and users lean towards theirs.
    std::vector<double> centroids(static_cast<size_t>(nCats) * d);
    for (int32_t c = 0; c < nCats; ++c) {
        double* v = &centroids[static_cast<size_t>(c) * d];
        double norm = 0.0;
        for (int32_t k = 0; k < d; ++k) {
            v[k] = rng.normal();
            norm += v[k] * v[k];
        }
        norm = std::sqrt(std::max(norm, 1e-12));
        for (int32_t k = 0; k < d; ++k) v[k] /= norm;
    }
    m.itemCats.resize(nItems);
    m.q.resize(static_cast<size_t>(nItems) * d);
    m.p.resize(static_cast<size_t>(nUsers) * d);
    for (int32_t i = 0; i < nItems; ++i) {
        m.itemCats[i] = drawCategories(nCats, rng);
        leanTowards(&m.q[static_cast<size_t>(i) * d], m.itemCats[i], centroids, d, rng);
    }
    for (int32_t u = 0; u < nUsers; ++u)  // a user's taste: one or two favourite categories
        leanTowards(&m.p[static_cast<size_t>(u) * d], drawCategories(nCats, rng, 2), centroids, d,
                    rng);

    // Popularity independent of category: a random rank per item, weight 1/rank^s.
    std::vector<int32_t> rank(nItems);
    std::iota(rank.begin(), rank.end(), 1);
    rng.shuffle(rank.begin(), rank.end());
    m.bias.resize(nItems);
    for (int32_t i = 0; i < nItems; ++i) m.bias[i] = -zipf * std::log(rank[i]);
    return m;
}

/**
 * Each user's items, sorted. Sampling without replacement ∝ exp(p·q/T + b) is taking the top n of
 * the Gumbel-perturbed logits; each user has its own stream, so users do not depend on each other.
 */
std::vector<std::vector<int32_t>> chooseItems(const Model& m, const std::vector<int64_t>& activity,
                                              uint64_t seed, const CancelToken* cancel) {
    const auto nItems = static_cast<int32_t>(m.bias.size());
    std::vector<std::vector<int32_t>> chosen(activity.size());
    std::vector<double> keys(nItems);
    std::vector<int32_t> order(nItems);
    for (size_t u = 0; u < activity.size(); ++u) {
        if (u % kCancelBlock == 0) throwIfCancelled(cancel);
        Rng rng(Rng::mix(seed, u));
        for (int32_t i = 0; i < nItems; ++i)
            keys[i] =
                m.affinity(static_cast<int32_t>(u), i) / kTemperature + m.bias[i] + gumbel(rng);
        std::iota(order.begin(), order.end(), 0);
        const auto n = static_cast<std::ptrdiff_t>(activity[u]);
        // A total order (ties by id) so every standard library selects the same set.
        std::nth_element(
            order.begin(), order.begin() + n - 1, order.end(),
            [&](int32_t a, int32_t b) { return keys[a] != keys[b] ? keys[a] > keys[b] : a < b; });
        chosen[u].assign(order.begin(), order.begin() + n);
        std::sort(chosen[u].begin(), chosen[u].end());
    }
    return chosen;
}

/** Items grouped by their category set, the unit of the rejection sampler's proposal. */
struct ItemGroups {
    std::vector<int32_t> items;    // grouped, ascending ids within a group
    std::vector<int64_t> offsets;  // group g holds items[offsets[g] .. offsets[g + 1])
    std::vector<double> cumPop;    // running sum of exp(bias) within each group, aligned with items
    std::vector<double> logMass;   // log of each group's total exp(bias)
    std::vector<double> mean;      // [groups, d] mean item factor
    std::vector<double>
        residual;             // [items, d] item factor minus its group's mean, aligned with items
    double residualSd = 0.0;  // per dimension, over all items
};

ItemGroups groupItems(const Model& m) {
    const auto nItems = static_cast<int32_t>(m.bias.size());
    const int32_t d = m.d;
    std::map<std::vector<int32_t>, std::vector<int32_t>> bySet;  // ordered: deterministic groups
    for (int32_t i = 0; i < nItems; ++i) bySet[m.itemCats[i]].push_back(i);
    ItemGroups g;
    g.offsets.push_back(0);
    double squares = 0.0;
    for (const auto& [cats, members] : bySet) {
        std::vector<double> mean(d, 0.0);
        double mass = 0.0;
        for (int32_t i : members) {
            for (int32_t k = 0; k < d; ++k) mean[k] += m.q[static_cast<size_t>(i) * d + k];
            mass += std::exp(m.bias[i]);
            g.cumPop.push_back(mass);
            g.items.push_back(i);
        }
        for (double& v : mean) v /= static_cast<double>(members.size());
        for (int32_t i : members)
            for (int32_t k = 0; k < d; ++k) {
                const double r = m.q[static_cast<size_t>(i) * d + k] - mean[k];
                g.residual.push_back(r);
                squares += r * r;
            }
        g.mean.insert(g.mean.end(), mean.begin(), mean.end());
        g.logMass.push_back(std::log(mass));
        g.offsets.push_back(static_cast<int64_t>(g.items.size()));
    }
    g.residualSd = std::sqrt(squares / (static_cast<double>(nItems) * d));
    return g;
}

/** Index of the first entry of the ascending [first, last) above x (the last one if none is). */
int64_t pick(const double* first, const double* last, double x) {
    const auto at = std::upper_bound(first, last, x) - first;
    return std::min<int64_t>(at, (last - first) - 1);
}

/**
 * The same draw as chooseItems (successive sampling without replacement ∝ exp(p·q/T + b) is what
 * Gumbel top-n computes) without scoring every item: propose a category group ∝ its popularity
 * mass · exp(p·mean/T), an item in it ∝ exp(b), and accept it with probability
 * exp(p·(q − mean)/T − cap). A user whose draws keep hitting items already taken (a heavy user in
 * a small catalogue) gets the rest by the exact method over the items not taken.
 */
std::vector<std::vector<int32_t>> chooseItemsSampled(const Model& m,
                                                     const std::vector<int64_t>& activity,
                                                     uint64_t seed, const CancelToken* cancel) {
    const auto nItems = static_cast<int32_t>(m.bias.size());
    const int32_t d = m.d;
    const ItemGroups g = groupItems(m);
    const auto nGroups = static_cast<int32_t>(g.logMass.size());
    std::vector<std::vector<int32_t>> chosen(activity.size());
    std::vector<double> groupCum(nGroups);
    std::vector<uint32_t> takenBy(nItems, 0);  // user + 1 who holds the item, for this user's draw
    std::vector<double> keys;
    std::vector<int32_t> rest;
    for (size_t u = 0; u < activity.size(); ++u) {
        if (u % kCancelBlock == 0) throwIfCancelled(cancel);
        Rng rng(Rng::mix(seed, u));
        const double* p = &m.p[u * d];
        const auto mark = static_cast<uint32_t>(u + 1);
        double top = -INFINITY;
        for (int32_t k = 0; k < nGroups; ++k) {
            groupCum[k] =
                g.logMass[k] + dot(p, &g.mean[static_cast<size_t>(k) * d], d) / kTemperature;
            top = std::max(top, groupCum[k]);
        }
        double total = 0.0;
        for (double& w : groupCum) w = total += std::exp(w - top);
        const double cap = kResidualCap * std::sqrt(dot(p, p, d)) * g.residualSd / kTemperature;

        const int64_t want = activity[u];
        std::vector<int32_t>& list = chosen[u];
        list.reserve(static_cast<size_t>(want));
        for (int64_t tries = 0;
             static_cast<int64_t>(list.size()) < want && tries < 64 * want + 1024; ++tries) {
            const int64_t grp =
                pick(groupCum.data(), groupCum.data() + nGroups, rng.uniform() * total);
            const double* cum = g.cumPop.data();
            const int64_t b = g.offsets[grp], e = g.offsets[grp + 1];
            const int64_t at = b + pick(cum + b, cum + e, rng.uniform() * cum[e - 1]);
            const int32_t item = g.items[at];
            if (takenBy[item] == mark) continue;
            const double excess =
                dot(p, &g.residual[static_cast<size_t>(at) * d], d) / kTemperature - cap;
            if (excess < 0.0 && rng.uniform() >= std::exp(excess)) continue;
            takenBy[item] = mark;
            list.push_back(item);
        }
        if (static_cast<int64_t>(list.size()) < want) {
            rest.clear();
            keys.clear();
            for (int32_t i = 0; i < nItems; ++i)
                if (takenBy[i] != mark) {
                    rest.push_back(i);
                    keys.push_back(m.affinity(static_cast<int32_t>(u), i) / kTemperature +
                                   m.bias[i] + gumbel(rng));
                }
            std::vector<int32_t> order(rest.size());
            std::iota(order.begin(), order.end(), 0);
            const auto n = static_cast<std::ptrdiff_t>(want - static_cast<int64_t>(list.size()));
            std::nth_element(order.begin(), order.begin() + n - 1, order.end(),
                             [&](int32_t a, int32_t c) {
                                 return keys[a] != keys[c] ? keys[a] > keys[c] : a < c;
                             });
            for (std::ptrdiff_t k = 0; k < n; ++k) list.push_back(rest[order[k]]);
        }
        std::sort(list.begin(), list.end());
    }
    return chosen;
}

/**
 * adoptOrphans for large sets, where comparing every user costs orphans × users: each orphan goes
 * to the user who likes it most among a fixed sample of users.
 */
void adoptOrphansSampled(const Model& m, std::vector<std::vector<int32_t>>& chosen, uint64_t seed) {
    std::vector<uint8_t> used(m.bias.size(), 0);
    for (const auto& list : chosen)
        for (int32_t i : list) used[i] = 1;
    const auto nUsers = static_cast<uint64_t>(chosen.size());
    for (int32_t i = 0; i < static_cast<int32_t>(used.size()); ++i) {
        if (used[i]) continue;
        Rng rng(Rng::mix(seed, static_cast<uint64_t>(i)));
        auto best = static_cast<int32_t>(rng.below(nUsers));
        for (int k = 1; k < 256; ++k) {
            const auto u = static_cast<int32_t>(rng.below(nUsers));
            if (m.affinity(u, i) > m.affinity(best, i)) best = u;
        }
        chosen[best].insert(std::upper_bound(chosen[best].begin(), chosen[best].end(), i), i);
    }
}

/**
 * Scales the activities to sum to exactly `target`, keeping their shape: proportionally first,
 * then one more or one fewer for users in a seeded order until the sum is right (the caller has
 * checked that the bounds allow it).
 */
void scaleActivity(std::vector<int64_t>& activity, int64_t target, int64_t lo, int64_t hi,
                   uint64_t seed) {
    double sum = 0.0;
    for (int64_t n : activity) sum += static_cast<double>(n);
    const double factor = static_cast<double>(target) / sum;
    int64_t diff = target;
    for (auto& n : activity) {
        n = std::clamp<int64_t>(std::llround(static_cast<double>(n) * factor), lo, hi);
        diff -= n;
    }
    std::vector<size_t> order(activity.size());
    std::iota(order.begin(), order.end(), size_t{0});
    Rng(seed).shuffle(order.begin(), order.end());
    while (diff != 0)
        for (size_t u : order) {
            if (diff > 0 && activity[u] < hi)
                ++activity[u], --diff;
            else if (diff < 0 && activity[u] > lo)
                --activity[u], ++diff;
            if (diff == 0) break;
        }
}

/**
 * The builder drops items nobody chose (a handful at the default size); each goes to the user who
 * likes it most instead, so the catalogue keeps its size and its longest tail.
 */
void adoptOrphans(const Model& m, std::vector<std::vector<int32_t>>& chosen) {
    std::vector<uint8_t> used(m.bias.size(), 0);
    for (const auto& list : chosen)
        for (int32_t i : list) used[i] = 1;
    for (int32_t i = 0; i < static_cast<int32_t>(used.size()); ++i) {
        if (used[i]) continue;
        int32_t best = 0;
        for (int32_t u = 1; u < static_cast<int32_t>(chosen.size()); ++u)
            if (m.affinity(u, i) > m.affinity(best, i)) best = u;
        chosen[best].insert(std::upper_bound(chosen[best].begin(), chosen[best].end(), i), i);
    }
}

/** Seconds of n strictly increasing events within a random window of the year 2020. */
void drawTimeline(int32_t n, Rng& rng, std::vector<int64_t>& times) {
    const int64_t start = kEpoch + static_cast<int64_t>(rng.uniform() * 0.75 * kYearSeconds);
    const double share = 0.05 + 0.95 * rng.uniform();
    const int64_t span =
        std::max<int64_t>(86400 + n, static_cast<int64_t>(share * (kEpoch + kYearSeconds - start)));
    times.resize(n);
    for (auto& t : times)
        t = start + static_cast<int64_t>(rng.uniform() * static_cast<double>(span));
    std::sort(times.begin(), times.end());
    for (int32_t k = 1; k < n; ++k) times[k] = std::max(times[k], times[k - 1] + 1);
}

}  // namespace

std::pair<int64_t, int64_t> demoItemsPerUser(int32_t items) {
    const int64_t lo = std::min<int64_t>(5, std::max(3, items));
    return {lo, std::max<int64_t>(lo, std::max(3, items) / 3)};
}

namespace {

constexpr double kStayInCategory = 0.85;

/** Reorders when (a shuffled order of the user's items) so the user moves through categories: a
 *  Markov chain over primary categories that stays with probability kStayInCategory while the
 *  category has items left, else moves to the next category (cyclically) that has. */
void orderThroughCategories(const Model& m, const std::vector<int32_t>& items, int32_t nCats,
                            Rng& rng, std::vector<int32_t>& when) {
    std::vector<std::vector<int32_t>> left(static_cast<size_t>(nCats));
    for (int32_t j : when) {  // shuffled, so each bucket is in random order
        const auto& cats = m.itemCats[items[j]];
        left[cats.empty() ? 0 : cats[0]].push_back(j);
    }
    const auto& first = m.itemCats[items[when[0]]];
    int32_t c = first.empty() ? 0 : first[0];
    for (size_t k = 0; k < when.size(); ++k) {
        if (left[c].empty() || rng.uniform() >= kStayInCategory) {
            int32_t next = (c + 1) % nCats;
            while (left[next].empty()) next = (next + 1) % nCats;
            c = next;
        }
        when[k] = left[c].back();
        left[c].pop_back();
    }
}

}  // namespace

Dataset generateDemoDataset(const DemoConfig& config, const CancelToken* cancel) {
    const int32_t nUsers = std::max(1, config.users);
    const int32_t nItems = std::max(3, config.items);
    const int32_t nCats = std::max(1, config.categories);
    const auto [minPerUser, maxPerUser] = demoItemsPerUser(nItems);
    if (config.interactions != 0 &&
        (config.interactions < nUsers * minPerUser || config.interactions > nUsers * maxPerUser))
        throw std::invalid_argument(
            "interactions=" + std::to_string(config.interactions) + " cannot be reached with " +
            std::to_string(nUsers) + " users and " + std::to_string(nItems) +
            " items: each user has " + std::to_string(minPerUser) + " to " +
            std::to_string(maxPerUser) + " items, so between " +
            std::to_string(nUsers * minPerUser) + " and " + std::to_string(nUsers * maxPerUser));

    Rng rng(Rng::mix(config.seed, kModel));
    const Model m =
        drawModel(nUsers, nItems, nCats, std::max(1, config.factors), config.zipfExponent, rng);

    // Activity: log-normal with the requested mean, clamped so every user can be split and no user
    // takes a large part of the catalogue.
    const double mean = config.interactions > 0 ? static_cast<double>(config.interactions) / nUsers
                                                : config.meanPerUser;
    const double mu = std::log(std::max(1.0, mean)) - 0.5 * kActivitySigma * kActivitySigma;
    std::vector<int64_t> activity(nUsers);
    for (auto& n : activity)
        n = std::clamp<int64_t>(std::llround(std::exp(mu + kActivitySigma * rng.normal())),
                                minPerUser, maxPerUser);
    if (config.interactions > 0)
        scaleActivity(activity, config.interactions, minPerUser, maxPerUser,
                      Rng::mix(config.seed, kActivity));

    std::vector<std::vector<int32_t>> chosen;
    if (static_cast<int64_t>(nUsers) * nItems <= kExactPairs) {
        chosen = chooseItems(m, activity, Rng::mix(config.seed, kChoice), cancel);
        adoptOrphans(m, chosen);
    } else {
        chosen = chooseItemsSampled(m, activity, Rng::mix(config.seed, kChoice), cancel);
        adoptOrphansSampled(m, chosen, Rng::mix(config.seed, kOrphan));
    }
    throwIfCancelled(cancel);

    // Ratings: the global quantile of a noisy affinity, cut at MovieLens-like shares, so users with
    // strong tastes rate higher overall, as real users differ in their scale.
    std::vector<std::vector<double>> noisy(nUsers);
    std::vector<double> all;
    for (int32_t u = 0; u < nUsers; ++u) {
        Rng urng(Rng::mix(Rng::mix(config.seed, kRating), static_cast<uint64_t>(u)));
        for (int32_t i : chosen[u])
            noisy[u].push_back(m.affinity(u, i) + kRatingNoise * urng.normal());
        all.insert(all.end(), noisy[u].begin(), noisy[u].end());
    }
    // The four quantiles, as a full sort would give them (each selection leaves the larger values
    // after its position, where the next quantile is).
    double cut[4];
    size_t from = 0;
    for (int k = 0; k < 4; ++k) {
        const size_t at = std::min(all.size() - 1, static_cast<size_t>(kRatingCdf[k] * all.size()));
        if (at >= from) std::nth_element(all.begin() + from, all.begin() + at, all.end());
        cut[k] = all[at];
        from = std::max(from, at + 1);
    }
    throwIfCancelled(cancel);

    DatasetBuilder b(true, true);
    b.reserve(all.size());
    std::vector<int64_t> times;
    std::vector<int32_t> when;
    for (int32_t u = 0; u < nUsers; ++u) {
        Rng urng(Rng::mix(Rng::mix(config.seed, kTime), static_cast<uint64_t>(u)));
        const auto n = static_cast<int32_t>(chosen[u].size());
        drawTimeline(n, urng, times);
        when.resize(n);
        std::iota(when.begin(), when.end(), 0);
        urng.shuffle(when.begin(), when.end());  // the order in which the user met the items
        if (config.sequential) orderThroughCategories(m, chosen[u], nCats, urng, when);
        const int32_t user = b.user(std::to_string(u + 1));
        for (int32_t k = 0; k < n; ++k) {
            const int32_t j = when[k];
            const int rating =
                1 + static_cast<int>(std::upper_bound(cut, cut + 4, noisy[u][j]) - cut);
            b.add(user, b.item(std::to_string(chosen[u][j] + 1)), static_cast<float>(rating),
                  times[k]);
        }
    }

    std::vector<std::string> names = categoryNames(nCats);
    for (int32_t i = 0; i < nItems; ++i) {
        std::string title = "Demo item " + std::to_string(i + 1) + " (";
        for (size_t k = 0; k < m.itemCats[i].size(); ++k)
            title += (k ? "/" : "") + names[m.itemCats[i][k]];
        b.setItemInfo(std::to_string(i + 1), title + ")", m.itemCats[i]);
    }
    b.setCategoryNames(std::move(names));
    return b.build(config.name, config.name, "demo");
}

}  // namespace rd
