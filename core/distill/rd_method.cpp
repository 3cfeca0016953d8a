// `rd`: Ranking Distillation (Tang & Wang, KDD 2018), the teacher's top-K as weighted positives.
//
// As the authors' code (graytowne/rank_distill: losses.py weighted_sigmoid_log_loss and
// distill_caser.py with its argparse defaults): the term Σ_r w_r · (−log σ(s_r)) is added to EACH
// training instance's loss and averaged over the batch (teach_alpha = 1, K = 10, position
// sharpness λ_r = 1), so it is averaged over the batch's rows here. The weights are the paper's
// hybrid ones: after dynamic_start_epoch = 10 (epoch_num > 10, 0-based) each position's static
// weight is multiplied by the ranking-discrepancy weight clamp(tanh(μ (r̂_S − r)), 0), μ = 0.1,
// where r̂_S = ⌊(n_items − 1) · (share of 100 uniformly drawn unobserved items the student scores
// above the candidate)⌋, drawn again each epoch, not renormalised. `weighting: static` keeps the
// position weights alone (the paper's ablation).

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

class RdHook : public LossHook {
public:
    explicit RdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          hybrid_(c.params["weighting"].get<std::string>() == "hybrid"),
          mu_(c.params["mu"].get<double>()),
          samples_(c.params["dynamic_samples"].get<int32_t>()),
          start_(c.params["dynamic_start_epoch"].get<int>()),
          seed_(c.seed),
          data_(*c.data) {
        auto ranking =
            TeacherRanking::get(c.teacher, *c.data, c.params["k"].get<int32_t>(), c.cancel);
        const int32_t k = std::min(c.params["k"].get<int32_t>(), ranking->m);
        items_ = ranking->items.narrow(1, 0, k);
        weights_ = rankDistillWeights(k, c.params["position_temp"].get<double>());
        real_ = ranking->realEntries(k);
    }
    void beginEpoch(int epoch, RecModel&) override {
        // distill_caser.py counts epochs from 0 and mixes in the dynamic weight when
        // epoch_num > dynamic_start_epoch; epochs count from 1 here.
        dynamic_ = hybrid_ && epoch - 1 > start_;
        if (!dynamic_) return;
        Rng rng(Rng::mix(seed_, 0x5D00 + static_cast<uint64_t>(epoch)));
        samplesOf_ = torch::empty({data_.numUsers, samples_}, torch::kLong);
        auto* d = samplesOf_.data_ptr<int64_t>();
        for (int32_t u = 0; u < data_.numUsers; ++u)
            for (int32_t j = 0; j < samples_; ++j) {
                int32_t item = 0;
                for (int tries = 0; tries < 64; ++tries) {
                    item = static_cast<int32_t>(rng.below(static_cast<uint64_t>(data_.numItems)));
                    if (!data_.train.contains(u, item)) break;
                }
                d[static_cast<int64_t>(u) * samples_ + j] = item;
            }
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto s = student.scorePairs(users.unsqueeze(1), rowsFor(items_, users));
        torch::Tensor w = weights_;
        if (dynamic_) {
            torch::NoGradGuard weightsOnly;  // the weights are detached in the reference too
            auto sampled =
                student.scorePairs(users.unsqueeze(1), samplesOf_.index_select(0, users));
            w = rankDiscrepancyWeights(s.detach(), sampled, data_.numItems, mu_) * weights_;
        }
        // A user with fewer than K unobserved items: no weight past its list.
        if (real_.defined()) w = w * real_.index_select(0, users).to(w.scalar_type());
        return {{"rd", lambda_ * perBatchRows(rankDistillLoss(s, w), batch)}};
    }

private:
    double lambda_;
    bool hybrid_;
    double mu_;
    int32_t samples_;
    int start_;
    uint64_t seed_;
    const TrainingData& data_;
    bool dynamic_ = false;
    torch::Tensor items_, weights_, samplesOf_, real_;
};

}  // namespace

RD_REGISTER_METHOD(registerRdMethod) {
    MethodInfo info;
    info.name = "rd";
    info.reference =
        "Tang & Wang, Ranking Distillation, KDD 2018; code: graytowne/rank_distill (GitHub) "
        "distill_caser.py, losses.py";
    info.year = 2018;
    info.displayName = RD_TR_NOOP("rd::CoreText", "RD (ranking distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Ranking Distillation (Tang & Wang, KDD 2018): the teacher's top-K unobserved items of "
        "each user are "
        "treated as extra positive items for the student, weighted by position so the teacher's "
        "first items "
        "count most (w_r ∝ exp(−r/λ_r)). The student learns to put the teacher's favourites near "
        "the top; after the first epochs each weight is also scaled by how far below that position "
        "the student still ranks the item (the paper's hybrid weighting), so items the student "
        "already ranks high stop being pushed. Defaults from distill_caser.py: K 10, λ_r 1, μ 0.1, "
        "100 samples, hybrid from epoch 12.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · mean over the batch's rows (u, ·) of −Σ_{r≤K} w_r · log σ(s_{u,π_r}),  "
        "w_r = exp(−r/λ_r) / Σ_q exp(−q/λ_r) · max(0, tanh(μ (r̂_S − r))) (hybrid, after the "
        "first epochs)");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         1.0,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"k",
         ParamSpec::Type::Int,
         10,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "teacher's top-K items used as positives")},
        {"position_temp",
         ParamSpec::Type::Float,
         1.0,
         1e-3,
         1e4,
         {},
         RD_TR_NOOP("rd::CoreText", "λ_r: how fast position weights decay")},
        {"weighting",
         ParamSpec::Type::Choice,
         std::string("hybrid"),
         0,
         0,
         {"hybrid", "static"},
         RD_TR_NOOP("rd::CoreText",
                    "hybrid = position × ranking-discrepancy weights (the paper's RD); static = "
                    "position weights only")},
        {"mu",
         ParamSpec::Type::Float,
         0.1,
         1e-6,
         1e3,
         {},
         RD_TR_NOOP("rd::CoreText", "μ: sharpness of the ranking-discrepancy weight")},
        {"dynamic_samples",
         ParamSpec::Type::Int,
         100,
         1,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText", "items drawn to estimate the student's rank")},
        {"dynamic_start_epoch",
         ParamSpec::Type::Int,
         10,
         0,
         100000,
         {},
         RD_TR_NOOP("rd::CoreText", "epochs of static weights before the hybrid ones")},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<RdHook>(c); });
}

}  // namespace rd
