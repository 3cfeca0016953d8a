// CompareTab's tables: the metrics table of single runs (with the cost cells of external teachers
// and of runs without a serving figure), the parameter table, and their copy and exports. The
// tab's layout and refresh are in compare_tab.cpp, its charts in compare_tab_charts.cpp.
#include "compare_tab.h"
#include "config/json_config.h"
#include "core_text.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScrollBar>
#include <QTableWidget>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "eval/serving_cost.h"
#include "number_item.h"

namespace rd {

namespace {

/** A value as the catalogue says it is shown; counts with the locale's digit grouping. */
QString formatValue(const QString& metric, double v) {
    if (!std::isfinite(v)) return QString();
    const MetricInfo* info = findMetric(metric.toStdString());
    if (info && info->format == MetricFormat::Integer)
        return QLocale().toString(static_cast<qlonglong>(std::llround(v)));
    return QString::fromStdString(formatMetricValue(metric.toStdString(), v));
}

void flatten(const nlohmann::json& j, const std::string& prefix,
             std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
    } else {
        out[prefix] = j.is_string() ? j.get<std::string>() : j.dump();
    }
}

/** The shown table as text: CSV (RFC 4180 quoting) or a booktabs LaTeX tabular. */
QString tableText(const QTableWidget* table, bool latex) {
    auto cell = [latex](QString text) {
        if (latex) {
            text.replace(QStringLiteral("±"), QStringLiteral("$\\pm$"))
                .replace(QStringLiteral("%"), QStringLiteral("\\%"))
                .replace(QStringLiteral("_"), QStringLiteral("\\_"))
                .replace(QStringLiteral("#"), QStringLiteral("\\#"))
                .replace(QStringLiteral("Δ"), QStringLiteral("$\\Delta$"))
                .replace(QStringLiteral("−"), QStringLiteral("$-$"));
            return text;
        }
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')))
            text = QLatin1Char('"') + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) +
                   QLatin1Char('"');
        return text;
    };
    const QString sep = latex ? QStringLiteral(" & ") : QStringLiteral(",");
    const QString end = latex ? QStringLiteral(" \\\\\n") : QStringLiteral("\n");
    QStringList header;
    for (int c = 0; c < table->columnCount(); ++c)
        header << cell(table->horizontalHeaderItem(c) ? table->horizontalHeaderItem(c)->text()
                                                      : QString());
    QString out;
    if (latex)
        out += QStringLiteral("\\begin{tabular}{ll") +
               QString(table->columnCount() - 2, QLatin1Char('r')) +
               QStringLiteral("}\n\\toprule\n");
    out += header.join(sep) + end;
    if (latex) out += QStringLiteral("\\midrule\n");
    for (int r = 0; r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
            cells << cell(table->item(r, c) ? table->item(r, c)->text() : QString());
        out += cells.join(sep) + end;
    }
    if (latex) out += QStringLiteral("\\bottomrule\n\\end{tabular}\n");
    return out;
}

}  // namespace

ComparisonTable CompareTab::comparisonTable() const {
    ComparisonTable table;
    for (const RunSnapshot& s : runs_) {
        ComparisonRow row;
        row.label = s.label.toStdString();
        row.model = s.record.model;
        // One seed per run: no row takes part in "best", in the table or its exports.
        row.competes = false;
        row.values = s.results;
        table.rows.push_back(std::move(row));
    }
    table.columns = comparisonColumns(table.rows, allMetrics_->isChecked());
    return table;
}

