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
  train CONFIG    train and evaluate one model (full ranking); Ctrl+C cancels cleanly
      --set KEY=VALUE     override a config field, e.g. --set model.dim=32 (repeatable)
      --json              one JSON object: test/valid metrics (NAME@K), params, train_seconds, epochs
  models          list the models with their parameter schemas (--json for machines)
  formats         list the supported data formats
  --version       print version information
  --help          this text

Exit codes: 0 success, 1 usage or config error, 2 the data could not be loaded,
3 training failed, 130 cancelled.
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty()) return runStatsCommand({"demo"});
        const std::string command = args.front();
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version") {
            std::cout << "recdistill-cli " << RECDISTILL_VERSION << " (LibTorch " << rd::torchVersion() << ")\n";
            return 0;
        }
        if (command == "stats") return runStatsCommand(rest);
        if (command == "formats") return runFormatsCommand(rest);
        if (command == "train") return runTrainCommand(rest);
        if (command == "models") return runModelsCommand(rest);
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
