// The external teacher: scores (and embeddings) read from files, served through RecModel so every
// distillation method, the teacher's ranking and the evaluator use it as they use a trained one.

#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "data/external_scores.h"
#include "data/train_data.h"
#include "models/external_teacher.h"
#include "models/rec_model.h"
#include "models/trained_model_impl.h"

namespace rd {

namespace {

/** Frozen scores: a dense matrix, or per-user lists where unlisted items score -inf. */
class ExternalTeacherModel : public RecModel {
public:
    ExternalTeacherModel(ExternalScores scores, torch::Tensor users, torch::Tensor items)
        : s_(std::move(scores)), users_(std::move(users)), items_(std::move(items)) {
        if (s_.dense) matrix_ = torch::from_blob(s_.matrix.data(), {s_.numUsers, s_.numItems});
        covered_ = s_.covered;
    }
    torch::Tensor scoreAllItems(const torch::Tensor& users) override {
        if (s_.dense) return matrix_.index_select(0, users);
        auto out = torch::full({users.size(0), s_.numItems},
                               -std::numeric_limits<float>::infinity(), torch::kFloat);
        float* p = out.data_ptr<float>();
        const auto ids = users.to(torch::kLong).contiguous();
        const int64_t* u = ids.data_ptr<int64_t>();
        for (int64_t r = 0; r < ids.size(0); ++r)
            for (int64_t k = s_.offsets[u[r]]; k < s_.offsets[u[r] + 1]; ++k)
                p[r * s_.numItems + s_.items[k]] = s_.scores[k];
        return out;
    }
    torch::Tensor scorePairs(const torch::Tensor& users, const torch::Tensor& items) override {
        auto both = torch::broadcast_tensors({users, items});
        auto u = both[0].reshape({-1}), i = both[1].reshape({-1});
        return scoreAllItems(u).gather(1, i.unsqueeze(1)).view(both[0].sizes());
    }
    std::vector<NamedLoss> baseLoss(const Batch&) override {
        throw std::logic_error("an external teacher is not trained here");
    }
    bool trainable() const override { return false; }
    torch::Tensor userRepr(const torch::Tensor& u) override { return users_.index_select(0, u); }
    torch::Tensor itemRepr(const torch::Tensor& i) override { return items_.index_select(0, i); }
    int64_t reprDim() const override { return users_.defined() ? users_.size(1) : 0; }
    const std::vector<uint8_t>* coveredUsers() const override { return &covered_; }

private:
    ExternalScores s_;
    torch::Tensor matrix_, users_, items_;
    std::vector<uint8_t> covered_;
};

std::string optionalString(const nlohmann::json& j, const std::string& key, const char* field) {
    if (!j.contains(field)) return {};
    if (!j[field].is_string() || j[field].get<std::string>().empty())
        throw std::invalid_argument(key + "." + field + ": expected a file path");
    return j[field].get<std::string>();
}

torch::Tensor embeddingTensor(const std::string& path, const Dataset& dataset, bool users) {
    auto e = std::make_shared<ExternalEmbeddings>(ExternalEmbeddings::read(path, dataset, users));
    return torch::from_blob(e->values.data(), {e->rows, e->dim}).clone();
}

}  // namespace

bool ExternalTeacherSpec::isExternal(const nlohmann::json& teacher) {
    return teacher.is_object() && teacher.value("name", nlohmann::json()) == "external";
}

ExternalTeacherSpec ExternalTeacherSpec::fromJson(const nlohmann::json& j, const std::string& key) {
    for (const auto& [field, value] : j.items())
        if (field != "name" && field != "scores" && field != "user_embeddings" &&
            field != "item_embeddings" && field != "missing_users")
            throw std::invalid_argument(key + "." + field +
                                        ": unknown for an external teacher (known: scores, "
                                        "user_embeddings, item_embeddings, missing_users)");
    ExternalTeacherSpec s;
    s.scores = optionalString(j, key, "scores");
    if (s.scores.empty())
        throw std::invalid_argument(key +
                                    ".scores: missing (a file of user<TAB>item<TAB>score lines, "
                                    "or a .npy score matrix with users.txt and items.txt beside)");
    s.userEmbeddings = optionalString(j, key, "user_embeddings");
    s.itemEmbeddings = optionalString(j, key, "item_embeddings");
    if (s.userEmbeddings.empty() != s.itemEmbeddings.empty())
        throw std::invalid_argument(
            key + (s.userEmbeddings.empty() ? ".user_embeddings" : ".item_embeddings") +
            ": missing; the embedding methods need both sides");
    const std::string missing = j.value("missing_users", std::string("refuse"));
    if (missing != "refuse" && missing != "skip")
        throw std::invalid_argument(key + ".missing_users: expected \"refuse\" or \"skip\"");
    s.skipMissingUsers = missing == "skip";
    return s;
}

ExternalTeacher loadExternalTeacher(const ExternalTeacherSpec& spec, const Dataset& dataset,
                                    const TrainingData& data) {
    ExternalScores scores = ExternalScores::read(spec.scores, dataset);
    ExternalTeacher out;
    if (!scores.missingUsers.empty()) {
        std::string list;
        const size_t shown = std::min<size_t>(10, scores.missingUsers.size());
        for (size_t k = 0; k < shown; ++k)
            list += (k ? ", " : "") + dataset.userIds[scores.missingUsers[k]];
        if (scores.missingUsers.size() > shown) list += ", …";
        if (!spec.skipMissingUsers)
            throw std::invalid_argument(
                spec.scores + ": " + std::to_string(scores.missingUsers.size()) + " of " +
                std::to_string(dataset.numUsers()) + " users have no scores (" + list +
                "); give them scores, or add \"missing_users\": \"skip\" to the teacher to "
                "distil without the teacher for them");
        if (scores.missingUsers.size() == static_cast<size_t>(dataset.numUsers()))
            throw std::invalid_argument(spec.scores + ": no user of the data set has scores");
        for (int32_t u : scores.missingUsers) out.skippedUsers.push_back(dataset.userIds[u]);
    }
    // What each user's list holds once its training items are dropped (as the ranking does).
    out.shortestList = std::numeric_limits<int32_t>::max();
    const float minusInf = -std::numeric_limits<float>::infinity();
    for (int32_t u = 0; u < scores.numUsers; ++u) {
        const bool hasTest = data.test.degree(u) > 0;
        out.testUsers += hasTest;
        if (!scores.covered[u]) continue;
        out.coveredTestUsers += hasTest;
        int64_t listed = 0, trained = 0;
        if (scores.dense) {
            const float* row = scores.matrix.data() + static_cast<size_t>(u) * scores.numItems;
            listed =
                std::count_if(row, row + scores.numItems, [&](float v) { return v > minusInf; });
            for (int64_t k = data.train.begin(u); k < data.train.end(u); ++k)
                trained += row[data.train.items[k]] > minusInf;
        } else {
            listed = scores.offsets[u + 1] - scores.offsets[u];
            for (int64_t k = scores.offsets[u]; k < scores.offsets[u + 1]; ++k)
                trained += data.train.contains(u, scores.items[k]);
        }
        const auto length = static_cast<int32_t>(listed - trained);
        if (length < out.shortestList) {
            out.shortestList = length;
            out.shortestUser = dataset.userIds[u];
        }
    }
    out.fullScores = scores.everyItemScored;
    if (scores.dense) {
        out.listEntries = static_cast<int64_t>(scores.matrix.size());
        out.listBytes = out.listEntries * static_cast<int64_t>(sizeof(float));
    } else {
        out.listEntries = static_cast<int64_t>(scores.items.size());
        out.listBytes = out.listEntries * static_cast<int64_t>(sizeof(int32_t) + sizeof(float));
    }

    torch::Tensor users, items;
    if (spec.hasEmbeddings()) {
        users = embeddingTensor(spec.userEmbeddings, dataset, true);
        items = embeddingTensor(spec.itemEmbeddings, dataset, false);
        if (users.size(1) != items.size(1))
            throw std::invalid_argument(
                spec.userEmbeddings + " and " + spec.itemEmbeddings + ": user embeddings have " +
                std::to_string(users.size(1)) + " columns, item " + "embeddings " +
                std::to_string(items.size(1)) + "; the two sides share one space");
    }
    if (spec.hasEmbeddings()) out.embeddingValues = users.numel() + items.numel();
    auto impl = std::make_unique<TrainedModel::Impl>();
    impl->name = "external";
    impl->params = {{"scores", spec.scores}};
    if (spec.hasEmbeddings()) {
        impl->params["user_embeddings"] = spec.userEmbeddings;
        impl->params["item_embeddings"] = spec.itemEmbeddings;
    }
    if (spec.skipMissingUsers) impl->params["missing_users"] = "skip";
    impl->datasetHash = data.datasetHash;
    impl->numUsers = data.numUsers;
    impl->numItems = data.numItems;
    impl->model = std::make_shared<ExternalTeacherModel>(std::move(scores), users, items);
    out.model = std::make_shared<TrainedModel>(std::move(impl));
    return out;
}

std::map<std::string, double> externalTeacherSize(const ExternalTeacher& teacher) {
    std::map<std::string, double> out = {
        {"list_entries", static_cast<double>(teacher.listEntries)},
        {"bytes",
         static_cast<double>(teacher.listBytes +
                             teacher.embeddingValues * static_cast<int64_t>(sizeof(float)))}};
    if (teacher.embeddingValues > 0)
        out["embedding_values"] = static_cast<double>(teacher.embeddingValues);
    return out;
}

}  // namespace rd
