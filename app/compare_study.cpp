#include "compare_study.h"
#include "core_text.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QHeaderView>
#include <QLocale>
#include <QRegularExpression>
#include <QTableWidget>

#include <cmath>
#include <map>
#include <set>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "number_item.h"
#include "study/study_table.h"

namespace rd::compare_study {

namespace {

QString format(const QString& metric, double v) {
    if (!std::isfinite(v)) return QString();
    const MetricInfo* info = findMetric(metric.toStdString());
    if (info && info->format == MetricFormat::Integer)
        return QLocale().toString(static_cast<qlonglong>(std::llround(v)));
    return QString::fromStdString(formatMetricValue(metric.toStdString(), v));
}

QString signedNumber(double v) {
    if (!std::isfinite(v)) return QString();
    return (v >= 0 ? QStringLiteral("+") : QStringLiteral("−")) +
           QString::number(std::fabs(v), 'f', 4);
}

QString pValue(double p) {
    if (!std::isfinite(p)) return QString();
    return p < 0.001 ? QStringLiteral("<0.001") : QString::number(p, 'g', 2);
}

const QColor kBetter(0xd8, 0xf0, 0xd8);
const QColor kWorse(0xb0, 0x00, 0x20);

/** The core's notes in the reader's language (the numbers kept). */
QString note(const std::string& english) {
    const QString text = QString::fromStdString(english);
    if (english.rfind("one seed:", 0) == 0)
        return QCoreApplication::translate(
            "rd::CompareTab",
            "one seed: no interval over seeds; the paired tests are over the users of "
            "that seed");
    if (english.rfind("the split varies", 0) == 0)
        return QCoreApplication::translate(
            "rd::CompareTab",
            "the split varies with the seed: users are paired within a seed only");
    static const QRegularExpression finished(QStringLiteral("^(\\d+) of (\\d+) experiments"));
    if (const auto m = finished.match(text); m.hasMatch())
        return QCoreApplication::translate("rd::CompareTab", "%1 of %2 experiments finished")
            .arg(m.captured(1), m.captured(2));
    return CoreText::message(text);
}

/** The cell's assignments other than the student's own (they tell frontier lines apart). */
QString otherAxes(const StudyTable& study, int cell) {
    QStringList parts;
    if (cell < 0 || cell >= static_cast<int>(study.cells.size())) return {};
    const nlohmann::json& values = study.cells[static_cast<size_t>(cell)];
    if (!values.is_object()) return {};
    for (const auto& [key, value] : values.items())
        if (key.rfind("student.", 0) != 0)
            parts << QString::fromStdString(
                key + "=" + (value.is_string() ? value.get<std::string>() : value.dump()));
    return parts.join(QStringLiteral(", "));
}

}  // namespace

std::vector<const StudyRow*> cellRows(const StudyTable& table, int cell) {
    std::vector<const StudyRow*> rows;
    for (const StudyRow& r : table.rows)
        if (r.cell == cell) rows.push_back(&r);
    return rows;
}

QString rowLabel(const StudyRow& row) {
    if (row.role == role::kTeacher || row.role == role::kStudent)
        return CoreText::runLabel(row.role, std::string(), std::string());
    return QString::fromStdString(row.label());
}

IntervalValue interval(const StudyRow& row, const std::string& metric) {
    IntervalValue v;
    const auto it = row.metrics.find(metric);
    if (it == row.metrics.end() || it->second.n == 0) return v;
    v.mean = it->second.mean;
    if (it->second.hasInterval) {
        v.low = it->second.low;
        v.high = it->second.high;
    }
    return v;
}

QString intervalText(const QString& metric, const IntervalValue& value) {
    if (!std::isfinite(value.mean)) return QString();
    QString text = format(metric, value.mean);
    if (value.hasInterval())
        text += QStringLiteral(" ± ") + format(metric, value.high - value.mean);
    return text;
}

QStringList fillTable(QTableWidget* table, const StudyTable& study, int cell, bool allMetrics) {
    const std::vector<const StudyRow*> rows = cellRows(study, cell);
    // The columns as a plain comparison would choose them, from the rows' means.
    std::vector<ComparisonRow> means;
    for (const StudyRow* r : rows) {
        ComparisonRow c;
        for (const auto& [name, s] : r->metrics)
            if (s.n > 0) c.values[name] = s.mean;
        means.push_back(std::move(c));
    }
    std::set<std::string> paired;
    for (const StudyRow* r : rows)
        for (const auto& [name, c] : r->vsStudent) paired.insert(name);
    QStringList columns;
    for (const std::string& c : comparisonColumns(means, allMetrics)) {
        columns << QString::fromStdString(c);
        if (paired.count(c))
            columns << QStringLiteral("Δ:") + QString::fromStdString(c)
                    << QStringLiteral("p:") + QString::fromStdString(c);
    }

    table->setSortingEnabled(false);
    table->clear();
    table->setRowCount(static_cast<int>(rows.size()));
    table->setColumnCount(columns.size() + 3);
    QStringList headers{QCoreApplication::translate("rd::CompareTab", "Run"),
                        QCoreApplication::translate("rd::CompareTab", "Model"),
                        QCoreApplication::translate("rd::CompareTab", "Seeds")};
    for (const QString& c : columns) {
        if (c.startsWith(QStringLiteral("Δ:")))
            headers << QCoreApplication::translate("rd::CompareTab", "Δ %1 vs student [95 % CI]")
                           .arg(c.mid(2));
        else if (c.startsWith(QStringLiteral("p:")))
            headers << QCoreApplication::translate("rd::CompareTab", "p (Holm)");
        else
            headers << QString(c)
                           .replace(QStringLiteral("GapClosed:"),
                                    QCoreApplication::translate("rd::CompareTab", "Gap closed "))
                           .replace(QStringLiteral("_"), QStringLiteral(" "));
    }
    table->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < columns.size(); ++c) {
        QString tip;
        if (columns[c].startsWith(QStringLiteral("Δ:")))
            tip = QCoreApplication::translate(
                "rd::CompareTab",
                "Mean per-user difference to the student alone of the same seed, with its "
                "paired bootstrap 95 % interval");
        else if (columns[c].startsWith(QStringLiteral("p:")))
            tip = QCoreApplication::translate(
                      "rd::CompareTab",
                      "Wilcoxon signed-rank p of the difference, Holm-adjusted over the methods "
                      "of the cell; n.s. = not significant at %1")
                      .arg(study.alpha);
        else
            tip = CoreText::metricTooltip(columns[c]);
        table->horizontalHeaderItem(c + 3)->setToolTip(tip);
    }

    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const StudyRow& row = *rows[static_cast<size_t>(r)];
        auto* name = new QTableWidgetItem(rowLabel(row));
        QList<QVariant> ids;
        QStringList idText;
        for (int64_t id : row.runIds) {
            ids << QVariant::fromValue(static_cast<qlonglong>(id));
            idText << QStringLiteral("#%1").arg(id);
        }
        name->setData(RunIdsRole, ids);
        name->setToolTip(QCoreApplication::translate("rd::CompareTab", "runs %1")
                             .arg(idText.join(QStringLiteral(", "))));
        table->setItem(r, 0, name);
        table->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(row.model)));
        table->setItem(r, 2,
                       new NumberItem(QString::number(row.runIds.size()),
                                      static_cast<double>(row.runIds.size())));
        for (int c = 0; c < columns.size(); ++c) {
            const QString& col = columns[c];
            const bool delta = col.startsWith(QStringLiteral("Δ:"));
            const bool p = col.startsWith(QStringLiteral("p:"));
            if (delta || p) {
                const auto it = row.vsStudent.find(col.mid(2).toStdString());
                if (it == row.vsStudent.end()) {
                    table->setItem(r, c + 3, new NumberItem(QString(), NAN));
                    continue;
                }
                const StudyComparison& cmp = it->second;
                const QString verdict = !cmp.significant         ? QStringLiteral("n.s.")
                                        : cmp.meanDifference > 0 ? QStringLiteral("better")
                                                                 : QStringLiteral("worse");
                NumberItem* item = nullptr;
                if (delta) {
                    item =
                        new NumberItem(signedNumber(cmp.meanDifference) + QStringLiteral(" [") +
                                           signedNumber(cmp.interval.low) + QStringLiteral(", ") +
                                           signedNumber(cmp.interval.high) + QLatin1Char(']'),
                                       cmp.meanDifference);
                    item->setData(LowRole, cmp.interval.low);
                    item->setData(HighRole, cmp.interval.high);
                } else {
                    item = new NumberItem(
                        pValue(cmp.pHolm) + (cmp.significant ? QString()
                                                             : QCoreApplication::translate(
                                                                   "rd::CompareTab", " n.s.")),
                        cmp.pHolm);
                }
                item->setToolTip(
                    QCoreApplication::translate(
                        "rd::CompareTab",
                        "%n paired value(s); Wilcoxon p = %1, Holm-adjusted %2; "
                        "paired t p = %3",
                        nullptr, static_cast<int>(cmp.pairs))
                        .arg(pValue(cmp.pWilcoxon), pValue(cmp.pHolm), pValue(cmp.pT)));
                item->setData(SignificanceRole, verdict);
                if (verdict == QStringLiteral("better"))
                    item->setBackground(kBetter);
                else if (verdict == QStringLiteral("worse"))
                    item->setForeground(kWorse);
                table->setItem(r, c + 3, item);
                continue;
            }
            const IntervalValue v = interval(row, col.toStdString());
            auto* item = new NumberItem(intervalText(col, v), v.mean);
            if (v.hasInterval()) {
                item->setData(LowRole, v.low);
                item->setData(HighRole, v.high);
            }
            // Marked only where the paired test says the method beats the student alone.
            const auto it = row.vsStudent.find(col.toStdString());
            const bool better = it != row.vsStudent.end() && it->second.significant &&
                                it->second.meanDifference > 0;
            item->setData(BestRole, better);
            if (better) {
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
                item->setBackground(kBetter);
            }
            table->setItem(r, c + 3, item);
        }
    }
    table->setSortingEnabled(true);
    table->resizeColumnsToContents();
    return columns;
}

