// `cd`: Collaborative Distillation (Lee et al., arXiv 1911.05276), teacher scores as soft labels.

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
        ranking_ = TeacherRanking::get(c.teacher, *c.data, c.params["candidates"].get<int32_t>());
        m_ = std::min(c.params["candidates"].get<int32_t>(), ranking_->commonLength());
        k_ = std::min(c.params["samples"].get<int32_t>(), m_);
    }
    void beginEpoch(int epoch, RecModel&) override {
        // Rank-aware sampling, redrawn every epoch: items the teacher ranks high are drawn more
        // often.
        Rng rng(Rng::mix(seed_, static_cast<uint64_t>(epoch)));
        const int64_t users = ranking_->items.size(0);
        auto picks = torch::empty({users, k_}, torch::kLong);
        auto* p = picks.data_ptr<int64_t>();
        for (int64_t u = 0; u < users; ++u) {
            const auto ranks = sampleRanks(m_, k_, rankTemp_, rng);
            for (int32_t j = 0; j < k_; ++j) p[u * k_ + j] = ranks[j];
        }
        items_ = ranking_->items.gather(1, picks);
        scores_ = ranking_->scores.gather(1, picks);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto s = student.scorePairs(users.unsqueeze(1), rowsFor(items_, users));
        auto t = scores_.index_select(0, users);
        return {{"cd", lambda_ * perBatch(collaborativeDistillLoss(s, t, temperature_), batch)}};
    }

private:
    double lambda_, temperature_, rankTemp_;
    uint64_t seed_;
    int32_t m_ = 0, k_ = 0;
    std::shared_ptr<const TeacherTopM> ranking_;
    torch::Tensor items_, scores_;
};

}  // namespace

void registerCdMethod() {
    MethodInfo info;
    info.name = "cd";
    info.displayName = "CD (collaborative distillation)";
    info.description =
        "Collaborative Distillation (Lee et al. 2019): each epoch, unobserved items are drawn for "
        "every user "
        "with a probability that falls with the teacher's rank, and the teacher's scores on them "
        "become soft "
        "labels σ(t/T) between 0 and 1. The student fits those labels with a cross-entropy, so it "
        "learns how "
        "likely the teacher thinks each unseen item is, not just a yes/no.";
    info.formula =
        "L = L_BPR + λ · Σ_u −Σ_{i∈S_u} [w_ui · log σ(s_ui) + (1−w_ui) · log(1−σ(s_ui))] / B,  "
        "w_ui = σ(t_ui/T), "
        "S_u drawn from the teacher's top-M with p ∝ exp(−rank/μ)";
    info.schema = {
        {"lambda", ParamSpec::Type::Float, 1.0, 0, 1e6, {}, "weight of the distillation loss"},
        {"samples", ParamSpec::Type::Int, 10, 1, 1000, {}, "items drawn per user and epoch"},
        {"candidates",
         ParamSpec::Type::Int,
         100,
         1,
         10000,
         {},
         "M: teacher's top-M items the draw comes from"},
        {"rank_temp",
         ParamSpec::Type::Float,
         10.0,
         1e-3,
         1e4,
         {},
         "μ: rank decay of the draw probability"},
        {"temperature", ParamSpec::Type::Float, 1.0, 1e-3, 1e4, {}, "T: soft label σ(t/T)"},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<CdHook>(c); });
}

}  // namespace rd
