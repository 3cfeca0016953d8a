// `ftd`: Full Topology Distillation (Kang et al., KDD 2021), the other half of the TD paper.

#include "catalog/tr_noop.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"

namespace rd {

namespace {

/**
 * As the authors' FTD (model.py FTD.get_TD_loss, run.py): the batch's distinct users and items
 * (positives and negatives) as one set; the student's cosine similarities between every pair of
 * them match the teacher's. Summed over pairs next to a summed BPR in the reference, so divided by
 * B here.
 */
class FtdHook : public LossHook {
public:
    explicit FtdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          teacher_(teacherRepresentations(*c.teacher, *c.data)) {}
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch), items = distinctItems(batch);
        auto s = torch::cat({student.userRepr(users), student.itemRepr(items)});
        auto t = torch::cat(
            {teacher_.users.index_select(0, users), teacher_.items.index_select(0, items)});
        return {
            {"ftd", lambda_ * ftdTopologyLoss(s, t) / static_cast<double>(batch.users.size(0))}};
    }

private:
    double lambda_;
    TeacherRepresentations teacher_;
};

}  // namespace

RD_REGISTER_METHOD(registerFtdMethod) {
    MethodInfo info;
    info.name = "ftd";
    info.reference =
        "Kang et al., Topology Distillation for Recommender System, KDD 2021; code: "
        "SeongKu-Kang/Topology_Distillation_KDD21 (GitHub) model.py (FTD), run.py";
    info.year = 2021;
    info.displayName = RD_TR_NOOP("rd::CoreText", "FTD (full topology distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Full Topology Distillation (Kang et al., KDD 2021): the student copies the teacher's "
        "whole "
        "similarity structure. For the users and items of each batch taken together, the cosine "
        "similarity of every pair in the student's space is pulled towards the same pair's in the "
        "teacher's space. Sizes of the two spaces may differ. Meant for students with enough "
        "capacity; HTD is the variant for small ones. Default λ 0.001 from the authors' notebook. "
        "With a sequential model (sasrec) a user's embedding is its encoding after the user's "
        "training history.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · Σ_{i,j ∈ users ∪ items of the batch} (cos_s(i, j) − cos_t(i, j))² / B");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         0.001,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
    };
    info.needsEmbeddings = true;
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<FtdHook>(c); });
}

}  // namespace rd
