// Cancellation at each check point below the pipeline: the line reader of every loader, the demo
// generator, data preparation, full-ranking evaluation, the trainer at epoch start, in a method's
// epoch set-up and in validation, the teacher's ranking and DCD's full score matrix. Each case sets
// the token where that code must notice it and checks the state it ends in (Cancelled thrown, or a
// "cancelled" outcome), not how long it took.

#include <QtTest>

#include <memory>

#include "catalog/param_schema.h"
#include "config/run_config.h"
#include "data/data_loader.h"
#include "data/line_reader.h"
#include "data/train_data.h"
#include "distill/method_factory.h"
#include "distill/teacher_ranking.h"
#include "engine/training_loop.h"
#include "eval/evaluator.h"
#include "models/model_factory.h"
#include "models/model_registry.h"
#include "pipeline/prepared_data.h"
#include "test_util.h"
#include "util/torch_info.h"

namespace {

/** 120 users of the demo data, 8:1:1: seconds to train on. */
const rd::PreparedData& smallData() {
    static const rd::PreparedData data = rd::prepareData(rd::parseDataConfig(
        nlohmann::json::parse(R"({"path": "demo", "preprocess": {"max_users": 120}})")));
    return data;
}

rd::TrainConfig quickConfig(int epochs) {
    rd::TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 512;
    c.learningRate = 0.01;
    c.evalEvery = 1;
    c.patience = 0;
    c.validMetric = "NDCG@10";
    c.ks = {5, 10};
    c.threads = 1;
    return c;
}

const rd::ModelSpec kMf{"mf", {{"dim", 8}}};

std::shared_ptr<rd::TrainedModel> teacher() {
    static const auto model =
        rd::trainModel(smallData().data, {"mf", {{"dim", 16}}}, quickConfig(2)).model;
    return model;
}

/** A hook that adds nothing; it cancels on a given mini-batch or at a given epoch's set-up. */
class CancellingHook : public rd::LossHook {
public:
    CancellingHook(rd::CancelToken& token, int64_t onBatch, int atEpoch)
        : token_(token), onBatch_(onBatch), atEpoch_(atEpoch) {}
    void beginEpoch(int epoch, rd::RecModel&) override {
        if (epoch != atEpoch_) return;
        token_.cancel();
        rd::throwIfCancelled(&token_);  // as long set-up work does at its next check point
    }
    std::vector<rd::NamedLoss> extraLoss(rd::RecModel&, const rd::Batch&) override {
        if (++batches_ == onBatch_) token_.cancel();
        return {};
    }

private:
    rd::CancelToken& token_;
    int64_t onBatch_, batches_ = 0;
    int atEpoch_;
};

rd::CancelToken& cancelledToken() {
    static rd::CancelToken token;
    token.cancel();
    return token;
}

}  // namespace

