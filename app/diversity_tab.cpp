#include "diversity_tab.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLegend>
#include <QLineSeries>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "bar_cell_delegate.h"
#include "chart_export.h"
#include "diversity_charts.h"

namespace rd {

namespace {

struct DiversityMetric {
    const char* key;
    const char* title;
    const char* tooltip;
};

const DiversityMetric kMetrics[] = {
    {"Gini@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Gini@10"),
     QT_TRANSLATE_NOOP(
         "rd::DiversityTab",
         "Gini coefficient of the exposure: 0 = every item recommended equally often, "
         "1 = all slots to one item (the Lorenz curve's distance from the diagonal)")},
    {"ItemCoverage@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Coverage@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab",
                       "Share of the catalogue recommended in anyone's top 10")},
    {"Novelty@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Novelty@10"),
     QT_TRANSLATE_NOOP(
         "rd::DiversityTab",
         "Mean self-information of recommended items, in bits (higher = less popular)")},
    {"LongTail@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "Long tail@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab", "Share of top-10 slots given to long-tail items")},
    {"ILD@10", QT_TRANSLATE_NOOP("rd::DiversityTab", "ILD@10"),
     QT_TRANSLATE_NOOP("rd::DiversityTab",
                       "Intra-list distance: mean dissimilarity of the items within one top 10")},
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

}  // namespace

DiversityTab::DiversityTab(QWidget* parent) : QWidget(parent) {
    exposure_ = chartView(QStringLiteral("exposureChart"));
    lorenz_ = chartView(QStringLiteral("lorenzChart"));
    metrics_ = new QTableWidget(0, static_cast<int>(std::size(kMetrics)));
    metrics_->setObjectName(QStringLiteral("diversityMetrics"));
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->setItemDelegate(new BarCellDelegate(metrics_));
    metrics_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    metrics_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    metrics_->setSelectionBehavior(QAbstractItemView::SelectRows);
    metrics_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    metrics_->setToolTip(tr("Select rows to show only those runs in the charts"));
    connect(metrics_, &QTableWidget::itemSelectionChanged, this, &DiversityTab::showSelectedRuns);
    for (int c = 0; c < metrics_->columnCount(); ++c) {
        auto* header = new QTableWidgetItem(tr(kMetrics[c].title));
        header->setToolTip(tr(kMetrics[c].tooltip));
        metrics_->setHorizontalHeaderItem(c, header);
    }
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(exposure_);
    top->addWidget(lorenz_);
    top->setSizes({550, 450});
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(metrics_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    showSnapshots(std::make_shared<const std::vector<RunSnapshot>>());
}

void DiversityTab::showSnapshots(const RunSnapshots& snapshots) {
    snapshots_ = snapshots ? snapshots : std::make_shared<const std::vector<RunSnapshot>>();
    // Runs without an exposure histogram (failed, cancelled) have nothing to draw.
    std::vector<const RunSnapshot*> drawn;
    for (const RunSnapshot& s : *snapshots_)
        if (!s.exposure.recommendationShare.empty()) drawn.push_back(&s);
    QStringList labels;
    std::vector<std::vector<double>> shares;
    std::vector<double> gini;
    std::vector<double> training;
    std::vector<RunStyle> styles;
    for (const RunSnapshot* run : drawn) {
        const RunSnapshot& s = *run;
        labels << s.label;
        styles.push_back(s.style());
        shares.push_back(s.exposure.recommendationShare);
        const double g = s.value("Gini@10");
        gini.push_back(std::isfinite(g) ? g : giniOfShares(s.exposure.recommendationShare));
        if (training.empty()) training = s.exposure.trainingShare;
    }
    replaceChart(exposure_, buildExposureChart(labels, shares, training, styles));
    replaceChart(lorenz_, buildLorenzChart(labels, shares, gini, styles));
    metrics_->setRowCount(static_cast<int>(drawn.size()));
    for (int r = 0; r < static_cast<int>(drawn.size()); ++r) {
        auto* header = new QTableWidgetItem(labels[r]);
        header->setData(Qt::UserRole,
                        static_cast<qlonglong>(drawn[static_cast<size_t>(r)]->record.id));
        metrics_->setVerticalHeaderItem(r, header);
    }
    // Tall enough for every run (up to twelve; more scroll with the names kept in view).
    const int shownRows = std::min(12, metrics_->rowCount());
    metrics_->setMinimumHeight(metrics_->horizontalHeader()->sizeHint().height() +
                               2 * metrics_->frameWidth() +
                               shownRows * metrics_->verticalHeader()->defaultSectionSize());
    for (int c = 0; c < metrics_->columnCount(); ++c) {
        double hi = 0;
        for (const RunSnapshot* s : drawn)
            if (std::isfinite(s->value(kMetrics[c].key)))
                hi = std::max(hi, s->value(kMetrics[c].key));
        for (int r = 0; r < static_cast<int>(drawn.size()); ++r) {
            const double v = drawn[static_cast<size_t>(r)]->value(kMetrics[c].key);
            auto* item = new QTableWidgetItem(std::isfinite(v) ? QString::number(v, 'f', 4)
                                                               : QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (std::isfinite(v)) {
                item->setData(BarCellDelegate::kValueRole, v);
                item->setData(BarCellDelegate::kMaxRole, hi);
            }
            metrics_->setItem(r, c, item);
        }
    }
}

void DiversityTab::showSelectedRuns() {
    QSet<int> rows;
    for (const QModelIndex& index : metrics_->selectionModel()->selectedRows())
        rows.insert(index.row());
    QStringList shown;
    for (int r = 0; r < metrics_->rowCount(); ++r)
        if (rows.isEmpty() || rows.contains(r)) shown << metrics_->verticalHeaderItem(r)->text();
    for (QChartView* view : {exposure_, lorenz_})
        for (QAbstractSeries* series : view->chart()->series())
            if (qobject_cast<QLineSeries*>(series) && !series->name().isEmpty() &&
                series->property("reference").isNull())
                series->setVisible(shown.contains(series->name()));
}

QStringList DiversityTab::metricKeys() {
    QStringList keys;
    for (const DiversityMetric& m : kMetrics) keys << QString::fromLatin1(m.key);
    return keys;
}

}  // namespace rd
