#pragma once

#include <QList>
#include <QWidget>

#include <vector>

#include "run_snapshot.h"

class QChartView;
class QTableWidget;

namespace rd {

/**
 * The Diversity tab for the checked runs: exposure by popularity bin (grouped bars per run with the
 * training share as the grey reference), Lorenz curves of exposure with each run's Gini, and a
 * table of ItemCoverage / Novelty / LongTail / ILD per run, each value over a bar scaled to its
 * column's largest.
 */
class DiversityTab : public QWidget {
    Q_OBJECT

public:
    explicit DiversityTab(QWidget* parent = nullptr);

    /** Shows the runs checked in the Runs dock (read once for every tab; see RunSelection). */
    void showSnapshots(const RunSnapshots& snapshots);
    RunSnapshots snapshots() const { return snapshots_; }

    QChartView* exposureView() const { return exposure_; }
    QChartView* lorenzView() const { return lorenz_; }
    /** One row per drawn run (its label in the vertical header), one column per metric. */
    QTableWidget* metricsTable() const { return metrics_; }
    /** The metric keys of metricsTable()'s columns, as stored ("ItemCoverage@10", …). */
    static QStringList metricKeys();

private:
    RunSnapshots snapshots_;
    QChartView* exposure_ = nullptr;
    QChartView* lorenz_ = nullptr;
    QTableWidget* metrics_ = nullptr;
};

}  // namespace rd