class TestCancellation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    // The reader checks at its first line and then every kCancelCheckLines lines, so a cancel in
    // the middle of a file stops it at the next multiple.
    void lineReaderStopsAtItsNextCheck() {
        QTemporaryDir dir;
        QByteArray text;
        for (int k = 0; k < 40000; ++k) text += QByteArray::number(k) + "\t1\n";
        const std::string path = rdtest::writeFile(dir, "big.tsv", text);
        rd::CancelToken token;
        rd::LineReader reader(path, 1 << 20, &token);
        std::string_view line;
        int64_t read = 0;
        try {
            while (reader.next(line)) {
                if (++read == 100) token.cancel();
            }
            QFAIL("the reader did not stop");
        } catch (const rd::Cancelled&) {
        }
        QCOMPARE(read, rd::LineReader::kCancelCheckLines);
    }

    void everyLoaderStops_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("open");  // what loadDataset is given ("" = the file)
        QTest::newRow("ml-100k") << "u.data" << QByteArray("1\t1\t5\t100\n2\t1\t3\t200\n") << "";
        QTest::newRow("ml-1m") << "ratings.dat" << QByteArray("1::1193::5::978300760\n") << "";
        QTest::newRow("ml-latest")
            << "ratings.csv" << QByteArray("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n")
            << "";
        QTest::newRow("recbole") << "ml/ml.inter"
                                 << QByteArray("user_id:token\titem_id:token\n196\t242\n") << "ml";
        QTest::newRow("lightgcn") << "lg/train.txt" << QByteArray("0 1 2\n1 2 3\n") << "lg";
        QTest::newRow("delimited")
            << "plays.tsv" << QByteArray("u9\tbook\nu10\tpen\nalice\tbook\nu9\tapple\n") << "";
    }
    void everyLoaderStops() {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, open);
        QTemporaryDir dir;
        std::string path = rdtest::writeFile(dir, file, content);
        if (file.startsWith(QStringLiteral("lg/")))
            rdtest::writeFile(dir, QStringLiteral("lg/test.txt"), "0 3\n1 1\n");
        if (!open.isEmpty()) path = dir.filePath(open).toStdString();
        rd::LoadOptions options;
        QVERIFY(rd::loadDataset(path, options).dataset.numInteractions() > 0);  // loads uncancelled
        options.cancel = &cancelledToken();
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, rd::loadDataset(path, options));
    }

    void dataPreparationStops() {
        const rd::DataConfig config = rd::parseDataConfig(nlohmann::json{{"path", "demo"}});
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, rd::prepareData(config, &cancelledToken()));
    }

    void evaluationStops() {
        rd::EvalOptions options;
        options.ks = {10};
        options.cancel = &cancelledToken();
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled,
                                 rd::evaluateModel(*teacher(), smallData().data, options));
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled,
                                 rd::rankUsers(*teacher(), smallData().data, {0, 1, 2}, 10,
                                               rd::SplitPart::Test, 4096, &cancelledToken()));
    }

    void trainingStopsAtEpochStart() {
        const auto out =
            rd::trainModel(smallData().data, kMf, quickConfig(3), "model", {}, &cancelledToken());
        QCOMPARE(QString::fromStdString(out.status), QStringLiteral("cancelled"));
        QCOMPARE(out.epochsRun, 0);
        QVERIFY(out.model != nullptr);
        // A model without training is only validated: that validation stops too.
        const auto pop = rd::trainModel(smallData().data, {"pop", {}}, quickConfig(3), "model", {},
                                        &cancelledToken());
        QCOMPARE(QString::fromStdString(pop.status), QStringLiteral("cancelled"));
    }

    // Cancelled on the epoch's last mini-batch, the trainer meets the cancel in validation: the
    // epoch is reported with its losses and without validation, and the run is cancelled.
    void trainingStopsInValidation() {
        const rd::TrainConfig config = quickConfig(3);
        const auto n = static_cast<int64_t>(smallData().data.trainUsers.size());
        rd::CancelToken token;
        CancellingHook hook(token, (n + config.batchSize - 1) / config.batchSize, 0);
        std::vector<rd::EpochReport> reports;
        rd::TrainCallbacks callbacks;
        callbacks.onEpoch = [&](const rd::EpochReport& r) { reports.push_back(r); };
        const auto out =
            rd::runTraining(smallData().data, kMf, config, "model", callbacks, &token, &hook);
        QCOMPARE(QString::fromStdString(out.status), QStringLiteral("cancelled"));
        QCOMPARE(out.epochsRun, 1);
        QCOMPARE(reports.size(), size_t(1));
        QVERIFY(!reports[0].evaluated);
        QVERIFY(!reports[0].losses.empty());
        QCOMPARE(out.bestEpoch, 0);
    }

    void trainingStopsInAMethodsEpochSetUp() {
        rd::CancelToken token;
        CancellingHook hook(token, -1, 2);
        const auto out =
            rd::runTraining(smallData().data, kMf, quickConfig(3), "model", {}, &token, &hook);
        QCOMPARE(QString::fromStdString(out.status), QStringLiteral("cancelled"));
        QCOMPARE(out.epochsRun, 1);
        QCOMPARE(out.bestEpoch, 1);  // the finished epoch's weights are kept
    }

    // A cancelled ranking leaves the shared cache as it was: the next caller computes it whole.
    void teacherRankingStops() {
        const rd::TrainingData& data = smallData().data;
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, rd::computeTeacherTopM(*teacher(), data, 20,
                                                                       nullptr, &cancelledToken()));
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled,
                                 rd::TeacherRanking::get(teacher(), data, 20, &cancelledToken()));
        const auto ranking = rd::TeacherRanking::get(teacher(), data, 20);
        QCOMPARE(ranking->m, 20);
        QCOMPARE(static_cast<int32_t>(ranking->valid.size()), data.numUsers);
        QVERIFY(ranking->items.equal(rd::computeTeacherTopM(*teacher(), data, 20).items));
    }

    // Every method that ranks with the teacher stops while its hook is made.
    void methodSetUpStops_data() {
        QTest::addColumn<QString>("method");
        for (const char* m : {"softlabel", "rd", "cd", "rrd", "dcd", "unkd"}) QTest::newRow(m) << m;
    }
    void methodSetUpStops() {
        QFETCH(QString, method);
        // A fresh teacher, so no earlier test has cached its ranking.
        const auto fresh =
            rd::trainModel(smallData().data, {"mf", {{"dim", 16}}}, quickConfig(1)).model;
        QVERIFY_THROWS_EXCEPTION(
            rd::Cancelled,
            rd::createMethodHook(method.toStdString(), nlohmann::json::object(), fresh,
                                 smallData().data, 11, kMf, &cancelledToken()));
    }

    // DCD ranks the whole user × item matrix every epoch: that stops too.
    void dcdEpochSetUpStops() {
        rd::CancelToken token;
        auto hook = rd::createMethodHook("dcd", nlohmann::json::object(), teacher(),
                                         smallData().data, 11, kMf, &token);
        const rd::ModelInfo& info = rd::findModel("mf");
        auto student = rd::createModel("mf", rd::resolveParams(info.schema, kMf.params, "model"),
                                       smallData().data);
        hook->beginEpoch(1, *student);
        token.cancel();
        // The student's errors are measured again every 3 epochs (run_dcd.py: epoch % 3 == 0):
        // epoch 4 is the next set-up.
        hook->beginEpoch(2, *student);
        QVERIFY_THROWS_EXCEPTION(rd::Cancelled, hook->beginEpoch(4, *student));
        QVERIFY(student->is_training());  // left ready to train, as after a finished set-up
    }
};

QTEST_APPLESS_MAIN(TestCancellation)
#include "test_cancellation.moc"
