#include "live_tab.h"
#include "core_text.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTime>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

#include "catalog/run_vocabulary.h"
#include "live_curve_chart.h"

namespace rd {

namespace {

enum Column { kStage, kModel, kState, kProgress, kHeadline, kColumns };

QString duration(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    if (s < 60) return QObject::tr("%1 s").arg(s);
    if (s < 3600) return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

}  // namespace

LiveTab::LiveTab(QWidget* parent) : QWidget(parent) {
    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("overallProgress"));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p%"));
    eta_ = new QLabel(tr("No experiment running. Start one from the Setup tab (Ctrl+R)."));
    eta_->setObjectName(QStringLiteral("etaLabel"));
    cancel_ = new QPushButton(style()->standardIcon(QStyle::SP_BrowserStop), tr("Ca&ncel"));
    cancel_->setObjectName(QStringLiteral("cancelButton"));
    cancel_->setEnabled(false);
    connect(cancel_, &QPushButton::clicked, this, &LiveTab::cancelRequested);
    study_ = new QLabel;
    study_->setObjectName(QStringLiteral("studyProgress"));
    study_->hide();
    auto* top = new QHBoxLayout;
    top->addWidget(study_);
    top->addWidget(progress_, 1);
    top->addWidget(eta_, 1);
    top->addWidget(cancel_);

    stages_ = new QTreeWidget;
    stages_->setObjectName(QStringLiteral("stageList"));
    stages_->setRootIsDecorated(false);
    stages_->setColumnCount(kColumns);
    stages_->setHeaderLabels(
        {tr("Stage"), tr("Model"), tr("State"), tr("Progress"), tr("NDCG@10")});
    stages_->headerItem()->setToolTip(kHeadline,
                                      CoreText::metricTooltip(QStringLiteral("NDCG@10")));
    stages_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    lossTerm_ = new QComboBox;
    lossTerm_->setObjectName(QStringLiteral("lossTerm"));
    lossTerm_->setToolTip(
        tr("Each loss term has its own chart: the base ranking loss for every stage, "
           "each method's distillation term for its stage"));
    lossStack_ = new QStackedWidget;
    connect(lossTerm_, &QComboBox::currentIndexChanged, lossStack_,
            &QStackedWidget::setCurrentIndex);
    auto* lossBox = new QWidget;
    auto* lossLayout = new QVBoxLayout(lossBox);
    lossLayout->setContentsMargins(0, 0, 0, 0);
    auto* termRow = new QHBoxLayout;
    termRow->addWidget(new QLabel(tr("Loss term:")));
    termRow->addWidget(lossTerm_);
    termRow->addStretch(1);
    lossLayout->addLayout(termRow);
    lossLayout->addWidget(lossStack_, 1);
    valid_ = new LiveCurveChart(tr("Validation"), tr("epoch"), QString());
    valid_->setObjectName(QStringLiteral("validChart"));

    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(lossBox);
    charts->addWidget(valid_);
    charts->setSizes({500, 500});

    log_ = new QPlainTextEdit;
    log_->setObjectName(QStringLiteral("logPane"));
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setFont(QFont(QStringLiteral("monospace")));

    auto* lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(stages_);
    lower->addWidget(log_);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(charts);
    vertical->addWidget(lower);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(vertical, 1);

