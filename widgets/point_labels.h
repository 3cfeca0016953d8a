#pragma once

#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>

#include <vector>

class QChart;
class QAbstractSeries;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;

namespace rd {

/**
 * Names next to scatter points that never cover each other. Qt Charts draws a series' point labels
 * centred above each point, so runs of the same size with close accuracy (every student of an
 * experiment) print on top of one another. PointLabels places each name to the right of its point
 * (to the left where the plot ends), pushes names that would overlap apart vertically and joins a
 * moved name to its point with a thin line. It lays the names out again whenever the plot area or
 * the axis font changes (resizing, presentation mode). The labels are items of the chart, so
 * exports include them.
 */
class PointLabels : public QObject {
    Q_OBJECT

public:
    /** Owned by chart (deleted with it). */
    explicit PointLabels(QChart* chart);

    void add(QAbstractSeries* series, QPointF value, const QString& text);

    /** Where the names are now, in chart coordinates (for tests). */
    QList<QRectF> labelRects() const;
    QStringList labelTexts() const;

    /**
     * 1-D placement: wanted[i] are the top edges the labels want, each label height high; returns
     * top edges in the same order with no two closer than height, each group of touching labels
     * centred on its wanted positions, and kept within [lo, hi - height] where the room allows.
     */
    static std::vector<double> spread(const std::vector<double>& wanted, double height, double lo,
                                      double hi);

    /** Places every name for the chart's current plot area. */
    void relayout();

private:
    struct Label {
        QAbstractSeries* series;
        QPointF value;
        QGraphicsSimpleTextItem* text;
        QGraphicsLineItem* leader;
    };
    QChart* chart_;
    std::vector<Label> labels_;
};

}  // namespace rd
