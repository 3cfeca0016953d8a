#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "study/study_runner.h"

namespace rd {

class DataParallel;

/** How far a study spread over ranks got on this rank. */
struct StudyAcrossRanksOutcome {
    /// Rank 0: the whole study (its own share and every delivery). Other ranks: their own share.
    StudyOutcome study;
    int deliveries = 0;  ///< rank 0: stores received; other ranks: stores sent
};

/**
 * A study's experiments spread over the ranks of a job (torchrun or srun; the c10d TCPStore of
 * `dp` carries everything, so the ranks need no shared file system):
 * - Rank 0 opens (or resumes) the study in the run store at storePath, finds what is left to run,
 *   and publishes the study's config, its id and those plan positions. Every rank builds the same
 *   plan from that config (a rank that was given another config refuses) and takes its share:
 *   whole teacher groups (a teacher is trained once, by the rank that runs its group), largest
 *   first, each to the rank with the fewest experiments so far.
 * - Rank 0 runs its share into the study directly. Every other rank runs each of its groups into
 *   a store of its own in a temporary folder and, when the group is done, sends that store (the
 *   database and its artifact files) to rank 0, which imports it into the study (RunStore::
 *   mergeStudy). Each rank runs its share with `options.jobs` jobs and the config's threads.
 * - Failure: every rank shows a sign of life every half second; a rank that sees none from
 *   another for dp's timeout (or loses the store) cancels its own work and ends with a message
 *   naming the rank; a cancel on any rank (Ctrl+C) cancels every rank. What was delivered stays in
 *   the study; `--resume` on the same store (any world size) runs the rest.
 * `config` is the study's config on rank 0 (from its file or the resumed study) and this rank's own
 * on the others (null when resuming: they follow rank 0's). Throws std::invalid_argument for a
 * config that differs from rank 0's, std::runtime_error when a peer is lost.
 */
StudyAcrossRanksOutcome runStudyAcrossRanks(DataParallel& dp, const nlohmann::json& config,
                                            const std::string& storePath,
                                            const StudyOptions& options,
                                            const StudyCallbacks& callbacks = {},
                                            const CancelToken* cancel = nullptr);

}  // namespace rd
