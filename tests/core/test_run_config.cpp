// The train config is refused before any work when a key is unknown, a value is out of range or the
// data file is missing, with a message naming the key; --set overrides apply before validation.

#include <QtTest>

#include "config/config_schema.h"
#include "config/json_config.h"
#include "config/run_config.h"
#include "pipeline/experiment_config.h"
#include "study/study_plan.h"
#include "test_util.h"

namespace {

nlohmann::json baseConfig() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "data": {"path": "demo", "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 7}},
        "model": {"name": "mf", "dim": 32},
        "train": {"epochs": 5, "lr": 0.01, "valid_metric": "NDCG@10"},
        "eval": {"ks": [5, 10]}
    })");
}

QString refusal(const nlohmann::json& j) {
    try {
        rd::RunConfig::fromJson(j);
    } catch (const std::invalid_argument& e) {
        return QString::fromUtf8(e.what());
    }
    return QString();
}

}  // namespace

class TestRunConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validConfigParses() {
        const rd::RunConfig c = rd::RunConfig::fromJson(baseConfig());
        QCOMPARE(c.data.path, std::string("demo"));
        QCOMPARE(c.data.split.seed, uint64_t(7));
        QCOMPARE(c.model.name, std::string("mf"));
        QCOMPARE(c.model.params["dim"].get<int>(), 32);
        QCOMPARE(c.model.params["reg"].get<double>(), 0.0);  // default filled in from the schema
        QCOMPARE(c.train.epochs, 5);
        QCOMPARE(c.train.batchSize, 2048);
        QCOMPARE(c.train.validMetric, std::string("NDCG@10"));
        QCOMPARE(c.train.ks, (std::vector<int>{5, 10}));
    }

    void refusals_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown top-level key") << "modle={}"
                                               << "modle: unknown key";
        QTest::newRow("unknown train key") << "train.epoch=3"
                                           << "train.epoch: unknown key";
        QTest::newRow("unknown model param") << "model.dimension=3"
                                             << "model.dimension: unknown parameter";
        QTest::newRow("model param out of range") << "model.dim=0"
                                                  << "model.dim: 0 is out of range";
        QTest::newRow("model param wrong type") << "model.dim=\"big\""
                                                << "model.dim: expected an integer";
        QTest::newRow("unknown model") << "model.name=svd"
                                       << "model.name: unknown model 'svd'";
        QTest::newRow("lr out of range") << "train.lr=-1"
                                         << "train.lr: -1 is out of range";
        QTest::newRow("batch size type") << "train.batch_size=1.5"
                                         << "train.batch_size: expected an integer";
        QTest::newRow("missing data file")
            << "data.path=/nonexistent/ratings.csv"
            << "data.path: '/nonexistent/ratings.csv' does not exist";
        QTest::newRow("split kind") << "data.split.kind=shuffle"
                                    << "data.split.kind";
        QTest::newRow("ratios") << "data.split.ratios=[1,2]"
                                << "data.split.ratios: expected a list of 3 numbers";
        QTest::newRow("preprocess key") << "data.preprocess.kcore=5"
                                        << "data.preprocess.kcore: unknown key";
        QTest::newRow("ks") << "eval.ks=[0]"
                            << "eval.ks: 0 is out of range [1, 1000]";
        QTest::newRow("version") << "version=2"
                                 << "version: 2 is out of range";
    }
    void refusals() {
        QFETCH(QString, assignment);
        QFETCH(QString, expected);
        nlohmann::json j = baseConfig();
        rd::jsoncfg::applyOverride(j, assignment.toStdString());
        const QString message = refusal(j);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // A default lives in the schema only: the parser fills in exactly the schema's defaults (which
    // are the structs' initialisers, so code that builds a TrainConfig by hand agrees too).
    void parserDefaultsAreTheSchemas() {
        const auto def = [](const rd::ParamSchema& schema, const char* name) {
            const rd::ParamSpec* spec = rd::findParam(schema, name);
            if (!spec) qFatal("no schema field %s", name);
            return spec->defaultValue;
        };
        const rd::ParamSchema& ts = rd::trainConfigSchema();
        const rd::TrainConfig t =
            rd::parseTrainConfig(nlohmann::json::object(), nlohmann::json::object());
        QCOMPARE(t.epochs, def(ts, "train.epochs").get<int>());
        QCOMPARE(t.batchSize, def(ts, "train.batch_size").get<int>());
        QCOMPARE(t.learningRate, def(ts, "train.lr").get<double>());
        QCOMPARE(t.negatives, def(ts, "train.negatives").get<int>());
        QCOMPARE(t.evalEvery, def(ts, "train.eval_every").get<int>());
        QCOMPARE(t.patience, def(ts, "train.patience").get<int>());
        QCOMPARE(t.validMetric, def(ts, "train.valid_metric").get<std::string>());
        QCOMPARE(t.seed, def(ts, "train.seed").get<uint64_t>());
        QCOMPARE(t.threads, def(ts, "train.threads").get<int>());
        QCOMPARE(t.ks, def(ts, "eval.ks").get<std::vector<int>>());
        QCOMPARE(t.evalBatchUsers, def(ts, "eval.batch_users").get<int>());
        const rd::TrainConfig plain;
        QCOMPARE(t.epochs, plain.epochs);
        QCOMPARE(t.validMetric, plain.validMetric);
        QCOMPARE(t.ks, plain.ks);

        const rd::ParamSchema& ds = rd::dataConfigSchema();
        const rd::DataConfig d = rd::parseDataConfig(nlohmann::json::object());
        QCOMPARE(d.path, def(ds, "data.path").get<std::string>());
        QCOMPARE(d.load.format, def(ds, "data.format").get<std::string>());
        QCOMPARE(d.load.encoding, def(ds, "data.encoding").get<std::string>());
        QCOMPARE(d.load.skipBadLines, def(ds, "data.skip_bad_lines").get<bool>());
        QVERIFY(def(ds, "data.preprocess.rating_threshold").is_null());
        QVERIFY(!d.preprocess.ratingThreshold.has_value());
        QCOMPARE(d.preprocess.dropDuplicates,
                 def(ds, "data.preprocess.drop_duplicates").get<bool>());
        QCOMPARE(d.preprocess.userCore, def(ds, "data.preprocess.user_core").get<int>());
        QCOMPARE(d.preprocess.itemCore, def(ds, "data.preprocess.item_core").get<int>());
        QCOMPARE(d.preprocess.maxUsers, def(ds, "data.preprocess.max_users").get<int>());
        QCOMPARE(d.preprocess.maxItems, def(ds, "data.preprocess.max_items").get<int>());
        QCOMPARE(rd::splitKindName(d.split.kind), def(ds, "data.split.kind").get<std::string>());
        QCOMPARE((std::vector<double>{d.split.train, d.split.valid, d.split.test}),
                 def(ds, "data.split.ratios").get<std::vector<double>>());
        QCOMPARE(d.split.seed, def(ds, "data.split.seed").get<uint64_t>());

        // Every schema default is itself a valid config value.
        nlohmann::json defaults = nlohmann::json::object();
        for (const rd::ParamSchema* schema : {&ds, &ts})
            for (const rd::ParamSpec& p : *schema) rd::setDotted(defaults, p.name, p.defaultValue);
        defaults["model"] = {{"name", "mf"}};
        QVERIFY2(refusal(defaults).isEmpty(), qPrintable(refusal(defaults)));
    }

    // Every bounded field of the data, train and eval schemas, just past either end of its range.
    void outOfSchemaRangeIsRefused_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        for (const rd::ParamSchema* schema : {&rd::dataConfigSchema(), &rd::trainConfigSchema()})
            for (const rd::ParamSpec& p : *schema) {
                using Type = rd::ParamSpec::Type;
                const bool integer = p.type == Type::Int || p.type == Type::IntList;
                const bool list = p.type == Type::IntList || p.type == Type::FloatList;
                if (!integer && p.type != Type::Float && p.type != Type::FloatList) continue;
                for (const double bad : {p.min - 1, integer ? p.max + 1 : p.max * 2 + 1}) {
                    nlohmann::json v =
                        integer ? nlohmann::json(static_cast<long long>(bad)) : nlohmann::json(bad);
                    if (list) v = nlohmann::json::array({v});
                    if (list && p.length > 1)
                        for (size_t i = 1; i < p.length; ++i) v.push_back(v[0]);
                    const QString name = QString::fromStdString(p.name);
                    QTest::newRow(qPrintable(name + (bad < p.min ? " below" : " above")))
                        << name << QString::fromStdString(v.dump());
                }
            }
    }
    void outOfSchemaRangeIsRefused() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        nlohmann::json j = baseConfig();
        rd::jsoncfg::applyOverride(j, (key + QLatin1Char('=') + value).toStdString());
        const QString message = refusal(j);
        QVERIFY2(message.startsWith(key + QStringLiteral(": ")) &&
                     message.contains(QStringLiteral("out of range")),
                 qPrintable(message));
    }

    void overridesApplyDottedKeys() {
        nlohmann::json j = baseConfig();
        rd::jsoncfg::applyOverride(j, "model.dim=48");
        rd::jsoncfg::applyOverride(j, "data.preprocess.user_core=3");
        rd::jsoncfg::applyOverride(j, "model.name=lightgcn");
        const rd::RunConfig c = rd::RunConfig::fromJson(j);
        QCOMPARE(c.model.name, std::string("lightgcn"));
        QCOMPARE(c.model.params["dim"].get<int>(), 48);
        QCOMPARE(c.model.params["layers"].get<int>(), 2);
        QCOMPARE(c.data.preprocess.userCore, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rd::jsoncfg::applyOverride(j, "novalue"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 rd::jsoncfg::applyOverride(j, "model.dim.x=1"));
    }

    void shippedExamplesAreValid() {
        const QDir dir(QStringLiteral(RECDISTILL_SOURCE_DIR "/resources/experiments"));
        const QStringList names = dir.entryList({"*.json"});
        QVERIFY(names.contains("quick-demo-mf.json") && names.contains("ml100k-mf.json") &&
                names.contains("quick-demo.json") && names.contains("ml100k-distill.json"));
        for (const QString& name : names) {
            QFile f(dir.filePath(name));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
            nlohmann::json j = nlohmann::json::parse(f.readAll().toStdString());
            // The MovieLens example points at ../shared/data relative to the checkout.
            if (j["data"]["path"] != "demo")
                j["data"]["path"] =
                    std::string(RECDISTILL_SOURCE_DIR "/") + j["data"]["path"].get<std::string>();
            if (j["data"]["path"] != "demo" &&
                !QFileInfo::exists(QString::fromStdString(j["data"]["path"])))
                continue;  // a user's own clone without ../shared/data
            // An external teacher's files are made by `export-teacher` (README): the rest of the
            // config is checked with this file standing in for them.
            if (j.contains("teacher") && j["teacher"].is_object() &&
                j["teacher"].value("name", "") == "external")
                for (const char* key : {"scores", "user_embeddings", "item_embeddings"})
                    if (j["teacher"].contains(key)) j["teacher"][key] = __FILE__;
            // Experiment configs (teacher → student) and single-model configs each parse as theirs.
            const QString message = j.contains("teacher")
                                        ? QString::fromStdString(rdtest::messageOf([&] {
                                              // A study config: every cell × seed parses.
                                              if (j.contains("study"))
                                                  rd::StudyPlan::fromJson(j);
                                              else
                                                  rd::ExperimentConfig::fromJson(j);
                                              throw std::invalid_argument("");
                                          }))
                                        : refusal(j);
            QVERIFY2(message.isEmpty(), qPrintable(name + ": " + message));
        }
    }
};

QTEST_APPLESS_MAIN(TestRunConfig)
#include "test_run_config.moc"
