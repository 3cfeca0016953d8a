#include "compare_tab.h"
#include "core_text.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "chart_export.h"
#include "comparison_charts.h"

namespace rd {

namespace {

/** Runs' rows that take part in "best": not the teacher, whose size makes it a reference only. */
bool competes(const RunSnapshot& s) {
    return s.record.role != role::kTeacher;
}

/** A value as the catalogue says it is shown; counts with the locale's digit grouping. */
QString formatValue(const QString& metric, double v) {
    if (!std::isfinite(v)) return QString();
    const MetricInfo* info = findMetric(metric.toStdString());
    if (info && info->format == MetricFormat::Integer)
        return QLocale().toString(static_cast<qlonglong>(std::llround(v)));
    return QString::fromStdString(formatMetricValue(metric.toStdString(), v));
}

/** A table cell that sorts by its number, not its text. */
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double value) : QTableWidgetItem(text) {
        setData(Qt::UserRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        const double a = data(Qt::UserRole).toDouble(), b = other.data(Qt::UserRole).toDouble();
        if (std::isnan(a)) return false;
        if (std::isnan(b)) return true;
        return a < b;
    }
};

void flatten(const nlohmann::json& j, const std::string& prefix,
             std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) flatten(v, prefix.empty() ? k : prefix + "." + k, out);
    } else {
        out[prefix] = j.is_string() ? j.get<std::string>() : j.dump();
    }
}

QChartView* chartView() {
    auto* view = new QChartView;
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 220);
    enableChartExport(view);
    return view;
}

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

}  // namespace

CompareTab::CompareTab(QWidget* parent) : QWidget(parent) {
    metrics_ = new QTableWidget;
    metrics_->setObjectName(QStringLiteral("metricsTable"));
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->setSortingEnabled(true);
    metrics_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    metrics_->verticalHeader()->hide();
    auto* copy = new QAction(tr("Copy"), metrics_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &CompareTab::copySelection);
    metrics_->addAction(copy);
    metrics_->setContextMenuPolicy(Qt::ActionsContextMenu);

    allMetrics_ = new QCheckBox(tr("All metrics"));
    connect(allMetrics_, &QCheckBox::toggled, this, &CompareTab::fillMetrics);
    auto* copyAll = new QPushButton(tr("Copy table"));
    connect(copyAll, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(
            tableAsCsv().replace(QLatin1Char(','), QLatin1Char('\t')));
    });
    auto* csv = new QPushButton(tr("Export CSV…"));
    connect(csv, &QPushButton::clicked, this, &CompareTab::exportCsv);
    auto* latex = new QPushButton(tr("Export LaTeX…"));
    connect(latex, &QPushButton::clicked, this, &CompareTab::exportLatex);
    auto* hint =
        new QLabel(tr("Best student per column in bold green; the teacher is the reference."));
    hint->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); }"));
    auto* metricsBar = new QHBoxLayout;
    metricsBar->addWidget(allMetrics_);
    metricsBar->addWidget(hint, 1);
    metricsBar->addWidget(copyAll);
    metricsBar->addWidget(csv);
    metricsBar->addWidget(latex);
    auto* metricsPage = new QWidget;
    auto* metricsLayout = new QVBoxLayout(metricsPage);
    metricsLayout->addLayout(metricsBar);
    metricsLayout->addWidget(metrics_, 1);

    params_ = new QTableWidget;
    params_->setObjectName(QStringLiteral("paramsTable"));
    params_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    onlyDifferences_ = new QCheckBox(tr("Only differences"));
    onlyDifferences_->setChecked(true);
    connect(onlyDifferences_, &QCheckBox::toggled, this, &CompareTab::fillParams);
    auto* paramsPage = new QWidget;
    auto* paramsLayout = new QVBoxLayout(paramsPage);
    paramsLayout->addWidget(onlyDifferences_);
    paramsLayout->addWidget(params_, 1);

    tables_ = new QTabWidget;
    auto* tables = tables_;
    tables->addTab(metricsPage, tr("Metrics"));
    tables->addTab(paramsPage, tr("Parameters"));

    chooseMetrics_ = new QToolButton;
    chooseMetrics_->setText(tr("Bar chart metrics"));
    chooseMetrics_->setPopupMode(QToolButton::InstantPopup);
    chooseMetrics_->setMenu(new QMenu(chooseMetrics_));
    bars_ = chartView();
    bars_->setObjectName(QStringLiteral("compareBars"));
    pareto_ = chartView();
    pareto_->setObjectName(QStringLiteral("compareScatter"));
    curves_ = chartView();
    curves_->setObjectName(QStringLiteral("compareCurves"));
    barBox_ = new QWidget;
    auto* barLayout = new QVBoxLayout(barBox_);
    barLayout->setContentsMargins(0, 0, 0, 0);
    barLayout->addWidget(chooseMetrics_, 0, Qt::AlignLeft);
    barLayout->addWidget(bars_, 1);
    charts_ = new QSplitter(Qt::Horizontal);
    chartTabs_ = new QTabWidget;
    chartTabs_->setObjectName(QStringLiteral("compareChartTabs"));
    chartStack_ = new QStackedWidget;
    chartStack_->addWidget(charts_);
    chartStack_->addWidget(chartTabs_);
    setPresentation(false);

    split_ = new QSplitter(Qt::Vertical);
    split_->addWidget(tables);
    split_->addWidget(chartStack_);
    split_->setStretchFactor(0, 1);
    split_->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split_);
    showSnapshots(std::make_shared<const std::vector<RunSnapshot>>());
}