QString banner(const StudyTable& study) {
    QStringList seeds;
    for (int64_t s : study.seeds) seeds << QString::number(s);
    QString text = QCoreApplication::translate("rd::CompareTab", "Study #%1 “%2”, seeds %3")
                       .arg(study.studyId)
                       .arg(QString::fromStdString(study.name), seeds.join(QStringLiteral(", ")));
    if (study.cells.size() > 1)
        text += QCoreApplication::translate("rd::CompareTab", ", %1 cells of a sweep")
                    .arg(study.cells.size());
    text += QStringLiteral(". ");
    text += QCoreApplication::translate(
                "rd::CompareTab",
                "Values: mean ± half-width of the 95 % t interval over seeds. Green: better than "
                "the student alone (Holm-adjusted Wilcoxon p < %1); n.s.: not significant.")
                .arg(study.alpha);
    for (const std::string& n : study.notes)
        text += QStringLiteral(" ") +
                QCoreApplication::translate("rd::CompareTab", "Note: %1.").arg(note(n));
    return text;
}

bool variesStudentSize(const StudyTable& study) {
    if (study.cells.size() < 2) return false;
    bool axis = false;
    for (const nlohmann::json& cell : study.cells)
        if (cell.is_object())
            for (const auto& item : cell.items())
                if (item.key().rfind("student.", 0) == 0) axis = true;
    if (!axis) return false;
    std::set<long long> sizes;
    for (const StudyRow& r : study.rows)
        if (r.role == role::kStudent) {
            const IntervalValue v = interval(r, "params");
            if (std::isfinite(v.mean)) sizes.insert(std::llround(v.mean));
        }
    return sizes.size() > 1;
}

