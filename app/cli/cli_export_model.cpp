// `export-model` and `export-teacher`: a trained run out of the workbench, as a model to serve or
// as an external teacher file for another experiment.

#include <iostream>
#include <stdexcept>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_interrupt.h"
#include "pipeline/model_export.h"
#include "pipeline/run_model.h"
#include "pipeline/teacher_export.h"
#include "store/run_store.h"
#include "util/cancel_token.h"

namespace {

int64_t runIdOf(const std::vector<std::string>& positional, const char* command) {
    if (positional.size() != 1)
        throw std::invalid_argument(std::string(command) + " takes one RUN (12 or run:12)");
    std::string text = positional.front();
    if (text.rfind("run:", 0) == 0) text = text.substr(4);
    size_t used = 0;
    long long id = 0;
    try {
        id = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || id <= 0)
        throw std::invalid_argument(std::string(command) + ": '" + positional.front() +
                                    "' is not a run id (12 or run:12)");
    return id;
}

}  // namespace

int runExportModelCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"out", "format"}, {});
    const int64_t id = runIdOf(args.positional(), "export-model");
    if (!args.has("out")) throw std::invalid_argument("export-model: --out DIR is required");
    const std::string format = args.value("format", "npy");
    if (format != "npy" && format != "csv")
        throw std::invalid_argument("--format must be npy or csv");
    rd::RunStore store(existingStorePath());
    const CliInterrupt interrupt;
    rd::ExportResult out;
    try {
        const rd::RunModel run = rd::RunModel::load(store, id, interrupt.token());
        out = rd::exportModel(run, store.finalResults(id), args.value("out"), format,
                              interrupt.token());
    } catch (const rd::Cancelled&) {
        return reportCancelled("export-model");
    }
    for (const auto& f : out.files) std::cout << f << "\n";
    std::cout << "score: " << out.manifest["score"].get<std::string>() << "\n";
    return 0;
}

int runExportTeacherCommand(const std::vector<std::string>& argv) {
    const CliArgs args(argv, {"out", "top"}, {});
    const int64_t id = runIdOf(args.positional(), "export-teacher");
    if (!args.has("out")) throw std::invalid_argument("export-teacher: --out FILE is required");
    const std::string out = args.value("out");
    const bool matrix = out.size() > 4 && out.compare(out.size() - 4, 4, ".npy") == 0;
    if (!matrix && !args.has("top"))
        throw std::invalid_argument(
            "export-teacher: --top M is required for a text file (each user's top M items)");
    int top = 0;
    if (args.has("top")) {
        try {
            top = std::stoi(args.value("top"));
        } catch (const std::exception&) {
            top = 0;
        }
        if (top < 1) throw std::invalid_argument("--top: expected a positive number of items");
    }
    rd::RunStore store(existingStorePath());
    const CliInterrupt interrupt;
    rd::ExportResult result;
    try {
        const rd::RunModel run = rd::RunModel::load(store, id, interrupt.token());
        result = rd::exportTeacher(run, top, out, interrupt.token());
    } catch (const rd::Cancelled&) {
        return reportCancelled("export-teacher");
    }
    for (const auto& f : result.files) std::cout << f << "\n";
    std::cout << "config: \"teacher\": " << result.manifest["teacher"].dump() << "\n";
    return 0;
}
