#pragma once

#include <cstdint>

namespace rd {

/**
 * A small, fast, platform-independent random generator (SplitMix64 seeding a xoshiro256**).
 * std::uniform_int_distribution and std::shuffle differ between standard libraries; everything that
 * must be reproducible from a seed (splits, demo data, sampling) uses this instead.
 */
class Rng {
public:
    explicit Rng(uint64_t seed) { reseed(seed); }
    void reseed(uint64_t seed);
    uint64_t next();
    /** Uniform integer in [0, n), n > 0 (Lemire's method, unbiased). */
    uint64_t below(uint64_t n);
    /** Uniform double in [0, 1). */
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /** Standard normal (Box-Muller). */
    double normal();
    /** In-place Fisher-Yates shuffle of [first, last). */
    template <typename It>
    void shuffle(It first, It last) {
        for (auto n = last - first; n > 1; --n) {
            auto j = static_cast<decltype(n)>(below(static_cast<uint64_t>(n)));
            auto tmp = first[n - 1];
            first[n - 1] = first[j];
            first[j] = tmp;
        }
    }

    /** Derives an independent stream seed, e.g. per user: mix(seed, user). */
    static uint64_t mix(uint64_t a, uint64_t b);

private:
    uint64_t s_[4];
};

}  // namespace rd
