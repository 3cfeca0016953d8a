// Distillation: each loss on hand-made tensors against values computed by hand, the shared teacher
// ranking, and every registered method training a few epochs with every trainable student model.

#include <QtTest>

#include <set>

#include <cmath>

#include "data/dataset_builder.h"
#include "data/split.h"
#include "data/train_data.h"
#include "distill/distill_losses.h"
#include "distill/distill_sampling.h"
#include "distill/expert_bank.h"
#include "distill/method_factory.h"
#include "distill/method_registry.h"
#include "distill/teacher_ranking.h"
#include "engine/training_loop.h"
#include "models/model_registry.h"
#include "models/trained_model_impl.h"
#include "util/rng.h"
#include "util/torch_info.h"

namespace {

double value(const torch::Tensor& t) {
    return t.item<double>();
}

/** Four taste groups of users, as in test_models: small enough for seconds of training. */
rd::TrainingData tinyData() {
    // Timestamps (the order of the lines) so that sequential models (sasrec) run too.
    rd::DatasetBuilder b(false, true);
    rd::Rng rng(7);
    for (int u = 0; u < 60; ++u) {
        std::vector<int> pool;
        for (int i = 0; i < 12; ++i) pool.push_back((u % 4) * 12 + i);
        rng.shuffle(pool.begin(), pool.end());
        for (int k = 0; k < 8; ++k)
            b.add(b.user(std::to_string(u)), b.item(std::to_string(pool[k])), 1.0f, k);
        b.add(b.user(std::to_string(u)), b.item(std::to_string(rng.below(48))), 1.0f,
              8);  // some noise
    }
    const rd::Dataset ds = b.build("tiny", "tiny", "test");
    rd::SplitConfig sc;
    sc.seed = 1;
    return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, sc));
}

rd::TrainConfig tinyConfig(int epochs) {
    rd::TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 64;
    c.learningRate = 0.01;
    c.evalEvery = 0;
    c.patience = 0;
    c.ks = {5};
    c.seed = 3;
    return c;
}

/** A small instance of any registered model: its size parameters set where its schema has them. */
rd::ModelSpec smallSpec(const std::string& name, int dim) {
    rd::ModelSpec spec{name, nlohmann::json::object()};
    for (const rd::ParamSpec& p : rd::findModel(name).schema) {
        if (p.name == "dim") spec.params["dim"] = dim;
        if (p.name == "mlp") spec.params["mlp"] = {16, 8};
        if (p.name == "max_len") spec.params["max_len"] = 12;
    }
    return spec;
}

std::shared_ptr<rd::TrainedModel> trainTeacher(const rd::TrainingData& data,
                                               const std::string& name) {
    auto out = rd::trainModel(data, smallSpec(name, 24), tinyConfig(8));
    return out.model;
}

}  // namespace

