#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QtTest>

#include "chart_builders.h"
#include "dataset_stats_view.h"

using rd::DatasetStats;
using rd::DatasetStatsView;

namespace {

/** A MovieLens-100K-like data set, built by hand so no loader runs. */
DatasetStats fullStats() {
    DatasetStats s;
    s.name = "hand-made";
    s.format = "ml-100k";
    s.hash = "0123456789abcdef";
    s.users = 1234567;
    s.items = 4321;
    s.interactions = 98765432;
    s.density = 0.0123;
    s.perUser = {1, 42.5, 65.3333, 5120};
    s.perItem = {2, 17, 300.04, 20000};
    s.top1Share = 0.25;
    s.top10Share = 0.6;
    s.top20Share = 0.754321;
    for (int i = 0; i < 10000; ++i) s.popularityCurve.push_back(10000 - i);
    s.hasRatings = true;
    s.ratingHistogram = {{1, 6110}, {2, 11370}, {3, 27145}, {4, 34174}, {5, 21201}};
    s.hasTimestamps = true;
    s.firstTimestamp = 874724710;  // 1997-09-20 UTC
    s.lastTimestamp = 893286638;   // 1998-04-22 UTC
    s.categories = {{"Drama", 725}, {"Comedy", 505}, {"Horror", 92}};
    return s;
}

DatasetStats implicitPresplit() {
    DatasetStats s;
    s.name = "lastfm";
    s.format = "lightgcn";
    s.hash = "fedcba9876543210";
    s.users = 3;
    s.items = 4;
    s.interactions = 6;
    s.popularityCurve = {3, 2, 1, 0};
    s.presplit = true;
    s.trainInteractions = 4000;
    s.validInteractions = 500;
    s.testInteractions = 1500;
    s.itemsOnlyInHeldOut = 7;
    return s;
}

}  // namespace

