#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "util/rng.h"

namespace rd {

SplitKind splitKindFromName(const std::string& name) {
    if (name == "random") return SplitKind::RandomRatio;
    if (name == "loo") return SplitKind::LeaveOneOut;
    if (name == "temporal") return SplitKind::TemporalRatio;
    if (name == "given") return SplitKind::AsGiven;
    throw std::invalid_argument("unknown split kind '" + name +
                                "'; expected random, loo, temporal or given");
}

std::string splitKindName(SplitKind kind) {
    switch (kind) {
        case SplitKind::RandomRatio:
            return "random";
        case SplitKind::LeaveOneOut:
            return "loo";
        case SplitKind::TemporalRatio:
            return "temporal";
        case SplitKind::AsGiven:
            return "given";
    }
    return "random";
}

int64_t Split::count(SplitPart p) const {
    return std::count(part.begin(), part.end(), static_cast<uint8_t>(p));
}

namespace {

constexpr uint8_t kTrain = static_cast<uint8_t>(SplitPart::Train);
constexpr uint8_t kValid = static_cast<uint8_t>(SplitPart::Valid);
constexpr uint8_t kTest = static_cast<uint8_t>(SplitPart::Test);

struct Ratios {
    double train, valid, test;
};

// Normalised the way RecBole does (each ratio divided by their left-to-right sum), so the double
// products below round exactly as its Python does.
Ratios validatedRatios(const SplitConfig& c) {
    std::ostringstream got;
    got << " (got train " << c.train << ", valid " << c.valid << ", test " << c.test << ")";
    if (!std::isfinite(c.train) || !std::isfinite(c.valid) || !std::isfinite(c.test))
        throw std::invalid_argument("split ratios must be finite numbers" + got.str());
    if (c.train < 0 || c.valid < 0 || c.test < 0)
        throw std::invalid_argument("split ratios must not be negative" + got.str());
    if (!(c.train > 0))
        throw std::invalid_argument("the training ratio must be greater than 0" + got.str());
    const double sum = c.train + c.valid + c.test;
    if (!(sum > 0)) throw std::invalid_argument("split ratios must not sum to 0" + got.str());
    return {c.train / sum, c.valid / sum, c.test / sum};
}

// RecBole's _calcu_split_ids: truncate the held-out parts, give train the rest, then (test first,
// then valid) lift a part whose exact share is in (0, 1) to one interaction while train keeps more
// than one. Matching it bit for bit keeps results comparable with RecBole's (80,808 training
// interactions on MovieLens 100K at 0.8/0.1/0.1).
void recboleCounts(int64_t tot, const Ratios& r, int64_t cnt[3]) {
    const double ratio[3] = {r.train, r.valid, r.test};
    const double total = static_cast<double>(tot);
    cnt[1] = static_cast<int64_t>(ratio[1] * total);
    cnt[2] = static_cast<int64_t>(ratio[2] * total);
    cnt[0] = tot - cnt[1] - cnt[2];
    for (int i = 2; i >= 1; --i) {
        if (cnt[0] <= 1) break;
        const double share = ratio[i] * total;
        if (share > 0 && share < 1) {
            ++cnt[i];
            --cnt[0];
        }
    }
}

Split randomSplit(const Dataset& d, const SplitConfig& config) {
    const Ratios r = validatedRatios(config);
    Split s;
    s.part.assign(d.numInteractions(), kTrain);
    std::vector<int64_t> pos;
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        const int64_t begin = d.userBegin(u), tot = d.userDegree(u);
        pos.resize(tot);
        std::iota(pos.begin(), pos.end(), begin);
        // A stream per user keeps each user's split independent of every other user.
        Rng rng(Rng::mix(config.seed, static_cast<uint64_t>(u)));
        rng.shuffle(pos.begin(), pos.end());
        int64_t cnt[3];
        recboleCounts(tot, r, cnt);
        for (int64_t j = cnt[0]; j < cnt[0] + cnt[1]; ++j) s.part[pos[j]] = kValid;
        for (int64_t j = cnt[0] + cnt[1]; j < tot; ++j) s.part[pos[j]] = kTest;
    }
    return s;
}

Split leaveOneOut(const Dataset& d, const SplitConfig& config) {
    Split s;
    s.part.assign(d.numInteractions(), kTrain);
    std::vector<int64_t> pos;
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        const int64_t begin = d.userBegin(u), tot = d.userDegree(u);
        if (tot < 2) continue;  // a lone interaction is all the model can learn the user from
        pos.resize(tot);
        std::iota(pos.begin(), pos.end(), begin);
        if (d.hasTimestamps() && d.hasFileOrder()) {
            // Latest first; equal timestamps in the file's order, the last line latest (as RecBole
            // and SASRec's code order a user's history): the same sequence the sequential models
            // read, and no seed involved.
            std::sort(pos.begin(), pos.end(),
                      [&](int64_t a, int64_t b) { return d.earlier(b, a); });
        } else {
            // Shuffling before a stable sort breaks timestamp ties at random but reproducibly; with
            // no timestamps the shuffle alone picks the held-out interactions.
            Rng rng(Rng::mix(config.seed, static_cast<uint64_t>(u)));
            rng.shuffle(pos.begin(), pos.end());
            if (d.hasTimestamps())
                std::stable_sort(pos.begin(), pos.end(), [&](int64_t a, int64_t b) {
                    return d.timestamps[a] > d.timestamps[b];
                });
        }
        s.part[pos[0]] = kTest;
        if (tot >= 3) s.part[pos[1]] = kValid;
    }
    return s;
}