void CompareTab::fillMetrics() {
    const ComparisonTable table = comparisonTable();
    columns_.clear();
    for (const std::string& c : table.columns) columns_ << QString::fromStdString(c);
    // Compact: the cost columns right after the headline accuracy, so "at what cost" is in view
    // without scrolling (the CSV export keeps the catalogue's order).
    int at =
        std::min<int>(columns_.size(), columns_.indexOf(QStringLiteral("GapClosed:NDCG@10")) + 1);
    if (at <= 0)
        at = std::min<int>(columns_.size(), columns_.indexOf(QStringLiteral("NDCG@10")) + 1);
    // Every run with a size gets a serving column, so a run recorded before it was measured
    // says why it has none (costCell()).
    if (!columns_.contains(QStringLiteral("serving_p50_ms")) &&
        (columns_.contains(QStringLiteral("params")) || columns_.contains(QStringLiteral("bytes"))))
        columns_.insert((columns_.contains(QStringLiteral("bytes"))
                             ? columns_.indexOf(QStringLiteral("bytes"))
                             : columns_.indexOf(QStringLiteral("params"))) +
                            1,
                        QStringLiteral("serving_p50_ms"));
    for (const QString& cost :
         {QStringLiteral("params"), QStringLiteral("bytes"), QStringLiteral("serving_p50_ms"),
          QStringLiteral("train_seconds")}) {
        const int from = columns_.indexOf(cost);
        if (from < 0 || from < at) continue;
        columns_.move(from, at++);
    }
    // MRR@10 after the costs: accuracy, gap closed and cost fit a 1280-pixel window together.
    if (const int mrr = columns_.indexOf(QStringLiteral("MRR@10")); mrr >= 0 && mrr < at - 1)
        columns_.move(mrr, at - 1);

    metrics_->setSortingEnabled(false);
    metrics_->clear();
    metrics_->setRowCount(static_cast<int>(runs_.size()));
    metrics_->setColumnCount(columns_.size() + 2);
    QStringList headers{tr("Run"), tr("Model")};
    for (const QString& c : columns_) {
        if (c == QLatin1String("params"))
            headers << tr("Parameters");
        else if (c == QLatin1String("bytes"))
            headers << tr("Size (bytes)");
        else if (c == QLatin1String("serving_p50_ms"))
            headers << tr("Serving p50 (ms)");
        else if (c == QLatin1String("latency_p50_ms"))
            headers << tr("Latency p50 (ms)");
        else if (c == QLatin1String("train_seconds"))
            headers << tr("Training (s)");
        else
            headers << QString(c)
                           .replace(QStringLiteral("GapClosed:"), tr("Gap closed "))
                           .replace(QStringLiteral("_"), QStringLiteral(" "));
    }
    metrics_->setHorizontalHeaderLabels(headers);
    for (int c = 0; c < columns_.size(); ++c)
        metrics_->horizontalHeaderItem(c + 2)->setToolTip(CoreText::metricTooltip(columns_[c]));
    for (int r = 0; r < static_cast<int>(runs_.size()); ++r) {
        const RunSnapshot& s = runs_[static_cast<size_t>(r)];
        auto* name = new QTableWidgetItem(s.label);
        name->setToolTip(tr("run #%1 (%2)")
                             .arg(s.record.id)
                             .arg(CoreText::status(QString::fromStdString(s.record.status))));
        name->setData(Qt::UserRole, static_cast<qlonglong>(s.record.id));
        if (s.record.status != "finished")
            name->setText(tr("%1 (%2)").arg(
                s.label, CoreText::status(QString::fromStdString(s.record.status))));
        metrics_->setItem(r, 0, name);
        metrics_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(s.record.model)));
        for (int c = 0; c < columns_.size(); ++c)
            metrics_->setItem(r, c + 2, costCell(s, columns_[c]));
    }
    // No "best": every run is one seed, and a difference between two single runs may be seed
    // noise (issue 12: HTD's gap closed ranged from −7 % to 83 % over three seeds).
    note_->setText(
        runs_.empty()
            ? tr("Nothing to compare yet: tick runs in the Runs dock (Ctrl+F finds them), or run "
                 "an experiment from the Setup tab (Ctrl+R); its runs are ticked when it ends.")
            : tr("No run is marked best: each run is one seed, and a difference between single "
                 "runs may be seed noise. Repeat the experiment over seeds (Setup ▸ Repeat over "
                 "seeds) to test it."));
    note_->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); }"));
    metrics_->setSortingEnabled(true);
    metrics_->resizeColumnsToContents();
    // Tall enough for an experiment's runs (up to eleven), so none hides behind a scroll bar.
    const int shown = std::min(11, metrics_->rowCount());
    metrics_->setMinimumHeight(metrics_->horizontalHeader()->sizeHint().height() +
                               shown * metrics_->verticalHeader()->defaultSectionSize() +
                               metrics_->horizontalScrollBar()->sizeHint().height() +
                               2 * metrics_->frameWidth());
}

