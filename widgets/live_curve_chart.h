#pragma once

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>

#include "run_style.h"

class QLineSeries;
class QValueAxis;

namespace rd {

/**
 * A line chart that grows while training runs: one series per stage, points buffered by append()
 * and drawn by flush() in bulk (a caller's timer calls it about ten times a second), so the cost of
 * drawing does not grow with the rate of points. A reference series (the teacher) is dashed.
 */
class LiveCurveChart : public QChartView {
    Q_OBJECT

public:
    LiveCurveChart(const QString& title, const QString& xTitle, const QString& yTitle,
                   QWidget* parent = nullptr);

    /** Buffers one point; nothing is drawn until flush(). */
    void append(const QString& series, double x, double y);
    /** Marks a series as the dashed reference line (created if needed). */
    void setReference(const QString& series);
    /** Draws the series keyed name in style (kept across clear(), like the labels). */
    void setSeriesStyle(const QString& name, const RunStyle& style);
    /** Draws every buffered point; returns how many were drawn. */
    int flush();
    void clear();
    void setTitle(const QString& title);
    /** The legend shows label for the series keyed name (kept across clear()); the key stays the
     * name. */
    void setSeriesLabel(const QString& name, const QString& label);

    int seriesCount() const { return static_cast<int>(series_.size()); }
    /** Points drawn so far in one series (0 when absent). */
    int pointCount(const QString& series) const;
    QLineSeries* series(const QString& name) const { return series_.value(name); }

private:
    QLineSeries* ensureSeries(const QString& name);

    QHash<QString, QLineSeries*> series_;
    QHash<QString, QString> labels_;
    QHash<QString, RunStyle> styles_;
    QList<QString> order_;
    QHash<QString, QList<QPointF>> pending_;
    QValueAxis* x_ = nullptr;
    QValueAxis* y_ = nullptr;
    double minX_ = 0, maxX_ = 1, minY_ = 0, maxY_ = 0;
    bool empty_ = true;
};

}  // namespace rd
