#include "point_labels.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rd {

namespace {

constexpr double kGap = 3;  // pixels between a marker's edge and its name

}  // namespace

PointLabels::PointLabels(QChart* chart) : QObject(chart), chart_(chart) {
    connect(chart, &QChart::plotAreaChanged, this, &PointLabels::relayout);
}

void PointLabels::add(QAbstractSeries* series, QPointF value, const QString& text) {
    auto* item = new QGraphicsSimpleTextItem(text, chart_);
    item->setZValue(20);
    auto* leader = new QGraphicsLineItem(chart_);
    leader->setPen(QPen(QColor(0x80, 0x80, 0x80), 1));
    leader->setZValue(19);
    leader->hide();
    labels_.push_back({series, value, item, leader});
    if (labels_.size() == 1) {
        // The presentation style changes axis fonts; names follow the axis labels' size.
        const QList<QAbstractAxis*> axes = chart_->axes(Qt::Horizontal);
        if (!axes.isEmpty())
            connect(axes.first(), &QAbstractAxis::labelsFontChanged, this, &PointLabels::relayout,
                    Qt::QueuedConnection);
    }
    relayout();
}

QList<QRectF> PointLabels::labelRects() const {
    QList<QRectF> rects;
    for (const Label& l : labels_) rects << l.text->mapRectToParent(l.text->boundingRect());
    return rects;
}

QStringList PointLabels::labelTexts() const {
    QStringList texts;
    for (const Label& l : labels_) texts << l.text->text();
    return texts;
}

std::vector<double> PointLabels::spread(const std::vector<double>& wanted, double height, double lo,
                                        double hi) {
    const size_t n = wanted.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return wanted[a] < wanted[b]; });
    struct Cluster {
        size_t first, count;
        double sum, top;
    };
    auto place = [&](Cluster& c) {
        // Centred on the mean of what its labels want, then kept inside [lo, hi].
        c.top = c.sum / c.count - (c.count - 1) * height / 2;
        c.top = std::min(c.top, hi - c.count * height);
        c.top = std::max(c.top, lo);
    };
    std::vector<Cluster> clusters;
    for (size_t k = 0; k < n; ++k) {
        Cluster c{k, 1, wanted[order[k]], 0};
        place(c);
        while (!clusters.empty() && clusters.back().top + clusters.back().count * height > c.top) {
            const Cluster prev = clusters.back();
            clusters.pop_back();
            c = {prev.first, prev.count + c.count, prev.sum + c.sum, 0};
            place(c);
        }
        clusters.push_back(c);
    }
    std::vector<double> tops(n);
    for (const Cluster& c : clusters)
        for (size_t j = 0; j < c.count; ++j) tops[order[c.first + j]] = c.top + j * height;
    return tops;
}

void PointLabels::relayout() {
    const QRectF plot = chart_->plotArea();
    if (labels_.empty() || plot.isEmpty()) return;
    const QList<QAbstractAxis*> axes = chart_->axes(Qt::Horizontal);
    const QFont font = axes.isEmpty() ? chart_->font() : axes.first()->labelsFont();
    const double right = chart_->size().width() - 2;

    struct Box {
        QPointF anchor;
        double left, width, wantedTop;
    };
    std::vector<Box> boxes;
    double height = 0;
    for (Label& l : labels_) {
        l.text->setFont(font);
        const QRectF text = l.text->boundingRect();
        height = std::max(height, text.height());
        const auto* scatter = qobject_cast<QScatterSeries*>(l.series);
        const double radius = scatter ? scatter->markerSize() / 2 : 5;
        const QPointF anchor = chart_->mapToPosition(l.value, l.series);
        double left = anchor.x() + radius + kGap;
        if (left + text.width() > right) left = anchor.x() - radius - kGap - text.width();
        boxes.push_back({anchor, left, text.width(), anchor.y() - text.height() / 2});
    }

    // Names whose horizontal extents overlap share a column and are spread apart in it.
    std::vector<size_t> byLeft(boxes.size());
    std::iota(byLeft.begin(), byLeft.end(), size_t{0});
    std::sort(byLeft.begin(), byLeft.end(),
              [&](size_t a, size_t b) { return boxes[a].left < boxes[b].left; });
    std::vector<double> tops(boxes.size());
    for (size_t start = 0; start < byLeft.size();) {
        size_t end = start + 1;
        double columnRight = boxes[byLeft[start]].left + boxes[byLeft[start]].width;
        while (end < byLeft.size() && boxes[byLeft[end]].left < columnRight) {
            columnRight = std::max(columnRight, boxes[byLeft[end]].left + boxes[byLeft[end]].width);
            ++end;
        }
        std::vector<double> wanted;
        for (size_t k = start; k < end; ++k) wanted.push_back(boxes[byLeft[k]].wantedTop);
        const std::vector<double> placed =
            spread(wanted, height, plot.top() - height / 2, plot.bottom() + height / 2);
        for (size_t k = start; k < end; ++k) tops[byLeft[k]] = placed[k - start];
        start = end;
    }

    for (size_t i = 0; i < labels_.size(); ++i) {
        const Box& b = boxes[i];
        labels_[i].text->setPos(b.left, tops[i]);
        const bool moved = std::fabs(tops[i] - b.wantedTop) > height / 2;
        labels_[i].leader->setVisible(moved);
        if (moved) {
            const double x = b.left > b.anchor.x() ? b.left - 1 : b.left + b.width + 1;
            labels_[i].leader->setLine(QLineF(b.anchor, QPointF(x, tops[i] + height / 2)));
        }
    }
}

}  // namespace rd
