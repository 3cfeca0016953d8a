// `rd`: Ranking Distillation (Tang & Wang, KDD 2018), the teacher's top-K as weighted positives.
//
// Compared with the authors' code (graytowne/rank_distill: losses.py weighted_sigmoid_log_loss and
// the arguments of its distillation script): the term Σ_r w_r · (−log σ(s_r)), weights normalised
// to sum 1, is added to EACH training instance's loss and the sum is averaged over the batch, with
// teach_alpha = 1, K = 10 and position sharpness λ_r = 1 by default. So the term is averaged over
// the batch's rows (a user counts once per training pair), not summed over distinct users. RCEKD
// (woriazzc/RCEKD, the RD class of its KD zoo) sums the same per-row term next to a summed BPR,
// which is the same ratio. Their hybrid dynamic weight (μ = 0.1, from a later epoch) is not
// implemented here: this is the static-weight variant.

#include "catalog/tr_noop.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"

namespace rd {

namespace {

class RdHook : public LossHook {
public:
    explicit RdHook(const MethodContext& c) : lambda_(c.params["lambda"].get<double>()) {
        auto ranking =
            TeacherRanking::get(c.teacher, *c.data, c.params["k"].get<int32_t>(), c.cancel);
        const int32_t k = std::min(c.params["k"].get<int32_t>(), ranking->commonLength());
        items_ = ranking->items.narrow(1, 0, k);
        weights_ = rankDistillWeights(k, c.params["position_temp"].get<double>());
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto s = student.scorePairs(users.unsqueeze(1), rowsFor(items_, users));
        return {{"rd", lambda_ * perBatchRows(rankDistillLoss(s, weights_), batch)}};
    }

private:
    double lambda_;
    torch::Tensor items_, weights_;
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
        "the top.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · mean over the batch's rows (u, ·) of −Σ_{r≤K} w_r · log σ(s_{u,π_r}),  "
        "w_r = exp(−r/λ_r) / Σ_q exp(−q/λ_r)");
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
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<RdHook>(c); });
}

}  // namespace rd