class TestDistillLosses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void subnormalsAreFlushed() {
        // 1e-30 × 1e-10 = 1e-40 is subnormal in float (what a softmax at a small temperature
        // makes): flushed to exactly 0 on the training thread, with one intra-op thread and with
        // two.
        for (int threads : {1, 2}) {
            rd::setComputeThreads(threads);
            auto tiny = torch::full({65536}, 1e-30f) * 1e-10f;
            QCOMPARE(tiny.count_nonzero().item<int64_t>(), int64_t{0});
            QCOMPARE((torch::full({1}, 1e-30f) * 10.f).item<float>(),
                     1e-29f);  // normal numbers untouched
        }
        rd::setComputeThreads(1);
    }

    void softLabelIsZeroWhenStudentEqualsTeacher() {
        auto t = torch::tensor({{1.5f, -0.5f, 0.2f}, {3.0f, 2.0f, 1.0f}});
        auto loss = rd::softLabelLoss(t.clone(), t, 2.0);
        QCOMPARE(loss.size(0), int64_t{2});
        QVERIFY(std::abs(value(loss.abs().sum())) < 1e-6);
    }
    void softLabelMatchesHandValues() {
        // p_t = (3/4, 1/4), p_s = (1/2, 1/2): KL = 3/4 ln 1.5 + 1/4 ln 0.5.
        auto s = torch::tensor({{0.0f, 0.0f}});
        auto t = torch::tensor({{static_cast<float>(std::log(3.0)), 0.0f}});
        QVERIFY(std::abs(value(rd::softLabelLoss(s, t, 1.0)[0]) - 0.130812036) < 1e-5);
        // τ = 2: p_t = (√3, 1)/(√3 + 1), times τ² = 4.
        QVERIFY(std::abs(value(rd::softLabelLoss(s, t, 2.0)[0]) - 0.145363131) < 1e-5);
    }
    void rankDistillPositionWeights() {
        auto w = rd::rankDistillWeights(3, 1.0);  // e^-1, e^-2, e^-3 normalised
        QVERIFY(std::abs(value(w[0]) - 0.665240956) < 1e-6);
        QVERIFY(std::abs(value(w[1]) - 0.244728471) < 1e-6);
        QVERIFY(std::abs(value(w[2]) - 0.090030573) < 1e-6);
        QVERIFY(std::abs(value(w.sum()) - 1.0) < 1e-6);
        auto loss = rd::rankDistillLoss(torch::tensor({{1.0f, 0.0f, -1.0f}}), w);
        QVERIFY(std::abs(value(loss[0]) - 0.496261057) < 1e-5);  // −Σ w_r log σ(s_r)
    }
    void relaxedRankingOnThreeItems() {
        // s = (2, 1, 0) in teacher order, one uninteresting item at 0.5:
        // −[2 − ln(e²+e+1+e^.5)] − [1 − ln(e+1+e^.5)] − [0 − ln(1+e^.5)].
        auto loss =
            rd::relaxedRankingLoss(torch::tensor({{2.0f, 1.0f, 0.0f}}), torch::tensor({{0.5f}}));
        QVERIFY(std::abs(value(loss[0]) - 2.200353045) < 1e-5);
        // Reversing the order the teacher gave must cost more.
        auto worse =
            rd::relaxedRankingLoss(torch::tensor({{0.0f, 1.0f, 2.0f}}), torch::tensor({{0.5f}}));
        QVERIFY(value(worse[0]) > value(loss[0]));
    }
    void collaborativeDistillSoftLabels() {
        auto t = torch::tensor({{2.0f, -1.0f}});
        auto w = rd::collaborativeDistillWeights(t, 2.0);  // σ(t/T)
        QVERIFY(std::abs(value(w[0][0]) - 0.731058579) < 1e-6);
        QVERIFY(std::abs(value(w[0][1]) - 0.377540669) < 1e-6);
        // The MEAN over the items (as in UnKD's CD baseline): item 1, s = 1:
        // −[0.731058579 · ln σ(1) + 0.268941421 · ln σ(−1)] = 0.229011 + 0.353191 = 0.582203;
        // item 2, s = 0: ln 2 = 0.693147. (0.582203 + 0.693147) / 2 = 0.637675.
        auto loss = rd::collaborativeDistillLoss(torch::tensor({{1.0f, 0.0f}}), t, 2.0);
        QVERIFY(std::abs(value(loss[0]) - 0.637675145) < 1e-5);
    }
    void pairwiseRanking() {
        auto loss =
            rd::pairwiseRankingLoss(torch::tensor({{1.0f, 0.0f}}), torch::tensor({{0.0f, 0.0f}}));
        QVERIFY(std::abs(value(loss[0]) - (std::log(1 + std::exp(-1.0)) + std::log(2.0))) < 1e-5);
    }
    void unkdPerUserLossIsTheMeanOverValidPairs() {
        // Pairs (1 vs 0), (0 vs 0) valid, (5 vs 0) masked out:
        // (ln(1 + e^−1) + ln 2) / 2 = (0.313261687 + 0.693147181) / 2 = 0.503204434.
        // A row without a valid pair contributes 0.
        auto loss = rd::meanPairwiseRankingLoss(
            torch::tensor({{1.0f, 0.0f, 5.0f}, {1.0f, 1.0f, 1.0f}}), torch::zeros({2, 3}),
            torch::tensor({{1.0f, 1.0f, 0.0f}, {0.0f, 0.0f, 0.0f}}));
        QVERIFY(std::abs(value(loss[0]) - 0.503204434) < 1e-5);
        QCOMPARE(value(loss[1]), 0.0);
        // 30 pairs in all over 4 groups; 2 groups; fewer pairs than groups.
        QCOMPARE(rd::unkdPairBudget(30, 4), (std::vector<int32_t>{8, 8, 7, 7}));
        QCOMPARE(rd::unkdPairBudget(30, 2), (std::vector<int32_t>{15, 15}));
        QCOMPARE(rd::unkdPairBudget(3, 4), (std::vector<int32_t>{1, 1, 1, 0}));
    }
    void batchReductions() {
        // Batch rows of users 2, 0, 2, 2: distinct users (0, 2) with losses (1, 2).
        rd::Batch batch;
        batch.users = torch::tensor({2, 0, 2, 2}, torch::kLong);
        batch.positives = torch::tensor({0, 1, 2, 3}, torch::kLong);
        batch.negatives = torch::tensor({{4}, {5}, {6}, {7}}, torch::kLong);
        QCOMPARE(rd::distinctUsers(batch).size(0), int64_t{2});
        auto perUser = torch::tensor({1.0f, 2.0f});
        // Sum over distinct users / B = (1 + 2) / 4; mean over rows = (1 + 2 + 2 + 2) / 4.
        QVERIFY(std::abs(value(rd::perBatch(perUser, batch)) - 0.75) < 1e-6);
        QVERIFY(std::abs(value(rd::perBatchRows(perUser, batch)) - 1.75) < 1e-6);
    }
    void tournamentRankSamplingIsSortedDistinctAndSeeded() {
        rd::Rng a(5), b(5);
        const auto ra = rd::sampleRanksTournament(300, 50, 6000.0, a);
        QCOMPARE(ra, rd::sampleRanksTournament(300, 50, 6000.0, b));
        QCOMPARE(ra.size(), size_t{50});
        for (size_t k = 1; k < ra.size(); ++k) QVERIFY(ra[k - 1] < ra[k]);
        QVERIFY(ra.back() < 300);
        // The better of two draws favours the top: more picks in the first half than the second.
        int top = 0;
        for (int32_t r : ra) top += r < 150;
        QVERIFY2(top > 25, qPrintable(QString::number(top)));
        // Asking for every rank, even with a very peaked draw, returns them all.
        rd::Rng c(1);
        QCOMPARE(rd::sampleRanksTournament(20, 20, 0.01, c).size(), size_t{20});
    }
    void shortListsAreMaskedNotTruncated() {
        // valid 5 and 3 entries of a width-4 list: the second user's last entry is not real.
        rd::TeacherTopM top;
        top.m = 4;
        top.valid = {5, 3};
        QVERIFY(!top.realEntries(3).defined());  // every user has 3: nothing to mask
        const auto real = top.realEntries(4);
        QCOMPARE(real.sum().item<int64_t>(), int64_t{7});
        QVERIFY(!real[1][3].item<bool>());
        // softlabel on a masked row = softlabel on the row cut at its end, value and gradient;
        // the masked entry gets no gradient and nothing is NaN.
        auto s = torch::tensor({{0.3f, -0.2f, 1.1f, 5.0f}}).requires_grad_(true);
        auto t = torch::tensor({{2.0f, 1.0f, 0.5f, 9.0f}});
        auto masked = rd::softLabelLoss(s, t, 2.0, real.narrow(0, 1, 1)).sum();
        auto gMasked = torch::autograd::grad({masked}, {s})[0];
        auto s3 = s.detach().narrow(1, 0, 3).clone().requires_grad_(true);
        auto cut = rd::softLabelLoss(s3, t.narrow(1, 0, 3), 2.0).sum();
        auto gCut = torch::autograd::grad({cut}, {s3})[0];
        QVERIFY(std::abs(masked.item<double>() - cut.item<double>()) < 1e-6);
        QVERIFY(cut.item<double>() > 1e-3);
        QVERIFY((gMasked.narrow(1, 0, 3) - gCut).abs().max().item<double>() < 1e-6);
        QCOMPARE(gMasked[0][3].item<double>(), 0.0);
    }

    void cdDrawsFromEachUsersOwnList() {
        // Three users: 1,000 real entries (list cut at m = 500), 20 entries, none. Before, every
        // user drew from the shortest covered list (20); now user 0 draws from its own 500.
        rd::Rng rng(3);
        const auto picks = rd::drawRanksPerUser({1000, 20, 0}, 500, 50, 60000.0, rng);
        QCOMPARE(picks.sizes(), (at::IntArrayRef{3, 50}));
        auto row0 = picks[0];
        QVERIFY(row0.max().item<int64_t>() < 500);
        QVERIFY2(row0.max().item<int64_t>() >= 100,
                 qPrintable(QString::number(row0.max().item<int64_t>())));
        QCOMPARE(std::get<0>(at::_unique(row0)).size(0), int64_t{50});  // distinct
        // User 1 has fewer candidates than draws: each of its 20 ranks, repeated to fill 50, in
        // order.
        auto row1 = picks[1];
        QCOMPARE(std::get<0>(at::_unique(row1)).size(0), int64_t{20});
        QVERIFY(row1.max().item<int64_t>() < 20);
        QCOMPARE(picks[2].abs().sum().item<int64_t>(), int64_t{0});
    }
    void unkdGroupsHoldEqualInteractionMass() {
        // Sorted by popularity: 1,1,1,1 | 2,2 | 4 | 4 — four groups of 4 interactions each.
        const std::vector<int64_t> pop{4, 1, 2, 1, 4, 1, 2, 1};
        const auto g = rd::popularityGroups(pop, 4);
        QCOMPARE(g, (std::vector<int32_t>{2, 0, 1, 0, 3, 0, 1, 0}));
        // A long tail: every group's mass is within one item's popularity of total / G.
        std::vector<int64_t> tail;
        for (int i = 1; i <= 200; ++i) tail.push_back(1000 / i);
        const auto groups = rd::popularityGroups(tail, 4);
        std::vector<double> mass(4, 0);
        double total = 0;
        for (size_t i = 0; i < tail.size(); ++i) {
            mass[groups[i]] += static_cast<double>(tail[i]);
            total += static_cast<double>(tail[i]);
        }
        for (double m : mass)
            QVERIFY2(std::abs(m - total / 4) <= 1000, qPrintable(QString::number(m)));
    }
    void rankSamplingIsSortedDistinctAndSeeded() {
        rd::Rng a(5), b(5);
        const auto ra = rd::sampleRanks(50, 10, 10.0, a), rb = rd::sampleRanks(50, 10, 10.0, b);
        QCOMPARE(ra, rb);
        QCOMPARE(ra.size(), size_t{10});
        for (size_t k = 1; k < ra.size(); ++k) QVERIFY(ra[k - 1] < ra[k]);
        QVERIFY(ra.back() < 50);
    }

    // Properties of every registered method, not a list of names: a new method file is covered as
    // it is.
    void everyMethodIsDescribed() {
        QVERIFY(rd::methodInfos().size() >= 9);
        QCOMPARE(rd::methodInfos().front().name, std::string("none"));  // the baseline comes first
        std::set<std::string> names;
        int year = 0;
        for (const auto& m : rd::methodInfos()) {
            QVERIFY2(names.insert(m.name).second, m.name.c_str());
            QVERIFY2(!m.displayName.empty() && !m.description.empty() && !m.formula.empty() &&
                         !m.reference.empty(),
                     m.name.c_str());
            QVERIFY2(m.year >= year, "methods are listed by the year of their paper");
            year = m.year;
            for (const auto& p : m.schema)
                QVERIFY2(!p.help.empty(), (m.name + "." + p.name).c_str());
            bool hasLambda = false;
            for (const auto& p : m.schema) hasLambda = hasLambda || p.name == "lambda";
            QCOMPARE(hasLambda, m.name != "none");
            rd::resolveParams(m.schema, nlohmann::json::object(), "method");
        }
        QVERIFY(rd::findMethod("de").needsEmbeddings && rd::findMethod("htd").needsEmbeddings);
        bool threw = false;
        try {
            rd::findMethod("nope");
        } catch (const std::invalid_argument&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void teacherRankingSkipsTrainingItemsAndIsShared() {
        const auto data = tinyData();
        auto teacher = trainTeacher(data, "mf");
        auto r = rd::TeacherRanking::get(teacher, data, 20);
        QCOMPARE(r->items.size(1), int64_t{20});
        auto again = rd::TeacherRanking::get(teacher, data, 10);
        QCOMPARE(again.get(), r.get());  // computed once, the shorter list is its prefix
        const auto* items = r->items.data_ptr<int32_t>();
        const auto* scores = r->scores.data_ptr<float>();
        for (int32_t u = 0; u < data.numUsers; ++u)
            for (int j = 0; j < 20; ++j) {
                QVERIFY(!data.train.contains(u, items[u * 20 + j]));
                if (j > 0) QVERIFY(scores[u * 20 + j - 1] >= scores[u * 20 + j]);
            }
    }

    void expertMapSkipsExactlyUnselectedExperts() {
        // Rows 0–3 have exactly one-hot weights (what an annealed τ gives), rows 4–5 soft ones: the
        // fast map must equal the dense sum in value and in every gradient (student, experts,
        // selection logits).
        rd::Rng rng(5);
        rd::ExpertBank bank(4, 3, 5, rng);
        auto s = torch::randn({6, 3}).requires_grad_(true);
        // z = softmax(logits): a gap of 200 underflows exp to exactly 0 in float, as an annealed τ
        // does.
        auto logits = torch::tensor({{200.f, 0.f, 0.f, 0.f},
                                     {0.f, 0.f, 200.f, 0.f},
                                     {0.f, 0.f, 200.f, 0.f},
                                     {0.f, 0.f, 0.f, 200.f},
                                     {0.2f, 0.3f, 0.4f, 0.1f},
                                     {0.f, 1.f, 1.f, 0.f}})
                          .requires_grad_(true);
        auto target = torch::randn({6, 5});
        auto gradsOf = [&](bool fast) {
            for (auto& p : bank.parameters())
                if (p.grad().defined()) p.grad().zero_();
            if (s.grad().defined()) s.grad().zero_();
            if (logits.grad().defined()) logits.grad().zero_();
            auto z = torch::softmax(logits, -1);
            auto out = fast ? bank.map(s, z) : bank.mapDense(s, z);
            (out - target).pow(2).sum().backward();
            std::vector<torch::Tensor> g{out.detach().clone(), s.grad().clone(),
                                         logits.grad().clone()};
            for (auto& p : bank.parameters())
                if (p.grad().defined()) g.push_back(p.grad().clone());
            return g;
        };
        const auto dense = gradsOf(false), fast = gradsOf(true);
        QCOMPARE(fast.size(), dense.size());
        for (size_t k = 0; k < dense.size(); ++k)
            QVERIFY2(torch::allclose(fast[k], dense[k], 1e-5, 1e-6),
                     qPrintable(QString("tensor %1").arg(k)));
        // Every row exactly one-hot: the fast path alone.
        auto hardZ = torch::zeros({6, 4}).index_fill_(1, torch::tensor({int64_t{1}}), 1.0);
        QVERIFY(torch::allclose(bank.map(s, hardZ), bank.mapDense(s, hardZ), 1e-5, 1e-6));
    }

    void expertDenseSumIsEachExpertWeighted() {
        // mapDense (wide products) and mapBatched (per-layer bmm) against Σ_m z_m E_m(s) written
        // out expert by expert, in value and in the student's and z's gradients.
        rd::Rng rng(9);
        rd::ExpertBank bank(3, 4, 6, rng);
        const auto p =
            bank.parameters();  // w1 [M, ds, H], b1 [M, 1, H], w2 [M, H, dt], b2 [M, 1, dt]
        auto s = torch::randn({5, 4}).requires_grad_(true);
        auto z = torch::softmax(torch::randn({5, 3}), -1).requires_grad_(true);
        auto target = torch::randn({5, 6});
        auto run = [&](int which) {
            if (s.grad().defined()) s.grad().zero_();
            if (z.grad().defined()) z.grad().zero_();
            torch::Tensor out;
            if (which == 0) {
                out = torch::zeros({5, 6});
                for (int64_t m = 0; m < 3; ++m)
                    out = out + z.narrow(1, m, 1) *
                                    (torch::relu(s.mm(p[0][m]) + p[1][m]).mm(p[2][m]) + p[3][m]);
            } else {
                out = which == 1 ? bank.mapDense(s, z) : bank.mapBatched(s, z);
            }
            (out - target).pow(2).sum().backward();
            return std::vector<torch::Tensor>{out.detach().clone(), s.grad().clone(),
                                              z.grad().clone()};
        };
        const auto reference = run(0), dense = run(1), batched = run(2);
        for (size_t k = 0; k < reference.size(); ++k) {
            QVERIFY2(torch::allclose(dense[k], reference[k], 1e-5, 1e-6),
                     qPrintable(QString("dense %1").arg(k)));
            QVERIFY2(torch::allclose(batched[k], reference[k], 1e-5, 1e-6),
                     qPrintable(QString("batched %1").arg(k)));
        }
    }

    void htdTopologyFollowsTheAuthorsCode() {
        // model.py get_TD_loss2, written out literally on n×n matrices: Z = one_hot(z);
        // prototypes tmp = Zᵀ / (Zᵀ·1 + 1e-10), P = (tmp·s)[G_set] under no_grad;
        // entity_mask = Z Zᵀ; t_sim = sim(t,t)·mask, kept where > 0, s_sim at the same entries;
        // loss = Σ (s_sim − t_sim)² + Σ (sim(P_s, s) − sim(P_t, t))².
        auto sim = [](const torch::Tensor& a, const torch::Tensor& b) {
            return torch::mm(a, b.t()) / a.norm(2, 1, true) / b.norm(2, 1, true).t();
        };
        auto literal = [&](const torch::Tensor& s, const torch::Tensor& t, const torch::Tensor& z,
                           int64_t groups, bool second) {
            auto Z = torch::one_hot(z, groups).to(torch::kFloat);
            auto gset = std::get<0>(at::_unique(z, true));
            torch::Tensor ps, pt;
            {
                torch::NoGradGuard g;
                auto tmp = Z.t() / (Z.t().sum(1, true) + 1e-10);
                ps = torch::mm(tmp, s).index_select(0, gset);
                pt = torch::mm(tmp, t).index_select(0, gset);
            }
            auto mask = torch::mm(Z, Z.t());
            auto tsim = sim(t, t) * mask;
            auto keep = tsim > 0;
            auto ssim = sim(s, s) * mask;
            auto entity = (ssim.masked_select(keep) - tsim.masked_select(keep)).pow(2).sum();
            auto group = second ? (sim(ps, s) - sim(pt, t)).pow(2).sum()
                                : (sim(ps, ps) - sim(pt, pt)).pow(2).sum();
            return entity + group;
        };
        torch::manual_seed(3);
        const auto z = torch::tensor({0, 0, 1, 3, 1, 0, 3, 3, 1, 5, 5, 4},
                                     torch::kLong);  // groups 2 stays empty
        for (bool second : {true, false}) {
            auto t = torch::randn({12, 6});
            auto s1 = torch::randn({12, 3}).requires_grad_(true);
            auto s2 = s1.detach().clone().requires_grad_(true);
            auto fast = rd::htdTopologyLoss(
                s1, t, z, 6,
                second ? rd::HtdChoice::PrototypeEntity : rd::HtdChoice::PrototypePrototype);
            auto slow = literal(s2, t, z, 6, second);
            QVERIFY2(
                torch::allclose(fast, slow, 1e-5, 1e-5),
                qPrintable(QString("%1 vs %2").arg(fast.item<double>()).arg(slow.item<double>())));
            fast.backward();
            slow.backward();
            QVERIFY(torch::allclose(s1.grad(), s2.grad(), 1e-4, 1e-5));
        }
        // Student and teacher the same: nothing to distil.
        auto x = torch::randn({12, 4});
        QVERIFY(rd::htdTopologyLoss(x, x, z, 6).item<double>() < 1e-8);
    }

    void htdGroupsAreTheSelectionsArgmax() {
        // The group of an entity is fixed by the teacher and the selection layer: the same input
        // gives the same groups, call after call (no Gumbel noise), and they are the argmax of W t.
        rd::Rng rng(5);
        rd::ExpertBank bank(7, 3, 6, rng);
        torch::manual_seed(1);
        auto t = torch::randn({40, 6});
        auto a = bank.assign(t), b = bank.assign(t);
        QVERIFY(torch::equal(a, b));
        auto soft = bank.select(t, 1.0, false, rng);  // noisy draw: may differ, argmax of W t not
        QCOMPARE(a.scalar_type(), torch::kLong);
        QVERIFY(a.min().item<int64_t>() >= 0 && a.max().item<int64_t>() < 7);
        QVERIFY(!a.requires_grad());
        (void)soft;
    }

    void rdHybridWeightsByHand() {
        // distill_caser.py: predicted_rank = floor((n_items − 1) · #(sampled > candidate) / S),
        // weight = clamp(tanh(μ (predicted_rank − col)), 0). n_items 101, S 4, μ 0.1; candidates
        // [3, 1, 2] against samples [2.5, 0.5, 1.5, 4]: 1, 3 and 2 samples above → ranks 25, 75,
        // 50 → tanh(2.5), tanh(7.4), tanh(4.8).
        auto c = torch::tensor({3.f, 1.f, 2.f}).view({1, 3});
        auto samples = torch::tensor({2.5f, 0.5f, 1.5f, 4.f}).view({1, 4});
        auto w = rd::rankDiscrepancyWeights(c, samples, 101, 0.1);
        const double expected[] = {std::tanh(2.5), std::tanh(7.4), std::tanh(4.8)};
        for (int r = 0; r < 3; ++r) QVERIFY(std::abs(w[0][r].item<double>() - expected[r]) < 1e-6);
        // A candidate the student already ranks above its position gets no weight.
        auto top =
            rd::rankDiscrepancyWeights(torch::tensor({9.f, 8.f}).view({1, 2}), samples, 101, 0.1);
        QCOMPARE(top[0][0].item<double>(), 0.0);
        QCOMPARE(top[0][1].item<double>(), 0.0);
    }

    void dcdErrorsOnAHandMadeRanking() {
        // The teacher's list is positions 0, 1, 2; the student scores them 0.1, 0.9, 0.5, so it
        // ranks them 2, 0, 1: position 0 is under-estimated by 2, positions 1 and 2 over-estimated
        // by 1 each. T = 1: under = tanh([2, 0, 0]), over = tanh([0, 1, 1]).
        const auto [under, over] =
            rd::dcdRankErrors(torch::tensor({0.1f, 0.9f, 0.5f}).view({1, 3}), 1.0);
        QVERIFY(std::abs(under[0][0].item<double>() - std::tanh(2.0)) < 1e-6);
        QCOMPARE(under[0][1].item<double>(), 0.0);
        QCOMPARE(under[0][2].item<double>(), 0.0);
        QCOMPARE(over[0][0].item<double>(), 0.0);
        QVERIFY(std::abs(over[0][1].item<double>() - std::tanh(1.0)) < 1e-6);
        QVERIFY(std::abs(over[0][2].item<double>() - std::tanh(1.0)) < 1e-6);
        // The over-estimated entries are the teacher's own (positions of its list), never items
        // outside it: both tensors have exactly the list's width.
        QCOMPARE(over.size(1), int64_t(3));
    }

    void dcdDrawsOnlyFromEachRowsOwnList() {
        // A teacher list of 5 where this row has only 3 real entries (a user with many training
        // items). The student scores the real ones 0.1, 0.9, 0.5 (as in the hand-made ranking
        // above); dcd_method ranks the entries past the list last (−inf), so the real entries'
        // errors are the 3-entry ones: under = tanh([2, 0, 0]), over = tanh([0, 1, 1]).
        const auto real = torch::tensor({true, true, true, false, false}).view({1, 5});
        auto scores = torch::tensor({0.1f, 0.9f, 0.5f, 0.7f, 0.8f}).view({1, 5});
        scores = torch::where(real, scores, torch::full({}, -INFINITY));
        const auto [under, over] = rd::dcdRankErrors(scores, 1.0);
        QVERIFY(std::abs(under[0][0].item<double>() - std::tanh(2.0)) < 1e-6);
        QVERIFY(std::abs(over[0][1].item<double>() - std::tanh(1.0)) < 1e-6);
        QVERIFY(std::abs(over[0][2].item<double>() - std::tanh(1.0)) < 1e-6);
        // The entries past the list rank last in their own order: no error, weight 0, like the
        // real entries the student ranks right. Only the mask keeps them out of the zero-weight
        // fill.
        QCOMPARE(under[0][3].item<double>() + under[0][4].item<double>(), 0.0);
        QCOMPARE(over[0][3].item<double>() + over[0][4].item<double>(), 0.0);
        rd::Rng rng(5);
        int firstDrawn = 0;
        for (int t = 0; t < 300; ++t) {
            // Over-estimated, K = 2: exactly positions 1 and 2, the only real errors.
            auto b = std::get<0>(rd::drawByErrors(over, real, 2, rng).sort(1));
            QCOMPARE(b[0][0].item<int64_t>(), int64_t(1));
            QCOMPARE(b[0][1].item<int64_t>(), int64_t(2));
            // Under-estimated, K = 2: position 0 (the only error) and one zero-weight real entry,
            // never 3 or 4.
            auto a = std::get<0>(rd::drawByErrors(under, real, 2, rng).sort(1));
            QCOMPARE(a[0][0].item<int64_t>(), int64_t(0));
            QVERIFY(a[0][1].item<int64_t>() == 1 || a[0][1].item<int64_t>() == 2);
            firstDrawn += a[0][1].item<int64_t>() == 1;
        }
        QVERIFY(firstDrawn > 100 && firstDrawn < 200);  // the zero-weight fill is uniform
        int pastTheList = 0;  // without the mask the fill reaches positions 3 and 4
        for (int t = 0; t < 300; ++t)
            pastTheList += rd::drawByErrors(under, {}, 2, rng).ge(3).any().item<bool>();
        QVERIFY(pastTheList > 50);
        // Without a mask the draw follows the weights: p ∝ [0.1, 0.3, 0.6] for K = 1.
        std::vector<int> counts(3, 0);
        for (int t = 0; t < 6000; ++t)
            ++counts[static_cast<size_t>(
                rd::drawByErrors(torch::tensor({0.1f, 0.3f, 0.6f}).view({1, 3}), {}, 1, rng)[0][0]
                    .item<int64_t>())];
        QVERIFY2(std::abs(counts[0] / 6000.0 - 0.1) < 0.02 &&
                     std::abs(counts[1] / 6000.0 - 0.3) < 0.02 &&
                     std::abs(counts[2] / 6000.0 - 0.6) < 0.02,
                 qPrintable(QString("%1 %2 %3").arg(counts[0]).arg(counts[1]).arg(counts[2])));
    }

    void ftdIsTheFullTopology() {
        // model.py FTD.get_TD_loss: Σ over every pair of (sim_t − sim_s)²; here 3 entities by hand.
        // s = [(1,0), (0,1), (1,1)], t = [(1,0), (1,0), (0,1)]: sim_s off-diagonal 0, 1/√2, 1/√2;
        // sim_t 1, 0, 0 → (0−1)²·2 + (1/√2)²·2·2 = 2 + 2 = 4.
        auto s = torch::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 1.f}).view({3, 2});
        auto t = torch::tensor({1.f, 0.f, 1.f, 0.f, 0.f, 1.f}).view({3, 2});
        QVERIFY(std::abs(rd::ftdTopologyLoss(s, t).item<double>() - 4.0) < 1e-5);
    }

    void ftdMatchesTheLiteralPairSum() {
        // ftdTopologyLoss uses d × d products; model.py builds the n × n similarity matrices.
        // Both, value and the student's gradient, on 300 random entities (student 10-d, teacher
        // 200-d as in the CiteULike protocol), the literal form in double.
        torch::manual_seed(11);
        auto s = torch::randn({300, 10}).requires_grad_(true);
        auto t = torch::randn({300, 200});
        auto fast = rd::ftdTopologyLoss(s, t);
        auto gradFast = torch::autograd::grad({fast}, {s})[0];
        auto sd = s.detach().to(torch::kDouble).requires_grad_(true);
        auto unit = [](const torch::Tensor& x) { return x / x.norm(2, -1, true); };
        auto sn = unit(sd), tn = unit(t.to(torch::kDouble));
        auto literal = (torch::mm(sn, sn.t()) - torch::mm(tn, tn.t())).pow(2).sum();
        auto gradLiteral = torch::autograd::grad({literal}, {sd})[0];
        const double value = literal.item<double>();
        QVERIFY(value > 100);  // a real sum, not a degenerate zero
        QVERIFY(std::abs(fast.item<double>() - value) < 1e-5 * value);
        const double gradError =
            (gradFast.to(torch::kDouble) - gradLiteral).abs().max().item<double>();
        QVERIFY2(gradError < 1e-4 * gradLiteral.abs().max().item<double>(),
                 qPrintable(QString::number(gradError)));
    }

    void rdHybridAndHtdFirstTrain() {
        // The options beside the defaults: RD's hybrid weights from the second epoch, RD static,
        // HTD's 'first' design, softlabel per distinct user.
        const auto data = tinyData();
        auto teacher = trainTeacher(data, "mf");
        runMethod(data, teacher, "rd", "mf", {{"dynamic_start_epoch", 0}});
        runMethod(data, teacher, "rd", "mf", {{"weighting", "static"}});
        runMethod(data, teacher, "htd", "mf", {{"choice", "first"}});
        runMethod(data, teacher, "softlabel", "mf", {{"reduction", "users"}});
    }

    void everyMethodTrainsEveryStudent() {
        const auto data = tinyData();
        auto teacher = trainTeacher(data, "mf");
        for (const auto& method : rd::methodInfos())
            for (const auto& model : rd::modelInfos()) {
                if (!model.trainable) continue;  // pop has nothing to learn
                runMethod(data, teacher, method.name, model.name);
            }
    }
    void embeddingAndRankMethodsWorkWithOtherTeachers() {
        const auto data = tinyData();
        for (const char* t : {"neumf", "lightgcn", "sasrec"}) {
            auto teacher = trainTeacher(data, t);
            for (const char* method : {"de", "htd", "dcd", "unkd"})
                runMethod(data, teacher, method, "mf");
        }
        // Every ranking method from a sequential teacher, into a small sequential student too.
        auto sasrec = trainTeacher(data, "sasrec");
        for (const auto& method : rd::methodInfos()) runMethod(data, sasrec, method.name, "sasrec");
    }
    void methodsAreDeterministicBySeed() {
        const auto data = tinyData();
        auto teacher = trainTeacher(data, "mf");
        auto a = runMethod(data, teacher, "rrd", "mf"), b = runMethod(data, teacher, "rrd", "mf");
        QCOMPARE(a, b);
    }

