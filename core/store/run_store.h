#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store_records.h"

struct sqlite3;

namespace rd {

class CancelToken;
class SqlStatement;

/**
 * The run store: one SQLite file holding data sets, experiments (with their exact config JSON),
 * runs, their metric curves, final results, top-K samples, exposure histograms and artifacts. One
 * RunStore is one connection and belongs to one thread (the GUI's worker writes with its own, the
 * GUI thread reads with another); WAL and busy_timeout let them work side by side. Opening refuses
 * foreign, corrupt and newer files untouched, migrates older ones, and marks runs left 'running' by
 * a process that is gone as 'interrupted' (their committed points stay). Every method throws
 * StoreError.
 */
class RunStore {
public:
    /** $XDG_DATA_HOME/RecDistill/runs.sqlite, else ~/.local/share/RecDistill/runs.sqlite. */
    static std::string defaultPath();

    /** Opens or creates path (its folder is created too). */
    explicit RunStore(const std::string& path);
    ~RunStore();
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    const std::string& path() const { return path_; }
    /** The folder of the database: artifacts' relative paths start here. */
    std::string folder() const;
    /** How many runs the open marked 'interrupted'. */
    int recoveredRuns() const { return recovered_; }

    /** Returns the id of the row with the same hash, path and format when there is one. */
    int64_t addDataset(const DatasetRecord& dataset);
    std::optional<DatasetRecord> dataset(int64_t id);
    std::vector<DatasetRecord> datasets();

    int64_t addExperiment(const ExperimentRecord& experiment);
    /** The experiment, in the trash or not (deletedAt says which). */
    std::optional<ExperimentRecord> experiment(int64_t id);
    /** The experiments not in the trash, by id. */
    std::vector<ExperimentRecord> experiments();
    /** The experiments in the trash, most recently trashed first. */
    std::vector<ExperimentRecord> trashedExperiments();
    void setExperimentNotes(int64_t id, const std::string& notes);
    /** Throws StoreError for an empty name or an unknown id. */
    void renameExperiment(int64_t id, const std::string& name);
    void setExperimentTags(int64_t id, const std::vector<std::string>& tags);
    /** Adds tags to (or removes them from) the experiment's set in one transaction, so two editors
     * do not undo each other's tags; a tag already there (or already absent) is left as it is. */
    void addExperimentTags(int64_t id, const std::vector<std::string>& tags);
    void removeExperimentTags(int64_t id, const std::vector<std::string>& tags);
    /** Deletes the experiment with its runs, points, results, samples and artifact rows in one
     * transaction (for good: trashExperiment() is the undoable delete). */
    void deleteExperiment(int64_t id);
    /** Moves the experiment to the trash (a soft delete, undone by restoreExperiment()): it and its
     * runs leave experiments(), runs(), studyMembers() and reusableArtifacts(), and its rows stay
     * until emptyTrash(). Throws StoreError for an unknown id; trashing it again keeps the first
     * time. */
    void trashExperiment(int64_t id);
    /** Takes the experiment out of the trash; throws StoreError for an unknown id. */
    void restoreExperiment(int64_t id);
    /** Deletes every experiment in the trash for good (one transaction); returns how many. */
    int emptyTrash();

    /** Inserts a run as 'running' owned by this process; started/pid/host are filled when empty. */
    int64_t startRun(RunRecord run);
    /** status: finished, failed, cancelled or interrupted. */
    void finishRun(int64_t id, const std::string& status, const std::string& error = {});
    std::optional<RunRecord> run(int64_t id);
    /** All runs of the experiments not in the trash (experimentId 0), or one experiment's (in
     * the trash or not), by id. */
    std::vector<RunRecord> runs(int64_t experimentId = 0);

    /** One step's values (e.g. every loss term and validation metric of an epoch) in one
     * transaction. */
    void addPoints(int64_t runId, int64_t step,
                   const std::vector<std::pair<std::string, double>>& values, double wallTime);
    /** A run's points ordered by name, then step; name empty = every metric. */
    std::vector<MetricPoint> points(int64_t runId, const std::string& name = {});

