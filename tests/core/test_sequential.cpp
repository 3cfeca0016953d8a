// Sequences and the sequential teacher (issue 18): histories in time order with ties in file order,
// the history before validation and before test, `sasrec` learning an order that MF cannot see on
// the sequential demo, refusing data without timestamps, and the sampled evaluation protocol.

#include <QtTest>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "catalog/metric_catalog.h"
#include "config/run_config.h"
#include "data/dataset_builder.h"
#include "data/demo_generator.h"
#include "data/demo_spec.h"
#include "data/split.h"
#include "data/train_data.h"
#include "engine/trainer.h"
#include "eval/evaluator.h"
#include "eval/sampled_ranking.h"
#include "models/causal_softmax.h"
#include "models/model_factory.h"
#include "models/model_registry.h"
#include "models/trained_model.h"
#include "test_util.h"
#include "util/rng.h"
#include "util/torch_info.h"

namespace {

rd::TrainingData looData(const rd::Dataset& ds) {
    rd::SplitConfig sc;
    sc.kind = rd::SplitKind::LeaveOneOut;
    return rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, sc));
}

/** The demo data with sequential structure, split leave-one-out. */
rd::TrainingData sequentialDemo(int users, int items) {
    rd::DemoConfig c;
    c.users = users;
    c.items = items;
    c.sequential = true;
    return looData(rd::generateDemoDataset(c));
}

std::vector<int32_t> row(const rd::UserSequences& s, int32_t u) {
    return {s.items.begin() + s.begin(u), s.items.begin() + s.end(u)};
}

rd::TrainConfig sequentialConfig(int epochs) {
    rd::TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 128;
    c.learningRate = 0.005;
    c.evalEvery = 0;
    c.patience = 0;
    c.ks = {10};
    c.seed = 5;
    return c;
}

}  // namespace

class TestSequential : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void historiesAreInTimeOrderWithTiesInFileOrder() {
        rd::DatasetBuilder b(false, true);
        // User 1 in the file: item 30 at t=5, 10 at t=1, 20 at t=5, 40 at t=9, 50 at t=7.
        const std::vector<std::pair<const char*, int>> lines = {
            {"30", 5}, {"10", 1}, {"20", 5}, {"40", 9}, {"50", 7}};
        for (const auto& [item, t] : lines) b.add(b.user("1"), b.item(item), 1.0f, t);
        const rd::Dataset ds = b.build("t", "t", "test");
        const rd::TrainingData d = looData(ds);
        QVERIFY(d.hasSequences());
        // Time order 10, 30, 20 (tie at t=5 in file order), 50, 40: test = 40, valid = 50.
        auto id = [&](const char* original) {
            for (int32_t i = 0; i < ds.numItems(); ++i)
                if (ds.itemIds[i] == original) return i;
            return -1;
        };
        QCOMPARE(row(d.trainSequences, 0), (std::vector<int32_t>{id("10"), id("30"), id("20")}));
        QCOMPARE(row(d.testHistories, 0),
                 (std::vector<int32_t>{id("10"), id("30"), id("20"), id("50")}));
        QVERIFY(d.test.contains(0, id("40")));
        QVERIFY(d.valid.contains(0, id("50")));
        QCOMPARE(&d.historyBefore(rd::SplitPart::Valid), &d.trainSequences);
        QCOMPARE(&d.historyBefore(rd::SplitPart::Test), &d.testHistories);

