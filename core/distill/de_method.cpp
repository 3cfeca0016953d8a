// `de`: Distillation Experts of DE-RRD (Kang et al., CIKM 2020), teacher embeddings through
// experts.

#include "catalog/tr_noop.h"
#include "distill/distill_sampling.h"
#include "distill/expert_bank.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

class DeHook : public LossHook {
public:
    explicit DeHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          tauStart_(c.params["tau_start"].get<double>()),
          tauEnd_(c.params["tau_end"].get<double>()),
          annealEpochs_(c.params["anneal_epochs"].get<int>()),
          rng_(Rng::mix(c.seed, 0xDE)),
          teacher_(teacherRepresentations(*c.teacher, *c.data)),
          userExperts_(c.params["experts"].get<int64_t>(), c.studentDim, teacher_.users.size(1),
                       rng_),
          itemExperts_(c.params["experts"].get<int64_t>(), c.studentDim, teacher_.items.size(1),
                       rng_) {}
    void beginEpoch(int epoch, RecModel&) override {
        tau_ = ExpertBank::annealedTau(epoch, tauStart_, tauEnd_, annealEpochs_);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        // run.py LOO_DE_run: users, plus half of (distinct positives + distinct negatives), each
        // set de-duplicated on its own (an item both positive and negative counts in both).
        auto users = distinctUsers(batch);
        auto positives = std::get<0>(at::_unique(batch.positives.reshape({-1}), true));
        auto negatives = std::get<0>(at::_unique(batch.negatives.reshape({-1}), true));
        auto lu =
            side(userExperts_, student.userRepr(users), teacher_.users.index_select(0, users));
        auto lp = side(itemExperts_, student.itemRepr(positives),
                       teacher_.items.index_select(0, positives));
        auto ln = side(itemExperts_, student.itemRepr(negatives),
                       teacher_.items.index_select(0, negatives));
        return {{"de", lambda_ * (perBatch(lu, batch) +
                                  0.5 * (perBatch(lp, batch) + perBatch(ln, batch)))}};
    }
    // No minimumEpochs(): run.py LOO_DE_run stops early while τ is still annealing (early_stop 20
    // from epoch 0, es_epoch 0; its logged best epoch is 253 of max_epoch 1000). Holding early
    // stopping off until τ has annealed is the variant train.min_epochs gives.
    std::vector<torch::Tensor> parameters() override {
        auto p = userExperts_.parameters();
        for (auto& t : itemExperts_.parameters()) p.push_back(t);
        return p;
    }

private:
    torch::Tensor side(const ExpertBank& bank, const torch::Tensor& s, const torch::Tensor& t) {
        return expertHintLoss(t, bank.map(s, bank.select(t, tau_, false, rng_)));
    }

    double lambda_, tauStart_, tauEnd_;
    int annealEpochs_;
    double tau_ = 1.0;
    Rng rng_;
    TeacherRepresentations teacher_;
    ExpertBank userExperts_, itemExperts_;
};

}  // namespace

RD_REGISTER_METHOD(registerDeMethod) {
    MethodInfo info;
    info.name = "de";
    info.reference =
        "Kang et al., DE-RRD, CIKM 2020; code: SeongKu-Kang/DE-RRD_CIKM20 (GitHub) Models/DE.py, "
        "run.py";
    info.year = 2020;
    info.displayName = RD_TR_NOOP("rd::CoreText", "DE (distillation experts)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Distillation Experts from DE-RRD (Kang et al., CIKM 2020): the student's user and item "
        "embeddings are "
        "taught to carry the teacher's embeddings. Because the student is smaller, its embedding "
        "is mapped "
        "into the teacher's space by small expert networks; each entity picks an expert according "
        "to its "
        "teacher embedding (a soft pick that becomes hard as a temperature is annealed), so "
        "similar entities "
        "share an expert. With one expert this is plain hint (FitNets) distillation. With a "
        "sequential model (sasrec) a user's embedding is its encoding after the user's training "
        "history.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · [Σ_u ‖t_u − Σ_m z_um E_m(s_u)‖² + ½ (Σ_{i∈pos} + Σ_{j∈neg}) ‖t_i − "
        "Σ_m z_im E'_m(s_i)‖²] / B,  z = GumbelSoftmax(softmax(W t), τ), E_m: dim_s → "
        "(dim_s+dim_t)/2 → dim_t; τ annealed from 1 to 1e-10 over 1,000 epochs (run.py, "
        "max_epoch 1000)");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         0.01,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"experts",
         ParamSpec::Type::Int,
         30,
         1,
         200,
         {},
         RD_TR_NOOP("rd::CoreText", "number of experts (per side)")},
    };
    for (auto& spec : gumbelAnnealingSchema(1000)) info.schema.push_back(spec);
    info.needsEmbeddings = true;
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<DeHook>(c); });
}

}  // namespace rd
