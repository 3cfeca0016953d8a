#include "compare_tab.h"
#include "config/json_config.h"
#include "core_text.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "chart_export.h"
#include "compare_study.h"
#include "comparison_charts.h"
#include "eval/serving_cost.h"
#include "number_item.h"
#include "study/study_table.h"

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

CompareTab::CompareTab(QWidget* parent) : QWidget(parent) {
    metrics_ = new QTableWidget;
    metrics_->setObjectName(QStringLiteral("metricsTable"));
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->setSortingEnabled(true);
    metrics_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    metrics_->verticalHeader()->hide();
    // Compact rows: ten runs in view at 1280×800 beside the charts.
    metrics_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    auto* copy = new QAction(tr("Copy"), metrics_);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &CompareTab::copySelection);
    metrics_->addAction(copy);
    metrics_->setContextMenuPolicy(Qt::ActionsContextMenu);

    allMetrics_ = new QCheckBox(tr("All metrics"));
    connect(allMetrics_, &QCheckBox::toggled, this, &CompareTab::refresh);
    auto* copyAll = new QPushButton(tr("Copy table"));
    connect(copyAll, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(
            tableAsCsv().replace(QLatin1Char(','), QLatin1Char('\t')));
    });
    auto* csv = new QPushButton(tr("Export CSV…"));
    connect(csv, &QPushButton::clicked, this, &CompareTab::exportCsv);
    auto* latex = new QPushButton(tr("Export LaTeX…"));
    connect(latex, &QPushButton::clicked, this, &CompareTab::exportLatex);
    asStudy_ = new QCheckBox(tr("Show as a study"));
    asStudy_->setObjectName(QStringLiteral("showAsStudy"));
    asStudy_->setToolTip(
        tr("The checked runs form a study: show each method's mean over the seeds with its "
           "interval and test, rather than every run on its own"));
    asStudy_->setChecked(true);
    asStudy_->hide();
    connect(asStudy_, &QCheckBox::toggled, this, &CompareTab::refresh);
    cellLabel_ = new QLabel(tr("Cell:"));
    cell_ = new QComboBox;
    cell_->setObjectName(QStringLiteral("studyCell"));
    cell_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    cellLabel_->setBuddy(cell_);
    cellLabel_->hide();
    cell_->hide();
    connect(cell_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsStudy()) refresh();
    });
    note_ = new QLabel;
    note_->setObjectName(QStringLiteral("compareNote"));
    note_->setWordWrap(true);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* metricsBar = new QHBoxLayout;
    metricsBar->addWidget(allMetrics_);
    metricsBar->addWidget(asStudy_);
    metricsBar->addWidget(cellLabel_);
    metricsBar->addWidget(cell_);
    metricsBar->addStretch(1);
    metricsBar->addWidget(copyAll);
    metricsBar->addWidget(csv);
    metricsBar->addWidget(latex);
    auto* metricsPage = new QWidget;
    auto* metricsLayout = new QVBoxLayout(metricsPage);
    metricsLayout->addLayout(metricsBar);
    metricsLayout->addWidget(note_);
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
    // Within one experiment every student has the same size: the scatter answers "at what cost"
    // only with latency or training time on x.
    scatterX_ = new QComboBox;
    scatterX_->setObjectName(QStringLiteral("scatterX"));
    scatterX_->addItem(tr("parameters"), QStringLiteral("params"));
    scatterX_->addItem(tr("serving p50 (ms)"), QStringLiteral("serving_p50_ms"));
    scatterX_->addItem(tr("training time (s)"), QStringLiteral("train_seconds"));
    connect(scatterX_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsStudy())
            fillStudyCharts();
        else
            fillCharts();
    });
    scatterBox_ = new QWidget;
    auto* scatterLayout = new QVBoxLayout(scatterBox_);
    scatterLayout->setContentsMargins(0, 0, 0, 0);
    auto* scatterRow = new QHBoxLayout;
    auto* scatterLabel = new QLabel(tr("Cost on &x:"));
    scatterLabel->setBuddy(scatterX_);
    scatterRow->addWidget(scatterLabel);
    scatterRow->addWidget(scatterX_);
    scatterRow->addStretch(1);
    scatterLayout->addLayout(scatterRow);
    scatterLayout->addWidget(pareto_, 1);
    frontier_ = chartView();
    frontier_->setObjectName(QStringLiteral("compareFrontier"));
    frontierMetric_ = new QComboBox;
    frontierMetric_->setObjectName(QStringLiteral("frontierMetric"));
    frontierMetric_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(frontierMetric_, &QComboBox::currentIndexChanged, this, [this] {
        if (showsFrontier()) fillFrontier();
    });
    frontierBox_ = new QWidget;
    auto* frontierLayout = new QVBoxLayout(frontierBox_);
    frontierLayout->setContentsMargins(0, 0, 0, 0);
    auto* frontierRow = new QHBoxLayout;
    auto* frontierLabel = new QLabel(tr("Frontier metric:"));
    frontierLabel->setBuddy(frontierMetric_);
    frontierRow->addWidget(frontierLabel);
    frontierRow->addWidget(frontierMetric_);
    frontierRow->addStretch(1);
    frontierLayout->addLayout(frontierRow);
    frontierLayout->addWidget(frontier_, 1);
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
    arrangeCharts();
    // The larger font needs the height: the table keeps room for six runs (teacher, student, four
    // methods) and leaves the chart the rest of a 720-pixel screen.
    const int row = QFontMetrics(QApplication::font()).height() + 8;
    tables_->setMinimumHeight(on ? row * 6 + 4 * row : 0);  // rows, header, buttons and tab bar
}

