// CompareTab's charts: the bars, the accuracy-vs-cost scatter and the curves for single runs, the
// same with intervals for a study, the compression frontier, and how they are laid out (side by
// side, or one at a time in presentation mode). The tab itself is in compare_tab.cpp.
#include "compare_tab.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLegend>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>

#include <algorithm>
#include <cmath>
#include <map>
#include "catalog/run_vocabulary.h"
#include "compare_study.h"
#include "comparison_charts.h"
#include "study/study_table.h"

namespace rd {

namespace {

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

}  // namespace

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

}  // namespace rd
