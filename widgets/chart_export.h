#pragma once

#include <QString>

class QChartView;

namespace rd {

/** Renders a chart view to a PNG file at twice its size on screen; false when it cannot be written.
 */
bool saveChartPng(QChartView* view, const QString& path);

/** Renders a chart view as SVG (vector, for papers and slides); false when it cannot be written. */
bool saveChartSvg(QChartView* view, const QString& path);

/** Gives a chart view context menu entries "Save chart as PNG…" and "Save chart as SVG…". */
void enableChartExport(QChartView* view);

}  // namespace rd