void CompareTab::arrangeCharts() {
    // The third chart: the compression frontier where a study has one, else the curves.
    const bool frontier = showsFrontier();
    QWidget* third = frontier ? frontierBox_ : static_cast<QWidget*>(curves_);
    QWidget* unused = frontier ? static_cast<QWidget*>(curves_) : frontierBox_;
    if (presentation_) {
        const int current = chartTabs_->currentIndex();
        chartTabs_->clear();  // clear() deletes none of the pages
        chartTabs_->addTab(barBox_, tr("Test metrics"));
        chartTabs_->addTab(scatterBox_, tr("Accuracy vs cost"));
        chartTabs_->addTab(third, frontier ? tr("Compression frontier") : tr("Validation curves"));
        charts_->addWidget(unused);  // kept out of sight, with a parent
        unused->hide();
        chartTabs_->setCurrentIndex(std::max(0, current));
        chartStack_->setCurrentWidget(chartTabs_);
    } else {
        const bool fromTabs = chartTabs_->count() > 0 || charts_->count() < 4;
        chartTabs_->clear();  // the pages move back
        if (fromTabs) {
            for (QWidget* w : {barBox_, scatterBox_, static_cast<QWidget*>(curves_), frontierBox_})
                charts_->addWidget(w);
            charts_->setSizes({400, 300, 300, 300});  // the bar chart carries the legend
        }
        for (QWidget* w : {barBox_, scatterBox_, third})
            w->show();  // the tab pages hid every page but the current one
        unused->hide();
        chartStack_->setCurrentWidget(charts_);
    }
    // Side by side the bar chart's legend serves bars and curves; one at a time, each chart but
    // the scatter (its points are named) needs its own. The frontier always names its lines.
    if (curves_->chart()) curves_->chart()->legend()->setVisible(presentation_);
    // Full width but short: ten names fit below the bars, not in a column beside them.
    if (bars_->chart())
        bars_->chart()->legend()->setAlignment(presentation_ ? Qt::AlignBottom : Qt::AlignRight);
}

void CompareTab::showSnapshots(const RunSnapshots& snapshots) {
    snapshots_ = snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>();
    runs_ = *snapshots_;
    refresh();
}

void CompareTab::showStudy(const StudyTablePtr& study) {
    study_ = study;
    asStudy_->setVisible(study_ != nullptr);
    const QSignalBlocker blocker(cell_);
    const int before = cell_->currentIndex();
    cell_->clear();
    if (study_)
        for (size_t c = 0; c < study_->cellLabels.size(); ++c)
            cell_->addItem(study_->cellLabels[c].empty()
                               ? tr("all")
                               : QString::fromStdString(study_->cellLabels[c]));
    if (before >= 0 && before < cell_->count()) cell_->setCurrentIndex(before);
    refresh();
}

