// `mf`: matrix factorisation trained with BPR (Rendle et al., UAI 2009).

#include <algorithm>

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "models/bpr_kernel.h"
#include "models/embedding_ops.h"
#include "models/model_factory.h"

namespace rd {

namespace {

class MfModel : public RecModel {
public:
    MfModel(const nlohmann::json& p, const TrainingData& data) : dim_(p["dim"].get<int64_t>()) {
        reg_ = p["reg"].get<double>();
        users_ = register_parameter("user_embedding", torch::empty({data.numUsers, dim_}));
        items_ = register_parameter("item_embedding", torch::empty({data.numItems, dim_}));
        // RecBole initialises embeddings with Xavier normal; the DE-RRD and Topology Distillation
        // code with N(0, 0.01²) (nn.init.normal_(std=0.01)): a protocol's choice, so an option.
        if (p["init"].get<std::string>() == "normal") {
            const double std = p["init_std"].get<double>();
            torch::nn::init::normal_(users_, 0.0, std);
            torch::nn::init::normal_(items_, 0.0, std);
        } else {
            torch::nn::init::xavier_normal_(users_);
            torch::nn::init::xavier_normal_(items_);
        }
    }
    torch::Tensor scorePairs(const torch::Tensor& u, const torch::Tensor& i) override {
        return (gatherRows(users_, u) * gatherRows(items_, i)).sum(-1);
    }
    torch::Tensor scoreAllItems(const torch::Tensor& u) override {
        return torch::mm(users_.index_select(0, u), items_.t());
    }
    void scoreAllItemsInto(const torch::Tensor& u, float* out) override {
        auto target = torch::from_blob(out, {u.size(0), items_.size(0)});
        torch::mm_out(target, users_.index_select(0, u), items_.t());
    }
    bool fusedBprStep(const Batch& b, std::vector<std::pair<std::string, double>>& terms) override {
        const torch::Tensor u = b.users.contiguous(), p = b.positives.contiguous(),
                            q = b.negatives.contiguous();
        const int64_t rows = u.size(0), n = q.size(1), itemRows = rows * (1 + n);
        // Buffers kept across steps; FusedAdam::step drops the gradients that view them.
        if (!userGrad_.defined() || userGrad_.size(0) < rows)
            userGrad_ = torch::empty({rows, dim_});
        if (!itemGrad_.defined() || itemGrad_.size(0) < itemRows) {
            itemGrad_ = torch::empty({itemRows, dim_});
            itemIds_ = torch::empty({itemRows}, torch::kLong);
        }
        int64_t* ids = itemIds_.data_ptr<int64_t>();
        std::copy(p.data_ptr<int64_t>(), p.data_ptr<int64_t>() + rows, ids);
        std::copy(q.data_ptr<int64_t>(), q.data_ptr<int64_t>() + rows * n, ids + rows);
        const BprLosses loss = bprDotGradients(
            users_.data_ptr<float>(), items_.data_ptr<float>(), dim_, u.data_ptr<int64_t>(),
            p.data_ptr<int64_t>(), q.data_ptr<int64_t>(), rows, n, reg_,
            userGrad_.data_ptr<float>(), itemGrad_.data_ptr<float>());
        users_.mutable_grad() = at::_sparse_coo_tensor_unsafe(
            u.view({1, rows}), userGrad_.narrow(0, 0, rows), {users_.size(0), dim_});
        items_.mutable_grad() =
            at::_sparse_coo_tensor_unsafe(itemIds_.narrow(0, 0, itemRows).view({1, itemRows}),
                                          itemGrad_.narrow(0, 0, itemRows), {items_.size(0), dim_});
        terms.emplace_back("bpr", loss.bpr);
        if (reg_ > 0) terms.emplace_back("l2", loss.l2);
        return true;
    }
    torch::Tensor userRepr(const torch::Tensor& u) override { return gatherRows(users_, u); }
    torch::Tensor itemRepr(const torch::Tensor& i) override { return gatherRows(items_, i); }
    int64_t reprDim() const override { return dim_; }

private:
    int64_t dim_;
    torch::Tensor users_, items_;
    torch::Tensor userGrad_, itemGrad_, itemIds_;  ///< fusedBprStep's reused buffers
};

}  // namespace

RD_REGISTER_MODEL(registerMfModel) {
    ModelInfo info;
    info.name = "mf";
    info.reference =
        "Rendle et al., BPR: Bayesian Personalized Ranking from Implicit Feedback, UAI 2009";
    info.year = 2009;
    info.displayName = RD_TR_NOOP("rd::CoreText", "MF (BPR)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Matrix factorisation: a user and an item embedding whose dot product is the score, "
        "trained "
        "with the BPR pairwise loss (Rendle et al., UAI 2009). The classic small student.");
    info.schema = {
        {"dim",
         ParamSpec::Type::Int,
         64,
         1,
         1024,
         {},
         RD_TR_NOOP("rd::CoreText", "embedding size")},
        {"reg",
         ParamSpec::Type::Float,
         0.0,
         0,
         1,
         {},
         RD_TR_NOOP("rd::CoreText", "L2 weight on the batch's embeddings")},
        {"init",
         ParamSpec::Type::Choice,
         std::string("xavier"),
         0,
         0,
         {"xavier", "normal"},
         RD_TR_NOOP("rd::CoreText",
                    "embedding initialisation: xavier = Xavier normal (RecBole), normal = N(0, "
                    "init_std²) (DE-RRD, Topology Distillation code)")},
        {"init_std",
         ParamSpec::Type::Float,
         0.01,
         1e-6,
         10,
         {},
         RD_TR_NOOP("rd::CoreText", "standard deviation of the normal initialisation")},
    };
    registerModel(info, [](const nlohmann::json& p, const TrainingData& d) {
        return std::make_shared<MfModel>(p, d);
    });
}

}  // namespace rd
