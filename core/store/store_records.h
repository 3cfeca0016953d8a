#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rd {

/**
 * The rows of the run store as plain C++ values (no SQLite, no torch), shared by the CLI and the
 * GUI. Ids are SQLite row ids (0 = not stored yet); times are ISO 8601 UTC text, wall times Unix
 * seconds.
 */
struct DatasetRecord {
    int64_t id = 0;
    std::string name, sourcePath, format, contentHash;
    std::string statsJson = "{}";
    std::string firstSeen;
};

/** One experiment: the exact config JSON it was run with, plus the user's notes and tags. */
struct ExperimentRecord {
    int64_t id = 0;
    std::string name;
    int64_t datasetId = 0;  ///< 0 = none recorded
    std::string configJson;
    std::string created;
    std::string notes;
    std::vector<std::string> tags;  ///< sorted
    std::string deletedAt = {};     ///< when it went to the trash; empty = not in the trash
};

/** One training run of one model (teacher, student alone, or student with a distillation method).
 */
struct RunRecord {
    int64_t id = 0;
    int64_t experimentId = 0;
    std::string role;  ///< "teacher", "student", "distilled" (or "model" for a single train)
    std::string model, method;
    int64_t seed = 0;
    std::string status = "running";  ///< running, finished, failed, cancelled, interrupted
    std::string error;
    std::string started, finished;
    std::string appVersion, torchVersion;
    int threads = 0;
    std::string paramsJson = "{}";
    int64_t pid =
        0;  ///< the writing process, so a run left 'running' by a dead one can be recovered
    std::string host;
};

/** One value of a curve: e.g. step 3 of "loss/bpr" or "valid/NDCG@10". */
struct MetricPoint {
    int64_t step = 0;
    std::string name;
    double value = 0;
    double wallTime = 0;
};

/** One user's top-K list as recommended by a run (a sample kept for the per-user comparison view).
 */
struct TopKSample {
    int32_t user = 0;
    std::vector<int32_t> items;
};

/** Exposure by popularity decile: share of recommendation slots beside share of training
 * interactions. */
struct ExposureHistogram {
    std::vector<double> recommendationShare, trainingShare;
};

/** A file kept beside the database (e.g. a model checkpoint), found again by relative path and
 * hash. */
struct ArtifactRecord {
    int64_t id = 0;
    int64_t runId = 0;
    std::string kind;          ///< e.g. "checkpoint"
    std::string relativePath;  ///< relative to the database's folder
    std::string contentHash;
    int64_t bytes = 0;
    std::string created;
    std::string reuseKey;  ///< what the artifact can stand in for (empty = not reusable)
};

/** What RunStore::importFrom added: rows by table, and the artifact files. */
struct ImportSummary {
    int64_t datasetsAdded = 0, datasetsReused = 0;  ///< reused: the same hash, path and format
    std::vector<int64_t> experimentIds;             ///< the new experiments, in the source's order
    int64_t runs = 0, points = 0, finalResults = 0, topKSamples = 0, exposureBins = 0, tags = 0;
    int64_t artifacts = 0, artifactFilesCopied = 0;
    int64_t runsInterrupted = 0;    ///< 'running' in the source: nothing will finish the copy
    int64_t userValueRows = 0;      ///< per-user values (run, metric)
    std::vector<int64_t> studyIds;  ///< the new studies, in the source's order
    std::vector<std::string> missingArtifactFiles;  ///< absent beside the source (rows kept)
};

/** A study: one experiment config repeated over seeds and the cells of its sweep. */
struct StudyRecord {
    int64_t id = 0;
    std::string name;
    std::string configJson;  ///< the whole config, its "study" object included
    std::string created;
    std::string status = "running";  ///< running, finished, failed, cancelled
};

/** One experiment of a study: which cell and seed it is, and the hash of its exact config. */
struct StudyMember {
    int64_t studyId = 0, experimentId = 0;
    int cell = 0;
    int64_t seed = 0;
    std::string configHash;
    std::string status = "running";  ///< the experiment's outcome once it ended
};

/** One run's per-user values of one metric (users ascending, values aligned with them). */
struct UserValues {
    std::vector<int32_t> users;
    std::vector<double> values;
};

}  // namespace rd
