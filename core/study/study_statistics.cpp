#include "study/study_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace rd::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the regularized incomplete beta function (modified Lentz), valid for
// x < (a + 1) / (a + b + 2); the caller uses the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere.
double betaContinuedFraction(double a, double b, double x) {
    constexpr double kTiny = 1e-300, kEps = 1e-15;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (std::abs(d) < kTiny) d = kTiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + num * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + num / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + num * d;
        if (std::abs(d) < kTiny) d = kTiny;
        c = 1.0 + num / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) < kEps) break;
    }
    return h;
}

/** I_x(a, b), the regularized incomplete beta function. */
double incompleteBeta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    if (x < (a + 1.0) / (a + b + 2.0))
        return std::exp(logFront) * betaContinuedFraction(a, b, x) / a;
    return 1.0 - std::exp(logFront) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double mean(const std::vector<double>& v) {
    return v.empty() ? kNaN
                     : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double sampleSd(const std::vector<double>& v, double m) {
    if (v.size() < 2) return kNaN;
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

/** numpy.percentile's default (linear interpolation between order statistics), q in [0, 1]. */
double percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return kNaN;
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

double normalCdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double studentTCdf(double t, double df) {
    if (std::isnan(t) || !(df > 0)) return kNaN;
    if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
    const double tail = 0.5 * incompleteBeta(df / 2.0, 0.5, df / (df + t * t));
    return t > 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0)) return kNaN;
    if (p == 0.5) return 0;
    // Bisection on the CDF (monotone): 200 halvings reach the double's resolution.
    double lo = -1.0, hi = 1.0;
    while (studentTCdf(lo, df) > p) lo *= 2;
    while (studentTCdf(hi, df) < p) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::abs(hi)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (studentTCdf(mid, df) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

Summary summarize(const std::vector<double>& values, double level) {
    Summary s;
    s.n = values.size();
    if (values.empty()) {
        s.mean = s.sd = kNaN;
        return s;
    }
    s.mean = mean(values);
    s.sd = sampleSd(values, s.mean);
    if (s.n < 2) return s;
    const double df = static_cast<double>(s.n - 1);
    const double half =
        studentTQuantile(0.5 + level / 2.0, df) * s.sd / std::sqrt(static_cast<double>(s.n));
    s.hasInterval = true;
    s.low = s.mean - half;
    s.high = s.mean + half;
    return s;
}

Interval bootstrapMeanInterval(const std::vector<double>& values, int resamples, uint64_t seed,
                               double level) {
    Interval out{kNaN, kNaN};
    const size_t n = values.size();
    if (n == 0 || resamples < 1) return out;
    std::mt19937_64 rng(seed);
    std::vector<double> means(static_cast<size_t>(resamples));
    for (double& m : means) {
        double sum = 0;
        // Modulo of a 64-bit draw: the bias (n / 2^64) is far below what any interval shows, and
        // unlike std::uniform_int_distribution the sequence is the same with every standard
        // library.
        for (size_t i = 0; i < n; ++i) sum += values[rng() % n];
        m = sum / static_cast<double>(n);
    }
    std::sort(means.begin(), means.end());
    const double alpha = 1.0 - level;
    out.low = percentile(means, alpha / 2.0);
    out.high = percentile(means, 1.0 - alpha / 2.0);
    return out;
}

Wilcoxon wilcoxonSignedRank(const std::vector<double>& differences) {
    Wilcoxon w;
    std::vector<double> d;
    for (double x : differences)
        if (x != 0 && !std::isnan(x)) d.push_back(x);
    const bool hadZeros = d.size() != differences.size();
    w.n = d.size();
    if (d.empty()) {
        w.statistic = 0;
        w.p = 1;
        return w;
    }
    // Average ranks of |d| (scipy.stats.rankdata's "average").
    std::vector<size_t> order(d.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return std::abs(d[a]) < std::abs(d[b]); });
    std::vector<double> rank(d.size());
    double tieTerm = 0;  // Σ (t³ − t) over groups of tied |d|
    bool ties = false;
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && std::abs(d[order[j + 1]]) == std::abs(d[order[i]])) ++j;
        const double average = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (size_t k = i; k <= j; ++k) rank[order[k]] = average;
        const double t = static_cast<double>(j - i + 1);
        if (t > 1) {
            ties = true;
            tieTerm += t * t * t - t;
        }
        i = j + 1;
    }
    double rPlus = 0, rMinus = 0;
    for (size_t i = 0; i < d.size(); ++i) (d[i] > 0 ? rPlus : rMinus) += rank[i];
    w.statistic = std::min(rPlus, rMinus);
    const double n = static_cast<double>(d.size());

    if (d.size() <= 50 && !hadZeros && !ties) {
        // Exact: the number of subsets of {1..n} with each rank sum (counts up to 2^50 fit a
        // double exactly enough for probabilities).
        w.exact = true;
        const size_t maxSum = d.size() * (d.size() + 1) / 2;
        std::vector<double> count(maxSum + 1, 0.0);
        count[0] = 1;
        for (size_t r = 1; r <= d.size(); ++r)
            for (size_t s = maxSum; s >= r; --s) count[s] += count[s - r];
        const double total = std::ldexp(1.0, static_cast<int>(d.size()));
        const size_t rp = static_cast<size_t>(std::llround(rPlus));
        if (2 * rp == maxSum) {
            w.p = 1.0;
        } else {
            double less = 0, greater = 0;
            for (size_t s = 0; s <= rp; ++s) less += count[s];
            for (size_t s = rp; s <= maxSum; ++s) greater += count[s];
            w.p = std::min(1.0, 2.0 * std::min(less, greater) / total);
        }
        return w;
    }
    const double mn = n * (n + 1.0) / 4.0;
    const double se = std::sqrt((n * (n + 1.0) * (2.0 * n + 1.0) - 0.5 * tieTerm) / 24.0);
    const double z = se > 0 ? (w.statistic - mn) / se : 0.0;
    w.p = std::min(1.0, 2.0 * normalCdf(-std::abs(z)));
    return w;
}

TTest pairedT(const std::vector<double>& d) {
    TTest t;
    if (d.size() < 2) {
        t.statistic = kNaN;
        t.p = kNaN;
        return t;
    }
    const double m = mean(d), sd = sampleSd(d, m);
    t.df = static_cast<double>(d.size() - 1);
    if (sd == 0) {
        t.statistic = m == 0 ? kNaN : std::copysign(INFINITY, m);
        t.p = m == 0 ? kNaN : 0.0;
        return t;
    }
    t.statistic = m / (sd / std::sqrt(static_cast<double>(d.size())));
    t.p = std::min(1.0, 2.0 * studentTCdf(-std::abs(t.statistic), t.df));
    return t;
}

std::vector<double> holmAdjust(const std::vector<double>& p) {
    const size_t m = p.size();
    std::vector<size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    // NaN (no test) sorts last and stays NaN.
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (std::isnan(p[a])) return false;
        if (std::isnan(p[b])) return true;
        return p[a] < p[b];
    });
    size_t tested = 0;
    for (double x : p)
        if (!std::isnan(x)) ++tested;
    std::vector<double> out(m, kNaN);
    double running = 0;
    for (size_t i = 0; i < tested; ++i) {
        const double adjusted = std::min(1.0, static_cast<double>(tested - i) * p[order[i]]);
        running = std::max(running, adjusted);
        out[order[i]] = running;
    }
    return out;
}

}  // namespace rd::stats
