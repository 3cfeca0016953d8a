// `cd`: Collaborative Distillation (Lee et al., arXiv 1911.05276), teacher scores as soft labels.
//
// No code by the paper's authors was found; the reference is the CD baseline the UnKD authors ran
// (chengang95/UnKD, UnKD/sample.py class CD, with UnKD/utils.py BPRLoss.stageOne and parse.py):
// n_distill = 50 items per user from the teacher's top 3000 (training items excluded), each the
// better-ranked of two ranks drawn with p ∝ exp(−(r+1)/(3000·20)) (nearly uniform, so the
// tournament makes p fall about linearly with the rank), soft labels σ(t/2), the cross-entropy
// averaged over the items and over the batch's rows, added to the mean BPR with kd_weight = 1.
// RCEKD (woriazzc/RCEKD, the CD class of its KD zoo) has the same sampler and labels but sums. The
// draw is made once per epoch here (theirs once per run; "student guide" in RCEKD redraws).

#include "catalog/tr_noop.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

class CdHook : public LossHook {
public:
    explicit CdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          temperature_(c.params["temperature"].get<double>()),
          rankTemp_(c.params["rank_temp"].get<double>()),
          seed_(c.seed) {
        ranking_ = TeacherRanking::get(c.teacher, *c.data, c.params["candidates"].get<int32_t>(),
                                       c.cancel);
        m_ = std::min(c.params["candidates"].get<int32_t>(), ranking_->m);
        k_ = c.params["samples"].get<int32_t>();
    }
    void beginEpoch(int epoch, RecModel&) override {
        // Rank-aware sampling, redrawn every epoch: items the teacher ranks high are drawn more
        // often (the better of two draws).
        // Each user draws from its own unobserved items (up to m of the teacher's list).
        Rng rng(Rng::mix(seed_, static_cast<uint64_t>(epoch)));
        auto picks = drawRanksPerUser(ranking_->valid, m_, k_, rankTemp_, rng);
        items_ = ranking_->items.gather(1, picks);
        scores_ = ranking_->scores.gather(1, picks);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto s = student.scorePairs(users.unsqueeze(1), rowsFor(items_, users));
        auto t = scores_.index_select(0, users);
        return {
            {"cd", lambda_ * perBatchRows(collaborativeDistillLoss(s, t, temperature_), batch)}};
    }

private:
    double lambda_, temperature_, rankTemp_;
    uint64_t seed_;
    int32_t m_ = 0, k_ = 0;
    std::shared_ptr<const TeacherTopM> ranking_;
    torch::Tensor items_, scores_;
};

}  // namespace

RD_REGISTER_METHOD(registerCdMethod) {
    MethodInfo info;
    info.name = "cd";
    info.reference =
        "Lee et al., Collaborative Distillation for Top-N Recommendation, ICDM 2019; authors' code "
        "not public, follows chengang95/UnKD (GitHub) UnKD/sample.py class CD";
    info.year = 2019;
    info.displayName = RD_TR_NOOP("rd::CoreText", "CD (collaborative distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Collaborative Distillation (Lee et al. 2019): each epoch, unobserved items are drawn for "
        "every user "
        "with a probability that falls with the teacher's rank (the better of two draws), and the "
        "teacher's scores on them become soft labels σ(t/T) between 0 and 1. The student fits "
        "those labels with a cross-entropy averaged over the items, so it learns how likely the "
        "teacher thinks each unseen item is, not just a yes/no.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · mean over the batch's rows (u, ·) of −(1/|S_u|) Σ_{i∈S_u} [w_ui · log "
        "σ(s_ui) + (1−w_ui) · log(1−σ(s_ui))],  w_ui = σ(t_ui/T), S_u: each item the better-ranked "
        "of two draws from the teacher's top-M with p ∝ exp(−rank/μ)");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         1.0,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"samples",
         ParamSpec::Type::Int,
         50,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "items drawn per user and epoch")},
        {"candidates",
         ParamSpec::Type::Int,
         3000,
         1,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText", "M: teacher's top-M items the draw comes from")},
        {"rank_temp",
         ParamSpec::Type::Float,
         60000.0,
         1e-3,
         1e6,
         {},
         RD_TR_NOOP(
             "rd::CoreText",
             "μ: rank decay of the draw probability (the reference's 20·M: nearly uniform)")},
        {"temperature",
         ParamSpec::Type::Float,
         2.0,
         1e-3,
         1e4,
         {},
         RD_TR_NOOP("rd::CoreText", "T: soft label σ(t/T)")},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<CdHook>(c); });
}

}  // namespace rd
