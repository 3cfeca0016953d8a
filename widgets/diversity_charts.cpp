#include "diversity_charts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QColor>
#include <QLegend>
#include <QLineSeries>
#include <QObject>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rd {

QChart* buildExposureChart(const QStringList& runs,
                           const std::vector<std::vector<double>>& recommendationShare,
                           const std::vector<double>& trainingShare,
                           const std::vector<RunStyle>& styles) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Exposure by item popularity"));
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    size_t bins = trainingShare.size();
    for (const auto& r : recommendationShare) bins = std::max(bins, r.size());
    auto* x = new QBarCategoryAxis;
    for (size_t b = 0; b < bins; ++b) x->append(QString::number(b + 1));
    x->setTitleText(QObject::tr("popularity bin (1 = most popular 10%)"));
    auto* y = new QValueAxis;
    y->setTitleText(QObject::tr("% of slots / interactions"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double hi = 0;
    // The training share as grey bars behind; each run as a line over the bins, in its own style:
    // ten runs as bars were ten slivers per bin (a pixel wide at 1×, gone at 2×).
    auto* bars = new QBarSeries;
    auto* training = new QBarSet(QObject::tr("training interactions"));
    for (size_t b = 0; b < bins; ++b) {
        const double v = b < trainingShare.size() ? trainingShare[b] * 100 : 0;
        *training << v;
        hi = std::max(hi, v);
    }
    bars->append(training);
    bars->setBarWidth(0.8);
    chart->addSeries(bars);
    training->setColor(QColor(0xd8, 0xd8, 0xd8));
    training->setBorderColor(QColor(0xb0, 0xb0, 0xb0));
    bars->attachAxis(x);
    bars->attachAxis(y);
    for (int r = 0; r < runs.size() && r < static_cast<int>(recommendationShare.size()); ++r) {
        auto* line = new QLineSeries;
        line->setName(runs[r]);
        for (size_t b = 0; b < bins; ++b) {
            const double v =
                b < recommendationShare[r].size() ? recommendationShare[r][b] * 100 : 0;
            line->append(static_cast<double>(b), v);
            hi = std::max(hi, v);
        }
        chart->addSeries(line);
        if (r < static_cast<int>(styles.size()))
            applyRunStyle(line, styles[static_cast<size_t>(r)]);
        line->setPointsVisible(true);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    y->setRange(0, std::max(1.0, hi * 1.05));
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%.0f"));
    return chart;
}

std::vector<QPointF> lorenzCurve(const std::vector<double>& shares) {
    std::vector<double> sorted = shares;
    std::sort(sorted.begin(), sorted.end());
    const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    std::vector<QPointF> points{QPointF(0, 0)};
    double cumulative = 0;
    for (size_t i = 0; i < sorted.size(); ++i) {
        cumulative += sorted[i];
        points.emplace_back(static_cast<double>(i + 1) / sorted.size(),
                            total > 0 ? cumulative / total : 0);
    }
    return points;
}

double giniOfShares(const std::vector<double>& shares) {
    if (shares.empty()) return 0;
    const std::vector<QPointF> curve = lorenzCurve(shares);
    double area = 0;
    for (size_t i = 1; i < curve.size(); ++i)
        area += (curve[i].x() - curve[i - 1].x()) * (curve[i].y() + curve[i - 1].y()) / 2;
    return 1 - 2 * area;
}

QChart* buildLorenzChart(const QStringList& runs, const std::vector<std::vector<double>>& shares,
                         const std::vector<double>& gini, const std::vector<RunStyle>& styles) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Lorenz curves of exposure"));
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignRight);
    auto* x = new QValueAxis;
    x->setRange(0, 100);
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(QObject::tr("% of items"));
    auto* y = new QValueAxis;
    y->setRange(0, 100);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(QObject::tr("% of recommendation slots"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (int r = 0; r < runs.size() && r < static_cast<int>(shares.size()); ++r) {
        auto* s = new QLineSeries;
        const double g = r < static_cast<int>(gini.size()) ? gini[r] : giniOfShares(shares[r]);
        // The name alone: "softlabel: Gini 0.8…" was cut; the Gini is a column of the table.
        s->setName(runs[r]);
        s->setProperty("gini", g);
        for (const QPointF& p : lorenzCurve(shares[r])) s->append(p.x() * 100, p.y() * 100);
        chart->addSeries(s);  // first: the theme picks the colour here, the pen below keeps it
        QPen line = s->pen();
        line.setWidthF(2);
        s->setPen(line);
        if (r < static_cast<int>(styles.size())) applyRunStyle(s, styles[static_cast<size_t>(r)]);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    // The reference last, so the runs take the same theme colours as in every other chart.
    auto* equality = new QLineSeries;
    equality->setName(QObject::tr("equal exposure"));
    equality->setProperty("reference", true);
    equality->append(0, 0);
    equality->append(100, 100);
    chart->addSeries(equality);
    QPen pen(QColor(0x90, 0x90, 0x90));
    pen.setStyle(Qt::DotLine);
    equality->setPen(pen);
    equality->attachAxis(x);
    equality->attachAxis(y);
    return chart;
}

}  // namespace rd
