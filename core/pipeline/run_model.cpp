#include "pipeline/run_model.h"

#include <filesystem>
#include <stdexcept>

#include "models/trained_model.h"
#include "store/run_store.h"

namespace rd {

RunModel RunModel::load(RunStore& store, int64_t runId, const CancelToken* cancel) {
    RunModel out;
    const auto run = store.run(runId);
    if (!run) throw std::invalid_argument("run " + std::to_string(runId) + " does not exist");
    out.run = *run;
    std::string checkpoint;
    for (const ArtifactRecord& a : store.artifacts(runId))
        if (a.kind == "checkpoint") checkpoint = store.folder() + "/" + a.relativePath;
    if (checkpoint.empty())
        throw std::invalid_argument(
            "run " + std::to_string(runId) + " (" + run->model + ", " + run->status +
            ") has no saved model: only finished runs trained by the workbench have one");
    if (!std::filesystem::exists(checkpoint))
        throw std::runtime_error(checkpoint + ": the run's checkpoint file is missing");
    const auto experiment = store.experiment(run->experimentId);
    if (!experiment)
        throw std::invalid_argument("run " + std::to_string(runId) + ": its experiment is gone");
    out.experiment = *experiment;
    out.config = ExperimentConfig::fromJson(nlohmann::json::parse(experiment->configJson));
    out.data = std::make_shared<const PreparedData>(prepareData(out.config.data, cancel));
    out.model = TrainedModel::load(checkpoint, out.data->data);  // checks hash and shape
    return out;
}

}  // namespace rd
