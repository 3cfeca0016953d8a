// `softlabel`: Hinton soft labels over the teacher's top-K items of each user.

#include "catalog/tr_noop.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"

namespace rd {

namespace {

class SoftLabelHook : public LossHook {
public:
    explicit SoftLabelHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          tau_(c.params["tau"].get<double>()),
          perRow_(c.params["reduction"].get<std::string>() == "rows") {
        auto ranking =
            TeacherRanking::get(c.teacher, *c.data, c.params["k"].get<int32_t>(), c.cancel);
        const int32_t k = std::min(c.params["k"].get<int32_t>(), ranking->m);
        items_ = ranking->items.narrow(1, 0, k);
        scores_ = ranking->scores.narrow(1, 0, k);
        real_ = ranking->realEntries(k);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch);
        auto s = student.scorePairs(users.unsqueeze(1), rowsFor(items_, users));
        auto t = scores_.index_select(0, users);
        // A user with fewer than K unobserved items: only its own list takes part.
        auto real = real_.defined() ? real_.index_select(0, users) : torch::Tensor();
        // RCEKD's KD sums the term over the batch's rows (every training pair) next to a summed
        // BPR: a user counts once per pair, as perBatchRows weighs it.
        auto perUser = softLabelLoss(s, t, tau_, real);
        return {{"softlabel",
                 lambda_ * (perRow_ ? perBatchRows(perUser, batch) : perBatch(perUser, batch))}};
    }

private:
    double lambda_, tau_;
    bool perRow_;
    torch::Tensor items_, scores_, real_;
};

}  // namespace

RD_REGISTER_METHOD(registerSoftLabelMethod) {
    MethodInfo info;
    info.name = "softlabel";
    info.reference =
        "Hinton et al., Distilling the Knowledge in a Neural Network, 2015; nearest recommender "
        "code: woriazzc/RCEKD (GitHub) modeling/KD/baseline.py class KD";
    info.year = 2015;
    info.displayName = RD_TR_NOOP("rd::CoreText", "Soft labels (Hinton KD)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Classic knowledge distillation (Hinton et al. 2015) applied to ranking: for each user the "
        "teacher's "
        "scores on its top-K unobserved items are turned into a probability distribution with a "
        "softmax at "
        "temperature τ, and the student is pushed to reproduce that distribution with its own "
        "scores on the "
        "same items. The student learns not only which items the teacher prefers but by how much.");
    info.formula = RD_TR_NOOP("rd::CoreText",
                              "L = L_BPR + λ · mean over the batch's rows (u, ·) of τ² · "
                              "KL(softmax(t_u/τ) ‖ softmax(s_u/τ)),  over the teacher's "
                              "top-K items of u");
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
         50,
         2,
         1000,
         {},
         RD_TR_NOOP("rd::CoreText", "teacher's top-K items per user")},
        {"tau",
         ParamSpec::Type::Float,
         1.0,
         1e-3,
         1e3,
         {},
         RD_TR_NOOP("rd::CoreText", "softmax temperature")},
        {"reduction",
         ParamSpec::Type::Choice,
         std::string("rows"),
         0,
         0,
         {"rows", "users"},
         RD_TR_NOOP("rd::CoreText",
                    "rows: a user's term counts once per training pair of the batch (RCEKD); "
                    "users: once per distinct user")},
    };
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<SoftLabelHook>(c); });
}

}  // namespace rd
