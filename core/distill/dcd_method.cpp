// `dcd`: Dual Correction Distillation (Lee & Kim, CIKM 2021), the student's ranking errors vs the
// teacher.

#include <algorithm>
#include <cmath>
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

/**
 * One side (rows = users, columns items; or rows = items, columns users): the teacher's top-M
 * columns of each row and, refreshed every few epochs, the student's errors on that list.
 */
struct Side {
    torch::Tensor teacherTop;  ///< int64 [rows, M], best first
    /// float [rows, M]: tanh(max((r_S − r_T)/T, 0)) and tanh(max((r_T − r_S)/T, 0)) for each
    /// position of the teacher's list, r_S the student's rank within the same list
    torch::Tensor under, over;
    /// bool [rows, M] which entries are real (a row with fewer candidates than M has a shorter
    /// list: a user with few unobserved items, an item most users have); undefined = all
    torch::Tensor real;
};

/**
 * As the authors' DCD (dudwns511/DCD_CIKM21 run_dcd.py): every `refresh` epochs (epoch % 3 == 0)
 * the student scores only the teacher's top-M list of each user (and of each item: its top-M
 * users) and ranks it; an entry's under-estimation error is tanh(max((r_S − r_T)/T, 0)) and its
 * over-estimation error tanh(max((r_T − r_S)/T, 0)), both over the teacher's list. Each batch
 * draws K under-estimated entries (without replacement, p ∝ error, kept in the teacher's order)
 * and K over-estimated ones for every distinct user, and for every distinct positive item; a
 * relaxed ranking loss puts the first above the second. Summed next to a summed BPR there, so
 * divided by B here.
 */
class DcdHook : public LossHook {
public:
    explicit DcdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          temperature_(c.params["temperature"].get<double>()),
          k_(c.params["samples"].get<int32_t>()),
          refresh_(c.params["refresh_epochs"].get<int>()),
          rng_(Rng::mix(c.seed, 0xDCD)),
          data_(*c.data),
          cancel_(c.cancel) {
        int32_t m = c.params["candidates"].get<int32_t>();
        auto ranking = TeacherRanking::get(c.teacher, data_, m, cancel_);
        // Item side: the teacher's top users of each item, from the transposed score matrix.
        c.teacher->prepareForScoring();
        auto t = maskedScores(*c.teacher->impl().model, data_, cancel_).t();
        // Each row's own list: a user's real entries (its unobserved items), an item's users that
        // have not trained on it; one short row does not shorten the others.
        const int32_t mUsers = std::min(m, ranking->m);
        users_.teacherTop = ranking->items.narrow(1, 0, mUsers).to(torch::kLong).contiguous();
        users_.real = ranking->realEntries(mUsers);
        const auto mItems = static_cast<int32_t>(std::min<int64_t>(m, data_.numUsers));
        std::vector<torch::Tensor> tops;
        const int64_t chunk = rowsPerBlock(t.size(1));
        for (int64_t r = 0; r < t.size(0); r += chunk) {
            throwIfCancelled(cancel_);
            const int64_t b = std::min(chunk, t.size(0) - r);
            tops.push_back(std::get<1>(t.narrow(0, r, b).topk(mItems, 1, true, true)));
        }
        items_.teacherTop = torch::cat(tops, 0).contiguous();
        std::vector<int32_t> candidateUsers;  // per item: the users that have not trained on it
        for (int64_t i = 0; i < data_.numItems; ++i)
            candidateUsers.push_back(static_cast<int32_t>(
                std::min<int64_t>(mItems, data_.numUsers - data_.itemUserCount[i])));
        items_.real = realEntries(candidateUsers, mItems);
        k_ = std::min({k_, mUsers, mItems});
    }
    void beginEpoch(int epoch, RecModel& student) override {
        if ((epoch - 1) % refresh_ != 0 && users_.under.defined()) return;
        student.eval();
        student.beginEval();
        try {
            errors(users_, student, true);
            errors(items_, student, false);
        } catch (...) {
            student.endEval();
            student.train();
            throw;
        }
        student.endEval();
        student.train();
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto items = std::get<0>(at::_unique(batch.positives.reshape({-1}), true));
        torch::Tensor underItems, overItems, underUsers, overUsers;
        draw(users_, users, underItems, overItems);
        draw(items_, items, underUsers, overUsers);
        auto u = users.unsqueeze(1), i = items.unsqueeze(1);
        auto userSide =
            relaxedRankingLoss(student.scorePairs(u, underItems), student.scorePairs(u, overItems));
        auto itemSide =
            relaxedRankingLoss(student.scorePairs(underUsers, i), student.scorePairs(overUsers, i));
        return {{"dcd", lambda_ * (userSide.sum() + itemSide.sum()) /
                            static_cast<double>(batch.users.size(0))}};
    }

private:
    /** The student's errors on each row's teacher list, a block of rows at a time. */
    void errors(Side& side, RecModel& student, bool usersAreRows) const {
        torch::NoGradGuard guard;
        const int64_t rows = side.teacherTop.size(0), m = side.teacherTop.size(1);
        side.under = torch::empty({rows, m}, torch::kFloat);
        side.over = torch::empty({rows, m}, torch::kFloat);
        const int64_t chunk = rowsPerBlock(m);
        for (int64_t r0 = 0; r0 < rows; r0 += chunk) {
            throwIfCancelled(cancel_);
            const int64_t n = std::min(chunk, rows - r0);
            auto ids = torch::arange(r0, r0 + n, torch::kLong).unsqueeze(1);
            auto list = side.teacherTop.narrow(0, r0, n);
            auto scores =
                (usersAreRows ? student.scorePairs(ids, list) : student.scorePairs(list, ids))
                    .to(torch::kFloat);
            if (side.real.defined())  // entries past a row's list rank after all of its own
                scores = torch::where(side.real.narrow(0, r0, n), scores,
                                      torch::full({}, -INFINITY, scores.options()));
            const auto [under, over] = dcdRankErrors(scores, temperature_);
            side.under.narrow(0, r0, n).copy_(under);
            side.over.narrow(0, r0, n).copy_(over);
        }
    }

