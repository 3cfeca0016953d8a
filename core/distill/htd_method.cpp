// `htd`: Hierarchical Topology Distillation (Kang et al., KDD 2021).

#include "catalog/tr_noop.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/expert_bank.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "util/rng.h"

namespace rd {

namespace {

HtdChoice parseChoice(const std::string& choice) {
    return choice == "first" ? HtdChoice::PrototypePrototype : HtdChoice::PrototypeEntity;
}

/**
 * As the authors' HTD (model.py HTD, run.py run_HTD): the batch's distinct users and items
 * (positives and negatives) form one set; each entity's topology group is the argmax of its side's
 * selection softmax(W t) (no noise, no gradient; item groups numbered after the user groups); the
 * topology loss runs over the joint set (htdTopologyLoss), and the group-assignment (GA) loss
 * trains the selection and the experts with soft Gumbel-softmax weights, as DE does. Loss = λ (α TD
 * + (1 − α) GA), summed over entities next to a summed BPR in the reference, so divided by B here.
 */
class HtdHook : public LossHook {
public:
    explicit HtdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          alpha_(c.params["alpha"].get<double>()),
          tauStart_(c.params["tau_start"].get<double>()),
          tauEnd_(c.params["tau_end"].get<double>()),
          annealEpochs_(c.params["anneal_epochs"].get<int>()),
          groups_(c.params["groups"].get<int64_t>()),
          choice_(parseChoice(c.params["choice"].get<std::string>())),
          rng_(Rng::mix(c.seed, 0x47D)),
          teacher_(teacherRepresentations(*c.teacher, *c.data)),
          userGroups_(groups_, c.studentDim, teacher_.users.size(1), rng_),
          itemGroups_(groups_, c.studentDim, teacher_.items.size(1), rng_) {}
    void beginEpoch(int epoch, RecModel&) override {
        tau_ = ExpertBank::annealedTau(epoch, tauStart_, tauEnd_, annealEpochs_);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch), items = distinctItems(batch);
        auto su = student.userRepr(users), si = student.itemRepr(items);
        auto tu = teacher_.users.index_select(0, users), ti = teacher_.items.index_select(0, items);
        auto ga = expertHintLoss(tu, userGroups_.map(su, userGroups_.select(tu, tau_, false, rng_)))
                      .sum() +
                  expertHintLoss(ti, itemGroups_.map(si, itemGroups_.select(ti, tau_, false, rng_)))
                      .sum();
        auto groups = torch::cat({userGroups_.assign(tu), itemGroups_.assign(ti) + groups_});
        auto td = htdTopologyLoss(torch::cat({su, si}), torch::cat({tu, ti}), groups, 2 * groups_,
                                  choice_);
        return {{"htd", lambda_ * (alpha_ * td + (1 - alpha_) * ga) /
                            static_cast<double>(batch.users.size(0))}};
    }
    int minimumEpochs() const override { return annealEpochs_; }
    std::vector<torch::Tensor> parameters() override {
        auto p = userGroups_.parameters();
        for (auto& t : itemGroups_.parameters()) p.push_back(t);
        return p;
    }

private:
    double lambda_, alpha_, tauStart_, tauEnd_;
    int annealEpochs_;
    int64_t groups_;
    HtdChoice choice_;
    double tau_ = 1.0;
    Rng rng_;
    TeacherRepresentations teacher_;
    ExpertBank userGroups_, itemGroups_;
};

}  // namespace

RD_REGISTER_METHOD(registerHtdMethod) {
    MethodInfo info;
    info.name = "htd";
    info.reference =
        "Kang et al., Topology Distillation for Recommender System, KDD 2021; code: "
        "SeongKu-Kang/Topology_Distillation_KDD21 (GitHub) model.py, run.py";
    info.year = 2021;
    info.displayName = RD_TR_NOOP("rd::CoreText", "HTD (hierarchical topology distillation)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "Hierarchical Topology Distillation (Kang et al., KDD 2021): instead of copying each "
        "embedding, the student copies the teacher's similarity structure. The batch's users and "
        "items are split into K topology groups per side by the teacher (the most likely group of "
        "a "
        "selection layer on teacher embeddings, learned with a DE-style group-assignment loss); "
        "the "
        "student then matches the teacher's cosine similarities between entities of the same group "
        "(where the teacher's is positive) and between every entity and every group prototype "
        "('second' design; 'first' compares prototypes with prototypes). Sizes of the two spaces "
        "may differ. Defaults from the authors' notebook and model.py: K 30, α 0.5, λ 0.001, τ "
        "from "
        "1 to 1e-10 over 100 epochs. With a sequential model (sasrec) a user's embedding is its "
        "encoding after the user's training history.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · [α · (Σ_{i,j same group, cos_t>0}(cos_s − cos_t)² + Σ_{prototype k, "
        "entity "
        "i}(cos_s(P_k, e_i) − cos_t(P_k, e_i))²) + (1−α) · Σ_e ‖t_e − Σ_m z_em E_m(s_e)‖²] / B, "
        "over users and items together");
    info.schema = {
        {"lambda",
         ParamSpec::Type::Float,
         0.001,
         0,
         1e6,
         {},
         RD_TR_NOOP("rd::CoreText", "weight of the distillation loss")},
        {"groups",
         ParamSpec::Type::Int,
         30,
         1,
         200,
         {},
         RD_TR_NOOP("rd::CoreText", "K: groups (experts) per side")},
        {"alpha",
         ParamSpec::Type::Float,
         0.5,
         0,
         1,
         {},
         RD_TR_NOOP("rd::CoreText", "α: topology vs group-assignment balance")},
    };
    info.schema.push_back(
        {"choice",
         ParamSpec::Type::Choice,
         std::string("second"),
         0,
         0,
         {"second", "first"},
         RD_TR_NOOP("rd::CoreText",
                    "group-level topology: second = prototype–entity (the authors' default), "
                    "first = prototype–prototype")});
    for (auto& spec : gumbelAnnealingSchema(100)) info.schema.push_back(spec);
    info.needsEmbeddings = true;
    info.minimumEpochsParam = "anneal_epochs";
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<HtdHook>(c); });
}

}  // namespace rd
