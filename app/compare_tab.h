#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "catalog/comparison_table.h"
#include "run_snapshot.h"
#include "study_catalog.h"

class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QTableWidgetItem;
class QToolButton;

namespace rd {

/**
 * The Compare tab for the runs checked in the Runs dock: a metrics table (sortable, copyable, CSV
 * and LaTeX export), a parameter table that can show only the differences, grouped bars of chosen
 * metrics, accuracy versus parameter count with the Pareto front, and the validation curves
 * overlaid. Single runs are one seed each, so no run is marked best (a note says why). When the
 * checked runs form a study, the tab shows the study instead (compare_study.h): one cell at a
 * time, mean ± CI per metric, the paired difference to the student alone with its p-value, marks
 * only where significant, error bars and whiskers on the charts, and the compression frontier when
 * the sweep changes the student's size.
 */
class CompareTab : public QWidget {
    Q_OBJECT

public:
    explicit CompareTab(QWidget* parent = nullptr);

    /** Shows the runs checked in the Runs dock (read once for every tab; see RunSelection). */
    void showSnapshots(const RunSnapshots& snapshots);
    RunSnapshots snapshots() const { return snapshots_; }
    /** The study the checked runs form (null: none; the runs are compared one by one). */
    void showStudy(const StudyTablePtr& study);
    StudyTablePtr study() const { return study_; }
    /** Whether the study view is shown (a study, and "Show as a study" on). */
    bool showsStudy() const;
    /** The study cell shown (0 without a sweep). */
    int studyCell() const;
    void setStudyCell(int cell);
    QComboBox* cellBox() const { return cell_; }
    QCheckBox* asStudyBox() const { return asStudy_; }
    /** Above the table: why no run is marked best, or what the study's values and marks mean. */
    QLabel* noteLabel() const { return note_; }
    QChartView* barsView() const { return bars_; }
    QChartView* scatterView() const { return pareto_; }
    QChartView* curvesView() const { return curves_; }
    QChartView* frontierView() const { return frontier_; }
    QComboBox* frontierMetricBox() const { return frontierMetric_; }
    /** Whether the compression frontier is shown (a study whose sweep changes the student's size).
     */
    bool showsFrontier() const;

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
    void refresh();
    void fillMenu();
    void arrangeCharts();
    void fillStudyCharts();
    void fillFrontier();
    void fillMetrics();
    void fillParams();
    /** A metric cell; the cost columns say what an external teacher's size is and why a run has
     * no serving figure. */
    QTableWidgetItem* costCell(const RunSnapshot& s, const QString& column) const;
    void fillCharts();
    /** The scatter's x: its metric key ("params") and axis title. */
    QString scatterCost() const;
    QString scatterCostTitle() const;
    void copySelection();

    RunSnapshots snapshots_;
    std::vector<RunSnapshot> runs_;  ///< the shown runs (a copy of *snapshots_)
    QStringList columns_;
    StudyTablePtr study_;
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
    QWidget* scatterBox_ = nullptr;  ///< the scatter with its choice of x
    QComboBox* scatterX_ = nullptr;  ///< the cost on the scatter's x: params, serving, training
    QSplitter* charts_ = nullptr;
    QSplitter* split_ = nullptr;
    QTabWidget* tables_ = nullptr;
    QTabWidget* chartTabs_ = nullptr;
    QLabel* note_ = nullptr;
    QCheckBox* asStudy_ = nullptr;
    QComboBox* cell_ = nullptr;
    QLabel* cellLabel_ = nullptr;
    QWidget* frontierBox_ = nullptr;
    QChartView* frontier_ = nullptr;
    QComboBox* frontierMetric_ = nullptr;
    QStackedWidget* chartStack_ = nullptr;
    bool presentation_ = false;
};

}  // namespace rd
