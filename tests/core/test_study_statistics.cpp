// The statistics of studies against values computed independently by SciPy 1.10.1 (Debian 12's
// python3-scipy); each reference value's SciPy call is in the comment beside it.

#include <QtTest>

#include <cmath>
#include <vector>

#include "study/study_statistics.h"

namespace st = rd::stats;

namespace {

// Exact differences (no zeros, no ties): the exact null distribution is used, as SciPy does.
const std::vector<double> kSmall = {0.12, -0.05, 0.33, 0.08, -0.21, 0.4, 0.17, 0.02, -0.09, 0.26};

// 80 differences with zeros and ties: numpy.random.default_rng(7).normal(0.01, 0.05, 80) rounded
// to 2 decimals, the first 6 set to 0 (printed with repr, so these literals are the same doubles).
const std::vector<double> kLarge = {
    0.0,   0.0,   0.0,   0.0,   0.0,   0.0,   0.01,  0.08,  -0.01, -0.02, 0.03,  0.03, 0.02,  -0.04,
    0.01,  0.04,  -0.06, -0.01, -0.09, -0.05, -0.08, -0.0,  -0.05, 0.02,  0.02,  0.0,  -0.12, -0.02,
    0.01,  0.02,  -0.07, -0.01, -0.04, -0.03, 0.06,  -0.03, 0.01,  0.05,  -0.02, 0.0,  0.02,  0.01,
    -0.05, 0.01,  0.08,  -0.07, 0.05,  0.02,  -0.02, 0.11,  0.05,  -0.05, 0.01,  0.04, 0.0,   0.04,
    0.01,  0.04,  0.08,  -0.02, 0.02,  -0.01, 0.02,  -0.05, -0.02, 0.0,   0.05,  0.07, -0.06, -0.03,
    0.04,  -0.09, -0.01, 0.01,  0.07,  0.04,  -0.01, -0.01, -0.0,  0.09};

}  // namespace

