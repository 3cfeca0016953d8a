#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

class QChart;

namespace rd {

/**
 * Charts that compare runs, built from plain values (no store, no torch): grouped bars of chosen
 * metrics, an accuracy-versus-size scatter with its Pareto front, and overlaid curves. Each returns
 * a new chart the caller owns.
 */

/** values[run][metric]; one bar set per run, one category per metric. NaN values are drawn as 0. */
QChart* buildGroupedBarChart(const QString& title, const QStringList& metrics,
                             const QStringList& runs,
                             const std::vector<std::vector<double>>& values);

/**
 * Which points are on the Pareto front when smaller cost and larger accuracy are better: a point is
 * on it when no other point is at least as good on both and better on one.
 */
std::vector<bool> paretoFront(const std::vector<double>& cost, const std::vector<double>& accuracy);

/** One marker per run (named in the legend), the Pareto front joined by a line; cost on a log axis.
 */
QChart* buildParetoChart(const QString& title, const QString& costTitle,
                         const QString& accuracyTitle, const QStringList& runs,
                         const std::vector<double>& cost, const std::vector<double>& accuracy);

/** One line per run; dashed[i] draws run i as a dashed reference (the teacher). */
QChart* buildCurvesChart(const QString& title, const QString& xTitle, const QString& yTitle,
                         const QStringList& runs, const std::vector<std::vector<QPointF>>& curves,
                         const std::vector<bool>& dashed);

}  // namespace rd
