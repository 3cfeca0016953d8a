#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "catalog/comparison_table.h"
#include "run_snapshot.h"

class QChartView;
class QCheckBox;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QToolButton;

namespace rd {

/**
 * The Compare tab for the runs checked in the Runs dock: a metrics table (best value per column
 * highlighted, sortable, copyable, CSV and LaTeX export), a parameter table that can show only the
 * differences, grouped bars of chosen metrics, accuracy versus parameter count with the Pareto
 * front, and the validation curves overlaid.
 */
class CompareTab : public QWidget {
    Q_OBJECT

public:
    explicit CompareTab(QWidget* parent = nullptr);

    /** Shows the runs checked in the Runs dock (read once for every tab; see RunSelection). */
    void showSnapshots(const RunSnapshots& snapshots);
    RunSnapshots snapshots() const { return snapshots_; }

    /**
     * Presentation mode: the three charts one at a time in tabs, each the full width (side by side
     * on a 1280×720 projector their titles and labels would be cut), each with its own legend.
     */
    void setPresentation(bool on);
    bool presentation() const { return presentation_; }
    QTabWidget* chartTabs() const { return chartTabs_; }

    QTableWidget* metricsTable() const { return metrics_; }
    QTableWidget* paramsTable() const { return params_; }
    QStringList metricColumns() const { return columns_; }
    const std::vector<RunSnapshot>& runs() const { return runs_; }
    QString tableAsCsv() const;
    QString tableAsLatex() const;
    /** The runs shown, as the core's comparison table (the same rule and exports as the CLI). */
    ComparisonTable comparisonTable() const;
    /** Ask for a file and write the metrics table (also File ▸ Export comparison…). */
    void exportCsv();
    void exportLatex();

private:
    void fillMetrics();
    void fillParams();
    void fillCharts();
    void copySelection();

    RunSnapshots snapshots_;
    std::vector<RunSnapshot> runs_;  ///< the shown runs (a copy of *snapshots_)
    QStringList columns_;
    QStringList chartMetrics_{QStringLiteral("Recall@10"), QStringLiteral("NDCG@10")};

    QTableWidget* metrics_ = nullptr;
    QTableWidget* params_ = nullptr;
    QCheckBox* allMetrics_ = nullptr;
    QCheckBox* onlyDifferences_ = nullptr;
    QToolButton* chooseMetrics_ = nullptr;
    QChartView* bars_ = nullptr;
    QChartView* pareto_ = nullptr;
    QChartView* curves_ = nullptr;
    QWidget* barBox_ = nullptr;
    QSplitter* charts_ = nullptr;
    QSplitter* split_ = nullptr;
    QTabWidget* tables_ = nullptr;
    QTabWidget* chartTabs_ = nullptr;
    QStackedWidget* chartStack_ = nullptr;
    bool presentation_ = false;
};

}  // namespace rd
