#pragma once

#include <string>

#include "dist/data_parallel.h"
#include "pipeline/experiment_config.h"
#include "pipeline/stage_result.h"

/** What one `train`, `distill` or `rerun` ran: the parsed config and the pipeline's outcome. */
struct CliExperiment {
    rd::ExperimentConfig config;
    rd::ExperimentOutcome outcome;
};

/**
 * The one way the CLI runs an experiment config (JSON text, overrides applied), single-model or
 * distillation: parses it (refusing before any work), opens the store when record is set (under
 * experimentId when non-zero, i.e. rerun), runs the core pipeline with progress lines on stdout
 * (stderr with asJson) and Ctrl+C as cancel. With a data-parallel job (dp), every stage trains on
 * all ranks; only rank 0 records and prints, and no rank reuses a saved teacher (the ranks must
 * all train the same stages).
 */
CliExperiment runCliExperiment(const std::string& configJson, bool asJson, bool record,
                               long long experimentId, rd::DataParallel* dp = nullptr);

/** The process exit code of an outcome: 0 finished, 130 cancelled, 3 failed (the error on stderr).
 */
int exitCodeOf(const rd::ExperimentOutcome& out);
