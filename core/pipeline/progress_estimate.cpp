#include "pipeline/progress_estimate.h"

#include <algorithm>

#include "catalog/run_vocabulary.h"

namespace rd {

ProgressEstimate::ProgressEstimate(const std::vector<StageInfo>& stages) {
    for (const StageInfo& s : stages) {
        Stage stage;
        stage.info = s;
        stages_.push_back(stage);
    }
}

void ProgressEstimate::stageStarted(int index) {
    if (index >= 0 && index < stageCount()) stages_[static_cast<size_t>(index)].started = true;
}

void ProgressEstimate::epoch(int index, int epoch, double seconds, bool evaluated, bool improved) {
    if (index < 0 || index >= stageCount()) return;
    Stage& s = stages_[static_cast<size_t>(index)];
    s.started = true;
    s.epoch = std::max(s.epoch, epoch);
    s.seconds += std::max(0.0, seconds);
    secondsDone_ += std::max(0.0, seconds);
    if (evaluated && improved) s.best = epoch;
}

void ProgressEstimate::stageFinished(int index, double wallSeconds) {
    if (index < 0 || index >= stageCount()) return;
    Stage& s = stages_[static_cast<size_t>(index)];
    s.ended = true;
    if (wallSeconds > 0) {
        s.overhead = std::max(0.0, wallSeconds - s.seconds);
        secondsDone_ += s.overhead;
    }
}

double ProgressEstimate::meanOverhead() const {
    double sum = 0;
    int n = 0;
    for (const Stage& s : stages_)
        if (s.ended && s.overhead >= 0 && s.epoch > 0) {
            sum += s.overhead;
            ++n;
        }
    return n > 0 ? sum / n : 0;
}

double ProgressEstimate::typicalEpochs() const {
    // The students that ended after training; before any did, the teacher that did.
    double sum = 0, teacher = 0;
    int n = 0;
    for (const Stage& s : stages_) {
        if (!s.ended || s.epoch == 0) continue;
        if (s.info.role == role::kTeacher) {
            teacher = s.epoch;
            continue;
        }
        sum += s.epoch;
        ++n;
    }
    return n > 0 ? sum / n : teacher;
}

double ProgressEstimate::expectedEpochs(int index) const {
    if (index < 0 || index >= stageCount()) return 0;
    const Stage& s = stages_[static_cast<size_t>(index)];
    const double bound = latestStop(index);
    if (s.info.role == role::kTeacher) return bound;
    return std::min<double>(std::max(bound, typicalEpochs()), std::max(1, s.info.maxEpochs));
}

int ProgressEstimate::currentEpoch(int index) const {
    return index >= 0 && index < stageCount() ? stages_[static_cast<size_t>(index)].epoch : 0;
}

int ProgressEstimate::bestEpoch(int index) const {
    return index >= 0 && index < stageCount() ? stages_[static_cast<size_t>(index)].best : 0;
}

int ProgressEstimate::latestStop(int index) const {
    if (index < 0 || index >= stageCount()) return 0;
    const Stage& s = stages_[static_cast<size_t>(index)];
    const int maxEpochs = std::max(1, s.info.maxEpochs);
    if (s.info.patience <= 0 || s.info.evalEvery <= 0) return maxEpochs;
    // Before the first validation the first one is the best so far (it always improves on
    // nothing).
    const int best = s.best > 0 ? s.best : std::min(s.info.evalEvery, maxEpochs);
    int stop = best + s.info.patience * s.info.evalEvery;
    if (stop < s.info.minEpochs) {
        // Stops at the first validation at or after the minimum.
        const int e = s.info.evalEvery;
        stop = ((s.info.minEpochs + e - 1) / e) * e;
    }
    // Still running past the bound (a minimum the schedule does not know): at least one more.
    if (!s.ended && s.epoch >= stop) stop = s.epoch + 1;
    return std::clamp(stop, 1, maxEpochs);
}

bool ProgressEstimate::stopsEarly(int index) const {
    if (index < 0 || index >= stageCount()) return false;
    return latestStop(index) < stages_[static_cast<size_t>(index)].info.maxEpochs;
}

double ProgressEstimate::secondsPerEpoch(int index) const {
    if (index < 0 || index >= stageCount()) return 0;
    const Stage& s = stages_[static_cast<size_t>(index)];
    return s.epoch > 0 ? s.seconds / s.epoch : 0;
}

void ProgressEstimate::expectedForWaiting(int index, double* epochs,
                                          double* secondsPerEpoch) const {
    const Stage& w = stages_[static_cast<size_t>(index)];
    // The students that ended after training: their length and pace are the best guide.
    double sumEpochs = 0, sumPace = 0;
    int n = 0;
    const Stage* running = nullptr;
    for (const Stage& s : stages_) {
        if (s.started && !s.ended && s.epoch > 0) running = &s;
        if (!s.ended || s.epoch == 0 || s.info.role == role::kTeacher) continue;
        sumEpochs += s.epoch;
        sumPace += s.seconds / s.epoch;
        ++n;
    }
    if (n > 0) {
        *epochs = sumEpochs / n;
        *secondsPerEpoch = sumPace / n;
    } else if (running) {
        // Only the running stage (the teacher, at first) is known: as long, at its pace.
        *epochs = expectedEpochs(static_cast<int>(running - stages_.data()));
        *secondsPerEpoch = running->seconds / running->epoch;
    } else {
        *epochs = 0;
        *secondsPerEpoch = 0;
    }
    *epochs = std::min<double>(*epochs, std::max(1, w.info.maxEpochs));
    if (w.info.minEpochs > 0) *epochs = std::max<double>(*epochs, w.info.minEpochs);
}

double ProgressEstimate::stageSecondsLeft(int index) const {
    if (index < 0 || index >= stageCount()) return 0;
    const Stage& s = stages_[static_cast<size_t>(index)];
    if (s.ended) return 0;
    if (s.epoch > 0)
        return std::max(0.0, expectedEpochs(index) - s.epoch) * secondsPerEpoch(index) +
               meanOverhead();
    double epochs = 0, pace = 0;
    expectedForWaiting(index, &epochs, &pace);
    return epochs * pace + meanOverhead();
}

double ProgressEstimate::stageFraction(int index) const {
    if (index < 0 || index >= stageCount()) return 0;
    const Stage& s = stages_[static_cast<size_t>(index)];
    if (s.ended) return 1;
    return static_cast<double>(s.epoch) / std::max<double>(s.epoch, expectedEpochs(index));
}

double ProgressEstimate::secondsLeft() const {
    double left = 0;
    for (int i = 0; i < stageCount(); ++i) left += stageSecondsLeft(i);
    return left;
}

double ProgressEstimate::fraction() const {
    const double left = secondsLeft();
    const double total = secondsDone_ + left;
    if (total <= 0) {
        int ended = 0;
        for (const Stage& s : stages_) ended += s.ended ? 1 : 0;
        return stages_.empty() ? 0 : static_cast<double>(ended) / stageCount();
    }
    return secondsDone_ / total;
}

}  // namespace rd
