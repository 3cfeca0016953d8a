#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

class QChart;

namespace rd {

/**
 * Diversity and popularity-bias charts from plain values: exposure by popularity bin, Lorenz curves
 * and Gini. Each chart builder returns a new chart the caller owns.
 */

/**
 * Grouped bars: one category per popularity bin (most popular first), one bar set per run with its
 * share of recommendation slots, and a grey "training" set with the share of training interactions
 * as the reference.
 */
QChart* buildExposureChart(const QStringList& runs,
                           const std::vector<std::vector<double>>& recommendationShare,
                           const std::vector<double>& trainingShare);

/** Lorenz curve of shares over equal-sized groups: (0,0), then cumulative shares, poorest first. */
std::vector<QPointF> lorenzCurve(const std::vector<double>& shares);
/** Gini coefficient of shares over equal-sized groups (trapezoids under the Lorenz curve). */
double giniOfShares(const std::vector<double>& shares);

/** One Lorenz curve per run plus the diagonal of perfect equality; labels carry each run's Gini. */
QChart* buildLorenzChart(const QStringList& runs, const std::vector<std::vector<double>>& shares,
                         const std::vector<double>& gini);

}  // namespace rd
