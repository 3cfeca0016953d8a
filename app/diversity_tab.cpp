#include "diversity_tab.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QSplitter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

#include "chart_export.h"
#include "diversity_charts.h"
#include "store/run_store.h"

namespace rd {

namespace {

struct DiversityMetric {
    const char* key;
    const char* title;
    const char* tooltip;
};

const DiversityMetric kMetrics[] = {
    {"ItemCoverage@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Coverage@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab", "Share of the catalogue recommended in anyone's top 10")},
    {"Novelty@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Novelty@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab", "Mean self-information of recommended items, in bits (higher = less popular)")},
    {"LongTail@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Long tail@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab", "Share of top-10 slots given to long-tail items")},
    {"ILD@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "ILD@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab", "Intra-list distance: mean dissimilarity of the items within one top 10")},
};

QChartView* chartView(const QString& name) {
    auto* view = new QChartView;
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(200, 200);
    enableChartExport(view);
    return view;
}

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

/** Horizontal bars, one per run (first run on top), the value printed at the end of each bar. */
QChart* metricBars(const QString& title, const std::vector<RunSnapshot>& runs, const std::string& key) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->hide();
    auto* set = new QBarSet(title);
    QStringList labels;
    double hi = 0;
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        const double v = it->value(key);
        *set << (std::isfinite(v) ? v : 0.0);
        hi = std::max(hi, std::isfinite(v) ? v : 0.0);
        labels << it->label;
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideBase);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(labels);
    auto* x = new QValueAxis;
    x->setRange(0, hi > 0 ? hi * 1.1 : 1);
    x->applyNiceNumbers();
    x->setTickCount(3);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

}  // namespace

DiversityTab::DiversityTab(QWidget* parent) : QWidget(parent) {
    exposure_ = chartView(QStringLiteral("exposureChart"));
    lorenz_ = chartView(QStringLiteral("lorenzChart"));
    auto* metrics = new QSplitter(Qt::Horizontal);
    for (const DiversityMetric& m : kMetrics) {
        QChartView* view = chartView(QStringLiteral("diversity_") + QString::fromLatin1(m.key));
        view->setToolTip(tr(m.tooltip));
        metricViews_ << view;
        metrics->addWidget(view);
    }
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(exposure_);
    top->addWidget(lorenz_);
    top->setSizes({550, 450});
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(metrics);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    showRuns({});
}

void DiversityTab::showRuns(const QList<qint64>& runIds) {
    ids_ = runIds;
    reload();
}

void DiversityTab::reload() {
    std::vector<RunSnapshot> runs;
    if (store_) {
        try {
            runs = loadRunSnapshots(*store_, ids_);
        } catch (const std::exception&) {
            runs.clear();
        }
    }
    // Runs without an exposure histogram (failed, cancelled) have nothing to draw.
    std::vector<RunSnapshot> drawn;
    for (RunSnapshot& s : runs)
        if (!s.exposure.recommendationShare.empty()) drawn.push_back(std::move(s));
    QStringList labels;
    std::vector<std::vector<double>> shares;
    std::vector<double> gini;
    std::vector<double> training;
    for (const RunSnapshot& s : drawn) {
        labels << s.label;
        shares.push_back(s.exposure.recommendationShare);
        const double g = s.value("Gini@10");
        gini.push_back(std::isfinite(g) ? g : giniOfShares(s.exposure.recommendationShare));
        if (training.empty()) training = s.exposure.trainingShare;
    }
    replaceChart(exposure_, buildExposureChart(labels, shares, training));
    replaceChart(lorenz_, buildLorenzChart(labels, shares, gini));
    for (int i = 0; i < metricViews_.size(); ++i)
        replaceChart(metricViews_[i], metricBars(tr(kMetrics[i].title), drawn, kMetrics[i].key));
}

}  // namespace rd
