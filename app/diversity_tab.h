#pragma once

#include <QList>
#include <QWidget>

#include <vector>

#include "run_snapshot.h"

class QChartView;
class QTableWidget;

namespace rd {

/**
 * The Diversity tab for the checked runs: exposure by popularity bin (one line per run over the
 * training share's grey bars), Lorenz curves of exposure, and a table of Gini / ItemCoverage /
 * Novelty / LongTail / ILD per run (each value over a bar scaled to its column's largest) tall
 * enough for every run. Selecting rows of the table shows only those runs in both charts.
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
    /** Shows in both charts only the runs selected in the table (all when none is). */
    void showSelectedRuns();

    RunSnapshots snapshots_;
    QChartView* exposure_ = nullptr;
    QChartView* lorenz_ = nullptr;
    QTableWidget* metrics_ = nullptr;
};

}  // namespace rd
