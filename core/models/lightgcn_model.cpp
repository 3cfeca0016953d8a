// `lightgcn`: K propagation layers over the symmetrically normalised user–item graph, the final
// representation the mean of the layer embeddings (He et al., SIGIR 2020). Each layer is one sparse
// matrix product over the whole graph.

#include <cmath>

#include "engine/train_data.h"
#include "models/model_factory.h"

namespace rd {

namespace {

torch::Tensor normalisedAdjacency(const TrainingData& d) {
    const int64_t nu = d.numUsers, n = d.numUsers + d.numItems, nnz = d.train.nnz();
    std::vector<int64_t> userDeg(nu);
    for (int32_t u = 0; u < d.numUsers; ++u) userDeg[u] = d.train.degree(u);
    std::vector<int64_t> itemDeg(d.numItems, 0);
    for (int32_t i : d.train.items) ++itemDeg[i];
    auto idx = torch::empty({2, 2 * nnz}, torch::kLong);
    auto val = torch::empty({2 * nnz}, torch::kFloat);
    auto ia = idx.accessor<int64_t, 2>();
    auto va = val.accessor<float, 1>();
    int64_t k = 0;
    for (int32_t u = 0; u < d.numUsers; ++u) {
        for (int64_t p = d.train.begin(u); p < d.train.end(u); ++p) {
            const int32_t i = d.train.items[p];
            const float w = static_cast<float>(1.0 / std::sqrt(double(userDeg[u]) * double(itemDeg[i])));
            ia[0][k] = u, ia[1][k] = nu + i, va[k++] = w;
            ia[0][k] = nu + i, ia[1][k] = u, va[k++] = w;
        }
    }
    return torch::sparse_coo_tensor(idx, val, {n, n}).coalesce();
}

class LightGcnModel : public RecModel {
public:
    LightGcnModel(const nlohmann::json& p, const TrainingData& data)
        : dim_(p["dim"].get<int64_t>()), layers_(p["layers"].get<int>()), numUsers_(data.numUsers) {
        reg_ = p["reg"].get<double>();
        users_ = register_parameter("user_embedding", torch::empty({data.numUsers, dim_}));
        items_ = register_parameter("item_embedding", torch::empty({data.numItems, dim_}));
        torch::nn::init::xavier_uniform_(users_);
        torch::nn::init::xavier_uniform_(items_);
        adjacency_ = normalisedAdjacency(data);
    }
    void beginBatch() override { propagate(); }
    void beginEval() override {
        torch::NoGradGuard guard;
        propagate();
    }
    void endEval() override { finalUsers_ = finalItems_ = torch::Tensor(); }
    torch::Tensor scorePairs(const torch::Tensor& u, const torch::Tensor& i) override {
        return (userRepr(u) * itemRepr(i)).sum(-1);
    }
    torch::Tensor scoreAllItems(const torch::Tensor& u) override {
        return torch::mm(finalUsers_.index_select(0, u), finalItems_.t());
    }
    std::vector<NamedLoss> baseLoss(const Batch& b) override {
        auto out = RecModel::baseLoss(b);
        // RecBole regularises the layer-0 (ego) embeddings, not the propagated ones.
        if (reg_ > 0)
            out.back().second = reg_ * l2({users_.index_select(0, b.users), items_.index_select(0, b.positives),
                                           items_.index_select(0, b.negatives.reshape(-1))},
                                          b.users.size(0));
        return out;
    }
    torch::Tensor userRepr(const torch::Tensor& u) override {
        return finalUsers_.index_select(0, u.reshape(-1)).view(shapeOf(u));
    }
    torch::Tensor itemRepr(const torch::Tensor& i) override {
        return finalItems_.index_select(0, i.reshape(-1)).view(shapeOf(i));
    }
    int64_t reprDim() const override { return dim_; }

private:
    void propagate() {
        auto e = torch::cat({users_, items_}, 0);
        auto sum = e;
        for (int l = 0; l < layers_; ++l) {
            e = torch::mm(adjacency_, e);
            sum = sum + e;
        }
        auto mean = sum / static_cast<double>(layers_ + 1);
        finalUsers_ = mean.narrow(0, 0, numUsers_);
        finalItems_ = mean.narrow(0, numUsers_, mean.size(0) - numUsers_);
    }
    std::vector<int64_t> shapeOf(const torch::Tensor& t) const {
        auto s = t.sizes().vec();
        s.push_back(dim_);
        return s;
    }
    int64_t dim_;
    int layers_;
    int64_t numUsers_;
    torch::Tensor users_, items_, adjacency_, finalUsers_, finalItems_;
};

}  // namespace

void registerLightGcnModel() {
    ModelInfo info;
    info.name = "lightgcn";
    info.displayName = "LightGCN";
    info.description =
        "Graph network: embeddings propagated over the normalised user–item graph for a few layers, the "
        "representation the mean of the layers (He et al., SIGIR 2020). A typical GNN teacher.";
    info.schema = {
        {"dim", ParamSpec::Type::Int, 64, 1, 1024, {}, "embedding size"},
        {"layers", ParamSpec::Type::Int, 2, 1, 4, {}, "propagation layers"},
        {"reg", ParamSpec::Type::Float, 1e-5, 0, 1, {}, "L2 weight on the batch's layer-0 embeddings"},
    };
    registerModel(info, [](const nlohmann::json& p, const TrainingData& d) {
        return std::make_shared<LightGcnModel>(p, d);
    });
}

}  // namespace rd