void CompareTab::setPresentation(bool on) {
    presentation_ = on;
    if (on) {
        chartTabs_->addTab(barBox_, tr("Test metrics"));
        chartTabs_->addTab(pareto_, tr("Accuracy vs size"));
        chartTabs_->addTab(curves_, tr("Validation curves"));
        chartStack_->setCurrentWidget(chartTabs_);
        // The larger font needs the height: the table keeps room for six runs (teacher, student,
        // four methods) and leaves the chart the rest of a 720-pixel screen.
        const int row = QFontMetrics(QApplication::font()).height() + 8;
        tables_->setMinimumHeight(row * 6 + 4 * row);  // rows, plus header, buttons and tab bar
    } else {
        chartTabs_->clear();  // the pages move back; clear() deletes none of them
        for (QWidget* w :
             {barBox_, static_cast<QWidget*>(pareto_), static_cast<QWidget*>(curves_)}) {
            charts_->addWidget(w);
            w->show();  // the tab pages hid every page but the current one
        }
        charts_->setSizes({400, 300, 300});  // proportions: the bar chart carries the legend
        chartStack_->setCurrentWidget(charts_);
        tables_->setMinimumHeight(0);
    }
    // Side by side the bar chart's legend serves all three; one at a time, each chart but the
    // scatter (its points are named) needs its own.
    if (curves_->chart()) curves_->chart()->legend()->setVisible(on);
    // Full width but short: ten names fit below the bars, not in a column beside them.
    if (bars_->chart())
        bars_->chart()->legend()->setAlignment(on ? Qt::AlignBottom : Qt::AlignRight);
}

void CompareTab::showSnapshots(const RunSnapshots& snapshots) {
    snapshots_ = snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>();
    runs_ = *snapshots_;
    std::set<std::string> all;
    for (const RunSnapshot& s : runs_)
        for (const auto& [name, value] : s.results) all.insert(name);
    QMenu* menu = chooseMetrics_->menu();
    menu->clear();
    for (const std::string& name : all) {
        const QString m = QString::fromStdString(name);
        if (!m.contains(QLatin1Char('@'))) continue;
        QAction* a = menu->addAction(m);
        a->setCheckable(true);
        a->setChecked(chartMetrics_.contains(m));
        connect(a, &QAction::toggled, this, [this, m](bool on) {
            if (on && !chartMetrics_.contains(m)) chartMetrics_ << m;
            if (!on) chartMetrics_.removeAll(m);
            fillCharts();
        });
    }
    fillMetrics();
    fillParams();
    fillCharts();
}

