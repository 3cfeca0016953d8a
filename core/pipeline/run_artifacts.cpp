#include "pipeline/run_artifacts.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include "data/train_data.h"
#include "models/trained_model.h"
#include "store/artifact_files.h"
#include "store/run_store.h"
#include "util/hasher.h"

namespace rd {

std::string modelReuseKey(const std::string& datasetHash, const SplitConfig& split,
                          const ModelSpec& model, const TrainConfig& t) {
    nlohmann::json key = {{"dataset_hash", datasetHash},
                          {"split",
                           {{"kind", splitKindName(split.kind)},
                            {"ratios", {split.train, split.valid, split.test}},
                            {"seed", split.seed}}},
                          {"model", model.name},
                          {"params", model.params},
                          {"train",
                           {{"epochs", t.epochs},
                            {"batch_size", t.batchSize},
                            {"lr", t.learningRate},
                            {"negatives", t.negatives},
                            {"eval_every", t.evalEvery},
                            {"patience", t.patience},
                            {"valid_metric", t.validMetric},
                            {"seed", t.seed}}}};
    // Settings added later enter the key only when they differ from their defaults, so teachers
    // saved before them keep their keys.
    const TrainConfig defaults;
    if (t.weightDecay != defaults.weightDecay) key["train"]["weight_decay"] = t.weightDecay;
    if (t.select != defaults.select) key["train"]["select"] = t.select;
    if (t.lossReduction != defaults.lossReduction) key["train"]["loss_reduction"] = t.lossReduction;
    if (t.minEpochs != defaults.minEpochs) key["train"]["min_epochs"] = t.minEpochs;
    if (t.optimizer != defaults.optimizer) key["train"]["optimizer"] = t.optimizer;
    if (t.adamBeta2 != defaults.adamBeta2) key["train"]["adam_beta2"] = t.adamBeta2;
    if (t.sampledNegatives != defaults.sampledNegatives)  // it may pick the best epoch
        key["train"]["sampled_negatives"] = t.sampledNegatives;
    // Leave-one-out breaks timestamp ties in file order since sequences came (before: at random
    // by seed): a teacher saved under the old rule was trained on another split.
    if (split.kind == SplitKind::LeaveOneOut) key["split"]["ties"] = "file_order";
    Hasher h;
    h.str(key.dump());  // nlohmann::json objects are ordered by key: the dump is canonical
    return model.name + "-" + h.hex();
}

std::string fileContentHash(const std::string& path, int64_t* bytes) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> buf(1 << 16);
    Hasher h;
    *bytes = 0;
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        h.bytes(buf.data(), static_cast<size_t>(n));
        *bytes += n;
    }
    return h.hex();
}

std::string saveRunCheckpoint(RunStore& store, int64_t runId, const TrainedModel& model,
                              const nlohmann::json& config, const std::string& reuseKey) {
    const std::string relative = "artifacts/run-" + std::to_string(runId) + ".pt";
    std::filesystem::create_directories(store.folder() + "/artifacts");
    const std::string path = store.folder() + "/" + relative;
    model.save(path, {{"run_id", runId}, {"config", config}, {"reuse_key", reuseKey}});
    ArtifactRecord a;
    a.runId = runId;
    a.kind = "checkpoint";
    a.relativePath = relative;
    a.contentHash = fileContentHash(path, &a.bytes);
    a.reuseKey = reuseKey;
    store.addArtifact(a);
    return relative;
}

std::shared_ptr<TrainedModel> loadReusableCheckpoint(RunStore& store, const std::string& reuseKey,
                                                     const TrainingData& data, int64_t* fromRun,
                                                     std::string* relativePath) {
    for (const ArtifactRecord& a : store.reusableArtifacts("checkpoint", reuseKey)) {
        // A store may come from anywhere (db import, a shared folder): only a plain file inside
        // its folder is read. "../../dev/zero" was read for ever (reliability review F5).
        if (!ArtifactFiles::isPlainFileInside(store.folder(), a.relativePath)) continue;
        const std::string path = store.folder() + "/" + a.relativePath;
        int64_t bytes = 0;
        if (fileContentHash(path, &bytes) != a.contentHash || bytes != a.bytes)
            continue;  // replaced or damaged
        try {
            auto model = TrainedModel::load(path, data);
            if (fromRun) *fromRun = a.runId;
            if (relativePath) *relativePath = a.relativePath;
            return model;
        } catch (const std::exception&) {
            continue;  // unreadable: train afresh rather than fail the experiment
        }
    }
    return nullptr;
}

}  // namespace rd