    timer_ = new QTimer(this);
    timer_->setInterval(100);
    connect(timer_, &QTimer::timeout, this, &LiveTab::flush);
}

void LiveTab::begin(const std::vector<StageInfo>& stages, const QString& validMetric) {
    resetStages(stages, validMetric);
    studyTotal_ = 0;
    study_->hide();
    log_->clear();
    pendingLog_.clear();
    progress_->setValue(0);
    eta_->setText(tr("Starting…"));
    cancel_->setEnabled(true);
    running_ = true;
    cancelling_ = false;
    clock_.start();
    studyClock_.start();
    timer_->start();
}

void LiveTab::studyExperiment(int index, int total, const QString& cell, qint64 seed,
                              const std::vector<StageInfo>& stages) {
    flush();  // what the last experiment left goes to its charts before they are cleared
    resetStages(stages, validMetric_);
    if (index == 0 || studyTotal_ == 0) studyClock_.start();
    studyIndex_ = index;
    studyTotal_ = total;
    studyText_ =
        cell.isEmpty()
            ? tr("Experiment %1 of %2 (seed %3)").arg(index + 1).arg(total).arg(seed)
            : tr("Experiment %1 of %2 (%3, seed %4)").arg(index + 1).arg(total).arg(cell).arg(seed);
    study_->setText(studyText_);
    study_->show();
    log(studyText_);
    clock_.start();
    updateProgress();
}

void LiveTab::resetStages(const std::vector<StageInfo>& stages, const QString& validMetric) {
    stages_->clear();
    stageRow_.clear();
    stageFraction_.assign(stages.size(), 0.0);
    teacherStage_.clear();
    stageLabels_.clear();
    stageStyles_.clear();
    estimate_ = ProgressEstimate(stages);
    stageStart_.clear();
    bestValid_.clear();
    for (const StageInfo& s : stages) {
        auto* item = new QTreeWidgetItem(stages_);
        const QString name = QString::fromStdString(s.stage);
        const bool reference = s.role == role::kTeacher || s.role == role::kStudent;
        const QString label = reference ? CoreText::runLabel(s.role, s.method, s.model) : name;
        item->setText(kStage, label);
        item->setText(kModel, QString::fromStdString(s.model));
        setState(item, tr("waiting"), QString());
        stageRow_.insert(name, s.index);
        if (s.role == role::kTeacher) teacherStage_ = name;
        stageStyles_.insert(name, runStyle(s.role, s.method, occurrenceOf(name)));
        // The legends' short names: the stage ids of teacher and student read in the chosen
        // language.
        if (reference) stageLabels_.insert(name, label);
    }
    for (auto it = stageLabels_.cbegin(); it != stageLabels_.cend(); ++it)
        valid_->setSeriesLabel(it.key(), it.value());
    for (auto it = stageStyles_.cbegin(); it != stageStyles_.cend(); ++it)
        valid_->setSeriesStyle(it.key(), it.value());
    for (LiveCurveChart* chart : std::as_const(lossCharts_)) delete chart;
    lossCharts_.clear();
    lossTerm_->clear();
    valid_->clear();
    validMetric_ = validMetric;
    valid_->setTitle(tr("Validation %1").arg(validMetric));
}

void LiveTab::setState(QTreeWidgetItem* item, const QString& state, const QString& icon) {
    item->setText(kState, state);
    item->setIcon(kState, icon.isEmpty() ? QIcon() : QIcon::fromTheme(icon));
}

void LiveTab::stageStarted(int index, const QString& stage) {
    estimate_.stageStarted(index);
    stageStart_.insert(index, elapsed());
    if (QTreeWidgetItem* item = stages_->topLevelItem(index)) {
        setState(item, tr("training"), QStringLiteral("media-playback-start"));
        stages_->setCurrentItem(item);
    }
    stageRow_.insert(stage, index);
}

LiveCurveChart* LiveTab::ensureLossChart(const QString& term) {
    if (LiveCurveChart* chart = lossCharts_.value(term)) return chart;
    auto* chart = new LiveCurveChart(tr("Loss: %1").arg(term), tr("epoch"), tr("mean per batch"));
    chart->setObjectName(QStringLiteral("lossChart_") + term);
    lossCharts_.insert(term, chart);
    for (auto it = stageLabels_.cbegin(); it != stageLabels_.cend(); ++it)
        chart->setSeriesLabel(it.key(), it.value());
    for (auto it = stageStyles_.cbegin(); it != stageStyles_.cend(); ++it)
        chart->setSeriesStyle(it.key(), it.value());
    lossStack_->addWidget(chart);
    lossTerm_->addItem(term);
    return chart;
}

void LiveTab::epochReported(const QString& stage, int epoch, int maxEpochs,
                            const QVariantMap& losses, const QVariantMap& valid, double seconds) {
    const bool teacher = stage == teacherStage_;
    for (auto it = losses.begin(); it != losses.end(); ++it) {
        LiveCurveChart* chart = ensureLossChart(it.key());
        if (teacher && !stageStyles_.contains(stage) && !chart->series(stage))
            chart->setReference(stage);
        chart->append(stage, epoch, it.value().toDouble());
    }
    if (valid.contains(validMetric_)) {
        if (teacher && !stageStyles_.contains(stage) && !valid_->series(stage))
            valid_->setReference(stage);
        valid_->append(stage, epoch, valid.value(validMetric_).toDouble());
    }
    // The trainer's own rule: an evaluation improves when it beats every earlier one.
    const bool evaluated = valid.contains(validMetric_);
    bool improved = false;
    if (evaluated) {
        const double v = valid.value(validMetric_).toDouble();
        improved = !bestValid_.contains(stage) || v > bestValid_.value(stage);
        if (improved) bestValid_.insert(stage, v);
    }
    const int row = stageRow_.value(stage, -1);
    estimate_.epoch(row, epoch, seconds, evaluated, improved);
    if (row >= 0 && row < static_cast<int>(stageFraction_.size())) {
        stageFraction_[static_cast<size_t>(row)] = maxEpochs > 0 ? 0.95 * epoch / maxEpochs : 0.0;
        if (QTreeWidgetItem* item = stages_->topLevelItem(row))
            item->setText(kProgress, stageProgressText(row));
    }
}

QString LiveTab::stageProgressText(int row) const {
    const int epoch = estimate_.currentEpoch(row);
    const int best = estimate_.bestEpoch(row);
    if (best > 0 && estimate_.stopsEarly(row))
        return tr("epoch %1, best at %2, stops by %3 at the latest")
            .arg(epoch)
            .arg(best)
            .arg(estimate_.latestStop(row));
    return tr("epoch %1 / %2").arg(epoch).arg(estimate_.latestStop(row));
}

void LiveTab::stageEvaluating(const QString& stage) {
    if (QTreeWidgetItem* item = stages_->topLevelItem(stageRow_.value(stage, -1)))
        setState(item, tr("evaluating"), QStringLiteral("view-refresh"));
}

void LiveTab::stageFinished(const QString& stage, const QString& status, const QString& error,
                            const QVariantMap& headline) {
    const int row = stageRow_.value(stage, -1);
    QTreeWidgetItem* item = stages_->topLevelItem(row);
    if (!item) return;
    // Its whole time, so the time outside epochs (test evaluation, set-up) counts for the rest.
    estimate_.stageFinished(row,
                            stageStart_.contains(row) ? elapsed() - stageStart_.value(row) : 0);
    stageFraction_[static_cast<size_t>(row)] = 1.0;
    if (status == QLatin1String("finished")) {
        setState(
            item,
            headline.contains(QStringLiteral("reused_from_run")) ? tr("reused") : tr("finished"),
            QStringLiteral("emblem-default"));
        if (headline.contains(QStringLiteral("NDCG@10")))
            item->setText(
                kHeadline,
                QString::number(headline.value(QStringLiteral("NDCG@10")).toDouble(), 'f', 4));
    } else {
        setState(item, status == QLatin1String("cancelled") ? tr("cancelled") : tr("failed"),
                 QStringLiteral("dialog-error"));
        item->setToolTip(kState, error);
    }
}

void LiveTab::log(const QString& message) {
    pendingLog_ << QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + message;
}

void LiveTab::finish(const QString& status, const QString& error) {
    flush();
    timer_->stop();
    running_ = false;
    cancel_->setEnabled(false);
    // Stages the pipeline skipped after a cancel or a failure stay "waiting": they never ran, so
    // they are "not run", not "cancelled" (only the one training when the cancel came was).
    for (int i = 0; i < stages_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = stages_->topLevelItem(i);
        if (item->text(kState) == tr("training") || item->text(kState) == tr("evaluating"))
            setState(item, status == QLatin1String("cancelled") ? tr("cancelled") : tr("skipped"),
                     QString());
        else if (item->text(kState) == tr("waiting"))
            setState(item, tr("not run"), QString());
    }
    summary_.clear();
    Q_EMIT progressChanged(summary_);
    const QString took = duration(studyTotal_ > 0 ? studyClock_.elapsed() / 1000.0 : elapsed());
    if (status == QLatin1String("finished") && studyTotal_ > 0) {
        progress_->setValue(progress_->maximum());
        eta_->setText(tr("Study finished in %1. The Compare tab shows it as a study.").arg(took));
    } else if (status == QLatin1String("finished")) {
        progress_->setValue(progress_->maximum());
        eta_->setText(tr("Finished in %1. Compare the runs in the Compare tab.").arg(took));
    } else if (status == QLatin1String("cancelled")) {
        eta_->setText(tr("Cancelled after %1.").arg(took));
    } else {
        eta_->setText(tr("Failed after %1: %2").arg(took, error));
    }
    log_->appendPlainText(tr("Experiment %1.").arg(CoreText::status(status)));
}

double LiveTab::elapsed() const {
    return now_ ? now_() : clock_.elapsed() / 1000.0;
}

void LiveTab::cancelling() {
    if (!running_) return;
    cancelling_ = true;
    cancel_->setEnabled(false);
    eta_->setText(tr("Cancelling…"));
    summary_ = tr("Cancelling…");
    Q_EMIT progressChanged(summary_);
}

void LiveTab::updateProgress() {
    if (!running_ || stageFraction_.empty() || cancelling_) return;
    // By time, not by epochs: each stage's length from its early-stopping bound, each epoch at
    // the stage's own pace (ProgressEstimate).
    const double done = estimate_.fraction();
    progress_->setValue(static_cast<int>(done * progress_->maximum()));
    if (studyTotal_ > 0) {
        // The study's share done: the finished experiments and this one's part.
        const double share = (studyIndex_ + done) / studyTotal_;
        const double elapsed = studyClock_.elapsed() / 1000.0;
        progress_->setValue(static_cast<int>(share * progress_->maximum()));
        eta_->setText(share > 0.02
                          ? tr("Study: elapsed %1, about %2 left")
                                .arg(duration(elapsed), duration(elapsed * (1 - share) / share))
                          : tr("Study: elapsed %1").arg(duration(elapsed)));
        summary_ = eta_->text();
        Q_EMIT progressChanged(summary_);
        return;
    }
    const double took = elapsed();
    if (estimate_.hasEstimate())
        eta_->setText(
            tr("Elapsed %1, about %2 left").arg(duration(took), duration(estimate_.secondsLeft())));
    else
        eta_->setText(tr("Elapsed %1").arg(duration(took)));
    summary_ = eta_->text();
    Q_EMIT progressChanged(summary_);
}

void LiveTab::flush() {
    valid_->flush();
    for (LiveCurveChart* chart : std::as_const(lossCharts_)) chart->flush();
    if (!pendingLog_.isEmpty()) {
        log_->appendPlainText(pendingLog_.join(QLatin1Char('\n')));
        pendingLog_.clear();
    }
    updateProgress();
}

}  // namespace rd
