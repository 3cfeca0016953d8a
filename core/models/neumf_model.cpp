// `neumf`: GMF and MLP towers fused by one output layer (He et al., WWW 2017). A typical DNN
// teacher.

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "models/embedding_ops.h"
#include "models/model_factory.h"
#include "util/rng.h"

namespace rd {

namespace {

class NeuMfModel : public RecModel {
public:
    NeuMfModel(const nlohmann::json& p, const TrainingData& data)
        : dim_(p["dim"].get<int64_t>()),
          dropout_(p["dropout"].get<double>()),
          bce_(p["loss"] == "bce") {
        gmfUsers_ = register_parameter("gmf_user", torch::randn({data.numUsers, dim_}) * 0.01);
        gmfItems_ = register_parameter("gmf_item", torch::randn({data.numItems, dim_}) * 0.01);
        mlpUsers_ = register_parameter("mlp_user", torch::randn({data.numUsers, dim_}) * 0.01);
        mlpItems_ = register_parameter("mlp_item", torch::randn({data.numItems, dim_}) * 0.01);
        int64_t in = 2 * dim_;
        for (int64_t h : p["mlp"].get<std::vector<int64_t>>()) {
            auto layer =
                register_module("mlp" + std::to_string(layers_.size()), torch::nn::Linear(in, h));
            layers_.push_back(layer);
            in = h;
        }
        out_ = register_module("predict", torch::nn::Linear(dim_ + in, 1));
        mlpOut_ = in;
    }
    torch::Tensor scorePairs(const torch::Tensor& u, const torch::Tensor& i) override {
        // As RecBole's MLPLayers: dropout before each linear layer, ReLU after. The first layer on
        // [user ; item] equals W_u·user + W_i·item + b, so [B,1] users meet [B,n] items by
        // broadcasting. Without dropout (evaluation), when the tables have fewer rows than the call
        // has pairs, projecting the tables once and gathering is cheaper than the layer on every
        // pair.
        auto w1 = layers_[0]->weight;  // [h1, 2*dim]
        auto wu = w1.narrow(1, 0, dim_).t(), wi = w1.narrow(1, dim_, dim_).t();
        const bool drop = is_training() && dropout_ > 0;
        torch::Tensor pre;
        if (!drop && mlpUsers_.size(0) + mlpItems_.size(0) <= std::max(u.numel(), i.numel())) {
            pre = gather(torch::addmm(layers_[0]->bias, mlpUsers_, wu), u) +
                  gather(torch::mm(mlpItems_, wi), i);
        } else {
            pre = torch::matmul(fastDropout(gather(mlpUsers_, u), dropout_, drop, rng_), wu) +
                  layers_[0]->bias +
                  torch::matmul(fastDropout(gather(mlpItems_, i), dropout_, drop, rng_), wi);
        }
        auto h = torch::relu(pre);
        for (size_t l = 1; l < layers_.size(); ++l)
            h = torch::relu(layers_[l]->forward(fastDropout(h, dropout_, drop, rng_)));
        auto gmf = gather(gmfUsers_, u) * gather(gmfItems_, i);
        return out_->forward(torch::cat({gmf, h}, -1)).squeeze(-1);
    }
    torch::Tensor scoreAllItems(const torch::Tensor& u) override {
        // The first MLP layer acts on [user ; item]: split its weight so the user and item halves
        // are computed once each and broadcast, instead of once per (user, item) pair. Users go in
        // chunks so the [users, items, hidden] activations stay around 32 MB.
        const int64_t n = gmfItems_.size(0), h1 = layers_[0]->weight.size(0);
        const int64_t chunk = std::max<int64_t>(1, (8 << 20) / std::max<int64_t>(1, n * h1));
        auto wOut = out_->weight.squeeze(0);                              // [dim + mlpOut]
        auto w1 = layers_[0]->weight;                                     // [h1, 2*dim]
        auto iPart = torch::mm(mlpItems_, w1.narrow(1, dim_, dim_).t());  // [n, h1]
        auto gmfItemsT = gmfItems_.t();
        std::vector<torch::Tensor> rows;
        for (int64_t s = 0; s < u.size(0); s += chunk) {
            auto uc = u.narrow(0, s, std::min(chunk, u.size(0) - s));
            auto gmf =
                torch::mm(gmfUsers_.index_select(0, uc) * wOut.narrow(0, 0, dim_), gmfItemsT);
            auto uPart = torch::addmm(layers_[0]->bias, mlpUsers_.index_select(0, uc),
                                      w1.narrow(1, 0, dim_).t());
            auto h = torch::relu(uPart.unsqueeze(1) + iPart.unsqueeze(0));  // [b, n, h1]
            for (size_t l = 1; l < layers_.size(); ++l) h = torch::relu(layers_[l]->forward(h));
            rows.push_back(gmf + torch::matmul(h, wOut.narrow(0, dim_, mlpOut_)) + out_->bias);
        }
        return rows.size() == 1 ? rows[0] : torch::cat(rows, 0);
    }
    std::vector<NamedLoss> baseLoss(const Batch& b) override {
        if (!bce_) return RecModel::baseLoss(b);
        auto pos = scorePairs(b.users, b.positives);
        auto neg = scorePairs(b.users.unsqueeze(1), b.negatives).reshape(-1);
        auto logits = torch::cat({pos, neg});
        auto labels = torch::cat({torch::ones_like(pos), torch::zeros_like(neg)});
        return {{"bce", torch::binary_cross_entropy_with_logits(logits, labels)}};
    }
    torch::Tensor userRepr(const torch::Tensor& u) override {
        return torch::cat({gather(gmfUsers_, u), gather(mlpUsers_, u)}, -1);
    }
    torch::Tensor itemRepr(const torch::Tensor& i) override {
        return torch::cat({gather(gmfItems_, i), gather(mlpItems_, i)}, -1);
    }
    int64_t reprDim() const override { return 2 * dim_; }

private:
    static torch::Tensor gather(const torch::Tensor& table, const torch::Tensor& ids) {
        return gatherRows(table, ids);
    }
    int64_t dim_;
    double dropout_;
    bool bce_;
    int64_t mlpOut_ = 0;
    torch::Tensor gmfUsers_, gmfItems_, mlpUsers_, mlpItems_;
    std::vector<torch::nn::Linear> layers_;
    torch::nn::Linear out_{nullptr};
    Rng rng_{static_cast<uint64_t>(
        torch::randint(1 << 30, {1}).item<int64_t>())};  // seeded by torch::manual_seed
};

}  // namespace

RD_REGISTER_MODEL(registerNeuMfModel) {
    ModelInfo info;
    info.name = "neumf";
    info.reference =
        "He et al., Neural Collaborative Filtering, WWW 2017; code: "
        "hexiangnan/neural_collaborative_filtering (GitHub)";
    info.year = 2017;
    info.displayName = RD_TR_NOOP("rd::CoreText", "NeuMF");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Neural matrix factorisation: a generalised MF tower and a multi-layer perceptron over the "
        "concatenated user and item embeddings, fused by one output layer (He et al., WWW 2017). A "
        "typical deep-network teacher.");
    info.schema = {
        {"dim",
         ParamSpec::Type::Int,
         64,
         1,
         1024,
         {},
         RD_TR_NOOP("rd::CoreText", "embedding size of each tower")},
        {"mlp",
         ParamSpec::Type::IntList,
         nlohmann::json::array({128, 64}),
         1,
         4096,
         {},
         RD_TR_NOOP("rd::CoreText", "hidden layer sizes")},
        {"dropout",
         ParamSpec::Type::Float,
         0.1,
         0,
         0.9,
         {},
         RD_TR_NOOP("rd::CoreText", "dropout after each hidden layer")},
        {"loss",
         ParamSpec::Type::Choice,
         "bce",
         0,
         0,
         {"bce", "bpr"},
         RD_TR_NOOP("rd::CoreText", "pointwise cross-entropy (as in the paper) or pairwise BPR")},
    };
    registerModel(info, [](const nlohmann::json& p, const TrainingData& d) {
        return std::make_shared<NeuMfModel>(p, d);
    });
}

}  // namespace rd