class TestDatasetStatsView : public QObject {
    Q_OBJECT

private:
    QString text(const DatasetStatsView& view, const char* name) {
        auto* label = view.findChild<QLabel*>(QLatin1String(name));
        if (!label) qFatal("no label %s", name);
        return label->text();
    }
    QChartView* chart(const DatasetStatsView& view, const char* name) {
        auto* chartView = view.findChild<QChartView*>(QLatin1String(name));
        if (!chartView) qFatal("no chart %s", name);
        return chartView;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void showsFiguresWithThousandsSeparators() {
        DatasetStatsView view;
        view.setStats(fullStats());
        QCOMPARE(text(view, "nameValue"), QStringLiteral("hand-made"));
        QCOMPARE(text(view, "formatValue"), QStringLiteral("ml-100k"));
        QCOMPARE(text(view, "hashValue"), QStringLiteral("0123456789abcdef"));
        QCOMPARE(text(view, "usersValue"), QStringLiteral("1,234,567"));
        QCOMPARE(text(view, "itemsValue"), QStringLiteral("4,321"));
        QCOMPARE(text(view, "interactionsValue"), QStringLiteral("98,765,432"));
        QCOMPARE(text(view, "densityValue"), QStringLiteral("1.23 %"));
        QCOMPARE(text(view, "categoriesValue"), QStringLiteral("3"));
        QCOMPARE(text(view, "top1Value"), QStringLiteral("25.0 %"));
        QCOMPARE(text(view, "top10Value"), QStringLiteral("60.0 %"));
        QCOMPARE(text(view, "top20Value"), QStringLiteral("75.4 %"));
        QCOMPARE(text(view, "perUserMinValue"), QStringLiteral("1"));
        QCOMPARE(text(view, "perUserMedianValue"), QStringLiteral("42.5"));
        QCOMPARE(text(view, "perUserMeanValue"), QStringLiteral("65.3"));
        QCOMPARE(text(view, "perUserMaxValue"), QStringLiteral("5,120"));
        QCOMPARE(text(view, "perItemMedianValue"), QStringLiteral("17"));
        QCOMPARE(text(view, "perItemMeanValue"), QStringLiteral("300.0"));
        QCOMPARE(text(view, "perItemMaxValue"), QStringLiteral("20,000"));
        QCOMPARE(text(view, "timeRangeValue"), QStringLiteral("1997-09-20 – 1998-04-22"));
        QVERIFY(view.findChild<QLabel*>("timeRangeValue")->isVisibleTo(&view));
        QVERIFY(!view.findChild<QLabel*>("trainValue")->isVisibleTo(&view));
    }

    void smallDensitiesKeepThreeSignificantDigits() {
        DatasetStats s = implicitPresplit();
        s.density = 0.000833;
        DatasetStatsView view;
        view.setStats(s);
        QCOMPARE(text(view, "densityValue"), QStringLiteral("0.0833 %"));
    }

    void showsChartsForRatingsAndCategories() {
        DatasetStatsView view;
        view.setStats(fullStats());
        QVERIFY(chart(view, "popularityChart")->isVisibleTo(&view));
        QVERIFY(chart(view, "ratingChart")->isVisibleTo(&view));
        QVERIFY(chart(view, "categoryChart")->isVisibleTo(&view));
        QVERIFY(!view.findChild<QLabel*>("ratingNote")->isVisibleTo(&view));

        auto* line =
            qobject_cast<QLineSeries*>(chart(view, "popularityChart")->chart()->series().at(0));
        QVERIFY(line);
        QCOMPARE(line->count(), 2000);  // 10,000 items downsampled
        QCOMPARE(line->at(0), QPointF(1, 10000));
        QCOMPARE(line->at(line->count() - 1), QPointF(10000, 1));

        auto* ratings =
            qobject_cast<QBarSeries*>(chart(view, "ratingChart")->chart()->series().at(0));
        QVERIFY(ratings);
        QCOMPARE(ratings->barSets().at(0)->count(), 5);
        QCOMPARE(ratings->barSets().at(0)->at(3), 34174.0);

        auto* categories = qobject_cast<QHorizontalBarSeries*>(
            chart(view, "categoryChart")->chart()->series().at(0));
        QVERIFY(categories);
        QBarSet* set = categories->barSets().at(0);
        QCOMPARE(set->count(), 3);
        QCOMPARE(set->at(2), 725.0);  // largest last = drawn on top
        QCOMPARE(set->at(0), 92.0);
    }

    void hidesChartsWithoutRatingsOrCategories() {
        DatasetStatsView view;
        view.setStats(fullStats());
        view.setStats(implicitPresplit());
        QVERIFY(chart(view, "popularityChart")->isVisibleTo(&view));
        QVERIFY(!chart(view, "ratingChart")->isVisibleTo(&view));
        QVERIFY(view.findChild<QLabel*>("ratingNote")->isVisibleTo(&view));
        QVERIFY(!chart(view, "categoryChart")->isVisibleTo(&view));
        QCOMPARE(text(view, "categoriesValue"), QStringLiteral("none"));
        QVERIFY(!view.findChild<QLabel*>("timeRangeValue")->isVisibleTo(&view));
    }

    void showsTheGivenSplit() {
        DatasetStatsView view;
        view.setStats(implicitPresplit());
        QVERIFY(view.findChild<QLabel*>("trainValue")->isVisibleTo(&view));
        QCOMPARE(text(view, "trainValue"), QStringLiteral("4,000"));
        QCOMPARE(text(view, "validValue"), QStringLiteral("500"));
        QCOMPARE(text(view, "testValue"), QStringLiteral("1,500"));
        QCOMPARE(text(view, "heldOutOnlyValue"), QStringLiteral("7"));
    }

    void clearShowsDashes() {
        DatasetStatsView view;
        view.setStats(fullStats());
        view.clear();
        QCOMPARE(text(view, "usersValue"), QStringLiteral("—"));
        QCOMPARE(text(view, "hashValue"), QStringLiteral("—"));
        QVERIFY(!chart(view, "popularityChart")->isVisibleTo(&view));
    }

    void downsamplingKeepsEndsAndDropsZeros() {
        const std::vector<int64_t> counts = {9, 5, 3, 2, 1, 0, 0};
        const std::vector<QPointF> all = rd::downsamplePopularity(counts, 100);
        QCOMPARE(all.size(), size_t(5));
        QCOMPARE(all.back(), QPointF(5, 1));

        std::vector<int64_t> many(100001);
        for (size_t i = 0; i < many.size(); ++i) many[i] = static_cast<int64_t>(many.size() - i);
        const std::vector<QPointF> few = rd::downsamplePopularity(many, 2000);
        QCOMPARE(few.size(), size_t(2000));
        QCOMPARE(few.front(), QPointF(1, 100001));
        QCOMPARE(few.back(), QPointF(100001, 1));
        for (size_t k = 1; k < few.size(); ++k) QVERIFY(few[k].x() > few[k - 1].x());
    }

    void ratingLabelsDropTrailingZeros() {
        QCOMPARE(rd::ratingLabel(4.0), QStringLiteral("4"));
        QCOMPARE(rd::ratingLabel(3.5), QStringLiteral("3.5"));
    }
};

QTEST_MAIN(TestDatasetStatsView)
#include "test_dataset_stats_view.moc"
