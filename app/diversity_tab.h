#pragma once

#include <QList>
#include <QWidget>

#include <vector>

#include "run_snapshot.h"

class QChartView;

namespace rd {

class RunStore;

/**
 * The Diversity tab for the checked runs: exposure by popularity bin (grouped bars per run with the
 * training share as the grey reference), Lorenz curves of exposure with each run's Gini, and
 * ItemCoverage / Novelty / LongTail / ILD side by side.
 */
class DiversityTab : public QWidget {
    Q_OBJECT

public:
    explicit DiversityTab(QWidget* parent = nullptr);

    void setStore(RunStore* store) { store_ = store; }
    void showRuns(const QList<qint64>& runIds);
    void reload();

    QChartView* exposureView() const { return exposure_; }
    QChartView* lorenzView() const { return lorenz_; }
    const QList<QChartView*>& metricViews() const { return metricViews_; }

private:
    RunStore* store_ = nullptr;
    QList<qint64> ids_;
    QChartView* exposure_ = nullptr;
    QChartView* lorenz_ = nullptr;
    QList<QChartView*> metricViews_;
};

}  // namespace rd
