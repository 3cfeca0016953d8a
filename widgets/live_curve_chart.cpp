#include "live_curve_chart.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace rd {

namespace {

/** The smallest 1, 2 or 5 × 10^k at least rough. */
double niceStep(double rough) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * magnitude >= rough) return m * magnitude;
    return 10 * magnitude;
}

}  // namespace

LiveCurveChart::LiveCurveChart(const QString& title, const QString& xTitle, const QString& yTitle,
                               QWidget* parent)
    : QChartView(parent) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    // Beside the plot: below it, ten stages' names would be cut to "t…", "s…".
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->hide();
    x_ = new QValueAxis;
    x_->setTitleText(xTitle);
    x_->setLabelFormat(QStringLiteral("%d"));
    x_->setRange(0, 1);
    y_ = new QValueAxis;
    y_->setTitleText(yTitle);
    y_->setLabelFormat(QStringLiteral("%.4g"));
    chart->addAxis(x_, Qt::AlignBottom);
    chart->addAxis(y_, Qt::AlignLeft);
    // setChart hands back the view's default chart instead of deleting it (reliability review F9).
    QChart* initial = this->chart();
    setChart(chart);
    delete initial;
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 180);
}

void LiveCurveChart::setTitle(const QString& title) {
    chart()->setTitle(title);
}

void LiveCurveChart::setSeriesLabel(const QString& name, const QString& label) {
    labels_.insert(name, label);
    if (QLineSeries* s = series_.value(name)) s->setName(label);
}

QLineSeries* LiveCurveChart::ensureSeries(const QString& name) {
    if (QLineSeries* s = series_.value(name)) return s;
    auto* s = new QLineSeries;
    s->setName(labels_.value(name, name));
    chart()->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
    if (styles_.contains(name)) {
        applyRunStyle(s, styles_.value(name));
    } else {
        QPen pen = s->pen();
        pen.setWidthF(2.0);
        s->setPen(pen);
    }
    series_.insert(name, s);
    order_.push_back(name);
    chart()->legend()->setVisible(series_.size() > 1);
    return s;
}

void LiveCurveChart::setReference(const QString& name) {
    QLineSeries* s = ensureSeries(name);
    QPen pen = s->pen();
    pen.setStyle(Qt::DashLine);
    pen.setColor(QColor(0x30, 0x30, 0x30));
    s->setPen(pen);
}

void LiveCurveChart::setSeriesStyle(const QString& name, const RunStyle& style) {
    styles_.insert(name, style);
    if (QLineSeries* s = series_.value(name)) applyRunStyle(s, style);
}

void LiveCurveChart::append(const QString& series, double x, double y) {
    if (!std::isfinite(y)) return;
    pending_[series].push_back(QPointF(x, y));
}

int LiveCurveChart::flush() {
    if (pending_.isEmpty()) return 0;
    int drawn = 0;
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        QLineSeries* s = ensureSeries(it.key());
        for (const QPointF& p : it.value()) {
            if (empty_) {
                minX_ = maxX_ = p.x();
                minY_ = maxY_ = p.y();
                empty_ = false;
            }
            minX_ = std::min(minX_, p.x());
            maxX_ = std::max(maxX_, p.x());
            minY_ = std::min(minY_, p.y());
            maxY_ = std::max(maxY_, p.y());
        }
        s->append(it.value());  // one bulk append (one repaint) per series
        // A line needs two points: until then the first epoch shows as a dot, not as empty axes.
        s->setPointsVisible(s->count() < 2);
        drawn += static_cast<int>(it.value().size());
    }
    pending_.clear();
    x_->setRange(std::min(minX_, 1.0), std::max(maxX_, minX_ + 1.0));
    // Whole-epoch ticks at 1, 2, 5, 10, … steps: fractional epochs would be misleading labels.
    x_->setTickType(QValueAxis::TicksDynamic);
    x_->setTickAnchor(0);
    x_->setTickInterval(niceStep(std::max(1.0, (maxX_ - minX_) / 8.0)));
    // Values on round ticks too (0.05, 0.10, … rather than 0.07845): about five of them, the range
    // widened to whole steps so the curve never touches the frame.
    const double span = maxY_ - minY_;
    const double pad = span > 0 ? span * 0.05 : std::max(std::fabs(maxY_) * 0.05, 1e-3);
    const double yStep = niceStep((span + 2 * pad) / 5.0);
    y_->setTickType(QValueAxis::TicksDynamic);
    y_->setTickAnchor(0);
    y_->setTickInterval(yStep);
    double yLo = std::floor((minY_ - pad) / yStep) * yStep;
    // Values that cannot be negative (NDCG, most losses) never get an axis below 0.
    if (minY_ >= 0) yLo = std::max(0.0, yLo);
    y_->setRange(yLo, std::ceil((maxY_ + pad) / yStep) * yStep);
    return drawn;
}

void LiveCurveChart::clear() {
    chart()->removeAllSeries();
    series_.clear();
    order_.clear();
    pending_.clear();
    empty_ = true;
    x_->setRange(0, 1);
    y_->setRange(0, 1);
    chart()->legend()->hide();
}

int LiveCurveChart::pointCount(const QString& name) const {
    const QLineSeries* s = series_.value(name);
    return s ? static_cast<int>(s->count()) : 0;
}

}  // namespace rd
