#include "presentation_style.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>

namespace rd {

namespace {

constexpr double kScale = 1.5;
bool on = false;
double baseFont = 0;  // the application font's normal point size

const char* const kBaseSize = "rdBasePointSize";
const char* const kBaseWidth = "rdBasePenWidth";

QFont scaled(QObject* owner, const char* key, QFont font) {
    if (!owner->property(key).isValid()) owner->setProperty(key, font.pointSizeF());
    const double base = owner->property(key).toDouble();
    if (base > 0) font.setPointSizeF(on ? base * kScale : base);
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
    for (QChartView* view : root->findChildren<QChartView*>()) {
        QChart* chart = view->chart();
        if (!chart) continue;
        chart->setTitleFont(scaled(chart, kBaseSize, chart->titleFont()));
        chart->legend()->setFont(scaled(chart->legend(), kBaseSize, chart->legend()->font()));
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
