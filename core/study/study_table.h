#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "study/study_statistics.h"

namespace rd {

class RunStore;

/** One distilled student against the student alone of the same seed, on one metric. */
struct StudyComparison {
    size_t pairs = 0;  ///< users (paired across seeds) or (seed, user) pairs (split varied)
    double meanDifference = 0;  ///< mean per-user (distilled − student alone)
    stats::Interval interval;   ///< paired bootstrap percentile interval of the mean difference
    double pWilcoxon = 1, pT = 1;
    double pHolm = 1;  ///< Wilcoxon p adjusted by Holm–Bonferroni over the methods of the cell
    bool significant = false;  ///< pHolm < alpha
};

/** One role of one cell over the study's seeds (the teacher, the student alone, or a method). */
struct StudyRow {
    int cell = 0;
    std::string role, method, model;
    int occurrence = 1;           ///< 2 for a method's second entry in the experiment ("rrd#2")
    std::vector<int64_t> runIds;  ///< finished runs, one per seed (seed order)
    std::vector<int64_t> seeds;
    std::map<std::string, stats::Summary> metrics;     ///< every final result over the seeds
    std::map<std::string, StudyComparison> vsStudent;  ///< distilled rows: NDCG@K, Recall@K

    std::string label() const;  ///< "teacher", "student", "rrd", "rrd#2"
};

/** What a study's experiments say, by cell and role; everything a table or chart shows. */
struct StudyTable {
    int64_t studyId = 0;
    std::string name, status, created;
    std::vector<std::string> cellLabels;  ///< "student.dim=8" ("" with no sweep)
    std::vector<nlohmann::json> cells;    ///< each cell's swept values
    std::vector<int64_t> seeds;
    bool paired = true;  ///< false when the split varied with the seed: pairs only within a seed
    int resamples = 0;
    double alpha = 0.05;
    int planned = 0, finished = 0;   ///< experiments
    std::vector<StudyRow> rows;      ///< cell by cell: teacher, student, methods in config order
    std::vector<std::string> notes;  ///< what the reader must know (one seed, unpaired, missing)

    /** The row of the student alone in the same cell (nullptr when none finished). */
    const StudyRow* studentOf(int cell) const;
};

struct StudyAnalysisOptions {
    std::vector<int> ks{10};  ///< paired tests on NDCG@K and Recall@K for these K
    int resamples = 2000;
    uint64_t seed = 2020;  ///< of the bootstrap
    double alpha = 0.05;
    double level = 0.95;
};

/** Reads a study's finished experiments from the store and computes its table. Throws StoreError
 * (unknown study) or std::invalid_argument (a stored config that cannot be read). */
StudyTable analyzeStudy(RunStore& store, int64_t studyId, const StudyAnalysisOptions& options = {});

/** The table as JSON rows (what `recdistill-cli study --json` and `show STUDY --json` print). */
nlohmann::json studyTableJson(const StudyTable& table);

}  // namespace rd
