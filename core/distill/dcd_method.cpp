// `dcd`: Dual Correction Distillation (Lee & Kim, CIKM 2021), the student's ranking errors vs the
// teacher.

#include <algorithm>
#include <limits>

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "models/trained_model_impl.h"
#include "util/rng.h"

namespace rd {

namespace {

// Rows per block of the full matrices: about 4 M entries, a fraction of a second to score or sort,
// so a cancel is seen between blocks.
int64_t rowsPerBlock(int64_t columns) {
    return std::max<int64_t>(1, (int64_t{1} << 22) / std::max<int64_t>(1, columns));
}

/** Scores of every (user, item) by model, training pairs at −∞: [numUsers, numItems]. */
torch::Tensor maskedScores(RecModel& model, const TrainingData& data, const CancelToken* cancel) {
    torch::NoGradGuard guard;
    std::vector<torch::Tensor> rows;
    const int64_t chunk = rowsPerBlock(data.numItems);
    for (int64_t s = 0; s < data.numUsers; s += chunk) {
        throwIfCancelled(cancel);
        rows.push_back(model
                           .scoreAllItems(torch::arange(
                               s, std::min<int64_t>(s + chunk, data.numUsers), torch::kLong))
                           .to(torch::kFloat));
    }
    auto scores = torch::cat(rows, 0).contiguous();
    float* p = scores.data_ptr<float>();
    for (int32_t u = 0; u < data.numUsers; ++u)
        for (int64_t k = data.train.begin(u); k < data.train.end(u); ++k)
            p[u * static_cast<int64_t>(data.numItems) + data.train.items[k]] =
                -std::numeric_limits<float>::infinity();
    return scores;
}

/** One side (rows = users or items): the teacher's top-M columns and this epoch's corrections. */
struct Side {
    torch::Tensor teacherTop;  ///< int64 [rows, M], best first
    /// int64 [rows, K]: under-estimated (in teacher order) and over-estimated entries
    torch::Tensor under, over;
};

class DcdHook : public LossHook {
public:
    explicit DcdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          temperature_(c.params["temperature"].get<double>()),
          k_(c.params["samples"].get<int32_t>()),
          seed_(c.seed),
          data_(*c.data),
          cancel_(c.cancel) {
        int32_t m = c.params["candidates"].get<int32_t>();
        auto ranking = TeacherRanking::get(c.teacher, data_, m, cancel_);
        // Item side: the teacher's top users of each item, from the transposed score matrix.
        c.teacher->prepareForScoring();
        auto t = maskedScores(*c.teacher->impl().model, data_, cancel_).t();
        const int64_t maxUsers =
            *std::max_element(data_.itemUserCount.begin(), data_.itemUserCount.end());
        m = static_cast<int32_t>(
            std::min<int64_t>({m, ranking->commonLength(), data_.numUsers - maxUsers}));
        users_.teacherTop = ranking->items.narrow(1, 0, m).to(torch::kLong).contiguous();
        std::vector<torch::Tensor> tops;
        const int64_t chunk = rowsPerBlock(t.size(1));
        for (int64_t r = 0; r < t.size(0); r += chunk) {
            throwIfCancelled(cancel_);
            const int64_t b = std::min(chunk, t.size(0) - r);
            tops.push_back(std::get<1>(t.narrow(0, r, b).topk(m, 1, true, true)));
        }
        items_.teacherTop = torch::cat(tops, 0).contiguous();
        k_ = std::min(k_, m);
    }
    void beginEpoch(int epoch, RecModel& student) override {
        Rng rng(Rng::mix(seed_, static_cast<uint64_t>(epoch)));
        student.eval();
        student.beginEval();
        torch::Tensor s;
        try {
            s = maskedScores(student, data_, cancel_);
        } catch (const Cancelled&) {
            student.endEval();
            student.train();
            throw;
        }
        student.endEval();
        student.train();
        resample(users_, s, rng);
        resample(items_, s.t(), rng);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch), items = distinctItems(batch);
        auto u = users.unsqueeze(1), i = items.unsqueeze(1);
        auto userSide =
            relaxedRankingLoss(student.scorePairs(u, users_.under.index_select(0, users)),
                               student.scorePairs(u, users_.over.index_select(0, users)));
        auto itemSide =
            relaxedRankingLoss(student.scorePairs(items_.under.index_select(0, items), i),
                               student.scorePairs(items_.over.index_select(0, items), i));
        return {{"dcd", lambda_ * (perBatch(userSide, batch) + perBatch(itemSide, batch))}};
    }

private:
    /**
     * Draws the corrections of one side from the student's scores [rows, columns], a block of
     * rows at a time (rows are independent): the argsort of the whole matrix took minutes on a
     * large data set with no point to stop at, and three [rows, columns] int64 temporaries.
     */
    void resample(Side& side, const torch::Tensor& scores, Rng& rng) const {
        const int64_t rows = scores.size(0), cols = scores.size(1), m = side.teacherTop.size(1);
        side.under = torch::empty({rows, k_}, torch::kLong);
        side.over = torch::empty({rows, k_}, torch::kLong);
        auto *under = side.under.data_ptr<int64_t>(), *over = side.over.data_ptr<int64_t>();
        const int64_t chunk = rowsPerBlock(cols);
        for (int64_t r0 = 0; r0 < rows; r0 += chunk) {
            throwIfCancelled(cancel_);
            const int64_t n = std::min(chunk, rows - r0);
            auto teacherTop = side.teacherTop.narrow(0, r0, n);
            auto order = scores.narrow(0, r0, n).contiguous().argsort(1, true);
            auto positions = torch::arange(cols, torch::kLong).expand({n, cols});
            auto rankS = torch::empty_like(order).scatter_(1, order, positions);
            auto rankT = torch::full({n, cols}, m, torch::kLong);
            auto top = torch::arange(m, torch::kLong).expand({n, m});
            rankT.scatter_(1, teacherTop, top);
            auto studentTop = order.narrow(1, 0, m).contiguous();
            // Under-estimated: the student ranks the teacher's item lower; over-estimated: the
            // other way.
            auto wUnder =
                torch::tanh(((rankS.gather(1, teacherTop) - top).to(torch::kFloat) / temperature_)
                                .clamp_min(0))
                    .contiguous();
            auto wOver =
                torch::tanh(((rankT.gather(1, studentTop) - top).to(torch::kFloat) / temperature_)
                                .clamp_min(0))
                    .contiguous();
            const auto *tt = teacherTop.data_ptr<int64_t>(), *st = studentTop.data_ptr<int64_t>();
            for (int64_t r = 0; r < n; ++r) {
                auto a = sampleByWeight(wUnder.data_ptr<float>() + r * m, static_cast<int32_t>(m),
                                        k_, rng);
                std::sort(a.begin(), a.end());  // keep the teacher's order
                const auto b = sampleByWeight(wOver.data_ptr<float>() + r * m,
                                              static_cast<int32_t>(m), k_, rng);
                for (int32_t j = 0; j < k_; ++j) {
                    under[(r0 + r) * k_ + j] = tt[r * m + a[j]];
                    over[(r0 + r) * k_ + j] = st[r * m + b[j]];
                }
            }
        }
    }