// Counts are floor(share * n) for train and valid, test takes the rest. The tiny epsilon keeps a
// share like 0.29 of 100 at 29 rather than 28 from 0.29's binary representation.
Split temporalSplit(const Dataset& d, const SplitConfig& config) {
    const Ratios r = validatedRatios(config);
    if (!d.hasTimestamps())
        throw std::invalid_argument(
            "a temporal split needs timestamps, but this data set has none; choose random or loo");
    const int64_t n = d.numInteractions();
    const auto users = d.interactionUsers();
    std::vector<int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // (timestamp, user, item) and then the CSR position make the order total, so no seed is needed.
    std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        if (d.timestamps[a] != d.timestamps[b]) return d.timestamps[a] < d.timestamps[b];
        if (users[a] != users[b]) return users[a] < users[b];
        if (d.items[a] != d.items[b]) return d.items[a] < d.items[b];
        return a < b;
    });
    const double total = static_cast<double>(n);
    const int64_t nTrain =
        std::min<int64_t>(n, static_cast<int64_t>(std::floor(r.train * total + 1e-9)));
    const int64_t nValid =
        std::min<int64_t>(n - nTrain, static_cast<int64_t>(std::floor(r.valid * total + 1e-9)));
    Split s;
    s.part.assign(n, kTest);
    for (int64_t j = 0; j < nTrain; ++j) s.part[order[j]] = kTrain;
    for (int64_t j = nTrain; j < nTrain + nValid; ++j) s.part[order[j]] = kValid;
    return s;
}

}  // namespace

Split makeSplit(const Dataset& dataset, const SplitConfig& config) {
    switch (config.kind) {
        case SplitKind::RandomRatio:
            return randomSplit(dataset, config);
        case SplitKind::LeaveOneOut:
            return leaveOneOut(dataset, config);
        case SplitKind::TemporalRatio:
            return temporalSplit(dataset, config);
        case SplitKind::AsGiven:
            if (!dataset.isPresplit())
                throw std::invalid_argument(
                    "this data set has no given split; choose random, loo or temporal");
            return Split{dataset.givenSplit};
    }
    throw std::invalid_argument("unknown split kind");
}

}  // namespace rd
