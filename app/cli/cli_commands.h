#pragma once

#include <string>
#include <vector>

namespace rd {
class DataParallel;
}

/** recdistill-cli's commands; each returns the process exit code. */
int runStatsCommand(const std::vector<std::string>& args);
int runFormatsCommand(const std::vector<std::string>& args);
int runTrainCommand(const std::vector<std::string>& args);
int runModelsCommand(const std::vector<std::string>& args);

/**
 * Trains the config (JSON text, overrides applied) and, when record is set, records the run in the
 * store at cliStorePath(): under experimentId when non-zero (rerun), else under a new experiment.
 */
int runTrainConfig(const std::string& configJson, bool asJson, bool record, long long experimentId,
                   rd::DataParallel* dp = nullptr);

/** `distill CONFIG`: the teacher → student pipeline with every method, one comparison table. */
int runDistillCommand(const std::vector<std::string>& args);
/** Runs an experiment config (JSON text, overrides applied); records as runTrainConfig does. */
int runDistillConfig(const std::string& configJson, bool asJson, bool record,
                     long long experimentId, rd::DataParallel* dp = nullptr);

/** `study CONFIG` or `study --resume ID`: seeds × sweep cells, then the study's statistics. */
int runStudyCommand(const std::vector<std::string>& args);

/** The run-store commands: runs, show, compare, export, rerun. */
int runRunsCommand(const std::vector<std::string>& args);
int runShowCommand(const std::vector<std::string>& args);
int runCompareCommand(const std::vector<std::string>& args);
int runExportCommand(const std::vector<std::string>& args);
int runRerunCommand(const std::vector<std::string>& args);
/** `tag EXPERIMENT TAG... [--remove]` and `note EXPERIMENT TEXT`: the user's labels on an
 * experiment. */
int runTagCommand(const std::vector<std::string>& args);
int runNoteCommand(const std::vector<std::string>& args);
/** `rename EXPERIMENT NAME`. */
int runRenameCommand(const std::vector<std::string>& args);
/** `trash [EXPERIMENT...] [--restore | --empty]`: the window's undoable delete; without an
 * experiment it lists the trash. */
int runTrashCommand(const std::vector<std::string>& args);
/** `db export FILE` and `db import FILE`: the whole store to another file, or another merged in. */
int runDbCommand(const std::vector<std::string>& args);

/** `export-model RUN --out DIR [--format npy|csv]`: the run's model for serving (manifest.json). */
int runExportModelCommand(const std::vector<std::string>& args);
/** `export-teacher RUN --top M --out FILE`: the run as an external teacher file. */
int runExportTeacherCommand(const std::vector<std::string>& args);

/** The store the commands use: --db FILE when given, else RunStore::defaultPath(). */
void setCliStorePath(const std::string& path);
std::string cliStorePath();
/** cliStorePath() for a command that only reads (or changes what is there): a --db FILE that does
 * not exist is refused with std::invalid_argument instead of becoming an empty store (reliability
 * review F12: `runs --db typo.sqlite` made typo.sqlite); the default store is made on first use. */
std::string existingStorePath();
