// `rrd`: Relaxed Ranking Distillation of DE-RRD (Kang et al., CIKM 2020).

#include <algorithm>

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

class RrdHook : public LossHook {
public:
    explicit RrdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          temperature_(c.params["temperature"].get<double>()),
          seed_(c.seed),
          data_(*c.data) {
        ranking_ =
            TeacherRanking::get(c.teacher, data_, c.params["candidates"].get<int32_t>(), c.cancel);
        m_ = std::min(c.params["candidates"].get<int32_t>(), ranking_->m);
        k_ = c.params["k"].get<int32_t>();
        l_ = c.params["l"].get<int32_t>();
        // Each user's own top-M (its real entries: a user with few unobserved items has fewer),
        // sorted, to keep "uninteresting" draws out of it.
        auto top = ranking_->items.contiguous();
        const int64_t width = top.size(1);
        topSorted_.resize(top.size(0));
        const int32_t* t = top.data_ptr<int32_t>();
        for (size_t u = 0; u < topSorted_.size(); ++u) {
            const int32_t own = std::min(m_, ranking_->valid[u]);
            topSorted_[u].assign(t + u * width, t + u * width + own);
            std::sort(topSorted_[u].begin(), topSorted_[u].end());
        }
    }
    void beginEpoch(int epoch, RecModel&) override {
        Rng rng(Rng::mix(seed_, static_cast<uint64_t>(epoch)));
        const int64_t users = data_.numUsers;
        auto picks = torch::empty({users, k_}, torch::kLong);
        below_ = torch::empty({users, l_}, torch::kLong);
        auto* p = picks.data_ptr<int64_t>();
        auto* b = below_.data_ptr<int64_t>();
        std::vector<int32_t> drawn;
        for (int64_t u = 0; u < users; ++u) {
            // K interesting ranks from the user's own list; a user with fewer than K takes each
            // of them about equally often, in order (rank 0 for a user the teacher does not
            // cover: the method skips it).
            const int32_t own = static_cast<int32_t>(topSorted_[static_cast<size_t>(u)].size());
            const auto ranks = sampleRanks(own, std::min(k_, own), temperature_, rng);
            for (int32_t j = 0; j < k_; ++j)
                p[u * k_ + j] = ranks.empty() ? 0 : ranks[j * ranks.size() / k_];
            // Without replacement (dataset.py draws the uninteresting items with
            // np.random.choice(..., replace=False)).
            drawn.clear();
            for (int32_t j = 0; j < l_; ++j) {
                int32_t item = uninteresting(static_cast<int32_t>(u), rng);
                for (int tries = 0;
                     tries < 64 && std::find(drawn.begin(), drawn.end(), item) != drawn.end();
                     ++tries)
                    item = uninteresting(static_cast<int32_t>(u), rng);
                drawn.push_back(item);
                b[u * l_ + j] = item;
            }
        }
        interesting_ = ranking_->items.gather(1, picks).to(torch::kLong);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto ordered = student.scorePairs(users.unsqueeze(1), interesting_.index_select(0, users));
        auto below = student.scorePairs(users.unsqueeze(1), below_.index_select(0, users));
        return {{"rrd", lambda_ * perBatch(relaxedRankingLoss(ordered, below), batch)}};
    }

private:
    /** A uniform item outside the user's training items and teacher top-M (any item after many
     * misses). */
    int32_t uninteresting(int32_t u, Rng& rng) const {
        int32_t item = 0;
        for (int tries = 0; tries < 64; ++tries) {
            item = static_cast<int32_t>(rng.below(static_cast<uint64_t>(data_.numItems)));
            if (!data_.train.contains(u, item) &&
                !std::binary_search(topSorted_[u].begin(), topSorted_[u].end(), item))
                break;
        }
        return item;
    }

    double lambda_, temperature_;
    uint64_t seed_;
    const TrainingData& data_;
    int32_t m_ = 0, k_ = 0, l_ = 0;
    std::shared_ptr<const TeacherTopM> ranking_;
    std::vector<std::vector<int32_t>> topSorted_;
    torch::Tensor interesting_, below_;
};

}  // namespace

RD_REGISTER_METHOD(registerRrdMethod) {
    MethodInfo info;
    info.name = "rrd";
    info.reference =
        "Kang et al., DE-RRD, CIKM 2020; code: SeongKu-Kang/DE-RRD_CIKM20 (GitHub) Utils/loss.py, "
        "Utils/dataset.py, run.py";
    info.year = 2020;
    info.displayName = RD_TR_NOOP("rd::CoreText", "RRD (relaxed ranking distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Relaxed Ranking Distillation from DE-RRD (Kang et al., CIKM 2020): each epoch, K "
        "\"interesting\" items "
        "are drawn from the teacher's top-M of every user (higher ranks more likely) and kept in "
        "the teacher's "
        "order, and L \"uninteresting\" items are drawn uniformly, without replacement, from "
        "outside the teacher's top-M and the user's training items. The student "
        "maximises the "
        "Plackett–Luce likelihood of the teacher's order of the interesting items, all above the "
        "uninteresting "
        "ones, without caring how the uninteresting ones are ordered among themselves.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · Σ_u −Σ_{k≤K} [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈unint} e^{s_j})] / B,  "
        "interesting "
        "items drawn from the teacher's top-M with p ∝ exp(−rank/T), in teacher order");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         0.001,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"k",
         ParamSpec::Type::Int,
         40,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "K: interesting items per user")},
        {"l",
         ParamSpec::Type::Int,
         40,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "L: uninteresting items per user")},
        {"temperature",
         ParamSpec::Type::Float,
         10.0,
         1e-3,
         1e4,
         {},
         RD_TR_NOOP("rd::CoreText", "T: rank decay of the interesting draw")},
        {"candidates",
         ParamSpec::Type::Int,
         500,
         1,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText",
                    "M: teacher's top-M items the interesting ones come from (and the "
                    "uninteresting ones never do); 500 as in dataset.py")},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<RrdHook>(c); });
}

}  // namespace rd