        rd::DatasetBuilder plain(false, false);
        plain.add(plain.user("1"), plain.item("1"));
        plain.add(plain.user("1"), plain.item("2"));
        const rd::Dataset none = plain.build("p", "p", "test");
        QVERIFY(!looData(none).hasSequences());
    }

    void sasrecRefusesDataWithoutTimestamps() {
        rd::DatasetBuilder b(false, false);
        for (int u = 0; u < 5; ++u)
            for (int i = 0; i < 4; ++i) b.add(b.user(std::to_string(u)), b.item(std::to_string(i)));
        const rd::Dataset ds = b.build("p", "p", "test");
        const rd::TrainingData d = looData(ds);
        const std::string message = rdtest::messageOf([&] {
            rd::trainModel(d, {"sasrec", {}}, sequentialConfig(1));
        });
        QVERIFY2(message.find("sasrec is a sequential model") != std::string::npos &&
                     message.find("no timestamps") != std::string::npos,
                 message.c_str());
    }

    void sequentialDemoMovesThroughCategories() {
        QVERIFY(rd::parseDemoSpec("demo:sequential=1").sequential);
        QVERIFY(!rd::parseDemoSpec("demo").sequential);
        try {
            rd::parseDemoSpec("demo:sequential=2");
            QFAIL("sequential=2 accepted");
        } catch (const std::exception& e) {
            QVERIFY2(std::string(e.what()).find("sequential") != std::string::npos, e.what());
        }
        // The share of consecutive items (in time) that share their first category.
        auto sameCategoryShare = [](bool sequential) {
            rd::DemoConfig c;
            c.users = 200;
            c.sequential = sequential;
            const rd::Dataset ds = rd::generateDemoDataset(c);
            const rd::TrainingData d = looData(ds);
            int64_t same = 0, pairs = 0;
            for (int32_t u = 0; u < d.numUsers; ++u)
                for (int64_t k = d.testHistories.begin(u) + 1; k < d.testHistories.end(u); ++k) {
                    const int32_t a = d.testHistories.items[k - 1], b = d.testHistories.items[k];
                    same += ds.itemCategories[ds.itemCategoryOffsets[a]] ==
                            ds.itemCategories[ds.itemCategoryOffsets[b]];
                    ++pairs;
                }
            return static_cast<double>(same) / static_cast<double>(pairs);
        };
        const double random = sameCategoryShare(false), sequential = sameCategoryShare(true);
        qDebug() << "same first category, consecutive items: random" << random << "sequential"
                 << sequential;
        QVERIFY(random < 0.35);
        QVERIFY(sequential > 0.75);
        // The same items per user either way; only their order differs.
        rd::DemoConfig a, b;
        a.users = b.users = 50;
        b.sequential = true;
        const rd::Dataset da = rd::generateDemoDataset(a), db = rd::generateDemoDataset(b);
        QCOMPARE(da.items, db.items);
        QVERIFY(da.fileOrder != db.fileOrder);
    }

    void sasrecLearnsTheOrderMfCannotSee() {
        const rd::TrainingData d = sequentialDemo(300, 300);
        const auto mf = rd::trainModel(d, {"mf", {{"dim", 32}}}, sequentialConfig(30));
        const auto sas = rd::trainModel(
            d, {"sasrec", {{"dim", 32}, {"layers", 1}, {"max_len", 50}, {"dropout", 0.2}}},
            sequentialConfig(30));
        QCOMPARE(QString::fromStdString(sas.status), QStringLiteral("finished"));
        rd::EvalOptions eo;
        eo.ks = {10};
        const double mfNdcg = rd::evaluateModel(*mf.model, d, eo).metrics.at("NDCG@10");
        const double sasNdcg = rd::evaluateModel(*sas.model, d, eo).metrics.at("NDCG@10");
        qDebug() << "leave-one-out test NDCG@10: mf" << mfNdcg << "sasrec" << sasNdcg;
        QVERIFY2(sasNdcg > 1.5 * mfNdcg, qPrintable(QString("%1 vs %2").arg(sasNdcg).arg(mfNdcg)));
        // Losses fall, and the same seed gives the same model.
        QVERIFY(sas.history.back().losses[0].second < 0.9 * sas.history.front().losses[0].second);
        const auto again = rd::trainModel(
            d, {"sasrec", {{"dim", 32}, {"layers", 1}, {"max_len", 50}, {"dropout", 0.2}}},
            sequentialConfig(2));
        const auto again2 = rd::trainModel(
            d, {"sasrec", {{"dim", 32}, {"layers", 1}, {"max_len", 50}, {"dropout", 0.2}}},
            sequentialConfig(2));
        QCOMPARE(again.history.back().losses[0].second, again2.history.back().losses[0].second);
        // Ranking test reads the validation item as the latest history: other scores than
        // ranking validation.
        std::vector<float> valid(static_cast<size_t>(d.numItems)), test(valid.size());
        const int32_t user = 0;
        sas.model->prepareForScoring(rd::SplitPart::Valid);
        sas.model->scoreUsers(&user, 1, valid.data());
        sas.model->prepareForScoring(rd::SplitPart::Test);
        sas.model->scoreUsers(&user, 1, test.data());
        QVERIFY(valid != test);
        // Cross-entropy over all items and pre-norm blocks train too.
        for (const nlohmann::json& variant :
             {nlohmann::json{{"loss", "ce"}}, nlohmann::json{{"norm", "pre"}, {"heads", 2}}}) {
            nlohmann::json p = {{"dim", 16}, {"layers", 1}, {"max_len", 20}};
            p.update(variant);
            const auto out = rd::trainModel(d, {"sasrec", p}, sequentialConfig(3));
            QCOMPARE(QString::fromStdString(out.status), QStringLiteral("finished"));
            QVERIFY(out.history.back().losses[0].second < out.history.front().losses[0].second);
        }
    }

    /** `padding: masked` encodes groups of rows only as wide as their longest history: a user
     *  scored alone (its own width), in a group of 32 (the group's width; all max_len slots where
     *  a group holds a long history) and in training's loss must give the same numbers. */
    void maskedPaddingIsTheSameAtEveryWidth() {
        const rd::TrainingData d = sequentialDemo(120, 200);
        const int64_t maxLen = 40;
        torch::manual_seed(3);
        auto model = rd::createModel("sasrec",
                                     rd::resolveParams(rd::findModel("sasrec").schema,
                                                       {{"dim", 16},
                                                        {"layers", 2},
                                                        {"max_len", maxLen},
                                                        {"loss", "ce"},
                                                        {"padding", "masked"}},
                                                       "model"),
                                     d);
        model->eval();
        torch::NoGradGuard g;
        // Lengths vary on both sides of max_len (else the test would not cross widths).
        int shorter = 0, longer = 0;
        for (int32_t u = 0; u < d.numUsers; ++u)
            (d.trainSequences.length(u) < maxLen ? shorter : longer) += 1;
        QVERIFY2(shorter > 10 && longer > 10,
                 qPrintable(QString("%1 / %2").arg(shorter).arg(longer)));
        model->setScoringPart(rd::SplitPart::Valid);
        model->beginEval();
        const torch::Tensor all = torch::arange(d.numUsers, torch::kLong);
        const torch::Tensor grouped = model->scoreAllItems(all);
        const torch::Tensor items = torch::arange(d.numItems, torch::kLong);
        double worst = 0;
        for (int64_t u = 0; u < d.numUsers; ++u) {
            const torch::Tensor alone =
                torch::mv(model->itemRepr(items), model->userRepr(torch::tensor({u})).view({-1}));
            worst = std::max(worst, (alone - grouped[u]).abs().max().item<double>());
        }
        model->endEval();
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
        // Training's loss over a batch of 50 users (groups of 16 by length) is the positions'
        // mean of the users' own losses (no dropout in eval mode; cross-entropy draws nothing).
        std::vector<int64_t> users;
        for (int64_t u = 0; u < 50; ++u)
            if (d.trainSequences.length(static_cast<int32_t>(u)) >= 2) users.push_back(u);
        rd::Batch batch;
        batch.users = torch::tensor(users);
        const double together = model->baseLoss(batch)[0].second.item<double>();
        double sum = 0, positions = 0;
        for (int64_t u : users) {
            rd::Batch one;
            one.users = torch::tensor({u});
            const double n =
                std::min<int64_t>(d.trainSequences.length(static_cast<int32_t>(u)) - 1, maxLen);
            sum += n * model->baseLoss(one)[0].second.item<double>();
            positions += n;
        }
        QVERIFY2(std::abs(together - sum / positions) < 1e-5,
                 qPrintable(QString("%1 vs %2").arg(together).arg(sum / positions)));
    }

    /** The fused causal softmax + dropout against the composition it replaces: softmax over
     *  scores plus a causal and padding mask (through autograd), then the dropout mask it
     *  applied; forward and backward, with and without dropout, and the same draws on 1 and 2
     *  threads. */
    void causalSoftmaxMatchesTheMaskedComposition() {
        torch::manual_seed(11);
        const int64_t b = 3, h = 2, len = 40;
        const torch::Tensor scores = torch::randn({b, h, len, len}) * 3;
        const torch::Tensor start = torch::tensor({0, 17, 39}, torch::kLong);
        // Allowed keys: j <= i, and j >= start unless the query itself is padding (i < start).
        const torch::Tensor i = torch::arange(len).view({len, 1}),
                            j = torch::arange(len).view({1, len});
        const torch::Tensor st = start.view({b, 1, 1, 1});
        const torch::Tensor allowed = (j <= i) & ((j >= st) | (i < st));
        const torch::Tensor mask =
            torch::zeros({b, 1, len, len}).masked_fill(allowed.logical_not(), -INFINITY);
        const torch::Tensor upstream = torch::randn({b, h, len, len});
        for (const double p : {0.0, 0.3}) {
            rd::Rng rng(5);
            const torch::Tensor s1 = scores.clone().requires_grad_(true);
            const torch::Tensor out = rd::causalSoftmaxDropout(s1, start, p, true, rng);
            (out * upstream).sum().backward();
            // The dropout mask it drew: kept weights are scaled by 1/(1-p), dropped ones are 0.
            const torch::Tensor s2 = scores.clone().requires_grad_(true);
            const torch::Tensor soft = torch::softmax(s2 + mask, -1);
            const torch::Tensor kept = (out != 0).to(torch::kFloat) / (1.0 - p);
            const torch::Tensor expected = soft * kept.detach();
            (expected * upstream).sum().backward();
            QVERIFY2(torch::allclose(out, expected, 1e-5, 1e-6),
                     qPrintable(QString::number((out - expected).abs().max().item<double>())));
            QVERIFY2(
                torch::allclose(s1.grad(), s2.grad(), 1e-4, 1e-5),
                qPrintable(QString::number((s1.grad() - s2.grad()).abs().max().item<double>())));
            // About p of the allowed weights dropped; none outside them drawn or set.
            const double allowedCount = allowed.expand({b, h, len, len}).sum().item<double>();
            const double dropped = allowedCount - (out != 0).sum().item<double>();
            QVERIFY2(std::abs(dropped / allowedCount - p) < 0.03,
                     qPrintable(QString::number(dropped / allowedCount)));
            QCOMPARE(out.masked_select(allowed.logical_not().expand({b, h, len, len}))
                         .abs()
                         .sum()
                         .item<double>(),
                     0.0);
            // The same draws on two threads.
            rd::setComputeThreads(2);
            rd::Rng again(5);
            const torch::Tensor two = rd::causalSoftmaxDropout(scores, start, p, true, again);
            rd::setComputeThreads(1);
            QVERIFY(torch::equal(out.detach(), two));
        }
        // Not training: no dropout.
        rd::Rng rng(5);
        QVERIFY(torch::allclose(rd::causalSoftmaxDropout(scores, start, 0.3, false, rng),
                                torch::softmax(scores + mask, -1), 1e-5, 1e-6));
    }

    void sampledRankingFollowsTheProtocol() {
        // Ten items; user u trained on items 0..4 (popular), its held-out item is 5 + u % 5.
        // `pop` scores by training popularity: items 0..4 have 20 each, 5..9 none.
        rd::DatasetBuilder b(false, true);
        for (int u = 0; u < 20; ++u) {
            for (int i = 0; i < 5; ++i)
                b.add(b.user(std::to_string(u)), b.item(std::to_string(i)), 1, i);
            b.add(b.user(std::to_string(u)), b.item(std::to_string(5 + u % 5)), 1, 10);
        }
        const rd::Dataset ds = b.build("t", "t", "test");
        rd::SplitConfig sc;
        sc.kind = rd::SplitKind::LeaveOneOut;
        const rd::TrainingData d = rd::TrainingData::fromSplit(ds, rd::makeSplit(ds, sc));
        const auto pop = rd::trainModel(d, {"pop", {}}, sequentialConfig(0));
        std::vector<int32_t> users;
        for (int32_t u = 0; u < d.numUsers; ++u)
            if (d.test.degree(u) > 0) users.push_back(u);
        QCOMPARE(users.size(), size_t(20));
        // Negatives come from items 5..9 only (not trained on), all scored 0 like the target: no
        // drawn item scores strictly higher, so every held-out item ranks first.
        const rd::MetricTable m =
            rd::sampledRankingMetrics(*pop.model, d, users, rd::SplitPart::Test, 100, {1, 5});
        QCOMPARE(m.at("SampledHR@1"), 1.0);
        QCOMPARE(m.at("SampledNDCG@5"), 1.0);
        QCOMPARE(m,
                 rd::sampledRankingMetrics(*pop.model, d, users, rd::SplitPart::Test, 100, {1, 5}));

        // Through the evaluator, beside the full-ranking metrics; the catalogue knows them.
        rd::EvalOptions eo;
        eo.ks = {1, 5};
        eo.sampledNegatives = 100;
        const rd::MetricTable all = rd::evaluateModel(*pop.model, d, eo).metrics;
        QCOMPARE(all.at("SampledHR@1"), 1.0);
        QVERIFY(all.count("NDCG@5"));
        QVERIFY(rd::findMetric("SampledNDCG@10") && rd::isSampledMetric("SampledHR@10"));
        QVERIFY(!rd::isSampledMetric("NDCG@10"));
    }

    void sampledRankCountsStrictlyHigherScores() {
        // An untrained MF gives distinct scores: the rank of each held-out item is the number of
        // drawn items scoring strictly higher, recomputed here from the model's own scores with
        // the protocol's definition over many users: the metrics lie between the all-lower and
        // all-higher extremes and change with K as the ranks say.
        rd::DemoConfig c;
        c.users = 100;
        c.items = 200;
        const rd::TrainingData d = looData(rd::generateDemoDataset(c));
        const auto mf = rd::trainModel(d, {"mf", {{"dim", 8}}}, sequentialConfig(0));
        std::vector<int32_t> users;
        for (int32_t u = 0; u < d.numUsers; ++u)
            if (d.test.degree(u) > 0) users.push_back(u);
        const rd::MetricTable m =
            rd::sampledRankingMetrics(*mf.model, d, users, rd::SplitPart::Test, 100, {1, 10, 101});
        // With 100 drawn items, rank < 101 always holds: HR@101 is 1.
        QCOMPARE(m.at("SampledHR@101"), 1.0);
        // An untrained model ranks the target about uniformly: HR@10 near 10/101.
        QVERIFY(m.at("SampledHR@10") > 0.03 && m.at("SampledHR@10") < 0.25);
        QVERIFY(m.at("SampledHR@1") <= m.at("SampledHR@10"));
        QVERIFY(m.at("SampledNDCG@10") <= m.at("SampledHR@10"));
    }

    void configKeys() {
        nlohmann::json train = {{"adam_beta2", 0.98}};
        nlohmann::json eval = {{"sampled_negatives", 100}};
        rd::TrainConfig c = rd::parseTrainConfig(train, eval);
        QCOMPARE(c.adamBeta2, 0.98);
        QCOMPARE(c.sampledNegatives, 100);
        train["valid_metric"] = "SampledNDCG@10";
        QCOMPARE(rd::parseTrainConfig(train, eval).validMetric, std::string("SampledNDCG@10"));
        const std::string refused =
            rdtest::messageOf([&] { rd::parseTrainConfig(train, nlohmann::json::object()); });
        QVERIFY2(refused.find("eval.sampled_negatives") != std::string::npos, refused.c_str());
        QVERIFY(rdtest::messageOf([] {
                    rd::parseTrainConfig({{"adam_beta2", 1.5}}, nlohmann::json::object());
                }).find("adam_beta2") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSequential)
#include "test_sequential.moc"
