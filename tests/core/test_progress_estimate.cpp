// Progress from a scripted run (issue 16): a fixed sequence of epochs with their times and
// improvements, and the estimate's early-stopping bound, stage and experiment time left checked
// against hand-computed values. plannedStages() carries each stage's schedule from the config.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "pipeline/progress_estimate.h"

using rd::ProgressEstimate;
using rd::StageInfo;

namespace {

StageInfo stage(int index, const char* name, const char* role, int maxEpochs, int patience,
                int evalEvery = 1, int minEpochs = 0) {
    StageInfo s;
    s.index = index;
    s.count = 4;
    s.stage = name;
    s.role = role;
    s.method = role == std::string("distilled") ? name : "";
    s.maxEpochs = maxEpochs;
    s.patience = patience;
    s.evalEvery = evalEvery;
    s.minEpochs = minEpochs;
    return s;
}

}  // namespace

class TestProgressEstimate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scriptedExperiment() {
        // Teacher, student alone and two methods: 300 epochs at most, patience 3.
        ProgressEstimate p(
            {stage(0, "teacher", "teacher", 300, 3), stage(1, "student", "student", 300, 3),
             stage(2, "dcd", "distilled", 300, 3), stage(3, "rd", "distilled", 300, 3)});
        QVERIFY(!p.hasEstimate());
        QCOMPARE(p.fraction(), 0.0);

        // The teacher: 2 s per epoch, best at epoch 3, no better at 4 and 5.
        p.stageStarted(0);
        for (int e = 1; e <= 5; ++e) p.epoch(0, e, 2.0, true, e <= 3);
        QCOMPARE(p.bestEpoch(0), 3);
        QCOMPARE(p.latestStop(0), 6);  // 3 + patience 3
        QVERIFY(p.stopsEarly(0));
        QCOMPARE(p.secondsPerEpoch(0), 2.0);
        QCOMPARE(p.stageSecondsLeft(0), 2.0);  // one epoch at 2 s
        QCOMPARE(p.stageFraction(0), 5.0 / 6.0);
        // Nothing else known yet: each stage to come as long as the teacher, at its pace.
        QCOMPARE(p.stageSecondsLeft(2), 12.0);
        QCOMPARE(p.secondsLeft(), 2.0 + 3 * 12.0);
        QCOMPARE(p.secondsDone(), 10.0);
        QCOMPARE(p.fraction(), 10.0 / 48.0);

        p.epoch(0, 6, 2.0, true, false);
        p.stageFinished(0);
        QCOMPARE(p.stageSecondsLeft(0), 0.0);
        QCOMPARE(p.stageFraction(0), 1.0);

        // The student alone: 0.5 s per epoch, best at 1, stops at 4.
        p.stageStarted(1);
        for (int e = 1; e <= 4; ++e) p.epoch(1, e, 0.5, true, e == 1);
        p.stageFinished(1);

