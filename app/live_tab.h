#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>
#include <QVariantMap>
#include <QWidget>

#include <functional>
#include <vector>

#include "pipeline/progress_estimate.h"
#include "pipeline/stage_result.h"
#include "run_style.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace rd {

class LiveCurveChart;

/**
 * The Live tab: the stages of the running experiment with state and progress, an overall progress
 * bar with ETA, live charts of every loss term and of the validation metric (all stages overlaid,
 * the teacher dashed), a log pane and Cancel. Events only buffer; a 10 Hz timer draws them in bulk,
 * so the GUI thread's work does not grow with the rate of epochs.
 */
class LiveTab : public QWidget {
    Q_OBJECT

public:
    explicit LiveTab(QWidget* parent = nullptr);

    /** Lists the planned stages as waiting and clears the charts and the log. */
    void begin(const std::vector<StageInfo>& stages, const QString& validMetric);
    /** A study's next experiment (index 0-based of total) starts: its stages replace the last
     * one's, the log goes on, and the line above says "experiment k of N" with the study's ETA. */
    void studyExperiment(int index, int total, const QString& cell, qint64 seed,
                         const std::vector<StageInfo>& stages);
    void stageStarted(int index, const QString& stage);
    void epochReported(const QString& stage, int epoch, int maxEpochs, const QVariantMap& losses,
                       const QVariantMap& valid, double seconds);
    void stageEvaluating(const QString& stage);
    void stageFinished(const QString& stage, const QString& status, const QString& error,
                       const QVariantMap& headline);
    void log(const QString& message);
    void finish(const QString& status, const QString& error);
    /** Draws what the events buffered (the timer calls it; tests call it to not wait). */
    void flush();

    QPushButton* cancelButton() const { return cancel_; }
    QTreeWidget* stageList() const { return stages_; }
    LiveCurveChart* validChart() const { return valid_; }
    /** The chart of one loss term (nullptr until the term was reported). */
    LiveCurveChart* lossChart(const QString& term) const { return lossCharts_.value(term); }
    QProgressBar* progressBar() const { return progress_; }
    QPlainTextEdit* logPane() const { return log_; }
    QLabel* studyLabel() const { return study_; }
    QLabel* etaLabel() const { return eta_; }
    /** The estimate behind the progress bar and the ETA (tests read it). */
    const ProgressEstimate& estimate() const { return estimate_; }
    /** One line for the status bar: elapsed and time left ("" when nothing runs). */
    QString progressSummary() const { return summary_; }
    /** The cancel was asked for: the label says so until the run ends. */
    void cancelling();
    /** The time since begin() in seconds; tests replace the clock to script a run. */
    void setClock(std::function<double()> seconds) { now_ = std::move(seconds); }

Q_SIGNALS:
    void cancelRequested();
    /** progressSummary() changed (about ten times a second while running). */
    void progressChanged(const QString& summary);

private:
    void resetStages(const std::vector<StageInfo>& stages, const QString& validMetric);
    void setState(QTreeWidgetItem* item, const QString& state, const QString& icon);
    void updateProgress();
    double elapsed() const;
    /** The Progress column's text for a stage: "epoch 37, best at 30, stops by 40 at the latest".
     */
    QString stageProgressText(int row) const;
    LiveCurveChart* ensureLossChart(const QString& term);

    QTreeWidget* stages_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* eta_ = nullptr;
    QLabel* study_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QComboBox* lossTerm_ = nullptr;
    QStackedWidget* lossStack_ = nullptr;
    QHash<QString, LiveCurveChart*> lossCharts_;
    LiveCurveChart* valid_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    QTimer* timer_ = nullptr;

    QHash<QString, int> stageRow_;
    std::vector<double> stageFraction_;
    QString validMetric_;
    QString teacherStage_;
    QHash<QString, QString> stageLabels_;   // stage id → legend label (teacher, student)
    QHash<QString, RunStyle> stageStyles_;  // stage id → how every chart draws it
    QStringList pendingLog_;
    QElapsedTimer clock_;
    QElapsedTimer studyClock_;
    int studyIndex_ = 0, studyTotal_ = 0;  ///< total 0: a single experiment
    QString studyText_;
    bool running_ = false;
    bool cancelling_ = false;
    ProgressEstimate estimate_;
    QHash<QString, double> bestValid_;  // stage → best validation value so far
    QHash<int, double> stageStart_;     // stage row → elapsed() when it started
    QString summary_;
    std::function<double()> now_;
};

}  // namespace rd
