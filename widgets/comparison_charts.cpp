#include "comparison_charts.h"

#include "point_labels.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rd {

namespace {

QChart* newChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

void niceRange(QValueAxis* axis, double lo, double hi, bool fromZero) {
    if (fromZero) lo = std::min(0.0, lo);
    if (!(hi > lo)) hi = lo + 1;
    axis->setRange(lo, hi + (hi - lo) * 0.05);
    axis->applyNiceNumbers();
}

}  // namespace

QChart* buildGroupedBarChart(const QString& title, const QStringList& metrics,
                             const QStringList& runs,
                             const std::vector<std::vector<double>>& values,
                             const std::vector<RunStyle>& styles) {
    QChart* chart = newChart(title);
    auto* series = new QBarSeries;
    double hi = 0;
    for (int r = 0; r < runs.size(); ++r) {
        auto* set = new QBarSet(runs[r]);
        for (int m = 0; m < metrics.size(); ++m) {
            const double v =
                r < static_cast<int>(values.size()) && m < static_cast<int>(values[r].size())
                    ? values[r][m]
                    : NAN;
            *set << (std::isfinite(v) ? v : 0.0);
            if (std::isfinite(v)) hi = std::max(hi, v);
        }
        series->append(set);
        if (r < static_cast<int>(styles.size())) {
            set->setColor(styles[static_cast<size_t>(r)].colour);
            set->setBorderColor(styles[static_cast<size_t>(r)].colour.darker(130));
        }
    }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(metrics);
    x->setTruncateLabels(
        false);  // "Recall@10" fits its category; Qt's estimate cut it to "Recall..."
    auto* y = new QValueAxis;
    niceRange(y, 0, hi, true);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

std::vector<bool> paretoFront(const std::vector<double>& cost,
                              const std::vector<double>& accuracy) {
    const size_t n = std::min(cost.size(), accuracy.size());
    std::vector<bool> front(n, false);
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(cost[i]) || !std::isfinite(accuracy[i])) continue;
        bool dominated = false;
        for (size_t j = 0; j < n && !dominated; ++j) {
            if (j == i || !std::isfinite(cost[j]) || !std::isfinite(accuracy[j])) continue;
            dominated = cost[j] <= cost[i] && accuracy[j] >= accuracy[i] &&
                        (cost[j] < cost[i] || accuracy[j] > accuracy[i]);
        }
        front[i] = !dominated;
    }
    return front;
}

std::vector<double> spreadEqualCosts(const std::vector<double>& cost) {
    std::vector<double> shown = cost;
    for (size_t i = 0; i < cost.size(); ++i) {
        if (!std::isfinite(cost[i])) continue;
        std::vector<size_t> same;
        for (size_t j = 0; j < cost.size(); ++j)
            if (std::isfinite(cost[j]) && std::fabs(cost[j] - cost[i]) <= 1e-9 * std::fabs(cost[i]))
                same.push_back(j);
        if (same.size() < 2) continue;
        const auto k = static_cast<double>(std::find(same.begin(), same.end(), i) - same.begin());
        shown[i] = cost[i] * std::pow(1.04, k - (static_cast<double>(same.size()) - 1) / 2.0);
    }
    return shown;
}