bool CompareTab::showsStudy() const {
    return study_ && asStudy_->isChecked();
}

int CompareTab::studyCell() const {
    return std::max(0, cell_->currentIndex());
}

void CompareTab::setStudyCell(int cell) {
    cell_->setCurrentIndex(cell);
}

bool CompareTab::showsFrontier() const {
    return showsStudy() && compare_study::variesStudentSize(*study_);
}

void CompareTab::refresh() {
    const bool study = showsStudy();
    const bool cells = study && cell_->count() > 1;
    cellLabel_->setVisible(cells);
    cell_->setVisible(cells);
    fillMenu();
    if (study) {
        columns_ =
            compare_study::fillTable(metrics_, *study_, studyCell(), allMetrics_->isChecked());
        note_->setText(compare_study::banner(*study_));
        note_->setStyleSheet(QString());
        fillStudyCharts();
    } else {
        fillMetrics();
        fillCharts();
    }
    fillParams();
    if (study) {
        // The frontier chooses among the accuracy metrics the study has.
        const QString current = frontierMetric_->currentText();
        const QSignalBlocker blocker(frontierMetric_);
        frontierMetric_->clear();
        std::set<std::string> names;
        for (const StudyRow& r : study_->rows)
            for (const auto& [name, summary] : r.metrics)
                if (name.find('@') != std::string::npos && name.rfind("GapClosed:", 0) != 0)
                    names.insert(name);
        for (const std::string& n : names) frontierMetric_->addItem(QString::fromStdString(n));
        const int keep =
            frontierMetric_->findText(current.isEmpty() ? QStringLiteral("NDCG@10") : current);
        frontierMetric_->setCurrentIndex(keep >= 0 ? keep : 0);
        if (showsFrontier()) fillFrontier();
    }
    arrangeCharts();
}

void CompareTab::fillMenu() {
    std::set<std::string> all;
    if (showsStudy()) {
        for (const StudyRow& r : study_->rows)
            for (const auto& [name, summary] : r.metrics) all.insert(name);
    } else {
        for (const RunSnapshot& s : runs_)
            for (const auto& [name, value] : s.results) all.insert(name);
    }
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
            if (showsStudy())
                fillStudyCharts();
            else
                fillCharts();
        });
    }
}

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

void CompareTab::fillCharts() {
    QStringList labels;
    std::vector<std::vector<double>> values;
    std::vector<double> params, accuracy;
    std::vector<std::vector<QPointF>> curves;
    std::vector<bool> dashed;
    std::vector<RunStyle> styles;
    QString curveMetric;
    for (const RunSnapshot& s : runs_) {
        labels << s.label;
        styles.push_back(s.style());
        std::vector<double> row;
        for (const QString& m : chartMetrics_) row.push_back(s.value(m.toStdString()));
        values.push_back(row);
        params.push_back(s.value(scatterCost().toStdString()));
        accuracy.push_back(s.value("NDCG@10"));
        curves.push_back(s.validCurve);
        dashed.push_back(s.record.role == "teacher");
        curveMetric = QString::fromStdString(s.validMetric);
    }
    replaceChart(bars_,
                 buildGroupedBarChart(tr("Test metrics"), chartMetrics_, labels, values, styles));
    replaceChart(pareto_,
                 buildParetoChart(tr("Accuracy vs cost (★ = Pareto front)"), scatterCostTitle(),
                                  tr("NDCG@10"), labels, params, accuracy, styles));
    replaceChart(curves_,
                 buildCurvesChart(tr("Validation %1 (teacher dashed)").arg(curveMetric),
                                  tr("epoch"), curveMetric, labels, curves, dashed, styles));
    // One legend for the three charts: they colour the runs in the same order.
    bars_->chart()->legend()->setAlignment(presentation_ ? Qt::AlignBottom : Qt::AlignRight);
    pareto_->chart()->legend()->hide();
    curves_->chart()->legend()->setVisible(presentation_);
    curves_->chart()->legend()->setAlignment(Qt::AlignRight);
}

