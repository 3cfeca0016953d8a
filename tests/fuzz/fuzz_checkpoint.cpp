// Fuzz target: model checkpoints (.pt files beside a run store, or given as teacher_checkpoint).
// The input is the file: mutations of real MF, LightGCN and NeuMF checkpoints of a small data set.
// Loading either succeeds with a model that scores every item finitely-or-not but without crashing,
// or throws std::runtime_error / std::invalid_argument with the file's name; anything else (a
// crash, another exception) is a finding. Needs LibTorch, so it runs in the normal suite only (the
// sanitizer build leaves torch out).

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/param_schema.h"
#include "data/dataset_builder.h"
#include "data/split.h"
#include "data/train_data.h"
#include "fuzz_target.h"
#include "models/model_factory.h"
#include "models/model_registry.h"
#include "models/trained_model_impl.h"
#include "util/torch_info.h"

namespace {

const rd::TrainingData& data() {
    static const rd::TrainingData d = [] {
        rd::setComputeThreads(1);
        rd::DatasetBuilder b(false, false);
        for (int u = 0; u < 12; ++u)
            for (int k = 0; k < 5; ++k)
                b.add(b.user("u" + std::to_string(u)),
                      b.item("i" + std::to_string((u * 3 + k) % 9)));
        const rd::Dataset ds = b.build("fuzz", "fuzz", "fuzz");
        return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, rd::SplitConfig{}));
    }();
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const std::string path = rdfuzz::scratchFolder() + "/model.pt";
    rdfuzz::writeFile(path, std::string(reinterpret_cast<const char*>(bytes), size));
    try {
        const auto model = rd::TrainedModel::load(path, data());
        model->prepareForScoring();
        std::vector<float> scores(static_cast<size_t>(model->numItems()));
        const int32_t user = 0;
        model->scoreUsers(&user, 1, scores.data());
        ++rdfuzz::accepted;
    } catch (const std::runtime_error& e) {
        if (std::string(e.what()).find(path) == std::string::npos) {
            std::fprintf(stderr, "a refused checkpoint's message lacks its file: %s\n", e.what());
            std::abort();
        }
    } catch (const std::invalid_argument&) {
        // createModel refusing the header's parameters (an unknown model, tables too large)
    }
    return 0;
}

namespace rdfuzz {

std::vector<std::string> seeds() {
    std::vector<std::string> out;
    const std::string path = scratchFolder() + "/seed.pt";
    for (const char* name : {"mf", "lightgcn", "neumf"}) {
        auto impl = std::make_unique<rd::TrainedModel::Impl>();
        impl->name = name;
        impl->params = rd::resolveParams(rd::findModel(name).schema, {{"dim", 4}}, "model");
        impl->datasetHash = data().datasetHash;
        impl->numUsers = data().numUsers;
        impl->numItems = data().numItems;
        impl->model = rd::createModel(name, impl->params, data());
        rd::TrainedModel(std::move(impl)).save(path, {{"run_id", 1}});
        out.push_back(readFile(path));
    }
    return out;
}

}  // namespace rdfuzz