private:
    /** Trains the student two epochs with the method; checks the method's term is there and finite.
     */
    std::vector<double> runMethod(const rd::TrainingData& data,
                                  const std::shared_ptr<rd::TrainedModel>& teacher,
                                  const std::string& method, const std::string& student,
                                  const nlohmann::json& params = nlohmann::json::object()) {
        const auto label = QString::fromStdString(method + " / " + student);
        const auto spec = smallSpec(student, 8);
        auto hook = rd::createMethodHook(method, params, teacher, data, 11, spec);
        if (hook)
            [&] {
                // The hook's minimum of epochs is the one its MethodInfo names (what the progress
                // estimate plans with): htd's annealing length; none for de, which stops early
                // mid-anneal as run.py LOO_DE_run does, nor for the others.
                const rd::MethodInfo& info = rd::findMethod(method);
                int expected = 0;
                if (!info.minimumEpochsParam.empty()) {
                    for (const auto& p : info.schema)
                        if (p.name == info.minimumEpochsParam) expected = p.defaultValue.get<int>();
                    expected = params.value(info.minimumEpochsParam, expected);
                    QVERIFY2(expected > 0, qPrintable(label));
                }
                QCOMPARE(hook->minimumEpochs(), expected);
                if (method == "htd")
                    QCOMPARE(hook->minimumEpochs(), params.value("anneal_epochs", 100));
                if (method == "de") QCOMPARE(hook->minimumEpochs(), 0);
            }();
        auto out = rd::runTraining(data, spec, tinyConfig(2), "distill", {}, nullptr, hook.get());
        std::vector<double> losses;
        [&] {
            QVERIFY2((hook == nullptr) == (method == "none"), qPrintable(label));
            QVERIFY2(out.status == "finished",
                     qPrintable(label + ": " + QString::fromStdString(out.error)));
            QCOMPARE(out.history.size(), size_t{2});
            bool found = method == "none";
            for (const auto& report : out.history)
                for (const auto& [name, v] : report.losses) {
                    QVERIFY2(std::isfinite(v),
                             qPrintable(label + " " + QString::fromStdString(name)));
                    found = found || name == method;
                    losses.push_back(v);
                }
            QVERIFY2(found, qPrintable(label + ": no loss term named after the method"));
        }();
        return losses;
    }
};

QTEST_APPLESS_MAIN(TestDistillLosses)
#include "test_distill_losses.moc"
