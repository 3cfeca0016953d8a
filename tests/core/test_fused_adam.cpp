// FusedAdam: the default kind gives torch::optim::Adam's parameters step for step (sparse table
// gradients included), the lazy kind moves only the rows its batches name.

#include <QtTest>

#include "data/dataset_builder.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/fused_adam.h"
#include "engine/trainer.h"
#include "models/model_factory.h"
#include "models/model_registry.h"
#include "models/rec_model.h"
#include "models/trained_model_impl.h"
#include "util/rng.h"
#include "util/torch_info.h"

namespace {

rd::TrainingData smallData() {
    rd::DatasetBuilder b(false, false);
    rd::Rng rng(11);
    for (int u = 0; u < 50; ++u)
        for (int k = 0; k < 6; ++k)
            b.add(b.user(std::to_string(u)), b.item(std::to_string(rng.below(80))));
    const rd::Dataset ds = b.build("small", "small", "test");
    return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, {}));
}

std::shared_ptr<rd::RecModel> makeModel(const std::string& name, const nlohmann::json& params,
                                        const rd::TrainingData& d) {
    torch::manual_seed(5);
    return rd::createModel(name, rd::resolveParams(rd::findModel(name).schema, params, "model"), d);
}

/** A batch of 16 users, positives and 2 negatives each, drawn from a small id range so that most
 *  rows of the tables are absent from any one batch. */
rd::Batch batchAt(int step, const rd::TrainingData& d) {
    rd::Rng rng(static_cast<uint64_t>(100 + step));
    auto u = torch::empty({16}, torch::kLong), p = torch::empty({16}, torch::kLong),
         n = torch::empty({16, 2}, torch::kLong);
    for (int r = 0; r < 16; ++r) {
        u[r] = static_cast<int64_t>(rng.below(static_cast<uint64_t>(d.numUsers / 2)));
        p[r] = static_cast<int64_t>(rng.below(static_cast<uint64_t>(d.numItems / 2)));
        n[r][0] = static_cast<int64_t>(rng.below(static_cast<uint64_t>(d.numItems / 2)));
        n[r][1] = static_cast<int64_t>(rng.below(static_cast<uint64_t>(d.numItems / 2)));
    }
    return {u, p, n};
}

torch::Tensor lossOf(rd::RecModel& m, const rd::Batch& b) {
    auto terms = m.baseLoss(b);
    torch::Tensor total = terms[0].second;
    for (size_t k = 1; k < terms.size(); ++k) total = total + terms[k].second;
    return total;
}

double maxDifference(rd::RecModel& a, rd::RecModel& b) {
    double worst = 0;
    auto pa = a.parameters(), pb = b.parameters();
    for (size_t k = 0; k < pa.size(); ++k)
        worst = std::max(worst, (pa[k] - pb[k]).abs().max().item<double>());
    return worst;
}

}  // namespace

