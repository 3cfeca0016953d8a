#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

#include "run_style.h"

class QChart;

namespace rd {

/**
 * Charts of a study (runs repeated over seeds), built from plain values like comparison_charts.h:
 * bars with error bars, the accuracy-versus-size scatter with whiskers, and the compression
 * frontier (a metric against the student's size, one line per method with its confidence band).
 * An interval is drawn only where it exists (one seed has none). Each returns a new chart the
 * caller owns; the intervals are line series of their own (object names "errorBar", "whisker",
 * "frontierBand") whose legend entries are hidden, so exports include them and tests can read them.
 */

/** A mean over seeds with its confidence interval (low and high NaN when there is none). */
struct IntervalValue {
    double mean = NAN, low = NAN, high = NAN;
    bool hasInterval() const { return std::isfinite(low) && std::isfinite(high); }
};

/** One line of the compression frontier: a method (or the student alone) across the sweep. */
struct FrontierLine {
    QString name;
    std::vector<double> size;  ///< the student's parameters, one per point
    std::vector<IntervalValue> value;
    QColor colour;  ///< the method's (runStyle); invalid: seriesColor() of the line's index
};

/** Distinct colours for up to ten series (Qt's default theme repeats after five). */
QColor seriesColor(int index);

/** values[run][metric]: grouped bars of the means, an error bar over each bar with an interval. */
QChart* buildErrorBarChart(const QString& title, const QStringList& metrics,
                           const QStringList& runs,
                           const std::vector<std::vector<IntervalValue>>& values,
                           const std::vector<RunStyle>& styles = {});

/** buildParetoChart() over the means, with a vertical whisker (the interval) through each point. */
QChart* buildWhiskerScatter(const QString& title, const QString& costTitle,
                            const QString& accuracyTitle, const QStringList& runs,
                            const std::vector<double>& cost,
                            const std::vector<IntervalValue>& accuracy,
                            const std::vector<RunStyle>& styles = {});

/**
 * One line per method over the student's size (log axis), each with a translucent band for its
 * interval and named at its largest size (no legend), and a dashed horizontal reference line (the
 * teacher) when reference is finite.
 */
QChart* buildFrontierChart(const QString& title, const QString& sizeTitle,
                           const QString& valueTitle, const std::vector<FrontierLine>& lines,
                           const QString& referenceName, double reference);

}  // namespace rd
