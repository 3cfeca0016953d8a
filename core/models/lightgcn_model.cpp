// `lightgcn`: K propagation layers over the symmetrically normalised user–item graph, the final
// representation the mean of the layer embeddings (He et al., SIGIR 2020). Each layer is one sparse
// matrix product over the whole graph.

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "models/csr_graph.h"
#include "models/embedding_ops.h"
#include "models/model_factory.h"

namespace rd {

namespace {

class LightGcnModel : public RecModel {
public:
    LightGcnModel(const nlohmann::json& p, const TrainingData& data)
        : dim_(p["dim"].get<int64_t>()), layers_(p["layers"].get<int>()), numUsers_(data.numUsers) {
        reg_ = p["reg"].get<double>();
        users_ = register_parameter("user_embedding", torch::empty({data.numUsers, dim_}));
        items_ = register_parameter("item_embedding", torch::empty({data.numItems, dim_}));
        torch::nn::init::xavier_uniform_(users_);
        torch::nn::init::xavier_uniform_(items_);
        graph_ = CsrGraph::normalisedBipartite(data);
    }
    // A training step computes the last layer only at the rows it reads (StepPropagation); the
    // scores are the same as from the whole-graph propagation that evaluation runs.
    void beginBatch() override {
        finalUsers_ = finalItems_ = torch::Tensor();
        step_.begin(graph_, users_, items_, layers_);
    }
    void beginEval() override {
        step_.clear();
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
    void scoreAllItemsInto(const torch::Tensor& u, float* out) override {
        auto target = torch::from_blob(out, {u.size(0), finalItems_.size(0)});
        torch::mm_out(target, finalUsers_.index_select(0, u), finalItems_.t());
    }
    std::vector<NamedLoss> baseLoss(const Batch& b) override {
        auto out = RecModel::baseLoss(b);
        // RecBole regularises the layer-0 (ego) embeddings, not the propagated ones.
        if (reg_ > 0)
            out.back().second =
                reg_ * l2({gatherRows(users_, b.users), gatherRows(items_, b.positives),
                           gatherRows(items_, b.negatives)},
                          b.users.size(0));
        return out;
    }
    torch::Tensor userRepr(const torch::Tensor& u) override {
        return finalUsers_.defined() ? gatherRows(finalUsers_, u) : step_.rows(u);
    }
    torch::Tensor itemRepr(const torch::Tensor& i) override {
        return finalItems_.defined() ? gatherRows(finalItems_, i) : step_.rows(i + numUsers_);
    }
    int64_t reprDim() const override { return dim_; }

private:
    void propagate() {
        auto mean = propagateMean(graph_, users_, items_, layers_);
        finalUsers_ = mean.narrow(0, 0, numUsers_);
        finalItems_ = mean.narrow(0, numUsers_, mean.size(0) - numUsers_);
    }
    int64_t dim_;
    int layers_;
    int64_t numUsers_;
    CsrGraph graph_;
    StepPropagation step_;
    torch::Tensor users_, items_, finalUsers_, finalItems_;
};

}  // namespace

RD_REGISTER_MODEL(registerLightGcnModel) {
    ModelInfo info;
    info.name = "lightgcn";
    info.reference =
        "He et al., LightGCN, SIGIR 2020; code: kuandeng/LightGCN, gusye1234/LightGCN-PyTorch "
        "(GitHub)";
    info.year = 2020;
    info.displayName = RD_TR_NOOP("rd::CoreText", "LightGCN");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Graph network: embeddings propagated over the normalised user–item graph for a few "
        "layers, the "
        "representation the mean of the layers (He et al., SIGIR 2020). A typical GNN teacher.");
    info.schema = {
        {"dim",
         ParamSpec::Type::Int,
         64,
         1,
         1024,
         {},
         RD_TR_NOOP("rd::CoreText", "embedding size")},
        {"layers",
         ParamSpec::Type::Int,
         2,
         1,
         4,
         {},
         RD_TR_NOOP("rd::CoreText", "propagation layers")},
        {"reg",
         ParamSpec::Type::Float,
         1e-5,
         0,
         1,
         {},
         RD_TR_NOOP("rd::CoreText", "L2 weight on the batch's layer-0 embeddings")},
    };
    registerModel(info, [](const nlohmann::json& p, const TrainingData& d) {
        return std::make_shared<LightGcnModel>(p, d);
    });
}

}  // namespace rd
