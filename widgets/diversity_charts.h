#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

#include "run_style.h"

class QChart;

namespace rd {

/**
 * Diversity and popularity-bias charts from plain values: exposure by popularity bin, Lorenz curves
 * and Gini. Each chart builder returns a new chart the caller owns.
 */

/**
 * One category per popularity bin (most popular first): the share of training interactions as grey
 * bars (the reference, the chart's first series), and each run's share of recommendation slots as a
 * line with markers over the bins, in the run's style.
 */
QChart* buildExposureChart(const QStringList& runs,
                           const std::vector<std::vector<double>>& recommendationShare,
                           const std::vector<double>& trainingShare,
                           const std::vector<RunStyle>& styles = {});

/** Lorenz curve of shares over equal-sized groups: (0,0), then cumulative shares, poorest first. */
std::vector<QPointF> lorenzCurve(const std::vector<double>& shares);
/** Gini coefficient of shares over equal-sized groups (trapezoids under the Lorenz curve). */
double giniOfShares(const std::vector<double>& shares);

/** One Lorenz curve per run (named by the run; its Gini in the property "gini") plus the diagonal
 * of perfect equality. */
QChart* buildLorenzChart(const QStringList& runs, const std::vector<std::vector<double>>& shares,
                         const std::vector<double>& gini, const std::vector<RunStyle>& styles = {});

}  // namespace rd
