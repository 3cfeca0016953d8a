#include "presentation_style.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableView>
#include <QTreeView>

namespace rd {

namespace {

constexpr double kScale = 1.4;  // application font
constexpr double kChartScale =
    1.25;  // chart titles and axes (charts share the width with the panel)
bool on = false;
double baseFont = 0;  // the application font's normal point size

const char* const kBaseSize = "rdBasePointSize";
const char* const kBaseWidth = "rdBasePenWidth";

QFont scaled(QObject* owner, const char* key, QFont font) {
    if (!owner->property(key).isValid()) owner->setProperty(key, font.pointSizeF());
    const double base = owner->property(key).toDouble();
    if (base > 0) font.setPointSizeF(on ? base * kChartScale : base);
    return font;
}

}  // namespace

void PresentationStyle::setEnabled(bool enabled) {
    on = enabled;
    QFont font = QApplication::font();
    if (baseFont <= 0) baseFont = font.pointSizeF();
    if (baseFont > 0) font.setPointSizeF(on ? baseFont * kScale : baseFont);
    QApplication::setFont(font);
}

bool PresentationStyle::enabled() {
    return on;
}

void PresentationStyle::apply(QWidget* root) {
    if (!root) return;
    // Columns sized for the normal font would cut the larger one.
    for (QTableView* table : root->findChildren<QTableView*>()) {
        table->resizeColumnsToContents();
        table->resizeRowsToContents();
    }
    for (QTreeView* tree : root->findChildren<QTreeView*>())
        for (int c = 0; tree->model() && c < tree->model()->columnCount(); ++c)
            tree->resizeColumnToContents(c);
    for (QChartView* view : root->findChildren<QChartView*>()) {
        QChart* chart = view->chart();
        if (!chart) continue;
        chart->setTitleFont(scaled(chart, kBaseSize, chart->titleFont()));
        // The legend keeps its size: scaled up, its labels would be elided away on a 1280-pixel
        // screen.
        for (QAbstractAxis* axis : chart->axes()) {
            axis->setLabelsFont(scaled(axis, kBaseSize, axis->labelsFont()));
            axis->setTitleFont(scaled(axis, "rdBaseTitleSize", axis->titleFont()));
        }
        for (QAbstractSeries* series : chart->series()) {
            auto* line = qobject_cast<QLineSeries*>(series);
            if (!line || qobject_cast<QScatterSeries*>(series)) continue;
            QPen pen = line->pen();
            if (!line->property(kBaseWidth).isValid()) line->setProperty(kBaseWidth, pen.widthF());
            pen.setWidthF(line->property(kBaseWidth).toDouble() * (on ? 2.0 : 1.0));
            line->setPen(pen);
        }
    }
}

}  // namespace rd
