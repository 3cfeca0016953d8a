#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>
#include <QVariantMap>
#include <QWidget>

#include <vector>

#include "pipeline/stage_result.h"

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

Q_SIGNALS:
    void cancelRequested();

private:
    void resetStages(const std::vector<StageInfo>& stages, const QString& validMetric);
    void setState(QTreeWidgetItem* item, const QString& state, const QString& icon);
    void updateProgress();
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
    QHash<QString, QString> stageLabels_;  // stage id → legend label (teacher, student)
    QStringList pendingLog_;
    QElapsedTimer clock_;
    QElapsedTimer studyClock_;
    int studyIndex_ = 0, studyTotal_ = 0;  ///< total 0: a single experiment
    QString studyText_;
    bool running_ = false;
};

}  // namespace rd