    double lambda_, temperature_;
    int32_t k_;
    uint64_t seed_;
    const TrainingData& data_;
    const CancelToken* cancel_;
    Side users_, items_;
};

}  // namespace

RD_REGISTER_METHOD(registerDcdMethod) {
    MethodInfo info;
    info.name = "dcd";
    info.reference =
        "Lee & Kim, Dual Correction Strategy for Ranking Distillation, CIKM 2021; code: "
        "dudwns511/DCD_CIKM21 (GitHub) run_dcd.py, Utils/dcd_loss.py";
    info.year = 2021;
    info.displayName = RD_TR_NOOP("rd::CoreText", "DCD (dual correction distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Dual Correction Distillation (Lee & Kim, CIKM 2021): each epoch the student's current "
        "ranking is "
        "compared with the teacher's. Items the student ranks much lower than the teacher "
        "(under-estimated) "
        "and items it ranks much higher (over-estimated) are drawn, more often the larger the "
        "error, and a "
        "relaxed ranking loss puts the first above the second. It is done twice: for each user "
        "over items, "
        "and for each item over users, so the student corrects exactly where it disagrees with the "
        "teacher.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · [Σ_u RR(under_u ≻ over_u) + Σ_i RR(under_i ≻ over_i)] / B,  RR = −Σ_k "
        "[s_k − log(Σ_{l≥k} "
        "e^{s_l} + Σ_{j∈over} e^{s_j})],  p(under) ∝ tanh(max((rank_S − rank_T)/T, 0)), p(over) ∝ "
        "tanh(max((rank_T − rank_S)/T, 0))");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         0.001,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"samples",
         ParamSpec::Type::Int,
         10,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "under- and over-estimated entries drawn per row")},
        {"candidates",
         ParamSpec::Type::Int,
         100,
         2,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText", "M: teacher's and student's top-M compared")},
        {"temperature",
         ParamSpec::Type::Float,
         10.0,
         1e-3,
         1e5,
         {},
         RD_TR_NOOP("rd::CoreText", "T: rank-error scale inside tanh")},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<DcdHook>(c); });
}

}  // namespace rd
