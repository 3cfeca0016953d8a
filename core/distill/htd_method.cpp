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

class HtdHook : public LossHook {
public:
    explicit HtdHook(const MethodContext& c)
        : lambda_(c.params["lambda"].get<double>()),
          alpha_(c.params["alpha"].get<double>()),
          tauStart_(c.params["tau_start"].get<double>()),
          tauEnd_(c.params["tau_end"].get<double>()),
          annealEpochs_(c.params["anneal_epochs"].get<int>()),
          rng_(Rng::mix(c.seed, 0x47D)),
          teacher_(teacherRepresentations(*c.teacher, *c.data)),
          userGroups_(c.params["groups"].get<int64_t>(), c.studentDim, teacher_.users.size(1),
                      rng_),
          itemGroups_(c.params["groups"].get<int64_t>(), c.studentDim, teacher_.items.size(1),
                      rng_) {}
    void beginEpoch(int epoch, RecModel&) override {
        tau_ = ExpertBank::annealedTau(epoch, tauStart_, tauEnd_, annealEpochs_);
    }
    std::vector<NamedLoss> extraLoss(RecModel& student, const Batch& batch) override {
        auto users = distinctUsers(batch), items = distinctItems(batch);
        auto lu = side(userGroups_, student.userRepr(users), teacher_.users.index_select(0, users));
        auto li = side(itemGroups_, student.itemRepr(items), teacher_.items.index_select(0, items));
        return {{"htd", lambda_ * (lu + li) / static_cast<double>(batch.users.size(0))}};
    }
    std::vector<torch::Tensor> parameters() override {
        auto p = userGroups_.parameters();
        for (auto& t : itemGroups_.parameters()) p.push_back(t);
        return p;
    }

private:
    torch::Tensor side(const ExpertBank& bank, const torch::Tensor& s, const torch::Tensor& t) {
        // Group assignment (one-hot forward) trains the experts DE-style; the topology uses the
        // groups.
        torch::Tensor soft;
        auto z = bank.select(t, tau_, true, rng_, &soft);
        auto assignment = expertHintLoss(t, bank.map(s, z, soft)).sum();
        return alpha_ * htdTopologyLoss(s, t, z.detach()) + (1 - alpha_) * assignment;
    }

    double lambda_, alpha_, tauStart_, tauEnd_;
    int annealEpochs_;
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
        "embedding, the "
        "student copies the teacher's similarity structure. Entities are split into K groups by "
        "the teacher "
        "(DE-style expert selection, learned with a group-assignment loss); the student then "
        "matches the "
        "teacher's cosine similarities between group prototypes, between entities of the same "
        "group, and "
        "between each entity and the other groups' prototypes. Sizes of the two spaces may "
        "differ.");
    info.formula = RD_TR_NOOP(
        "rd::CoreText",
        "L = L_BPR + λ · [α · (Σ_{groups k,l}(cos_s − cos_t)² + Σ_{same group}(cos_s − cos_t)² + "
        "Σ_{entity, other prototype}(cos_s − cos_t)²) + (1−α) · Σ_e ‖t_e − Σ_m z_em E_m(s_e)‖²] / "
        "B, "
        "users and items");
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
    for (auto& spec : gumbelAnnealingSchema()) info.schema.push_back(spec);
    info.needsEmbeddings = true;
    registerMethod(info, [](const MethodContext& c) { return std::make_unique<HtdHook>(c); });
}

}  // namespace rd
