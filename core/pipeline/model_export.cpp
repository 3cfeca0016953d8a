#include "pipeline/model_export.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "data/npy_file.h"
#include "eval/serving_cost.h"
#include "models/model_registry.h"
#include "models/trained_model_impl.h"
#include "pipeline/run_model.h"
#include "pipeline/staged_files.h"
#include "util/cancel_token.h"

namespace rd {

namespace {

/** Writes a float matrix as .npy or .csv (shortest text that reads back to the same float), staged
 * in files; returns its final path. */
std::string writeMatrix(const std::string& dir, const std::string& name, const torch::Tensor& t,
                        const std::string& format, StagedFiles& files, const CancelToken* cancel) {
    throwIfCancelled(cancel);
    const auto m = t.detach().to(torch::kFloat).contiguous();
    const int64_t rows = m.size(0), cols = m.dim() > 1 ? m.size(1) : 0;
    const std::string path = dir + "/" + name + "." + format;
    const std::string part = files.stage(path);
    if (format == "npy") {
        NpyArray::write(part, m.data_ptr<float>(), rows, cols);
        return path;
    }
    std::ofstream out(part, std::ios::binary);
    out << std::setprecision(9);
    const float* p = m.data_ptr<float>();
    const int64_t width = std::max<int64_t>(cols, 1);
    for (int64_t r = 0; r < rows; ++r) {
        if (r % 4096 == 0) throwIfCancelled(cancel);
        for (int64_t c = 0; c < width; ++c) out << (c ? "," : "") << p[r * width + c];
        out << '\n';
    }
    if (!out) throw std::runtime_error(path + ": cannot write the file");
    return path;
}

bool isDotProduct(const std::string& model) {
    return servesByDotProduct(model);  // the models the serving figures time
}

}  // namespace

ExportResult exportModel(const RunModel& run, const std::map<std::string, double>& testMetrics,
                         const std::string& dir, const std::string& format,
                         const CancelToken* cancel) {
    if (format != "npy" && format != "csv")
        throw std::invalid_argument("format: expected npy or csv, not '" + format + "'");
    if (findModel(run.model->modelName()).sequential)
        throw std::invalid_argument(
            run.model->modelName() +
            " is a sequential model: its scores depend on each user's history, which this export "
            "format (fixed user and item embeddings) cannot carry; export-teacher writes its top "
            "items per user");
    throwIfCancelled(cancel);
    StagedFiles staged;
    staged.createFolder(dir);
    const TrainedModel& model = *run.model;
    const Dataset& dataset = *run.data->dataset;
    ExportResult out;
    nlohmann::json files = nlohmann::json::object();
    const std::string users = dir + "/users.txt", items = dir + "/items.txt";
    writeIdLines(staged.stage(users), dataset.userIds);
    writeIdLines(staged.stage(items), dataset.itemIds);
    out.files = {users, items};
    files["users"] = "users.txt";
    files["items"] = "items.txt";

    model.prepareForScoring();
    torch::NoGradGuard guard;
    RecModel& rec = *model.impl().model;
    std::string score;
    if (isDotProduct(model.modelName())) {
        const auto all = [](int64_t n) { return torch::arange(n, torch::kLong); };
        out.files.push_back(writeMatrix(dir, "user_embeddings", rec.userRepr(all(model.numUsers())),
                                        format, staged, cancel));
        out.files.push_back(writeMatrix(dir, "item_embeddings", rec.itemRepr(all(model.numItems())),
                                        format, staged, cancel));
        files["user_embeddings"] = "user_embeddings." + format;
        files["item_embeddings"] = "item_embeddings." + format;
        score = "score(u, i) = U[u] · V[i], U = user_embeddings, V = item_embeddings";
        if (model.modelName() == "lightgcn")
            score += " (LightGCN's propagated embeddings: the graph is already applied)";
    } else {
        for (const auto& p : rec.named_parameters()) {
            std::string name = p.key();
            for (char& c : name)
                if (c == '.') c = '_';
            out.files.push_back(writeMatrix(dir, name, p.value(), format, staged, cancel));
            files[p.key()] = name + "." + format;
        }
        score =
            "NeuMF: g = gmf_user[u] ⊙ gmf_item[i]; h = relu(mlp0.weight · [mlp_user[u]; "
            "mlp_item[i]] + mlp0.bias), then h = relu(mlpK.weight · h + mlpK.bias) for each "
            "further layer K; score(u, i) = predict.weight · [g; h] + predict.bias (weights as "
            "torch.nn.Linear stores them: [out, in])";
    }
    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, v] : testMetrics) metrics[name] = v;
    out.manifest = {
        {"format", "recdistill-model"},
        {"version", 1},
        {"run_id", run.run.id},
        {"role", run.run.role},
        {"method", run.run.method},
        {"model", model.modelName()},
        {"params", model.params()},
        {"users", model.numUsers()},
        {"items", model.numItems()},
        {"dataset", {{"hash", run.data->data.datasetHash}, {"name", dataset.name}}},
        {"data_config", run.config.source.value("data", nlohmann::json::object())},
        {"test_metrics", metrics},
        {"files", files},
        {"array_format", format == "npy"
                             ? "NumPy .npy, float32, C order"
                             : "CSV text, one row a line, comma-separated float32 values"},
        {"ids", "users.txt and items.txt: original ids, one a line; line r (from 0) is row r"},
        {"score", score},
        {"recommend",
         "rank items by score for a user, leaving out the items the user already interacted "
         "with (the workbench's test lists also leave out the validation items)"},
    };
    const std::string manifest = dir + "/manifest.json";
    {
        std::ofstream m(staged.stage(manifest), std::ios::binary);
        if (!(m << out.manifest.dump(2) << "\n"))
            throw std::runtime_error(manifest + ": cannot write the file");
    }
    out.files.push_back(manifest);
    throwIfCancelled(cancel);
    staged.commit();
    return out;
}

}  // namespace rd
