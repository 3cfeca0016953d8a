#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/stage_result.h"
#include "study/study_plan.h"
#include "util/cancel_token.h"

namespace rd {

/** Progress of a study (called on the thread that runs each experiment: with several jobs, on
 * several threads at once, so front ends serialise what they print). */
struct StudyCallbacks {
    /** index: 0-based position in the plan; total: experiments in the plan. */
    std::function<void(const StudyExperiment&, int index, int total)> onExperimentStarted;
    std::function<void(const StudyExperiment&, int index, int total, const ExperimentOutcome&)>
        onExperimentFinished;
    /** Already finished in the resumed study (not run again). */
    std::function<void(const StudyExperiment&, int index, int total)> onExperimentSkipped;
    /** Passed to every experiment's pipeline. */
    PipelineCallbacks pipeline;
    std::function<void(const std::string&)> onLog;
};

struct StudyOptions {
    /** Experiments run at once; the threads of the config are shared out between them. */
    int jobs = 1;
    /** Continue this study: experiments that finished in it are skipped, the rest run again. */
    int64_t resumeId = 0;
    /** Chooses what this process runs, once the study row exists and the finished experiments
     *  are known: gets the study id and the plan positions still to run (in plan order), returns
     *  those to run here. A study spread over ranks gives rank 0 its share this way; the others
     *  are neither run nor counted here. Unset: all of them. */
    std::function<std::vector<int>(int64_t studyId, const std::vector<int>& pending)> share;
    /** Leave the study's status "running" at the end: other processes still add to it. */
    bool keepRunning = false;
};

struct StudyOutcome {
    int64_t studyId = 0;
    std::string status;  ///< finished, failed (some experiment failed), cancelled
    std::string error;
    int total = 0, ran = 0, skipped = 0, failed = 0;
    double seconds = 0;
};

/**
 * Runs a study into the run store at storePath: one study row (or the resumed one), then every
 * experiment of the plan through the same pipeline as a single experiment, each recorded as a
 * member of the study with its cell, seed, config hash and final status. The first experiment of
 * each teacher group runs before the others of its group, so the teacher is trained once and
 * reused by the rest (the pipeline's teacher reuse). A cancel stops every running experiment
 * (recorded as cancelled) and starts no new one; `resumeId` then continues: finished experiments
 * (same config hash and seed) are skipped, unfinished ones are deleted and run again, so the final
 * tables equal those of an uninterrupted study. Each job opens its own store connection.
 */
StudyOutcome runStudy(const StudyPlan& plan, const std::string& storePath,
                      const StudyOptions& options, const StudyCallbacks& callbacks = {},
                      const CancelToken* cancel = nullptr);

}  // namespace rd
