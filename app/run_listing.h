#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_records.h"

namespace rd {

class RunStore;

/** One run as the Runs tree shows it: its record and its headline value (NDCG@10) when it has one.
 */
struct RunEntry {
    RunRecord record;
    std::optional<double> headline;
};

/** One experiment with its runs in id order (= the order of its stages). */
struct ExperimentEntry {
    ExperimentRecord record;
    std::vector<RunEntry> runs;
    std::string dataset;  ///< the data set's name (empty when none is recorded)
};

/** The metric the Runs tree shows beside each run. */
inline const char* const kHeadlineMetric = "NDCG@10";

/**
 * Reads every experiment (not in the trash) with its runs and headline values, newest experiment
 * first: a fixed number of queries for the runs and values (not one per experiment), plus the
 * experiments themselves. Runs on the store's own thread.
 */
std::vector<ExperimentEntry> loadExperimentEntries(RunStore& store);

/** One experiment with its runs and headline values; nullopt when the store has no such experiment
 * or it is in the trash. */
std::optional<ExperimentEntry> loadExperimentEntry(RunStore& store, int64_t experimentId);

}  // namespace rd
