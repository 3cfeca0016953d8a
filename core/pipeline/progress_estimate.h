#pragma once

#include <vector>

#include "pipeline/stage_result.h"

namespace rd {

/**
 * How far an experiment is and how long it has left, from what its stages reported: each epoch's
 * time and whether validation improved. A stage's length is its early-stopping bound: with the best
 * validation at epoch b, patience p and validation every e epochs, training stops by b + p·e at the
 * latest (not before its minimum, never past its maximum), so a stage that stops early is not
 * counted against its 300-epoch maximum. Time left is epochs left times the stage's own observed
 * epoch time (DCD's epochs cost several times softlabel's); a stage not started yet is estimated
 * from the finished students (their epochs and epoch times), else from the running stage. Plain
 * values in, plain values out: the GUI and the CLI word them.
 */
class ProgressEstimate {
public:
    ProgressEstimate() = default;
    explicit ProgressEstimate(const std::vector<StageInfo>& stages);

    void stageStarted(int index);
    /** One finished epoch of stage index: seconds it took; evaluated: validation ran, improved:
     * it is the best so far. */
    void epoch(int index, int epoch, double seconds, bool evaluated, bool improved);
    /** The stage ended (finished, failed, cancelled, or reused without training). wallSeconds: its
     * whole time from start to end when known (0: not), so the time outside epochs (test
     * evaluation, a method's set-up) is counted for the stages to come. */
    void stageFinished(int index, double wallSeconds = 0);

    int stageCount() const { return static_cast<int>(stages_.size()); }
    int currentEpoch(int index) const;
    /** The epoch of the best validation so far (0: none yet). */
    int bestEpoch(int index) const;
    /** The epoch by which the stage stops at the latest unless validation improves again. */
    int latestStop(int index) const;
    /** True when latestStop() is an early stop (before the stage's maximum of epochs). */
    bool stopsEarly(int index) const;
    /** The mean time of the stage's epochs so far (0 before its first). */
    double secondsPerEpoch(int index) const;
    /** The epochs the stage is expected to run: its early-stopping bound, but no fewer than the
     * finished students ran (a curve still improving goes on past its current bound). */
    double expectedEpochs(int index) const;
    /** Seconds the stage still needs (0 once ended; an estimate for stages not started). */
    double stageSecondsLeft(int index) const;
    /** The stage's share done, 0 to 1 (epochs against latestStop(); 1 once ended). */
    double stageFraction(int index) const;
    /** Seconds the experiment still needs: every stage not ended. */
    double secondsLeft() const;
    /** Seconds of training reported so far. */
    double secondsDone() const { return secondsDone_; }
    /** The experiment's share done by time: done / (done + left). */
    double fraction() const;
    /** False until an epoch was reported: before that nothing can be estimated. */
    bool hasEstimate() const { return secondsDone_ > 0; }

private:
    struct Stage {
        StageInfo info;
        bool started = false, ended = false;
        int epoch = 0, best = 0;
        double seconds = 0;
        double overhead = -1;  ///< wall time outside epochs, once ended (-1: unknown)
    };
    /** Mean time outside epochs of the ended stages that reported it (0 when none did). */
    double meanOverhead() const;
    /** Mean epochs of the students that ended after training (0 when none). */
    double typicalEpochs() const;
    /** Epochs and seconds per epoch a stage not started is expected to take. */
    void expectedForWaiting(int index, double* epochs, double* secondsPerEpoch) const;

    std::vector<Stage> stages_;
    double secondsDone_ = 0;
};

}  // namespace rd