QTableWidgetItem* CompareTab::costCell(const RunSnapshot& s, const QString& column) const {
    const double v = s.value(column.toStdString());
    const bool external = s.record.model == "external";
    if (column == QLatin1String("params") && !std::isfinite(v) && external) {
        // An external teacher has no parameters here: its size is what it was given.
        const double embeddings = s.value("embedding_values"), list = s.value("list_entries");
        if (std::isfinite(embeddings) || std::isfinite(list)) {
            const bool hasEmbeddings = std::isfinite(embeddings);
            const double shown = hasEmbeddings ? embeddings : list;
            auto* item =
                new NumberItem(hasEmbeddings ? tr("%1 (embeddings)").arg(formatValue(column, shown))
                                             : tr("%1 (list)").arg(formatValue(column, shown)),
                               shown);
            item->setToolTip(
                hasEmbeddings
                    ? tr("An external teacher: the values of the user and item embeddings it was "
                         "given, not the parameters of the model that made them")
                    : tr("An external teacher: the score entries it was given (its lists), not "
                         "parameters; the model that made them is unknown here"));
            return item;
        }
    }
    auto* item = new NumberItem(formatValue(column, v), v);
    if (column == QLatin1String("bytes") && std::isfinite(v) && external)
        item->setToolTip(tr("An external teacher: the bytes of its score list and embeddings"));
    if (column == QLatin1String("serving_p50_ms")) {
        if (std::isfinite(v)) {
            item->setToolTip(tr("Top-10 for one user by brute force over the item embeddings, one "
                                "thread, median over %1 users: the measure of bench_latency "
                                "--serving (p99 %2 ms)")
                                 .arg(s.value("latency_users"))
                                 .arg(formatValue(column, s.value("serving_p99_ms"))));
        } else {
            item->setText(QStringLiteral("—"));
            item->setToolTip(
                external ? tr("An external teacher is served elsewhere: nothing to time here")
                : !servesByDotProduct(s.record.model)
                    ? tr("%1 does not score by a dot product of embeddings; brute-force serving "
                         "is not timed for it")
                          .arg(QString::fromStdString(s.record.model))
                    : tr("Not measured: the run was recorded before serving latency was, or "
                         "with latency_users 0. Run the experiment again to measure it."));
        }
    }
    return item;
}

void CompareTab::fillParams() {
    params_->clear();
    std::vector<std::map<std::string, std::string>> flat(runs_.size());
    std::set<std::string> keys;
    for (size_t r = 0; r < runs_.size(); ++r) {
        const RunSnapshot& s = runs_[r];
        flat[r]["model"] = s.record.model;
        flat[r]["method"] = s.record.method.empty() ? "—" : s.record.method;
        flat[r]["seed"] = std::to_string(s.record.seed);
        flatten(jsoncfg::parseOrNull(s.record.paramsJson), "", flat[r]);
        for (const auto& [k, v] : flat[r]) keys.insert(k);
    }
    QStringList rows;
    std::vector<std::string> shownKeys;
    for (const std::string& k : keys) {
        std::set<std::string> distinct;
        for (const auto& f : flat) distinct.insert(f.count(k) ? f.at(k) : std::string("—"));
        if (onlyDifferences_->isChecked() && distinct.size() <= 1) continue;
        shownKeys.push_back(k);
        rows << QString::fromStdString(k);
    }
    params_->setRowCount(rows.size());
    params_->setColumnCount(static_cast<int>(runs_.size()));
    params_->setVerticalHeaderLabels(rows);
    QStringList headers;
    for (const RunSnapshot& s : runs_) headers << s.label;
    params_->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < runs_.size(); ++c) {
            const auto& f = flat[c];
            const std::string& k = shownKeys[static_cast<size_t>(r)];
            params_->setItem(
                r, static_cast<int>(c),
                new QTableWidgetItem(QString::fromStdString(f.count(k) ? f.at(k) : "—")));
        }
    params_->resizeColumnsToContents();
}

QString CompareTab::tableAsCsv() const {
    if (showsStudy()) return tableText(metrics_, false);
    return QString::fromStdString(comparisonCsv(comparisonTable()));
}

QString CompareTab::tableAsLatex() const {
    if (showsStudy()) return tableText(metrics_, true);
    return QString::fromStdString(comparisonLatex(comparisonTable()));
}

void CompareTab::exportCsv() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QStringLiteral("comparison.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QMessageBox::warning(this, tr("Could not export"), file.errorString());
    else
        file.write(tableAsCsv().toUtf8());
}

void CompareTab::exportLatex() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export LaTeX"), QStringLiteral("comparison.tex"), tr("LaTeX files (*.tex)"));
    if (path.isEmpty()) return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QMessageBox::warning(this, tr("Could not export"), file.errorString());
    else
        file.write(tableAsLatex().toUtf8());
}

void CompareTab::copySelection() {
    const QList<QTableWidgetSelectionRange> ranges = metrics_->selectedRanges();
    if (ranges.isEmpty()) return;
    const QTableWidgetSelectionRange& range = ranges.first();
    QStringList lines;
    for (int r = range.topRow(); r <= range.bottomRow(); ++r) {
        QStringList cells;
        for (int c = range.leftColumn(); c <= range.rightColumn(); ++c)
            cells << (metrics_->item(r, c) ? metrics_->item(r, c)->text() : QString());
        lines << cells.join(QLatin1Char('\t'));
    }
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

}  // namespace rd
