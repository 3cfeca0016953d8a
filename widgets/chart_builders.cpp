#include "chart_builders.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QColor>
#include <QCoreApplication>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    // Axis and bar labels then get thousands separators like the figures next to them.
    chart->setLocalizeNumbers(true);
    chart->setLocale(groupingLocale());
    return chart;
}

QValueAxis* countAxis(int64_t maxCount, const QString& title) {
    auto* axis = new QValueAxis;
    // Head room so labels drawn past the end of the longest bar stay inside the plot.
    axis->setRange(0, std::max<double>(1.0, static_cast<double>(maxCount) * 1.15));
    axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setTitleText(title);
    return axis;
}

void showValuesOnBars(QAbstractBarSeries* series) {
    series->setLabelsVisible(true);
    // The default label colour is white, meant for labels inside the bars.
    for (QBarSet* set : series->barSets()) set->setLabelColor(QColor(0x40, 0x40, 0x40));
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    // The default six significant digits would print 1000209 as 1.00021e+06.
    series->setLabelsPrecision(15);
}

}  // namespace

QLocale groupingLocale() {
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

QString ratingLabel(double rating) {
    return groupingLocale().toString(rating, 'g', 4);
}

std::vector<QPointF> downsamplePopularity(const std::vector<int64_t>& counts, int maxPoints) {
    maxPoints = std::max(maxPoints, 2);
    std::vector<size_t> picks;
    const size_t n = counts.size();
    if (n <= static_cast<size_t>(maxPoints)) {
        for (size_t i = 0; i < n; ++i) picks.push_back(i);
    } else {
        const double step = static_cast<double>(n - 1) / (maxPoints - 1);
        for (int k = 0; k < maxPoints; ++k)
            picks.push_back(static_cast<size_t>(std::lround(k * step)));
    }
    std::vector<QPointF> points;
    points.reserve(picks.size());
    for (size_t i : picks)
        if (counts[i] > 0)
            points.emplace_back(static_cast<double>(i + 1), static_cast<double>(counts[i]));
    return points;
}

QChart* buildPopularityChart(const std::vector<int64_t>& counts, int maxPoints) {
    QChart* chart =
        newChart(QCoreApplication::translate("ChartBuilders", "Item popularity (long tail)"));
    auto* series = new QLineSeries;
    const std::vector<QPointF> points = downsamplePopularity(counts, maxPoints);
    series->replace(QList<QPointF>(points.begin(), points.end()));
    chart->addSeries(series);

    auto* x = new QValueAxis;
    x->setRange(1, std::max<double>(2.0, static_cast<double>(counts.size())));
    x->applyNiceNumbers();
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(QCoreApplication::translate("ChartBuilders", "Item rank"));

    // Whole decades, so a log axis always shows at least two labelled ticks.
    double lo = 1, hi = 10;
    if (!points.empty()) {
        const auto [minIt, maxIt] =
            std::minmax_element(points.begin(), points.end(),
                                [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
        lo = std::pow(10.0, std::floor(std::log10(minIt->y())));
        hi = std::pow(10.0, std::ceil(std::log10(maxIt->y())));
        if (hi <= lo) hi = lo * 10;
    }
    auto* y = new QLogValueAxis;
    y->setBase(10);
    y->setRange(lo, hi);
    // Not "%g": with localized numbers Qt Charts 6.4 draws no log axis labels for it.
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setMinorTickCount(-1);
    y->setTitleText(QCoreApplication::translate("ChartBuilders", "Interactions (log)"));

    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

QChart* buildRatingChart(const std::vector<std::pair<double, int64_t>>& histogram) {
    QChart* chart = newChart(QCoreApplication::translate("ChartBuilders", "Ratings"));
    auto* set = new QBarSet(QCoreApplication::translate("ChartBuilders", "Interactions"));
    QStringList labels;
    int64_t maxCount = 0;
    for (const auto& [rating, count] : histogram) {
        set->append(static_cast<double>(count));
        labels << ratingLabel(rating);
        maxCount = std::max(maxCount, count);
    }
    auto* series = new QBarSeries;
    series->append(set);
    showValuesOnBars(series);
    chart->addSeries(series);

    auto* x = new QBarCategoryAxis;
    x->append(labels);
    x->setTitleText(QCoreApplication::translate("ChartBuilders", "Rating"));
    QValueAxis* y =
        countAxis(maxCount, QCoreApplication::translate("ChartBuilders", "Interactions"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

QChart* buildCategoryChart(const std::vector<std::pair<std::string, int32_t>>& categories,
                           int maxBars) {
    std::vector<std::pair<std::string, int32_t>> sorted = categories;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    const bool cut = sorted.size() > static_cast<size_t>(maxBars);
    if (cut) sorted.resize(static_cast<size_t>(maxBars));

    const QString title =
        cut ? QCoreApplication::translate("ChartBuilders", "Items per category (largest %1 of %2)")
                  .arg(maxBars)
                  .arg(categories.size())
            : QCoreApplication::translate("ChartBuilders", "Items per category");
    QChart* chart = newChart(title);
    auto* set = new QBarSet(QCoreApplication::translate("ChartBuilders", "Items"));
    QStringList labels;
    // Horizontal bar axes run bottom-up; adding the smallest first puts the largest on top.
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) {
        set->append(it->second);
        labels << QString::fromStdString(it->first);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    showValuesOnBars(series);
    chart->addSeries(series);

    auto* y = new QBarCategoryAxis;
    y->append(labels);
    y->setTruncateLabels(false);  // short names were cut to "..." once bars got thin
    QValueAxis* x = countAxis(sorted.empty() ? 0 : sorted.front().second,
                              QCoreApplication::translate("ChartBuilders", "Items"));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    return chart;
}

}  // namespace rd
