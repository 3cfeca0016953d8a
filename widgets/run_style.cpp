#include "run_style.h"

#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <array>
#include <cstdint>

#include "catalog/run_vocabulary.h"
#include "distill/method_registry.h"

namespace rd {

namespace {

// Paul Tol, "muted" qualitative scheme (https://personal.sron.nl/~pault/): rose, indigo, sand,
// green, cyan, wine, teal, olive, purple.
const std::array<QColor, 9> kMuted = {
    QColor(0xCC, 0x66, 0x77), QColor(0x33, 0x22, 0x88), QColor(0xDD, 0xCC, 0x77),
    QColor(0x11, 0x77, 0x33), QColor(0x88, 0xCC, 0xEE), QColor(0x88, 0x22, 0x55),
    QColor(0x44, 0xAA, 0x99), QColor(0x99, 0x99, 0x33), QColor(0xAA, 0x44, 0x99)};

// Five shapes against nine colours: (i mod 9, i mod 5) repeats only after 45 methods.
const std::array<QScatterSeries::MarkerShape, 5> kMarkers = {
    QScatterSeries::MarkerShapeCircle, QScatterSeries::MarkerShapeTriangle,
    QScatterSeries::MarkerShapeRotatedRectangle, QScatterSeries::MarkerShapePentagon,
    QScatterSeries::MarkerShapeRectangle};

// The built-in methods in a fixed order, so that a method's colour does not move when another is
// added to the registry. Each of the nine has a colour of its own.
const std::array<const char*, 9> kKnown = {"softlabel", "rd",  "cd",   "rrd", "de",
                                           "htd",       "dcd", "unkd", "ftd"};

int methodIndex(const std::string& method) {
    const auto known = std::find(kKnown.begin(), kKnown.end(), method);
    if (known != kKnown.end()) return static_cast<int>(known - kKnown.begin());
    // Registered later: after the built-ins, in the registry's order.
    int extra = 0;
    for (const MethodInfo& info : methodInfos()) {
        if (info.name == "none" ||
            std::find(kKnown.begin(), kKnown.end(), info.name) != kKnown.end())
            continue;
        if (info.name == method) return static_cast<int>(kKnown.size()) + extra;
        ++extra;
    }
    // Not registered (a store written by another version): a stable hash of the name (FNV-1a).
    uint32_t h = 2166136261u;
    for (unsigned char c : method) h = (h ^ c) * 16777619u;
    return static_cast<int>(kKnown.size()) + extra + static_cast<int>(h % 36);
}

}  // namespace

RunStyle runStyle(const std::string& role, const std::string& method, int occurrence) {
    RunStyle s;
    if (role == role::kTeacher) {
        s.colour = QColor(0x00, 0x00, 0x00);
        s.marker = QScatterSeries::MarkerShapeStar;
        s.line = Qt::DashLine;
    } else if (role == role::kStudent || method.empty() || method == "none") {
        s.colour = QColor(0x77, 0x77, 0x77);
        s.marker = QScatterSeries::MarkerShapeRectangle;
        s.line = Qt::DotLine;
    } else {
        const int i = methodIndex(method);
        s.colour = kMuted[static_cast<size_t>(i) % kMuted.size()];
        s.marker = kMarkers[static_cast<size_t>(i) % kMarkers.size()];
        // Beyond nine methods colours repeat: the line style tells the second round apart.
        s.line = i < static_cast<int>(kMuted.size()) ? Qt::SolidLine : Qt::DashDotLine;
    }
    if (occurrence > 1) {
        const size_t at = static_cast<size_t>(
            std::find(kMarkers.begin(), kMarkers.end(), s.marker) - kMarkers.begin());
        s.marker = kMarkers[(at + static_cast<size_t>(occurrence - 1)) % kMarkers.size()];
        s.line = Qt::DashDotDotLine;
    }
    return s;
}

int occurrenceOf(const QString& stage) {
    const int hash = stage.lastIndexOf(QLatin1Char('#'));
    if (hash < 0) return 1;
    bool ok = false;
    const int n = stage.mid(hash + 1).toInt(&ok);
    return ok && n > 0 ? n : 1;
}

void applyRunStyle(QAbstractSeries* series, const RunStyle& style) {
    if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
        scatter->setColor(style.colour);
        scatter->setBorderColor(style.colour.darker(130));
        scatter->setMarkerShape(style.marker);
        return;
    }
    if (auto* line = qobject_cast<QLineSeries*>(series)) {
        QPen pen = line->pen();
        pen.setColor(style.colour);
        pen.setStyle(style.line);
        pen.setWidthF(2.0);
        line->setPen(pen);
    }
}

}  // namespace rd
