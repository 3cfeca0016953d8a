#include "study_charts.h"

#include <QAreaSeries>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QValueAxis>

#include <algorithm>

#include "comparison_charts.h"
#include "point_labels.h"

namespace rd {

namespace {

/** Adds a series drawn on the chart's first axes with no legend entry of its own. */
void addUnlisted(QChart* chart, QAbstractSeries* series) {
    chart->addSeries(series);
    for (QAbstractAxis* axis : chart->axes()) series->attachAxis(axis);
    for (QLegendMarker* marker : chart->legend()->markers(series)) marker->setVisible(false);
}

/** An error bar as one polyline: the top cap, the bar down the middle, the bottom cap. */
QLineSeries* intervalSeries(const QString& name, double x, double capLeft, double capRight,
                            double low, double high) {
    auto* s = new QLineSeries;
    s->setObjectName(name);
    s->append({QPointF(capLeft, high), QPointF(capRight, high), QPointF(x, high), QPointF(x, low),
               QPointF(capLeft, low), QPointF(capRight, low)});
    QPen pen(QColor(0x20, 0x20, 0x20));
    pen.setWidthF(1.5);
    s->setPen(pen);
    return s;
}

/** A log axis whose labels a reader finds: powers of two over a narrow range (a 16× sweep would
 * show one power of ten at most), powers of ten over a wide one. */
QLogValueAxis* sizeAxis(const QString& title, double lo, double hi) {
    auto* axis = new QLogValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setBase(hi / lo < 100 ? 2 : 10);
    axis->setRange(lo, hi);
    return axis;
}

}  // namespace

QColor seriesColor(int index) {
    // Tableau 10: distinct in hue and lightness, and readable on white.
    static const QColor colors[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                    QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
                                    QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                    QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
                                    QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac)};
    return colors[((index % 10) + 10) % 10];
}

QChart* buildErrorBarChart(const QString& title, const QStringList& metrics,
                           const QStringList& runs,
                           const std::vector<std::vector<IntervalValue>>& values,
                           const std::vector<RunStyle>& styles) {
    std::vector<std::vector<double>> means(values.size());
    double hi = 0;
    for (size_t r = 0; r < values.size(); ++r)
        for (const IntervalValue& v : values[r]) {
            means[r].push_back(v.mean);
            if (std::isfinite(v.mean)) hi = std::max(hi, v.mean);
            if (v.hasInterval()) hi = std::max(hi, v.high);
        }
    QChart* chart = buildGroupedBarChart(title, metrics, runs, means, styles);
    auto* bars = qobject_cast<QBarSeries*>(chart->series().value(0));
    if (!bars) return chart;
    for (int r = static_cast<int>(styles.size()); r < static_cast<int>(bars->count()); ++r)
        bars->barSets().at(r)->setColor(seriesColor(r));
    // Where Qt Charts puts each bar: the group takes barWidth of a category (centred on the
    // category's index), shared equally by the sets in order.
    const double group = bars->barWidth();
    const double setCount = std::max<qsizetype>(1, bars->count());
    const double width = group / setCount;
    for (int r = 0; r < static_cast<int>(values.size()) && r < runs.size(); ++r)
        for (int m = 0; m < static_cast<int>(values[r].size()) && m < metrics.size(); ++m) {
            const IntervalValue& v = values[r][m];
            if (!v.hasInterval()) continue;
            const double x = m - group / 2 + (r + 0.5) * width;
            QLineSeries* bar = intervalSeries(QStringLiteral("errorBar"), x, x - width * 0.25,
                                              x + width * 0.25, v.low, v.high);
            bar->setProperty("run", r);
            bar->setProperty("metric", m);
            addUnlisted(chart, bar);
        }
    if (auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0))) {
        y->setRange(0, (hi > 0 ? hi : 1) * 1.05);
        y->applyNiceNumbers();
    }
    return chart;
}

QChart* buildWhiskerScatter(const QString& title, const QString& costTitle,
                            const QString& accuracyTitle, const QStringList& runs,
                            const std::vector<double>& cost,
                            const std::vector<IntervalValue>& accuracy,
                            const std::vector<RunStyle>& styles) {
    std::vector<double> means;
    for (const IntervalValue& v : accuracy) means.push_back(v.mean);
    QChart* chart = buildParetoChart(title, costTitle, accuracyTitle, runs, cost, means, styles);
    double lo = INFINITY, hi = -INFINITY;
    const std::vector<double> shown = spreadEqualCosts(cost);  // where the points are drawn
    for (int i = 0; i < runs.size() && i < static_cast<int>(accuracy.size()) &&
                    i < static_cast<int>(cost.size());
         ++i) {
        const IntervalValue& v = accuracy[static_cast<size_t>(i)];
        const double x = shown[static_cast<size_t>(i)];
        if (!std::isfinite(x) || x <= 0 || !std::isfinite(v.mean)) continue;
        lo = std::min(lo, v.hasInterval() ? v.low : v.mean);
        hi = std::max(hi, v.hasInterval() ? v.high : v.mean);
        if (!v.hasInterval()) continue;
        // On a log axis a cap of ±6 % looks the same width wherever the point is.
        QLineSeries* whisker =
            intervalSeries(QStringLiteral("whisker"), x, x / 1.06, x * 1.06, v.low, v.high);
        whisker->setProperty("run", i);
        addUnlisted(chart, whisker);
    }
    if (auto* y = qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).value(0));
        y && std::isfinite(lo)) {
        const double pad = std::max((hi - lo) * 0.1, 1e-3);
        y->setRange(lo - pad, hi + pad);
        y->applyNiceNumbers();
    }
    return chart;
}