        // DCD: three times slower per epoch; after one epoch its own pace counts, and the stage
        // after it is estimated from the finished student (4 epochs at 0.5 s).
        p.stageStarted(2);
        p.epoch(2, 1, 1.5, true, true);
        QCOMPARE(p.latestStop(2), 4);
        QCOMPARE(p.stageSecondsLeft(2), 3 * 1.5);
        QCOMPARE(p.stageSecondsLeft(3), 4 * 0.5);
        QCOMPARE(p.secondsLeft(), 4.5 + 2.0);
        QCOMPARE(p.secondsDone(), 12.0 + 2.0 + 1.5);
        // It improves again at 2: the bound moves.
        p.epoch(2, 2, 1.5, true, true);
        QCOMPARE(p.bestEpoch(2), 2);
        QCOMPARE(p.latestStop(2), 5);
    }

    void lengthAndOverheadFromFinishedStages() {
        ProgressEstimate p({stage(0, "teacher", "teacher", 20, 3),
                            stage(1, "student", "student", 20, 3),
                            stage(2, "rd", "distilled", 20, 3)});
        // The teacher improves every epoch for 10 epochs of 1 s; with its test evaluation it
        // took 12 s from start to end: 2 s outside epochs.
        for (int e = 1; e <= 10; ++e) p.epoch(0, e, 1.0, true, true);
        p.stageFinished(0, 12.0);
        QCOMPARE(p.secondsDone(), 12.0);
        // The student after one epoch: its bound says 4, but the teacher ran 10, so 10 are
        // expected (a curve still improving goes on), plus the 2 s outside epochs.
        p.epoch(1, 1, 0.5, true, true);
        QCOMPARE(p.latestStop(1), 4);
        QCOMPARE(p.expectedEpochs(1), 10.0);
        QCOMPARE(p.stageSecondsLeft(1), 9 * 0.5 + 2.0);
        // The method to come: as the running student, 10 epochs at 0.5 s, plus 2 s.
        QCOMPARE(p.stageSecondsLeft(2), 10 * 0.5 + 2.0);
        QCOMPARE(p.secondsLeft(), 6.5 + 7.0);
        QCOMPARE(p.fraction(), 12.5 / (12.5 + 13.5));
    }

    void boundsFollowTheSchedule() {
        // Validation every 2 epochs, patience 3: three validations (6 epochs) after the best.
        ProgressEstimate every2({stage(0, "teacher", "teacher", 100, 3, 2)});
        every2.epoch(0, 4, 1.0, true, true);
        QCOMPARE(every2.latestStop(0), 10);
        // Before any validation the first one will be the best.
        ProgressEstimate fresh({stage(0, "teacher", "teacher", 100, 3, 2)});
        QCOMPARE(fresh.latestStop(0), 8);
        // A minimum (annealing) holds early stopping off until it is reached.
        ProgressEstimate annealing({stage(0, "de", "distilled", 100, 3, 1, 10)});
        annealing.epoch(0, 2, 1.0, true, true);
        QCOMPARE(annealing.latestStop(0), 10);
        // Never past the maximum; without patience the maximum is the length.
        ProgressEstimate capped({stage(0, "teacher", "teacher", 20, 10)});
        capped.epoch(0, 15, 1.0, true, true);
        QCOMPARE(capped.latestStop(0), 20);
        QVERIFY(!capped.stopsEarly(0));
        ProgressEstimate noPatience({stage(0, "teacher", "teacher", 50, 0)});
        noPatience.epoch(0, 1, 1.0, true, true);
        QCOMPARE(noPatience.latestStop(0), 50);
        // Running past its bound (a minimum the schedule did not know): one more at least.
        ProgressEstimate past({stage(0, "x", "distilled", 100, 2)});
        for (int e = 1; e <= 5; ++e) past.epoch(0, e, 1.0, true, e == 1);
        QCOMPARE(past.latestStop(0), 6);
        // A reused teacher ends without epochs: nothing left, nothing done.
        ProgressEstimate reused({stage(0, "teacher", "teacher", 100, 3)});
        reused.stageStarted(0);
        reused.stageFinished(0);
        QCOMPARE(reused.secondsLeft(), 0.0);
        QCOMPARE(reused.fraction(), 1.0);
    }

    void plannedStagesCarryTheSchedule() {
        const rd::ExperimentConfig c = rd::ExperimentConfig::fromJson(nlohmann::json::parse(R"({
          "version": 1, "data": {"path": "demo"},
          "teacher": {"name": "mf", "dim": 16}, "student": {"name": "mf", "dim": 4},
          "methods": ["rd", {"name": "de", "anneal_epochs": 7}, {"name": "htd", "anneal_epochs": 9}],
          "train": {"epochs": 40, "patience": 5, "eval_every": 2},
          "teacher_train": {"epochs": 60}
        })"));
        const std::vector<StageInfo> stages = rd::plannedStages(c);
        QCOMPARE(stages.size(), size_t(5));
        QCOMPARE(stages[0].maxEpochs, 60);
        QCOMPARE(stages[0].patience, 5);
        QCOMPARE(stages[0].evalEvery, 2);
        QCOMPARE(stages[1].maxEpochs, 40);
        QCOMPARE(stages[2].minEpochs, 0);
        // DE stops early mid-anneal as run.py does; HTD's notebook trains its annealing length.
        QCOMPARE(stages[3].minEpochs, 0);
        QCOMPARE(stages[4].minEpochs, 9);
    }
};

QTEST_MAIN(TestProgressEstimate)
#include "test_progress_estimate.moc"