    void draw(const Side& side, const torch::Tensor& rows, torch::Tensor& under,
              torch::Tensor& over) {
        auto list = side.teacherTop.index_select(0, rows);
        auto real = side.real.defined() ? side.real.index_select(0, rows) : torch::Tensor();
        // K entries each, p ∝ error, never past the row's list (drawByErrors).
        auto a =
            std::get<0>(drawByErrors(side.under.index_select(0, rows), real, k_, rng_).sort(1));
        auto b = drawByErrors(side.over.index_select(0, rows), real, k_, rng_);
        under = list.gather(1, a);
        over = list.gather(1, b);
    }

    double lambda_, temperature_;
    int32_t k_;
    int refresh_;
    Rng rng_;
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
        "Dual Correction Distillation (Lee & Kim, CIKM 2021): every few epochs the student ranks "
        "the teacher's top-M list of each user and of each item, and each entry's ranking error "
        "against the teacher is measured. Entries the student ranks lower than the teacher "
        "(under-estimated) and higher (over-estimated) are drawn each batch, more often the larger "
        "the error, and a relaxed ranking loss puts the first above the second — for each user "
        "over "
        "items and for each positive item over users — so the student corrects the order of the "
        "teacher's list where it disagrees. Defaults from run_dcd.py: M 500, refresh every 3 "
        "epochs.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · [Σ_u RR(under_u ≻ over_u) + Σ_{i∈pos} RR(under_i ≻ over_i)] / B,  RR = "
        "−Σ_k [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈over} e^{s_j})],  p(under) ∝ tanh(max((r_S − "
        "r_T)/T, 0)), p(over) ∝ tanh(max((r_T − r_S)/T, 0)), ranks within the teacher's top-M");
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
         500,
         2,
         10000,
         {},
         RD_TR_NOOP("rd::CoreText", "M: length of the teacher's list the student re-ranks")},
        {"refresh_epochs",
         ParamSpec::Type::Int,
         3,
         1,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "epochs between two measurements of the student's errors")},
        {"temperature",
         ParamSpec::Type::Float,
         10.0,
         1e-3,
         1e5,
         {},
         RD_TR_NOOP("rd::CoreText", "T: rank-error scale inside tanh")},
    };
    info.needsFullScores = true;
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<DcdHook>(c); });
}

}  // namespace rd
