// `unkd`: Unbiased Knowledge Distillation (Chen et al., WSDM 2023), teacher ranking per popularity
// group.
//
// Compared with the authors' code (chengang95/UnKD: UnKD/sample.py class UnKD, UnKD/utils.py
// BPRLoss.stageOne, UnKD/parse.py): `pairs` (their sample_num, 30) is the number of pairs per user
// over ALL groups, split in equal shares by default (their group-ratio exponent lamda defaults to
// 0); ranks are drawn with p ∝ exp(−(r+1)/20), two distinct ranks per pair, the better one the
// "positive"; the per-user loss is the MEAN over the user's pairs, averaged over the BPR batch's
// rows, and added to the mean BPR with weight kd_weight = 1. They rank the teacher's top 1000 items
// of each group; `candidates` keeps 100, which holds all but e^−5 ≈ 0.7 % of the draw's mass.
// Their split_group default is 2; the G=4 of METHODS.md is kept.

#include <algorithm>
#include <cmath>

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

class UnkdHook : public LossHook {
public:
    explicit UnkdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()), seed_(c.seed) {
        const int groups = c.params["groups"].get<int32_t>();
        budget_ = unkdPairBudget(c.params["pairs"].get<int32_t>(), groups);
        const auto group = popularityGroups(c.data->itemPopularity, groups);
        for (int g = 0; g < groups; ++g) {
            // The teacher ranks each group on its own, so unpopular items get their own top list.
            std::vector<uint8_t> allowed(group.size());
            for (size_t i = 0; i < group.size(); ++i) allowed[i] = group[i] == g;
            lists_.push_back(computeTeacherTopM(
                *c.teacher, *c.data, c.params["candidates"].get<int32_t>(), &allowed, c.cancel));
        }
        const double temp = c.params["rank_temp"].get<double>();
        double sum = 0;
        for (int32_t r = 0; r < c.params["candidates"].get<int32_t>(); ++r) {
            sum += std::exp(-(r + 1) / temp);
            cumulative_.push_back(sum);
        }
    }
    void beginEpoch(int epoch, RecModel&) override {
        Rng rng(Rng::mix(seed_, static_cast<uint64_t>(epoch)));
        int64_t width = 0;
        for (int32_t n : budget_) width += n;
        const int64_t users = lists_[0].items.size(0);
        high_ = torch::zeros({users, width}, torch::kLong);
        low_ = torch::zeros({users, width}, torch::kLong);
        mask_ = torch::zeros({users, width}, torch::kFloat);
        auto *h = high_.data_ptr<int64_t>(), *l = low_.data_ptr<int64_t>();
        auto* m = mask_.data_ptr<float>();
        int64_t offset = 0;  // this group's first column
        for (size_t g = 0; g < lists_.size(); offset += budget_[g], ++g) {
            const TeacherTopM& list = lists_[g];
            const int32_t* items = list.items.data_ptr<int32_t>();
            for (int64_t u = 0; u < users; ++u) {
                const int32_t v = list.valid[u];
                if (v < 2) continue;
                for (int32_t p = 0; p < budget_[g]; ++p) {
                    int32_t a = drawRank(v, rng), b = drawRank(v, rng);
                    for (int tries = 0; a == b && tries < 16; ++tries) b = drawRank(v, rng);
                    if (a == b) continue;
                    const int64_t at = u * width + offset + p;
                    h[at] = items[u * list.m + std::min(a, b)];
                    l[at] = items[u * list.m + std::max(a, b)];
                    m[at] = 1.0f;
                }
            }
        }
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto sh = student.scorePairs(users.unsqueeze(1), high_.index_select(0, users));
        auto sl = student.scorePairs(users.unsqueeze(1), low_.index_select(0, users));
        auto perUser = meanPairwiseRankingLoss(sh, sl, mask_.index_select(0, users));
        return {{"unkd", lambda_ * perBatchRows(perUser, batch)}};
    }

private:
    /** A rank in [0, v) with p ∝ exp(−(r+1)/rank_temp). */
    int32_t drawRank(int32_t v, Rng& rng) const {
        const double x = rng.uniform() * cumulative_[v - 1];
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.begin() + v, x);
        return std::min<int32_t>(v - 1, static_cast<int32_t>(it - cumulative_.begin()));
    }

    double lambda_;
    uint64_t seed_;
    std::vector<int32_t> budget_;  ///< pairs per user and epoch in each group
    std::vector<TeacherTopM> lists_;
    std::vector<double> cumulative_;
    torch::Tensor high_, low_, mask_;
};

}  // namespace

RD_REGISTER_METHOD(registerUnkdMethod) {
    MethodInfo info;
    info.name = "unkd";
    info.reference =
        "Chen et al., Unbiased Knowledge Distillation for Recommendation, WSDM 2023; code: "
        "chengang95/UnKD (GitHub) UnKD/sample.py, dataloader.py";
    info.year = 2023;
    info.displayName = RD_TR_NOOP("rd::CoreText", "UnKD (popularity-stratified KD)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Unbiased Knowledge Distillation (Chen et al., WSDM 2023): plain distillation copies the "
        "teacher's "
        "popularity bias, so popular items get recommended even more. UnKD splits the items into G "
        "groups "
        "of equal total interactions (a few popular items, many unpopular ones) and only compares "
        "items of "
        "the same group: within each group it draws item pairs by the teacher's ranking and trains "
        "the "
        "student to order each pair like the teacher. Each user's loss is the mean over its pairs, "
        "so λ = 1 weighs it like the BPR loss.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · mean over the batch's rows (u, ·) of (1/P) Σ_g Σ_{(i,j) drawn in group g} "
        "−log σ(s_ui − s_uj),  P pairs per user split equally over the G groups, i ranked above j "
        "by the teacher within g, ranks drawn with p ∝ exp(−(r+1)/20)");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         1.0,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"groups",
         ParamSpec::Type::Int,
         4,
         1,
         100,
         {},
         RD_TR_NOOP("rd::CoreText", "G: popularity groups of equal interaction mass")},
        {"pairs",
         ParamSpec::Type::Int,
         30,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "P: item pairs per user and epoch, over all groups")},
        {"rank_temp",
         ParamSpec::Type::Float,
         20.0,
         1e-3,
         1e4,
         {},
         RD_TR_NOOP("rd::CoreText", "rank decay of the pair draw")},
        {"candidates",
         ParamSpec::Type::Int,
         100,
         2,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText", "teacher's top items per group the pairs come from")},
    };
    info.needsFullScores = true;
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<UnkdHook>(c); });
}

}  // namespace rd