std::vector<FrontierLine> frontierLines(const StudyTable& study, const std::string& metric,
                                        double* teacher) {
    *teacher = NAN;
    std::vector<FrontierLine> lines;
    std::map<QString, size_t> byName;
    for (const StudyRow& r : study.rows) {
        if (r.role == role::kTeacher) {
            if (!std::isfinite(*teacher)) *teacher = interval(r, metric).mean;
            continue;
        }
        const double size = interval(r, "params").mean;
        const IntervalValue value = interval(r, metric);
        if (!std::isfinite(size) || !std::isfinite(value.mean)) continue;
        QString name = rowLabel(r);
        const QString other = otherAxes(study, r.cell);
        if (!other.isEmpty()) name += QStringLiteral(" (") + other + QLatin1Char(')');
        auto it = byName.find(name);
        if (it == byName.end()) {
            it = byName.emplace(name, lines.size()).first;
            // One line per method: the method's colour. Several per method (other axes): the
            // lines need colours of their own.
            lines.push_back(FrontierLine{
                name,
                {},
                {},
                other.isEmpty() ? runStyle(r.role, r.method, r.occurrence).colour : QColor()});
        }
        lines[it->second].size.push_back(size);
        lines[it->second].value.push_back(value);
    }
    return lines;
}

}  // namespace rd::compare_study