ComparisonTable CompareTab::comparisonTable() const {
    ComparisonTable table;
    for (const RunSnapshot& s : runs_) {
        ComparisonRow row;
        row.label = s.label.toStdString();
        row.model = s.record.model;
        row.competes = competes(s);
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

    metrics_->setSortingEnabled(false);
    metrics_->clear();
    metrics_->setRowCount(static_cast<int>(runs_.size()));
    metrics_->setColumnCount(columns_.size() + 2);
    QStringList headers{tr("Run"), tr("Model")};
    for (const QString& c : columns_)
        headers << QString(c)
                       .replace(QStringLiteral("GapClosed:"), tr("Gap closed "))
                       .replace(QStringLiteral("_"), QStringLiteral(" "));
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
        for (int c = 0; c < columns_.size(); ++c) {
            const double v = s.value(columns_[c].toStdString());
            metrics_->setItem(r, c + 2, new NumberItem(formatValue(columns_[c], v), v));
        }
    }
    // Best per column among the students (the teacher is bigger by design, a reference), as the
    // core's rule says: by the catalogue's direction, never for counts, never on a tie or within
    // cost noise.
    for (int c = 0; c < columns_.size(); ++c)
        for (size_t r : bestRows(table, table.columns[static_cast<size_t>(c)])) {
            QTableWidgetItem* item = metrics_->item(static_cast<int>(r), c + 2);
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
            item->setBackground(QColor(0xd8, 0xf0, 0xd8));
            item->setData(Qt::UserRole + 1, true);  // "best" for tests and exports
        }
    metrics_->setSortingEnabled(true);
    metrics_->resizeColumnsToContents();
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
        flatten(nlohmann::json::parse(s.record.paramsJson, nullptr, false), "", flat[r]);
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

void CompareTab::fillCharts() {
    QStringList labels;
    std::vector<std::vector<double>> values;
    std::vector<double> params, accuracy;
    std::vector<std::vector<QPointF>> curves;
    std::vector<bool> dashed;
    QString curveMetric;
    for (const RunSnapshot& s : runs_) {
        labels << s.label;
        std::vector<double> row;
        for (const QString& m : chartMetrics_) row.push_back(s.value(m.toStdString()));
        values.push_back(row);
        params.push_back(s.value("params"));
        accuracy.push_back(s.value("NDCG@10"));
        curves.push_back(s.validCurve);
        dashed.push_back(s.record.role == "teacher");
        curveMetric = QString::fromStdString(s.validMetric);
    }
    replaceChart(bars_, buildGroupedBarChart(tr("Test metrics"), chartMetrics_, labels, values));
    replaceChart(pareto_,
                 buildParetoChart(tr("Accuracy vs size (★ = Pareto front)"), tr("parameters (log)"),
                                  tr("NDCG@10"), labels, params, accuracy));
    replaceChart(curves_, buildCurvesChart(tr("Validation %1 (teacher dashed)").arg(curveMetric),
                                           tr("epoch"), curveMetric, labels, curves, dashed));
    // One legend for the three charts: they colour the runs in the same order.
    bars_->chart()->legend()->setAlignment(presentation_ ? Qt::AlignBottom : Qt::AlignRight);
    pareto_->chart()->legend()->hide();
    curves_->chart()->legend()->setVisible(presentation_);
    curves_->chart()->legend()->setAlignment(Qt::AlignRight);
}

QString CompareTab::tableAsCsv() const {
    return QString::fromStdString(comparisonCsv(comparisonTable()));
}

QString CompareTab::tableAsLatex() const {
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
