#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace rd::stats {

/**
 * The statistics of studies, exact and Qt-free. Each function says which reference it matches; the
 * tests compare with values computed independently by SciPy 1.10 (the calls are in the tests).
 */

/** Mean, sample standard deviation (n − 1) and a Student-t confidence interval over n values. */
struct Summary {
    size_t n = 0;
    double mean = 0, sd = 0;
    bool hasInterval = false;  ///< false with fewer than two values: no interval can be given
    double low = 0, high = 0;
};
Summary summarize(const std::vector<double>& values, double level = 0.95);

/** Student's t distribution: P(T ≤ t) with df degrees of freedom, and its inverse. */
double studentTCdf(double t, double df);
double studentTQuantile(double p, double df);
/** The standard normal distribution's P(Z ≤ z). */
double normalCdf(double z);

/** Percentile bootstrap interval of the mean (resamples drawn with a seeded generator). */
struct Interval {
    double low = 0, high = 0;
};
Interval bootstrapMeanInterval(const std::vector<double>& values, int resamples, uint64_t seed,
                               double level = 0.95);

/**
 * Wilcoxon signed-rank test of differences d against 0, two-sided, as SciPy 1.10's
 * `wilcoxon(d)` defaults: zero_method="wilcox" (zero differences dropped), no continuity
 * correction; the exact null distribution when there are at most 50 differences, no zero and no
 * tie among |d| (SciPy would also use it with ties; the normal approximation is used here
 * instead), else the normal approximation with the tie correction of the variance.
 */
struct Wilcoxon {
    double statistic = 0;  ///< min(R+, R−)
    double p = 1;
    size_t n = 0;  ///< non-zero differences used
    bool exact = false;
};
Wilcoxon wilcoxonSignedRank(const std::vector<double>& differences);

/** Paired t-test of differences against 0, two-sided (SciPy's ttest_rel / ttest_1samp). */
struct TTest {
    double statistic = 0, p = 1;
    double df = 0;
};
TTest pairedT(const std::vector<double>& differences);

/** Holm–Bonferroni adjusted p-values, in the order given (monotone, capped at 1). */
std::vector<double> holmAdjust(const std::vector<double>& p);

}  // namespace rd::stats
