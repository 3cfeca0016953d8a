#pragma once

#include <QWidget>

#include "data/dataset_stats.h"

class QLabel;

namespace rd {

class DatasetStatsView;

/**
 * The Data tab: a header naming the open data set (name, path, format), a status line for loading
 * and errors, and the statistics view. A failed load leaves the previous data set on show.
 */
class DataTab : public QWidget {
    Q_OBJECT

public:
    explicit DataTab(QWidget* parent = nullptr);

    void showStats(const DatasetStats& stats);
    void showLoading(const QString& path);
    void showError(const QString& message);
    DatasetStatsView* statsView() const { return view_; }

private:
    void setStatus(const QString& text, bool error);

    QLabel* header_ = nullptr;
    QLabel* statusIcon_ = nullptr;
    QLabel* status_ = nullptr;
    DatasetStatsView* view_ = nullptr;
};

}  // namespace rd
