#pragma once

#include <QWidget>

#include "data/dataset_stats.h"

class QChart;
class QChartView;
class QFormLayout;
class QGroupBox;
class QLabel;
class QScrollArea;

namespace rd {

/**
 * Shows a data set's DatasetStats: the figures as selectable labels (each with an objectName ending
 * in "Value", so tests and screen readers can find them) and three charts: the long-tail popularity
 * curve, the rating histogram and items per category. Charts without data are hidden.
 */
class DatasetStatsView : public QWidget {
    Q_OBJECT

public:
    explicit DatasetStatsView(QWidget* parent = nullptr);

    void setStats(const DatasetStats& stats);
    /** Back to the empty state (dashes, no charts). */
    void clear();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildFigures();
    QGroupBox* buildActivityBox();
    QWidget* buildCharts();
    QLabel* addValueRow(QFormLayout* form, const QString& label, const QString& objectName);
    void setValue(const QString& objectName, const QString& text);
    void showTimeRange(const DatasetStats& stats);
    void showSplit(const DatasetStats& stats);
    void showCharts(const DatasetStats& stats);
    void fitFiguresWidth();
    static void replaceChart(QChartView* view, QChart* chart);

    QScrollArea* figuresArea_ = nullptr;
    QFormLayout* identityForm_ = nullptr;
    QGroupBox* splitBox_ = nullptr;
    QChartView* popularityChart_ = nullptr;
    QChartView* ratingChart_ = nullptr;
    QChartView* categoryChart_ = nullptr;
    QLabel* ratingNote_ = nullptr;
};

}  // namespace rd
