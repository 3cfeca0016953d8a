// The Setup tab's Data and Training sections are generated from the core's config schemas: every
// field edits the config it shows, a whole config goes in and comes out unchanged, a config that
// leaves a field out shows the schema's default, and an invalid edit disables Run with the parser's
// message.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include "config/config_schema.h"
#include "param_form.h"
#include "setup_tab.h"

using rd::ParamSpec;

namespace {

/** Every field of the data, train and eval sections set to something other than its default. */
nlohmann::json fullConfig() {
    return nlohmann::json::parse(R"({
        "version": 1,
        "name": "every field",
        "data": {"path": "demo", "format": "demo", "encoding": "latin-1", "skip_bad_lines": true,
                 "preprocess": {"rating_threshold": 3.5, "drop_duplicates": true, "user_core": 2, "item_core": 3,
                                "max_users": 150, "max_items": 90},
                 "split": {"kind": "temporal", "ratios": [0.7, 0.2, 0.1], "seed": 7}},
        "teacher": {"name": "lightgcn", "dim": 48},
        "student": {"name": "mf", "dim": 8},
        "methods": ["rd", {"name": "rrd", "lambda": 0.5}],
        "train": {"epochs": 7, "batch_size": 512, "lr": 0.002, "optimizer": "lazy_adam", "negatives": 2, "eval_every": 2, "patience": 3,
                  "valid_metric": "Recall@20", "seed": 11, "threads": 1, "weight_decay": 0.001,
                  "select": "last", "min_epochs": 5, "adam_beta2": 0.98, "loss_reduction": "sum"},
        "teacher_train": {"lr": 0.004},
        "eval": {"ks": [10, 20], "batch_users": 256, "sampled_negatives": 50},
        "latency_users": 10
    })");
}

const nlohmann::json& at(const nlohmann::json& config, const std::string& name) {
    static const nlohmann::json missing;
    const nlohmann::json* v = rd::findDotted(config, name);
    return v ? *v : missing;
}

}  // namespace

class TestSetupTab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void setConfigRoundTripsAFullConfig() {
        rd::SetupTab tab;
        const nlohmann::json full = fullConfig();
        tab.setConfig(full);
        QVERIFY2(tab.isValid(), qPrintable(tab.reason()));
        QVERIFY2(tab.config() == full, nlohmann::json::diff(full, tab.config()).dump().c_str());
        QCOMPARE(tab.threads(), 1);
    }

    void aConfigWithoutTheSectionsShowsTheSchemaDefaults() {
        rd::SetupTab tab;
        tab.setThreads(2);
        tab.setConfig({{"teacher", {{"name", "lightgcn"}}}, {"student", {{"name", "mf"}}}});
        const nlohmann::json c = tab.config();
        for (const rd::ParamSchema* schema : {&rd::dataConfigSchema(), &rd::trainConfigSchema()})
            for (const ParamSpec& p : *schema) {
                if (p.name == "train.threads") continue;  // a setting of this machine, kept
                QVERIFY2(p.defaultValue.is_null() ? at(c, p.name).is_null()
                                                  : at(c, p.name) == p.defaultValue,
                         qPrintable(QString::fromStdString(p.name + ": " + at(c, p.name).dump())));
            }
        QCOMPARE(at(c, "train.threads").get<int>(), 2);
        QVERIFY(!c["data"]["preprocess"].contains("rating_threshold"));  // off: no key at all
    }

    // Each generated number field writes its key, and the non-numeric kinds do too.
    void changingAGeneratedFieldChangesTheConfig() {
        rd::SetupTab tab;
        int spins = 0;
        for (const rd::ParamSchema* schema : {&rd::dataConfigSchema(), &rd::trainConfigSchema()})
            for (const ParamSpec& p : *schema) {
                if (p.type != ParamSpec::Type::Int) continue;
                auto* box = tab.findChild<QSpinBox*>(QString::fromStdString(p.name));
                QVERIFY2(box, p.name.c_str());
                QVERIFY(!box->toolTip().isEmpty());
                const int value =
                    box->value() == box->maximum() ? box->value() - 1 : box->value() + 1;
                box->setValue(value);
                QCOMPARE(at(tab.config(), p.name).get<int>(), value);
                ++spins;
            }
        QCOMPARE(spins, 15);

        auto* kind = tab.findChild<QComboBox*>(QStringLiteral("data.split.kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("loo")));
        QCOMPARE(tab.config()["data"]["split"]["kind"].get<std::string>(), std::string("loo"));
        auto* threshold =
            tab.findChild<QCheckBox*>(QStringLiteral("data.preprocess.rating_threshold.enabled"));
        threshold->setChecked(true);
        QVERIFY(tab.config()["data"]["preprocess"]["rating_threshold"].is_number());
        threshold->setChecked(false);
        QVERIFY(!tab.config()["data"]["preprocess"].contains("rating_threshold"));
        tab.findChild<QLineEdit*>(QStringLiteral("data.split.ratios"))
            ->setText(QStringLiteral("0.6, 0.2, 0.2"));
        QCOMPARE(tab.config()["data"]["split"]["ratios"], nlohmann::json::array({0.6, 0.2, 0.2}));
        tab.findChild<QComboBox*>(QStringLiteral("train.valid_metric"))
            ->setCurrentText(QStringLiteral("NDCG@20"));
        QCOMPARE(tab.config()["train"]["valid_metric"].get<std::string>(), std::string("NDCG@20"));
    }

    void readableLabelsAndSpecialTexts() {
        rd::SetupTab tab;
        tab.setConfig(fullConfig());
        auto* maxUsers = tab.findChild<QSpinBox*>(QStringLiteral("data.preprocess.max_users"));
        maxUsers->setValue(0);
        QCOMPARE(maxUsers->text(), QStringLiteral("all"));
        QCOMPARE(tab.findChild<QSpinBox*>(QStringLiteral("train.threads"))->specialValueText(),
                 QStringLiteral("all cores"));
        auto* kind = tab.findChild<QComboBox*>(QStringLiteral("data.split.kind"));
        QCOMPARE(kind->currentText(), QStringLiteral("Temporal ratio (global)"));
        QStringList labels;
        for (QLabel* l : tab.findChildren<QLabel*>()) labels << l->text();
        for (const char* label : {"Path:", "Batch size:", "Max users:", "Split seed:", "K values:"})
            QVERIFY2(labels.contains(QLatin1String(label)), label);
        QCOMPARE(tab.findChild<QLineEdit*>(QStringLiteral("dataPath"))->text(),
                 QStringLiteral("demo"));
    }

    void invalidEditDisablesRunWithTheParsersMessage() {
        rd::SetupTab tab;
        tab.setConfig(fullConfig());
        auto* ks = tab.findChild<QLineEdit*>(QStringLiteral("eval.ks"));
        ks->setText(QStringLiteral("10, x"));
        QVERIFY(!tab.runButton()->isEnabled());
        QVERIFY2(tab.reason().startsWith(
                     QStringLiteral("eval.ks: expected a non-empty list of integers")),
                 qPrintable(tab.reason()));
        ks->setText(QStringLiteral("5, 10"));  // Recall@20 is no longer at a configured K
        QVERIFY(tab.reason().startsWith(QStringLiteral("train.valid_metric: 'Recall@20'")));
        ks->setText(QStringLiteral("5, 20"));
        QVERIFY(tab.isValid());
        QVERIFY(tab.runButton()->isEnabled());
    }
};

QTEST_MAIN(TestSetupTab)
#include "test_setup_tab.moc"
