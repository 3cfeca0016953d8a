#pragma once

#include <QString>

class QChartView;

namespace rd {

/** Renders a chart view to a PNG file at twice its size on screen; false when it cannot be written. */
bool saveChartPng(QChartView* view, const QString& path);

/** Gives a chart view a context menu entry "Save chart as PNG…". */
void enableChartExport(QChartView* view);

}  // namespace rd
