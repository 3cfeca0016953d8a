#pragma once

#include <QLocale>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

class QChart;

namespace rd {

/**
 * Free functions that turn plain vectors from core (DatasetStats and friends) into QChart objects,
 * so views only arrange charts and stay short. Each returns a new chart the caller owns (usually by
 * handing it to a QChartView).
 */

/**
 * At most maxPoints (rank, count) points of a most-popular-first count curve, 1-based ranks, always
 * keeping the first and the last item so the head and the end of the tail stay visible. Zero
 * counts are dropped because they cannot be drawn on a log axis.
 */
std::vector<QPointF> downsamplePopularity(const std::vector<int64_t>& counts, int maxPoints = 2000);

/** Long-tail curve: items ranked by popularity, interactions on a log axis. */
QChart* buildPopularityChart(const std::vector<int64_t>& counts, int maxPoints = 2000);

/** Vertical bars, one per rating value, ascending. */
QChart* buildRatingChart(const std::vector<std::pair<double, int64_t>>& histogram);

/** Horizontal bars of items per category, largest on top; only the largest maxBars are kept. */
QChart* buildCategoryChart(const std::vector<std::pair<std::string, int32_t>>& categories,
                           int maxBars = 25);

/** The default locale with thousands separators forced on (QLocale::c() omits them by default). */
QLocale groupingLocale();

/** A rating value as an axis label: "4", "3.5". */
QString ratingLabel(double rating);

}  // namespace rd
