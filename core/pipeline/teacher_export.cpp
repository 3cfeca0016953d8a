#include "pipeline/teacher_export.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "data/external_scores.h"
#include "data/npy_file.h"
#include "distill/teacher_ranking.h"
#include "models/trained_model_impl.h"
#include "pipeline/run_model.h"
#include "pipeline/staged_files.h"
#include "util/cancel_token.h"

namespace rd {

ExportResult exportTeacher(const RunModel& run, int32_t m, const std::string& path,
                           const CancelToken* cancel) {
    throwIfCancelled(cancel);
    StagedFiles staged;
    const TrainedModel& model = *run.model;
    const Dataset& dataset = *run.data->dataset;
    const TrainingData& data = run.data->data;
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    staged.createFolder(folder.string());
    ExportResult out;
    nlohmann::json teacher = {{"name", "external"}, {"scores", path}};
    const bool matrix = std::filesystem::path(path).extension() == ".npy";
    if (matrix) {
        std::vector<float> scores(static_cast<size_t>(data.numUsers) * data.numItems);
        std::vector<int32_t> users(data.numUsers);
        for (int32_t u = 0; u < data.numUsers; ++u) users[u] = u;
        model.prepareForScoring();
        constexpr int32_t kBlock = 256;  // users scored between two cancel checks
        for (int32_t u = 0; u < data.numUsers; u += kBlock) {
            throwIfCancelled(cancel);
            const int32_t n = std::min(kBlock, data.numUsers - u);
            model.scoreUsers(users.data() + u, static_cast<size_t>(n),
                             scores.data() + static_cast<size_t>(u) * data.numItems);
        }
        throwIfCancelled(cancel);
        NpyArray::write(staged.stage(path), scores.data(), data.numUsers, data.numItems);
        out.files.push_back(path);
    } else {
        if (m < 1) throw std::invalid_argument("--top: expected at least 1");
        const TeacherTopM top = computeTeacherTopM(model, data, m, nullptr, cancel);
        std::FILE* f = std::fopen(staged.stage(path).c_str(), "wb");
        if (!f) throw std::runtime_error(path + ": cannot write the file");
        std::fputs("user\titem\tscore\n", f);
        const int32_t* items = top.items.data_ptr<int32_t>();
        const float* scores = top.scores.data_ptr<float>();
        bool cancelled = false;
        for (int32_t u = 0; u < data.numUsers && !cancelled; ++u) {
            if (u % 1024 == 0 && cancel && cancel->cancelled()) cancelled = true;
            for (int32_t r = 0; r < top.valid[u] && !cancelled; ++r) {
                const size_t at = static_cast<size_t>(u) * top.m + r;
                // %.9g: nine significant digits read back to the same float.
                std::fprintf(f, "%s\t%s\t%.9g\n", dataset.userIds[u].c_str(),
                             dataset.itemIds[items[at]].c_str(), static_cast<double>(scores[at]));
            }
        }
        const bool ok = std::ferror(f) == 0;
        if (std::fclose(f) != 0 || !ok) throw std::runtime_error(path + ": cannot write the file");
        throwIfCancelled(cancel);
        out.files.push_back(path);
    }
    RecModel& rec = *model.impl().model;
    if (matrix || rec.reprDim() > 0) {
        const std::string users = idMapBeside(path, true), items = idMapBeside(path, false);
        writeIdLines(staged.stage(users), dataset.userIds);
        writeIdLines(staged.stage(items), dataset.itemIds);
        out.files.push_back(users);
        out.files.push_back(items);
    }
    if (rec.reprDim() > 0) {
        model.prepareForScoring();
        torch::NoGradGuard guard;
        const std::string dir = folder.empty() ? "." : folder.string();
        const auto write = [&](const std::string& name, const torch::Tensor& t) {
            throwIfCancelled(cancel);
            const auto c = t.to(torch::kFloat).contiguous();
            const std::string file = dir + "/" + name;
            NpyArray::write(staged.stage(file), c.data_ptr<float>(), c.size(0), c.size(1));
            out.files.push_back(file);
            teacher[name.substr(0, name.size() - 4)] = file;
        };
        write("user_embeddings.npy",
              rec.userRepr(torch::arange(int64_t{data.numUsers}, torch::kLong)));
        write("item_embeddings.npy",
              rec.itemRepr(torch::arange(int64_t{data.numItems}, torch::kLong)));
    }
    throwIfCancelled(cancel);
    staged.commit();
    out.manifest = {{"teacher", teacher},
                    {"run_id", run.run.id},
                    {"model", model.modelName()},
                    {"dataset_hash", data.datasetHash}};
    return out;
}

}  // namespace rd