QChart* buildParetoChart(const QString& title, const QString& costTitle,
                         const QString& accuracyTitle, const QStringList& runs,
                         const std::vector<double>& cost, const std::vector<double>& accuracy,
                         const std::vector<RunStyle>& styles) {
    QChart* chart = newChart(title);
    auto* x = new QLogValueAxis;
    x->setTitleText(costTitle);
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setBase(10);
    auto* y = new QValueAxis;
    y->setTitleText(accuracyTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const std::vector<bool> front = paretoFront(cost, accuracy);
    const std::vector<double> shownCost = spreadEqualCosts(cost);
    auto* labels = new PointLabels(chart);
    double lo = INFINITY, hi = -INFINITY, cLo = INFINITY, cHi = -INFINITY;
    std::vector<size_t> onFront;
    for (int i = 0; i < runs.size() && i < static_cast<int>(front.size()); ++i) {
        if (!std::isfinite(cost[i]) || !std::isfinite(accuracy[i]) || cost[i] <= 0) continue;
        auto* s = new QScatterSeries;
        s->setName(front[i] ? runs[i] + QStringLiteral(" ★") : runs[i]);
        s->setMarkerSize(front[i] ? 14 : 10);
        s->append(shownCost[i], accuracy[i]);
        chart->addSeries(s);
        if (i < static_cast<int>(styles.size())) applyRunStyle(s, styles[static_cast<size_t>(i)]);
        s->attachAxis(x);
        s->attachAxis(y);
        // Each point names its run, apart from its neighbours': the chart needs no legend to be
        // read.
        labels->add(s, QPointF(shownCost[i], accuracy[i]), s->name());
        lo = std::min(lo, accuracy[i]);
        hi = std::max(hi, accuracy[i]);
        cLo = std::min(cLo, shownCost[i]);
        cHi = std::max(cHi, shownCost[i]);
        if (front[i]) onFront.push_back(static_cast<size_t>(i));
    }
    if (onFront.size() > 1) {
        std::sort(onFront.begin(), onFront.end(),
                  [&](size_t a, size_t b) { return cost[a] < cost[b]; });
        auto* line = new QLineSeries;
        line->setName(QObject::tr("Pareto front"));
        QPen pen(QColor(0x60, 0x60, 0x60));
        pen.setStyle(Qt::DashLine);
        line->setPen(pen);
        for (size_t i : onFront) line->append(shownCost[i], accuracy[i]);
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    if (std::isfinite(lo)) {
        const double pad = std::max((hi - lo) * 0.1, 1e-3);
        y->setRange(lo - pad, hi + pad);
        y->applyNiceNumbers();  // round ticks (0.25, 0.30) rather than the data's own ends
        x->setRange(cLo / 2, cHi * 2);
        // Costs below 1 (latency in ms) need their digits; sizes read as whole numbers.
        x->setLabelFormat(cLo < 1 ? QStringLiteral("%.2g") : QStringLiteral("%.0f"));
    }
    return chart;
}

QChart* buildCurvesChart(const QString& title, const QString& xTitle, const QString& yTitle,
                         const QStringList& runs, const std::vector<std::vector<QPointF>>& curves,
                         const std::vector<bool>& dashed, const std::vector<RunStyle>& styles) {
    QChart* chart = newChart(title);
    auto* x = new QValueAxis;
    x->setTitleText(xTitle);
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(yTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double xHi = 1, yLo = INFINITY, yHi = -INFINITY;
    for (int r = 0; r < runs.size() && r < static_cast<int>(curves.size()); ++r) {
        auto* s = new QLineSeries;
        s->setName(runs[r]);
        QList<QPointF> points(curves[r].begin(), curves[r].end());
        s->append(points);
        chart->addSeries(s);  // first: the theme picks the colour here, the pen below keeps it
        QPen pen = s->pen();
        pen.setWidthF(2);
        if (r < static_cast<int>(dashed.size()) && dashed[r]) {
            pen.setStyle(Qt::DashLine);
            pen.setColor(QColor(0x30, 0x30, 0x30));
        }
        s->setPen(pen);
        if (r < static_cast<int>(styles.size())) applyRunStyle(s, styles[static_cast<size_t>(r)]);
        s->attachAxis(x);
        s->attachAxis(y);
        for (const QPointF& p : curves[r]) {
            xHi = std::max(xHi, p.x());
            yLo = std::min(yLo, p.y());
            yHi = std::max(yHi, p.y());
        }
    }
    x->setRange(1, std::max(2.0, xHi));
    // Whole epochs only: a fractional tick would print as a repeated integer.
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(std::max(1.0, std::ceil(xHi / 8.0)));
    if (std::isfinite(yLo)) niceRange(y, yLo, yHi, false);
    return chart;
}

}  // namespace rd