class TestFusedAdam : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void matchesTorchAdam_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("params");
        // mf: every gradient row-sparse; neumf without dropout: sparse tables, dense layers (and
        // dense table gradients where the tables are projected whole).
        QTest::newRow("mf") << "mf"
                            << R"({"dim": 8, "reg": 0.01})";
        QTest::newRow("neumf") << "neumf"
                               << R"({"dim": 8, "mlp": [16, 8], "dropout": 0.0})";
        QTest::newRow("lightgcn") << "lightgcn"
                                  << R"({"dim": 8, "layers": 2})";
    }
    void matchesTorchAdam() {
        QFETCH(QString, model);
        QFETCH(QString, params);
        const rd::TrainingData d = smallData();
        const auto p = nlohmann::json::parse(params.toStdString());
        auto fused = makeModel(model.toStdString(), p, d);
        auto reference = makeModel(model.toStdString(), p, d);
        QCOMPARE(maxDifference(*fused, *reference), 0.0);
        const auto initial = fused->parameters()[0].detach().clone();

        rd::FusedAdam ours(fused->parameters(), 0.01);
        torch::optim::Adam theirs(reference->parameters(), torch::optim::AdamOptions(0.01));
        for (int step = 0; step < 40; ++step) {
            const rd::Batch b = batchAt(step, d);
            fused->beginBatch();
            lossOf(*fused, b).backward();
            if (step == 0)  // the tables' gradients arrive as the batch's rows
                QVERIFY(fused->parameters()[0].grad().is_sparse() == (model != "lightgcn"));
            ours.step();
            theirs.zero_grad();
            reference->beginBatch();
            lossOf(*reference, b).backward();
            for (auto& t : reference->parameters())  // torch's Adam takes dense gradients only
                if (t.grad().defined() && t.grad().is_sparse())
                    t.mutable_grad() = t.grad().to_dense();
            theirs.step();
        }
        QVERIFY2(maxDifference(*fused, *reference) < 1e-6,
                 qPrintable(QString::number(maxDifference(*fused, *reference))));
        // The batches draw from the first half of the ids: the last user never had a gradient, so
        // its moments are zero and even exact Adam leaves it where it started (LightGCN's graph
        // carries gradients to every row); rows the batches named moved.
        const auto now = fused->parameters()[0].detach();
        if (model != "lightgcn")
            QCOMPARE((now[d.numUsers - 1] - initial[d.numUsers - 1]).abs().max().item<double>(),
                     0.0);
        QVERIFY((now[0] - initial[0]).abs().max().item<double>() > 1e-3 ||
                (now[1] - initial[1]).abs().max().item<double>() > 1e-3);
    }

    /** train.loss_reduction "sum": step(B) on a mean loss's gradient is torch.optim.Adam with
     * weight decay on the summed loss (B × the mean), the Topology Distillation code's step. And it
     * is not the mean's step: next to decay the two part (the test could fail). */
    void summedLossMatchesTorchAdamWithDecay() {
        const rd::TrainingData d = smallData();
        const auto p = nlohmann::json::parse(R"({"dim": 8, "reg": 0.0})");
        auto summed = makeModel("mf", p, d), mean = makeModel("mf", p, d),
             reference = makeModel("mf", p, d);
        rd::FusedAdam ours(summed->parameters(), 0.01, rd::FusedAdam::Kind::Adam, 0.01);
        rd::FusedAdam plain(mean->parameters(), 0.01, rd::FusedAdam::Kind::Adam, 0.01);
        torch::optim::Adam theirs(reference->parameters(),
                                  torch::optim::AdamOptions(0.01).weight_decay(0.01));
        for (int step = 0; step < 40; ++step) {
            const rd::Batch b = batchAt(step, d);
            const auto rows = static_cast<double>(b.users.size(0));
            summed->beginBatch();
            lossOf(*summed, b).backward();
            ours.step(rows);
            mean->beginBatch();
            lossOf(*mean, b).backward();
            plain.step();
            theirs.zero_grad();
            reference->beginBatch();
            (lossOf(*reference, b) * rows).backward();
            for (auto& t : reference->parameters())
                if (t.grad().defined() && t.grad().is_sparse())
                    t.mutable_grad() = t.grad().to_dense();
            theirs.step();
        }
        QVERIFY2(maxDifference(*summed, *reference) < 1e-5,
                 qPrintable(QString::number(maxDifference(*summed, *reference))));
        QVERIFY2(maxDifference(*mean, *reference) > 1e-3,
                 qPrintable(QString::number(maxDifference(*mean, *reference))));
    }

    /** A row named at step 1 only: exact Adam keeps moving it (decaying momentum), lazy Adam
     * leaves it where step 1 put it, and both agree on step 1. */
    void lazyAdamMovesOnlyNamedRows() {
        const rd::TrainingData d = smallData();
        const nlohmann::json p = {{"dim", 4}};
        auto exact = makeModel("mf", p, d), lazy = makeModel("mf", p, d);
        rd::FusedAdam exactOpt(exact->parameters(), 0.01);
        rd::FusedAdam lazyOpt(lazy->parameters(), 0.01, rd::FusedAdam::Kind::LazyAdam);
        auto only = [](int64_t user, int64_t pos, int64_t neg) {
            return rd::Batch{torch::tensor({user}), torch::tensor({pos}), torch::tensor({{neg}})};
        };
        auto run = [&](rd::RecModel& m, rd::FusedAdam& opt, const rd::Batch& b) {
            lossOf(m, b).backward();
            opt.step();
        };
        const auto before = lazy->parameters()[0].detach().clone();
        run(*exact, exactOpt, only(0, 0, 1));
        run(*lazy, lazyOpt, only(0, 0, 1));
        QVERIFY(maxDifference(*exact, *lazy) < 1e-7);
        // Step 1 of Adam moves each named coordinate by lr · g / (|g| + eps) ≈ 0.01.
        const auto moved = (lazy->parameters()[0].detach()[0] - before[0]).abs();
        QVERIFY(std::abs(moved.max().item<double>() - 0.01) < 1e-5);
        const auto afterOne = lazy->parameters()[0].detach().clone();
        const auto exactAfterOne = exact->parameters()[0].detach().clone();
        run(*exact, exactOpt, only(1, 2, 3));
        run(*lazy, lazyOpt, only(1, 2, 3));
        // User 0 is not in step 2: lazy leaves it, exact moves it by lr·m̂/(sqrt(v̂)+eps) with
        // m̂ = 0.9·0.1·g / (1 - 0.81) and v̂ = 0.999·0.001·g² / (1 - 0.998001): about 0.01 · 0.4737 ·
        // 1.0005 per coordinate.
        QCOMPARE((lazy->parameters()[0].detach()[0] - afterOne[0]).abs().max().item<double>(), 0.0);
        const double step2 =
            (exact->parameters()[0].detach()[0] - exactAfterOne[0]).abs().max().item<double>();
        const double expected = 0.01 * (0.09 / 0.19) / std::sqrt(0.000999 / 0.001999);
        QVERIFY2(std::abs(step2 - expected) < 1e-6,
                 qPrintable(QString("%1 vs %2").arg(step2).arg(expected)));
        // User 1 (named at step 2 only): lazy uses the global step's bias correction.
        QVERIFY((lazy->parameters()[0].detach()[1] - before[1]).abs().max().item<double>() > 0);
    }

    /** mf's fused BPR step (no autograd) leaves the gradients autograd leaves: 40 steps of
     * FusedAdam each way give the same parameters, and the same loss terms at every step. */
    void fusedBprStepMatchesAutograd_data() {
        QTest::addColumn<double>("reg");
        QTest::addColumn<QString>("optimizer");
        QTest::newRow("bpr") << 0.0 << "adam";
        QTest::newRow("bpr+l2") << 0.05 << "adam";
        QTest::newRow("lazy") << 0.05 << "lazy_adam";
    }
    void fusedBprStepMatchesAutograd() {
        QFETCH(double, reg);
        QFETCH(QString, optimizer);
        const rd::TrainingData d = smallData();
        const nlohmann::json p = {{"dim", 8}, {"reg", reg}};
        auto fused = makeModel("mf", p, d), reference = makeModel("mf", p, d);
        const auto kind = rd::FusedAdam::kindFromName(optimizer.toStdString());
        rd::FusedAdam ours(fused->parameters(), 0.01, kind),
            theirs(reference->parameters(), 0.01, kind);
        double worstLoss = 0;
        for (int step = 0; step < 40; ++step) {
            const rd::Batch b = batchAt(step, d);  // 2 negatives, repeated ids
            std::vector<std::pair<std::string, double>> terms;
            QVERIFY(fused->fusedBprStep(b, terms));
            QVERIFY(fused->parameters()[1].grad().is_sparse());
            ours.step();
            const auto expected = reference->baseLoss(b);
            QCOMPARE(terms.size(), expected.size());
            torch::Tensor total = expected[0].second;
            for (size_t k = 0; k < expected.size(); ++k) {
                QCOMPARE(terms[k].first, expected[k].first);
                worstLoss = std::max(worstLoss,
                                     std::abs(terms[k].second - expected[k].second.item<double>()));
                if (k > 0) total = total + expected[k].second;
            }
            total.backward();
            theirs.step();
        }
        QVERIFY2(worstLoss < 1e-6, qPrintable(QString::number(worstLoss)));
        QVERIFY2(maxDifference(*fused, *reference) < 1e-6,
                 qPrintable(QString::number(maxDifference(*fused, *reference))));
        // Not vacuous: the two runs moved far from where they started.
        auto start = makeModel("mf", p, d);
        QVERIFY(maxDifference(*fused, *start) > 0.1);
        // Models without the path say so and leave the gradients alone.
        auto gcn = makeModel("lightgcn", {{"dim", 8}}, d);
        std::vector<std::pair<std::string, double>> none;
        QVERIFY(!gcn->fusedBprStep(batchAt(0, d), none));
        QVERIFY(none.empty());
    }

    /** The trainer's fused steps (mf, plain BPR) against train.fusedSteps = false: the same weights
     * and the same epoch losses after three epochs. */
    void trainerFusedStepsMatchAutograd() {
        const rd::TrainingData d = smallData();
        rd::TrainConfig cfg;
        cfg.epochs = 3;
        cfg.evalEvery = 0;
        cfg.batchSize = 32;  // ~8 steps an epoch, the last one short
        cfg.negatives = 2;
        const rd::ModelSpec spec{"mf", {{"dim", 8}, {"reg", 0.01}}};
        const auto fused = rd::trainModel(d, spec, cfg);
        cfg.fusedSteps = false;
        const auto reference = rd::trainModel(d, spec, cfg);
        QCOMPARE(fused.history.size(), size_t{3});
        QCOMPARE(reference.history.size(), size_t{3});
        for (size_t e = 0; e < 3; ++e) {
            QCOMPARE(fused.history[e].losses.size(), size_t{2});
            for (size_t k = 0; k < 2; ++k) {
                QCOMPARE(fused.history[e].losses[k].first, reference.history[e].losses[k].first);
                QVERIFY(std::abs(fused.history[e].losses[k].second -
                                 reference.history[e].losses[k].second) < 1e-6);
            }
        }
        auto& a = *fused.model->impl().model;
        auto& b = *reference.model->impl().model;
        QVERIFY2(maxDifference(a, b) < 1e-6, qPrintable(QString::number(maxDifference(a, b))));
    }

    void optimizerNames() {
        QCOMPARE(rd::FusedAdam::kindFromName("adam"), rd::FusedAdam::Kind::Adam);
        QCOMPARE(rd::FusedAdam::kindFromName("lazy_adam"), rd::FusedAdam::Kind::LazyAdam);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rd::FusedAdam::kindFromName("sgd"));
    }
};

QTEST_GUILESS_MAIN(TestFusedAdam)
#include "test_fused_adam.moc"
