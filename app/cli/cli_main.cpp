// recdistill-cli: the headless front end over the same core as the GUI.

#include <iostream>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "util/torch_info.h"

namespace {

const char* kUsage = R"(Usage: recdistill-cli [COMMAND] [ARGS]

With no command: statistics of the built-in demo data set.

Commands:
  stats PATH      load a data set (file, folder, or "demo") and print its statistics
      --format NAME       force a format (see `formats`); default: detected
      --json              one JSON object (users, items, interactions, categories, hash, splits)
      --skip-bad-lines    skip malformed lines (reported) instead of failing
      --encoding E        auto | utf-8 | latin-1 (titles and genres)
      --sep S             delimited text: separator (e.g. ',', '\t', '::')
      --header            delimited text: the first line names the columns
      --columns ROLES     delimited text: role of each column, e.g. user,item,rating,timestamp (- = ignore)
  train CONFIG    train and evaluate one model (a config with "model"): a one-stage experiment through
                  the same pipeline as distill; Ctrl+C cancels cleanly
      --set KEY=VALUE     override a config field, e.g. --set model.dim=32 (repeatable)
      --json              one JSON object: test/valid metrics (NAME@K), params, train_seconds, epochs
      --no-store          do not record the run in the run store
      data-parallel (started by torchrun or srun; see README "Running on a cluster"):
      --dist-sync S       sparse (default: embedding rows a step touched) | dense (all-reduce all)
      --dist-timeout SEC  a collective that does not complete in SEC s ends the run (default 60)
      --dist-check-every N  compare a parameter checksum across ranks every N steps (default 50)
  distill CONFIG  an experiment: train (or reuse) the teacher, the student alone, and one student
                  per distillation method; print one comparison table; Ctrl+C cancels cleanly
      --set KEY=VALUE     override a config field, e.g. --set student.dim=16 (repeatable)
      --json              one JSON object with one row per stage (role, method, test, gap_closed, costs)
      --no-store          do not record the runs in the run store
      --dist-sync, --dist-timeout, --dist-check-every   as for train (data-parallel stages)
  study CONFIG    a study: the experiment repeated over seeds and the cells of a sweep ("study" in
                  the config, or the options below), each distilled student tested against the
                  student alone; prints mean ± 95 % CI, differences with bootstrap CIs and
                  Holm-adjusted Wilcoxon p-values; Ctrl+C cancels, --resume continues
      --seeds S1,S2,…     seeds (study.seeds), e.g. --seeds 2020,2021,2022
      --sweep KEY=V1,V2,… a sweep axis (study.sweep), e.g. --sweep student.dim=8,16,32 (repeatable;
                          a method's parameter as methods.NAME.PARAM)
      --set KEY=VALUE     override a config field (repeatable)
      --jobs N            experiments at once, the config's threads shared between them
      --resume STUDY_ID   continue an interrupted study: finished experiments are not run again
      --resamples N       bootstrap resamples (default 2000, at least 1000)
      --json              the table as JSON rows
      --dist-timeout SEC  under torchrun or srun the experiments are spread over the ranks (whole
                          teacher groups; rank 0 keeps the store, the others send theirs to it);
                          a rank silent for SEC s (default 60) ends every rank
  runs            list the recorded runs: id, experiment, role, model, method, status, key metrics, tags
  show RUN        one run: settings, final results, curves, checkpoint (--json for everything);
                  show study:ID prints a study's table (--json: its rows)
  compare RUN RUN...   runs side by side: the settings that differ, then every final result, the best
                  student per metric marked * (the metric catalogue's direction, as in the window)
      --format F          text (default) | csv | latex: the comparison table as the window exports it
      --all               csv/latex: every metric, not only the headline ones
  export RUN|experiment:ID|study:ID   a run or a whole experiment with its curves; a study's
                  table (json rows, or csv: one line per cell, role and metric)
      --format csv|json   default json; csv is long format (one value per line)
      --output FILE       write there instead of stdout
  export-model RUN --out DIR    the run's trained model for serving: users.txt, items.txt (original
                  ids), the embeddings (score = U[u] · V[i]) or NeuMF's weights, and manifest.json
                  (model, parameters, data-set hash, split, test metrics, the scoring rule)
      --format npy|csv    array files as NumPy .npy (default) or CSV text
  export-teacher RUN --top M --out FILE   the run as an external teacher: each user's top M
                  unobserved items as user<TAB>item<TAB>score lines (FILE ending .npy: the full
                  score matrix), and user/item embeddings beside it where the model has them
  rerun EXPERIMENT     train the experiment's recorded config again, as new runs of it
  tag EXPERIMENT TAG...   add tags to an experiment (shown by `runs`)
      --remove            remove these tags instead
  note EXPERIMENT TEXT    replace the experiment's notes ("" clears them)
  rename EXPERIMENT NAME  give the experiment another name
  trash EXPERIMENT...   move experiments to the trash (the window's Delete): `runs`, studies and
                  teacher reuse leave them out until restored; `trash` alone lists the trash
      --restore           take these experiments out of the trash
      --empty             delete everything in the trash for good (no EXPERIMENT)
  db export FILE  copy the whole store to a new FILE, artifact files beside it
  db import FILE  add every experiment, run and artifact of another store (data sets found by hash)
      --json              db import: what was added, as one JSON object
  models          list the models with their parameter schemas (--json for machines)
  formats         list the supported data formats
  --version       print version information
  --db FILE       the run store to use (any command); default
                  $XDG_DATA_HOME/RecDistill/runs.sqlite or ~/.local/share/RecDistill/runs.sqlite
  --help          this text

Exit codes: 0 success, 1 usage or config error, 2 the data could not be loaded,
3 training failed, 130 cancelled.
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        // --db is global: taken out here so every command sees the same store.
        for (size_t k = 0; k < args.size();) {
            if (args[k] == "--db") {
                if (k + 1 >= args.size()) throw std::invalid_argument("option --db needs a value");
                setCliStorePath(args[k + 1]);
                args.erase(args.begin() + static_cast<long>(k),
                           args.begin() + static_cast<long>(k) + 2);
            } else if (args[k].rfind("--db=", 0) == 0) {
                setCliStorePath(args[k].substr(5));
                args.erase(args.begin() + static_cast<long>(k));
            } else {
                ++k;
            }
        }
        if (args.empty()) return runStatsCommand({"demo"});
        const std::string command = args.front();
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version") {
            std::cout << "recdistill-cli " << RECDISTILL_VERSION << " (LibTorch "
                      << rd::torchVersion() << ")\n";
            return 0;
        }
        if (command == "stats") return runStatsCommand(rest);
        if (command == "formats") return runFormatsCommand(rest);
        if (command == "train") return runTrainCommand(rest);
        if (command == "distill") return runDistillCommand(rest);
        if (command == "study") return runStudyCommand(rest);
        if (command == "models") return runModelsCommand(rest);
        if (command == "runs") return runRunsCommand(rest);
        if (command == "show") return runShowCommand(rest);
        if (command == "compare") return runCompareCommand(rest);
        if (command == "export") return runExportCommand(rest);
        if (command == "export-model") return runExportModelCommand(rest);
        if (command == "export-teacher") return runExportTeacherCommand(rest);
        if (command == "rerun") return runRerunCommand(rest);
        if (command == "tag") return runTagCommand(rest);
        if (command == "note") return runNoteCommand(rest);
        if (command == "rename") return runRenameCommand(rest);
        if (command == "trash") return runTrashCommand(rest);
        if (command == "db") return runDbCommand(rest);
        std::cerr << "error: unknown command '" << command << "'\n\n" << kUsage;
        return 1;
    } catch (const std::invalid_argument& e) {
        std::cerr << "error: " << e.what() << "\n(see recdistill-cli --help)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
}
