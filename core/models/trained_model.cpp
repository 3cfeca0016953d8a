#include "models/trained_model.h"

#include <stdexcept>

#include "catalog/param_schema.h"
#include "data/train_data.h"
#include "data/zip_archive_check.h"
#include "models/model_factory.h"
#include "models/model_registry.h"
#include "models/trained_model_impl.h"
#include "util/torch_info.h"

namespace rd {

TrainedModel::TrainedModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrainedModel::~TrainedModel() = default;

const std::string& TrainedModel::modelName() const {
    return impl_->name;
}
const nlohmann::json& TrainedModel::params() const {
    return impl_->params;
}
int32_t TrainedModel::numUsers() const {
    return impl_->numUsers;
}
int32_t TrainedModel::numItems() const {
    return impl_->numItems;
}

int64_t TrainedModel::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : impl_->model->parameters()) n += p.numel();
    return n;
}

int64_t TrainedModel::storedBytes() const {
    int64_t n = 0;
    for (const auto& p : impl_->model->parameters()) n += p.numel() * 4;
    for (const auto& b : impl_->model->buffers())
        n += b.numel() * static_cast<int64_t>(b.element_size());
    return n;
}

void TrainedModel::prepareForScoring(SplitPart part) const {
    if (impl_->prepared && impl_->preparedPart == part) return;
    torch::NoGradGuard guard;
    impl_->model->eval();
    if (impl_->prepared) impl_->model->endEval();
    impl_->model->setScoringPart(part);
    impl_->model->beginEval();
    impl_->prepared = true;
    impl_->preparedPart = part;
}

void TrainedModel::scoreUsers(const int32_t* users, size_t n, float* out) const {
    if (!impl_->prepared) prepareForScoring();
    torch::NoGradGuard guard;
    auto ids = torch::from_blob(const_cast<int32_t*>(users), {static_cast<int64_t>(n)}, torch::kInt)
                   .to(torch::kLong);
    impl_->model->scoreAllItemsInto(ids, out);
}

const nlohmann::json& TrainedModel::checkpointMeta() const {
    return impl_->meta;
}

void TrainedModel::save(const std::string& path, const nlohmann::json& meta) const {
    nlohmann::json header = meta.is_object() ? meta : nlohmann::json::object();
    header["format"] = "recdistill-checkpoint";
    header["version"] = 1;
    header["model"] = impl_->name;
    header["params"] = impl_->params;
    header["dataset_hash"] = impl_->datasetHash;
    header["users"] = impl_->numUsers;
    header["items"] = impl_->numItems;
    header["libtorch"] = torchVersion();
    torch::serialize::OutputArchive archive;
    archive.write("recdistill_header", c10::IValue(header.dump()));
    for (const auto& p : impl_->model->named_parameters())
        archive.write("param/" + p.key(), p.value());
    for (const auto& b : impl_->model->named_buffers())
        archive.write("buffer/" + b.key(), b.value());
    archive.save_to(path);
}

std::shared_ptr<TrainedModel> TrainedModel::load(const std::string& path,
                                                 const TrainingData& data) {
    // The container first: LibTorch's reader trusts it and crashes on some damaged files
    // (fuzz_checkpoint); a flipped bit anywhere in an entry fails that entry's CRC-32 here.
    try {
        ZipArchiveCheck::verifyFile(path);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string(e.what()) + "; not a usable RecDistill checkpoint");
    }
    torch::serialize::InputArchive archive;
    nlohmann::json header;
    try {
        archive.load_from(path);
        c10::IValue v;
        archive.read("recdistill_header", v);
        // At most 64 levels: the header is copied recursively below.
        header = nlohmann::json::parse(
            v.toStringRef(), [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
                if (depth > 64) throw std::runtime_error("nested too deep");
                return true;
            });
    } catch (const std::exception&) {
        throw std::runtime_error(path + ": not a RecDistill checkpoint (or an unreadable one)");
    }
    // The header's fields by type before any is used (found by fuzz_checkpoint: "users": null
    // escaped as the JSON library's type_error).
    const auto has = [&](const char* key, bool (nlohmann::json::*is)() const noexcept) {
        return header.is_object() && header.contains(key) && (header[key].*is)();
    };
    if (!has("model", &nlohmann::json::is_string) || !has("params", &nlohmann::json::is_object) ||
        !has("users", &nlohmann::json::is_number_integer) ||
        !has("items", &nlohmann::json::is_number_integer))
        throw std::runtime_error(path +
                                 ": not a RecDistill checkpoint (its header lacks the model, "
                                 "params, users or items)");
    if (header.contains("dataset_hash") && !header["dataset_hash"].is_string())
        throw std::runtime_error(path + ": not a RecDistill checkpoint (dataset_hash is not text)");
    if (header.value("dataset_hash", "") != data.datasetHash)
        throw std::runtime_error(path + ": checkpoint belongs to data set " +
                                 header.value("dataset_hash", "?") +
                                 ", not to the loaded data set " + data.datasetHash);
    if (header.value("users", -1) != data.numUsers || header.value("items", -1) != data.numItems)
        throw std::runtime_error(
            path + ": checkpoint shape (" + std::to_string(header.value("users", -1)) + " users, " +
            std::to_string(header.value("items", -1)) + " items) does not match the data (" +
            std::to_string(data.numUsers) + " users, " + std::to_string(data.numItems) + " items)");
    auto impl = std::make_unique<TrainedModel::Impl>();
    impl->name = header.value("model", "");
    // The parameters through the model's schema, as a config's are (found by fuzz_checkpoint: an
    // init scale beyond a float reached LibTorch's uniform_ and escaped as its own error).
    try {
        impl->params = resolveParams(findModel(impl->name).schema, header["params"], "params");
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(path + ": not a usable checkpoint (" + e.what() + ")");
    }
    impl->datasetHash = data.datasetHash;
    impl->numUsers = data.numUsers;
    impl->numItems = data.numItems;
    impl->meta = header;
    impl->model = createModel(impl->name, impl->params, data);
    torch::NoGradGuard guard;
    auto restore = [&](const std::string& key, torch::Tensor& target) {
        torch::Tensor t;
        try {
            archive.read(key, t);
        } catch (const std::exception&) {
            throw std::runtime_error(path + ": checkpoint lacks " + key + " for model " +
                                     impl->name);
        }
        if (t.sizes() != target.sizes())
            throw std::runtime_error(path + ": " + key + " has shape " + c10::str(t.sizes()) +
                                     ", the model expects " + c10::str(target.sizes()));
        target.copy_(t);
    };
    for (auto& p : impl->model->named_parameters()) restore("param/" + p.key(), p.value());
    for (auto& b : impl->model->named_buffers()) restore("buffer/" + b.key(), b.value());
    return std::make_shared<TrainedModel>(std::move(impl));
}

}  // namespace rd
