#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

#include "run_style.h"

class QChart;

namespace rd {

/**
 * Charts that compare runs, built from plain values (no store, no torch): grouped bars of chosen
 * metrics, an accuracy-versus-size scatter with its Pareto front, and overlaid curves. Each returns
 * a new chart the caller owns.
 */

/** values[run][metric]; one bar set per run, one category per metric. NaN values are drawn as 0.
 * styles (when given, one per run) colour the bar sets; without them the theme picks. */
QChart* buildGroupedBarChart(const QString& title, const QStringList& metrics,
                             const QStringList& runs,
                             const std::vector<std::vector<double>>& values,
                             const std::vector<RunStyle>& styles = {});

/**
 * Which points are on the Pareto front when smaller cost and larger accuracy are better: a point is
 * on it when no other point is at least as good on both and better on one.
 */
std::vector<bool> paretoFront(const std::vector<double>& cost, const std::vector<double>& accuracy);

/**
 * Where the scatter draws each cost: runs of equal cost (every student of one experiment has the
 * same size) are spread sideways by factors of 1.04 around it, so their markers do not sit on top
 * of each other on the log axis; unequal costs are kept.
 */
std::vector<double> spreadEqualCosts(const std::vector<double>& cost);

/** One marker per run (named in the legend), the Pareto front joined by a line; cost on a log axis
 * (equal costs spread by spreadEqualCosts(), the front computed on the real ones). */
QChart* buildParetoChart(const QString& title, const QString& costTitle,
                         const QString& accuracyTitle, const QStringList& runs,
                         const std::vector<double>& cost, const std::vector<double>& accuracy,
                         const std::vector<RunStyle>& styles = {});

/** One line per run; dashed[i] draws run i as a dashed reference (the teacher). styles, when given
 * (one per run), decide colour and line instead. */
QChart* buildCurvesChart(const QString& title, const QString& xTitle, const QString& yTitle,
                         const QStringList& runs, const std::vector<std::vector<QPointF>>& curves,
                         const std::vector<bool>& dashed, const std::vector<RunStyle>& styles = {});

}  // namespace rd