class TestStudyStatistics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void studentTDistribution() {
        // SciPy's ppf is good to ~1e-10 here: t.ppf(0.975, 2) = 4.302652729911275, while the
        // closed form for 2 degrees of freedom, (2p − 1) / sqrt(2p(1 − p)), is 4.30265272974946.
        QVERIFY(std::abs(st::studentTQuantile(0.975, 2) - 4.302652729911275) < 1e-9);
        QVERIFY(std::abs(st::studentTQuantile(0.975, 2) - 0.95 / std::sqrt(2 * 0.975 * 0.025)) <
                1e-12);
        QVERIFY(std::abs(st::studentTQuantile(0.975, 29) - 2.045229642132703) <
                1e-10);  // t.ppf(0.975, 29)
        QVERIFY(std::abs(st::studentTQuantile(0.995, 4.5) - 4.272823993022849) <
                1e-9);  // t.ppf(0.995, 4.5)
        QVERIFY(std::abs(st::studentTCdf(-2.5, 7) - 0.020496109292876437) <
                1e-12);                                                           // t.cdf(-2.5, 7)
        QVERIFY(std::abs(st::studentTCdf(1.3, 1) - 0.7912855998398474) < 1e-12);  // t.cdf(1.3, 1)
        QVERIFY(std::abs(st::studentTCdf(0.7, 300) - 0.7577651188270358) <
                1e-12);  // t.cdf(0.7, 300)
    }

    void summaryOverSeeds() {
        // v = [0.31, 0.35, 0.29]: np.mean(v), np.std(v, ddof=1),
        // t.interval(0.95, 2, loc=mean, scale=sem(v))
        const st::Summary s = st::summarize({0.31, 0.35, 0.29});
        QCOMPARE(s.n, size_t(3));
        QVERIFY(std::abs(s.mean - 0.31666666666666665) < 1e-15);
        QVERIFY(std::abs(s.sd - 0.03055050463303893) < 1e-15);
        QVERIFY(s.hasInterval);
        // (to 1e-10: SciPy's t.ppf(0.975, 2) is off by 1.6e-10, see above)
        QVERIFY(std::abs(s.low - 0.24077500599187734) < 1e-10);
        QVERIFY(std::abs(s.high - 0.39255832734145596) < 1e-10);
        // One seed: a mean, no interval.
        const st::Summary one = st::summarize({0.42});
        QCOMPARE(one.mean, 0.42);
        QVERIFY(!one.hasInterval);
        QVERIFY(std::isnan(one.sd));
    }

    void wilcoxonExact() {
        // wilcoxon(kSmall) -> statistic=13.0, pvalue=0.16015625 (exact: n <= 50, no zeros/ties)
        const st::Wilcoxon w = st::wilcoxonSignedRank(kSmall);
        QVERIFY(w.exact);
        QCOMPARE(w.n, size_t(10));
        QCOMPARE(w.statistic, 13.0);
        QVERIFY(std::abs(w.p - 0.16015625) < 1e-15);
    }

    void wilcoxonNormalWithZerosAndTies() {
        // wilcoxon(kLarge) -> statistic=1101.0, pvalue=0.6589405752922276 (zeros dropped, ties
        // corrected, normal approximation without continuity correction)
        const st::Wilcoxon w = st::wilcoxonSignedRank(kLarge);
        QVERIFY(!w.exact);
        QCOMPARE(w.n, size_t(68));  // 80 minus 12 zeros
        QCOMPARE(w.statistic, 1101.0);
        QVERIFY(std::abs(w.p - 0.6589405752922276) < 1e-12);
    }

    void pairedTTest() {
        // ttest_1samp(kSmall, 0) -> statistic=1.6877184434452737, pvalue=0.12573696594572173, df=9
        const st::TTest t = st::pairedT(kSmall);
        QVERIFY(std::abs(t.statistic - 1.6877184434452737) < 1e-12);
        QVERIFY(std::abs(t.p - 0.12573696594572173) < 1e-12);
        QCOMPARE(t.df, 9.0);
        // ttest_1samp(kLarge, 0) -> statistic=0.3550296355724969, pvalue=0.7235134804810978
        const st::TTest large = st::pairedT(kLarge);
        QVERIFY(std::abs(large.statistic - 0.3550296355724969) < 1e-12);
        QVERIFY(std::abs(large.p - 0.7235134804810978) < 1e-12);
    }

    void holmBonferroni() {
        // Holm by hand: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.04·1, 0.06) =
        // 0.06
        const std::vector<double> adjusted = st::holmAdjust({0.01, 0.04, 0.03, 0.005});
        const std::vector<double> expected = {0.03, 0.06, 0.06, 0.02};
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(adjusted[i] - expected[i]) < 1e-15, qPrintable(QString::number(i)));
        // Capped at 1, and a missing test (NaN) neither counts nor changes.
        const std::vector<double> capped = st::holmAdjust({0.6, NAN, 0.3});
        QCOMPARE(capped[0], 0.6);
        QVERIFY(std::isnan(capped[1]));
        QCOMPARE(capped[2], 0.6);
    }

    void bootstrapIsSeededAndCoversTheMean() {
        const st::Interval a = st::bootstrapMeanInterval(kLarge, 2000, 2020);
        const st::Interval b = st::bootstrapMeanInterval(kLarge, 2000, 2020);
        QCOMPARE(a.low, b.low);
        QCOMPARE(a.high, b.high);
        const st::Interval c = st::bootstrapMeanInterval(kLarge, 2000, 7);
        QVERIFY(a.low != c.low || a.high != c.high);
        // For 80 values the percentile interval is close to the normal one, mean ± 1.96·sd/√n
        // (mean 0.00175, sd 0.04409): within 15 % of its half-width at each end.
        double mean = 0;
        for (double x : kLarge) mean += x;
        mean /= kLarge.size();
        double ss = 0;
        for (double x : kLarge) ss += (x - mean) * (x - mean);
        const double half = 1.96 * std::sqrt(ss / (kLarge.size() - 1)) / std::sqrt(80.0);
        QVERIFY(a.low < mean && mean < a.high);
        QVERIFY2(std::abs(a.low - (mean - half)) < 0.15 * half, qPrintable(QString::number(a.low)));
        QVERIFY2(std::abs(a.high - (mean + half)) < 0.15 * half,
                 qPrintable(QString::number(a.high)));
    }
};

QTEST_APPLESS_MAIN(TestStudyStatistics)
#include "test_study_statistics.moc"