    void setFinalResults(int64_t runId, const std::map<std::string, double>& results);
    std::map<std::string, double> finalResults(int64_t runId);
    /** The final value of one metric for the given runs (runs without it are absent), one indexed
     * query. */
    std::map<int64_t, double> finalValues(const std::string& metric,
                                          const std::vector<int64_t>& runIds);

    void setExposure(int64_t runId, const ExposureHistogram& histogram);
    ExposureHistogram exposure(int64_t runId);
    void setTopKSamples(int64_t runId, const std::vector<TopKSample>& samples);
    std::vector<TopKSample> topKSamples(int64_t runId);

    int64_t addArtifact(const ArtifactRecord& artifact);
    std::vector<ArtifactRecord> artifacts(int64_t runId);
    /** Artifacts of finished runs with this kind and reuse key, newest first (one indexed query).
     * Runs of trashed experiments are left out: a new experiment must not come to depend on a
     * checkpoint the user threw away (and that emptying the trash would remove). */
    std::vector<ArtifactRecord> reusableArtifacts(const std::string& kind,
                                                  const std::string& reuseKey);

    /** Per-user test values of one metric for paired tests (replaces what the run had). */
    void setUserValues(int64_t runId, const std::string& metric, const UserValues& values);
    /** Empty when the run has none for this metric. */
    UserValues userValues(int64_t runId, const std::string& metric);
    /** The metrics the run has per-user values of. */
    std::vector<std::string> userValueMetrics(int64_t runId);

    int64_t addStudy(const StudyRecord& study);
    std::optional<StudyRecord> study(int64_t id);
    std::vector<StudyRecord> studies();
    void setStudyStatus(int64_t id, const std::string& status);
    /** Throws StoreError naming the id when no study has it. */
    void addStudyMember(const StudyMember& member);
    void setStudyMemberStatus(int64_t studyId, int64_t experimentId, const std::string& status);
    /** The study's experiments not in the trash, ordered by cell, then seed, then experiment id.
     */
    std::vector<StudyMember> studyMembers(int64_t studyId);
    /** The study an experiment belongs to (0 = none). */
    int64_t studyOfExperiment(int64_t experimentId);
    /** Deletes the study with every experiment of it (and their runs), in one transaction. */
    void deleteStudy(int64_t id);
    /** Moves every member of study `from` (e.g. a copy just imported from another rank's store)
     *  into study `into` and deletes `from`, in one transaction. A member whose config hash and
     *  seed already finished in `into` is deleted with its runs instead (a delivery that arrives
     *  twice counts once). Returns the experiments moved. */
    int mergeStudy(int64_t from, int64_t into);

    /** A consistent copy of the whole store in a new file (refuses to overwrite one), with the
     * artifact files it references copied beside it under the same relative paths. A set cancel
     * token stops it within milliseconds with Cancelled, leaving no file behind. */
    void exportTo(const std::string& path, const CancelToken* cancel = nullptr);
    /** Merges every data set (matched by hash, path and format, as addDataset does), experiment,
     * run, point, final result, top-K sample, exposure histogram, tag and artifact of another run
     * store into this one in one transaction, with new ids; artifact files are copied under new
     * names. The source is only read; a foreign, newer or corrupt one is refused. Runs still
     * 'running' in the source become 'interrupted' here. A set cancel token stops it within
     * milliseconds with Cancelled, this store unchanged. */
    ImportSummary importFrom(const std::string& path, const CancelToken* cancel = nullptr);

    /** PRAGMA integrity_check's verdict ("ok" when sound). */
    std::string integrityCheck();

    /** Current time as ISO 8601 UTC, and as Unix seconds. */
    static std::string nowIso();
    static double nowSeconds();

private:
    int64_t metricId(const std::string& name);
    /** The experiments whose ids query selects, in its order. */
    std::vector<ExperimentRecord> experimentsWhere(const char* query);
    /** Throws StoreError naming the id when no experiment has it. */
    void requireExperiment(int64_t id);
    void insertTags(int64_t id, const std::vector<std::string>& tags);
    int recoverInterrupted();

    std::string path_;
    sqlite3* db_ = nullptr;
    std::map<std::string, int64_t> metricIds_;
    // Prepared once: every epoch of every run uses them.
    std::unique_ptr<SqlStatement> readStep_, writeStep_;
    int recovered_ = 0;
};

}  // namespace rd
