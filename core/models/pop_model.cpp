// `pop`: most popular items first; nothing to learn. The reference line in every comparison.

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "models/model_factory.h"

namespace rd {

namespace {

class PopModel : public RecModel {
public:
    explicit PopModel(const TrainingData& data) {
        std::vector<float> pop(data.itemPopularity.begin(), data.itemPopularity.end());
        popularity_ = register_buffer("popularity", torch::tensor(pop));
    }
    torch::Tensor scorePairs(const torch::Tensor& u, const torch::Tensor& i) override {
        return popularity_.index_select(0, i.reshape(-1))
            .view(i.sizes())
            .expand(torch::broadcast_tensors({u, i})[0].sizes());
    }
    torch::Tensor scoreAllItems(const torch::Tensor& u) override {
        return popularity_.unsqueeze(0).expand({u.size(0), popularity_.size(0)}).contiguous();
    }
    bool trainable() const override { return false; }
    torch::Tensor userRepr(const torch::Tensor& u) override {
        return torch::ones({u.numel(), 1}).view(shapeOf(u));
    }
    torch::Tensor itemRepr(const torch::Tensor& i) override {
        return popularity_.index_select(0, i.reshape(-1)).view(shapeOf(i));
    }
    int64_t reprDim() const override { return 1; }

private:
    static std::vector<int64_t> shapeOf(const torch::Tensor& t) {
        auto s = t.sizes().vec();
        s.push_back(1);
        return s;
    }
    torch::Tensor popularity_;
};

}  // namespace

RD_REGISTER_MODEL(registerPopModel) {
    ModelInfo info;
    info.name = "pop";
    info.reference = "Most-popular baseline (e.g. RecBole Pop)";
    info.year = 0;
    info.displayName = RD_TR_NOOP("rd::CoreText", "Most popular");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Recommends the items with the most training interactions to everyone. Nothing to "
        "learn; every model should clearly beat it.");
    info.trainable = false;
    registerModel(info, [](const nlohmann::json&, const TrainingData& d) {
        return std::make_shared<PopModel>(d);
    });
}

}  // namespace rd