QString CompareTab::scatterCost() const {
    return scatterX_->currentData().toString();
}

QString CompareTab::scatterCostTitle() const {
    return tr("%1 (log)").arg(scatterX_->currentText());
}

void CompareTab::fillStudyCharts() {
    const std::vector<const StudyRow*> rows = compare_study::cellRows(*study_, studyCell());
    QStringList labels;
    std::vector<std::vector<IntervalValue>> values;
    std::vector<double> params;
    std::vector<IntervalValue> accuracy;
    std::map<qint64, QString> firstSeed;  // the validation curves: each row's first run
    std::map<qint64, RunStyle> firstSeedStyle;
    std::vector<RunStyle> styles;
    for (const StudyRow* r : rows) {
        const QString label = compare_study::rowLabel(*r);
        labels << label;
        styles.push_back(runStyle(r->role, r->method, r->occurrence));
        if (!r->runIds.empty()) firstSeedStyle[r->runIds.front()] = styles.back();
        std::vector<IntervalValue> row;
        for (const QString& m : chartMetrics_)
            row.push_back(compare_study::interval(*r, m.toStdString()));
        values.push_back(row);
        params.push_back(compare_study::interval(*r, scatterCost().toStdString()).mean);
        accuracy.push_back(compare_study::interval(*r, "NDCG@10"));
        if (!r->runIds.empty()) firstSeed[r->runIds.front()] = label;
    }
    replaceChart(bars_, buildErrorBarChart(tr("Test metrics (mean ± 95 % CI over seeds)"),
                                           chartMetrics_, labels, values, styles));
    replaceChart(pareto_,
                 buildWhiskerScatter(tr("Accuracy vs cost (★ = Pareto front)"), scatterCostTitle(),
                                     tr("NDCG@10"), labels, params, accuracy, styles));
    QStringList curveLabels;
    std::vector<std::vector<QPointF>> curves;
    std::vector<bool> dashed;
    std::vector<RunStyle> curveStyles;
    QString curveMetric;
    for (const RunSnapshot& s : runs_) {
        const auto it = firstSeed.find(s.record.id);
        if (it == firstSeed.end()) continue;
        curveLabels << it->second;
        curveStyles.push_back(firstSeedStyle[s.record.id]);
        curves.push_back(s.validCurve);
        dashed.push_back(s.record.role == role::kTeacher);
        curveMetric = QString::fromStdString(s.validMetric);
    }
    const QString seed = study_->seeds.empty() ? QString() : QString::number(study_->seeds[0]);
    replaceChart(curves_, buildCurvesChart(
                              tr("Validation %1, seed %2 (teacher dashed)").arg(curveMetric, seed),
                              tr("epoch"), curveMetric, curveLabels, curves, dashed, curveStyles));
    pareto_->chart()->legend()->hide();
    curves_->chart()->legend()->setVisible(presentation_);
    curves_->chart()->legend()->setAlignment(Qt::AlignRight);
    bars_->chart()->legend()->setAlignment(presentation_ ? Qt::AlignBottom : Qt::AlignRight);
}

void CompareTab::fillFrontier() {
    const QString metric = frontierMetric_->currentText().isEmpty()
                               ? QStringLiteral("NDCG@10")
                               : frontierMetric_->currentText();
    double teacher = NAN;
    std::vector<FrontierLine> lines =
        compare_study::frontierLines(*study_, metric.toStdString(), &teacher);
    // Sizes in thousands once they reach five digits: "16" and "33" fit under a narrow chart
    // where "16384" and "32768" run into each other.
    double largest = 0;
    for (const FrontierLine& line : lines)
        for (double size : line.size) largest = std::max(largest, size);
    const double scale = largest >= 1e4 ? 1000 : 1;
    for (FrontierLine& line : lines)
        for (double& size : line.size) size /= scale;
    QChart* chart =
        buildFrontierChart(tr("Compression frontier (%1)").arg(metric),
                           scale > 1 ? tr("parameters ×1000 (log)") : tr("parameters (log)"),
                           metric, lines, tr("teacher"), teacher);
    chart->setProperty("sizeScale", scale);
    replaceChart(frontier_, chart);
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
