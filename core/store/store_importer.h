#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "store/store_records.h"

struct sqlite3;

namespace rd {

class ArtifactFiles;
class CancelToken;

/**
 * Merges another RecDistill run store into an open one in one transaction: data sets are matched
 * by hash, path and format (as RunStore::addDataset does), everything else is added with new ids,
 * and artifact files are copied beside the target under new names (artifacts/run-NEWID.ext). The
 * source is opened read-only and refused, untouched, for the same reasons as opening a store
 * (foreign, corrupt, newer); an older one is migrated in memory, never on disk. Files are copied
 * before the write lock is taken, so a training run writing to the target waits only for the rows.
 * Artifacts that are not plain files inside the source's folder (links, FIFOs) are not copied and
 * count as missing.
 */
class StoreImporter {
public:
    /** target: the open store's connection; targetPath and targetFolder: its file and folder. */
    StoreImporter(sqlite3* target, std::string targetPath, std::string targetFolder);
    /** A set cancel token stops the import within milliseconds (between artifact files and
     * between SQLite steps) with Cancelled; the target is then as it was before. */
    ImportSummary importFrom(const std::string& sourcePath, const CancelToken* cancel = nullptr);

private:
    ImportSummary importAll(const std::string& sourcePath, const CancelToken* cancel);
    struct Maps {
        std::map<int64_t, int64_t> metrics, datasets, experiments, runs;
    };
    void copyMetricNames(sqlite3* source, Maps& maps);
    void copyDatasets(sqlite3* source, Maps& maps, ImportSummary& summary);
    void copyExperiments(sqlite3* source, Maps& maps, ImportSummary& summary);
    void copyRuns(sqlite3* source, const std::string& sourcePath, Maps& maps,
                  ImportSummary& summary);
    void copyRunTables(sqlite3* source, const Maps& maps, ImportSummary& summary);
    /** Per-user values, studies and their members (schema version 5). */
    void copyStudies(sqlite3* source, const Maps& maps, ImportSummary& summary);
    /** A relative name for run's artifact that neither a row nor a file in the target uses. */
    std::string freshArtifactName(int64_t run, const std::string& sourceRelative);

    sqlite3* db_;
    std::string path_, folder_;
};

}  // namespace rd
