#pragma once

#include <QColor>
#include <QScatterSeries>
#include <QString>

#include <string>

class QAbstractSeries;

namespace rd {

/** How one run is drawn in every chart: colour, marker shape (scatter points) and line style. */
struct RunStyle {
    QColor colour;
    QScatterSeries::MarkerShape marker = QScatterSeries::MarkerShapeCircle;
    Qt::PenStyle line = Qt::SolidLine;

    bool operator==(const RunStyle& o) const {
        return colour == o.colour && marker == o.marker && line == o.line;
    }
};

/**
 * The one place that decides how a run looks. The style depends only on the run's role and method
 * (never on its position in a chart, its label or the language), so a method keeps its colour in
 * Live, Compare, Diversity, exported charts and across experiments. The teacher is black and
 * dashed, the student alone grey and dotted; the methods take Paul Tol's "muted" palette (nine
 * colours chosen to stay apart under the common colour-vision deficiencies) with a marker shape
 * each, so two methods never share both colour and marker. occurrence > 1 (a method's second entry
 * in one experiment, "rrd#2") keeps the colour and changes marker and line.
 */
RunStyle runStyle(const std::string& role, const std::string& method, int occurrence = 1);

/** The occurrence in a stage or row label: 2 for "rrd#2", 1 without "#". */
int occurrenceOf(const QString& stage);

/** Gives a line series the style's colour and line (width 2); scatter series also its marker. */
void applyRunStyle(QAbstractSeries* series, const RunStyle& style);

}  // namespace rd
