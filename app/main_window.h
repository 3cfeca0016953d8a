#pragma once

#include <QMainWindow>

#include <memory>

#include "data/dataset.h"
#include "data/dataset_stats.h"

class QLabel;
class QProgressBar;
class QTabWidget;

namespace rd {

class DataTab;
class DatasetLoadJob;

/**
 * The main window only assembles: the menus, the status bar and a tab per task (Data first; later
 * tabs are added to tabs()). It owns the open data set and the job that loads the next one, and
 * remembers its geometry and the last data set in QSettings ("RecDistill", "RecDistill").
 */
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);

    /** Opens the last data set when it still exists, else the built-in demo. */
    void openStartupDataset();
    /** Starts loading in the background; datasetLoaded() or loadFailed() follows. */
    void openDataset(const QString& path);

    bool isLoading() const;
    bool hasDataset() const { return dataset_ != nullptr; }
    const DatasetStats& currentStats() const { return stats_; }
    std::shared_ptr<const Dataset> currentDataset() const { return dataset_; }
    QString lastError() const { return lastError_; }
    QTabWidget* tabs() const { return tabs_; }
    DataTab* dataTab() const { return dataTab_; }
    /** Tests turn the error message box off; the error still shows in the Data tab. */
    void setErrorDialogsEnabled(bool enabled) { errorDialogs_ = enabled; }

Q_SIGNALS:
    void datasetLoaded();
    void loadFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void chooseFile();
    void chooseFolder();
    void showAbout();
    void onLoaded(const DatasetStats& stats, std::shared_ptr<const Dataset> dataset);
    void onFailed(const QString& message);
    QString startDirectory() const;

    QTabWidget* tabs_ = nullptr;
    DataTab* dataTab_ = nullptr;
    DatasetLoadJob* job_ = nullptr;
    QLabel* statusText_ = nullptr;
    QProgressBar* busy_ = nullptr;

    std::shared_ptr<const Dataset> dataset_;
    DatasetStats stats_;
    QString lastError_;
    bool errorDialogs_ = true;
    bool demoIfStartupFails_ = false;
};

}  // namespace rd