QChart* buildFrontierChart(const QString& title, const QString& sizeTitle,
                           const QString& valueTitle, const std::vector<FrontierLine>& lines,
                           const QString& referenceName, double reference) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    double xLo = INFINITY, xHi = -INFINITY, yLo = INFINITY, yHi = -INFINITY;
    for (const FrontierLine& line : lines)
        for (size_t i = 0; i < line.size.size() && i < line.value.size(); ++i) {
            const IntervalValue& v = line.value[i];
            if (!(line.size[i] > 0) || !std::isfinite(v.mean)) continue;
            xLo = std::min(xLo, line.size[i]);
            xHi = std::max(xHi, line.size[i]);
            yLo = std::min(yLo, v.hasInterval() ? v.low : v.mean);
            yHi = std::max(yHi, v.hasInterval() ? v.high : v.mean);
        }
    if (std::isfinite(reference)) {
        yLo = std::min(yLo, reference);
        yHi = std::max(yHi, reference);
    }
    if (!std::isfinite(xLo)) xLo = 1, xHi = 10;
    if (!std::isfinite(yLo)) yLo = 0, yHi = 1;
    QLogValueAxis* x = sizeAxis(sizeTitle, xLo / 1.4, xHi * 1.4);
    auto* y = new QValueAxis;
    y->setTitleText(valueTitle);
    const double pad = std::max((yHi - yLo) * 0.08, 1e-3);
    y->setRange(yLo - pad, yHi + pad);
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    // Each line is named at its largest size (where a reader's eye ends), so the chart reads
    // without a legend even when it is narrow.
    auto* names = new PointLabels(chart);

    for (int l = 0; l < static_cast<int>(lines.size()); ++l) {
        const FrontierLine& line = lines[static_cast<size_t>(l)];
        std::vector<size_t> order;
        for (size_t i = 0; i < line.size.size() && i < line.value.size(); ++i)
            if (line.size[i] > 0 && std::isfinite(line.value[i].mean)) order.push_back(i);
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return line.size[a] < line.size[b]; });
        const QColor color = line.colour.isValid() ? line.colour : seriesColor(l);
        bool anyInterval = false;
        for (size_t i : order) anyInterval = anyInterval || line.value[i].hasInterval();
        if (anyInterval && order.size() > 1) {
            auto* upper = new QLineSeries;
            auto* lower = new QLineSeries;
            for (size_t i : order) {
                const IntervalValue& v = line.value[i];
                upper->append(line.size[i], v.hasInterval() ? v.high : v.mean);
                lower->append(line.size[i], v.hasInterval() ? v.low : v.mean);
            }
            auto* band = new QAreaSeries(upper, lower);
            band->setObjectName(QStringLiteral("frontierBand"));
            band->setName(line.name);
            QColor fill = color;
            fill.setAlpha(50);
            band->setBrush(fill);
            band->setPen(Qt::NoPen);
            addUnlisted(chart, band);
            upper->setParent(band);  // the chart owns the band only, not its edges
            lower->setParent(band);
        }
        auto* series = new QLineSeries;
        series->setObjectName(QStringLiteral("frontierLine"));
        series->setName(line.name);
        for (size_t i : order) series->append(line.size[i], line.value[i].mean);
        chart->addSeries(series);
        QPen pen(color);
        pen.setWidthF(2);
        series->setPen(pen);
        series->setPointsVisible(true);
        series->attachAxis(x);
        series->attachAxis(y);
        if (!order.empty())
            names->add(series, QPointF(line.size[order.back()], line.value[order.back()].mean),
                       line.name);
    }
    if (std::isfinite(reference)) {
        auto* ref = new QLineSeries;
        ref->setObjectName(QStringLiteral("frontierReference"));
        ref->setName(referenceName);
        ref->append(xLo / 1.4, reference);
        ref->append(xHi * 1.4, reference);
        chart->addSeries(ref);
        QPen pen(QColor(0x30, 0x30, 0x30));
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        ref->setPen(pen);
        ref->attachAxis(x);
        ref->attachAxis(y);
        names->add(ref, QPointF(xHi * 1.4, reference), referenceName);
    }
    chart->legend()->hide();
    return chart;
}

}  // namespace rd
