#pragma once

#include <cstdint>
#include <vector>

#include "pipeline/experiment_config.h"
#include "pipeline/stage_result.h"
#include "util/cancel_token.h"

namespace rd {

class RunStore;

/** The stages an experiment will run, in order (for front ends to list before they start). */
std::vector<StageInfo> plannedStages(const ExperimentConfig& config);

/**
 * Runs one experiment: loads and splits the data, trains (or loads) the teacher, trains the student
 * alone, then one student per method with the method's loss added, evaluating each on the same test
 * split. Every stage is recorded in store when one is given (under experimentId when non-zero, else
 * a new experiment) with its curves, final results, exposure, top-K samples and checkpoint; the
 * teacher's checkpoint carries a reuse key (data-set hash, split, teacher config, teacher training
 * settings), so a later experiment with the same key loads it instead of training. Cancellation,
 * wherever it comes (loading, the teacher's ranking, training, validation, evaluation, between
 * stages), ends the experiment within about a second with status "cancelled": the running stage is
 * recorded as cancelled and the rest are skipped; during loading no stage has started and nothing
 * is recorded. Cancelled never escapes. Throws before any stage for data that cannot be loaded.
 */
ExperimentOutcome runExperiment(const ExperimentConfig& config,
                                const PipelineCallbacks& callbacks = {},
                                const CancelToken* cancel = nullptr, RunStore* store = nullptr,
                                int64_t experimentId = 0);

}  // namespace rd
