// The Setup tab shows and edits an external teacher: a loaded config with
// "teacher": {"name": "external", …} comes back out unchanged, the form writes what a config needs,
// and Run stays disabled, with the missing file named, until the files exist.
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "external_teacher_form.h"
#include "model_picker.h"
#include "setup_tab.h"

namespace {

void touch(const QString& path) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("1\t1\t0.5\n");
}

nlohmann::json externalConfig(const QString& dir) {
    // test_setup_tab's full config (every field off its default), with an external teacher.
    nlohmann::json c = nlohmann::json::parse(R"({
        "version": 1,
        "name": "from a production model",
        "data": {"path": "demo", "format": "demo", "encoding": "latin-1", "skip_bad_lines": true,
                 "preprocess": {"rating_threshold": 3.5, "drop_duplicates": true, "user_core": 2, "item_core": 3,
                                "max_users": 150, "max_items": 90},
                 "split": {"kind": "temporal", "ratios": [0.7, 0.2, 0.1], "seed": 7}},
        "teacher": {"name": "external", "missing_users": "skip"},
        "student": {"name": "mf", "dim": 8},
        "methods": ["rd", "de"],
        "train": {"epochs": 7, "batch_size": 512, "lr": 0.002, "optimizer": "lazy_adam", "negatives": 2, "eval_every": 2, "patience": 3,
                  "valid_metric": "Recall@20", "seed": 11, "threads": 1, "weight_decay": 0.001,
                  "select": "last", "min_epochs": 5, "adam_beta2": 0.98, "loss_reduction": "sum"},
        "teacher_train": {"lr": 0.004},
        "eval": {"ks": [10, 20], "batch_users": 256, "sampled_negatives": 50},
        "latency_users": 10
    })");
    c["teacher"]["scores"] = (dir + "/scores.tsv").toStdString();
    c["teacher"]["user_embeddings"] = (dir + "/user_embeddings.npy").toStdString();
    c["teacher"]["item_embeddings"] = (dir + "/item_embeddings.npy").toStdString();
    return c;
}

}  // namespace

class TestSetupExternalTeacher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void aLoadedExternalTeacherComesBackUnchanged() {
        QTemporaryDir dir;
        for (const char* f : {"/scores.tsv", "/user_embeddings.npy", "/item_embeddings.npy"})
            touch(dir.path() + QLatin1String(f));
        const nlohmann::json original = externalConfig(dir.path());
        rd::SetupTab tab;
        tab.setConfig(original);
        QVERIFY(tab.teacherPicker()->isExternal());
        QCOMPARE(tab.teacherPicker()->modelBox()->currentData().toString(),
                 QStringLiteral("external"));
        const rd::ExternalTeacherForm* form = tab.teacherPicker()->externalForm();
        QCOMPARE(form->scoresEdit()->text(), dir.path() + QStringLiteral("/scores.tsv"));
        QCOMPARE(form->itemEmbeddingsEdit()->text(),
                 dir.path() + QStringLiteral("/item_embeddings.npy"));
        QCOMPARE(form->missingUsersBox()->currentData().toString(), QStringLiteral("skip"));
        QVERIFY2(tab.isValid(), qPrintable(tab.reason()));
        QVERIFY(tab.runButton()->isEnabled());
        const nlohmann::json built = tab.config();
        QVERIFY2(built == original, nlohmann::json::diff(original, built).dump().c_str());
        QCOMPARE(built["teacher"]["missing_users"].get<std::string>(), std::string("skip"));
        // Saved and loaded again: the same file.
        const QString path = dir.path() + QStringLiteral("/config.json");
        QVERIFY(tab.saveTo(path));
        rd::SetupTab again;
        QVERIFY(again.loadFrom(path));
        QVERIFY(again.config() == original);
    }

    void runIsDisabledUntilTheFilesExist() {
        QTemporaryDir dir;
        nlohmann::json config = externalConfig(dir.path());
        config["methods"] = {"rd"};
        config["teacher"].erase("user_embeddings");
        config["teacher"].erase("item_embeddings");
        rd::SetupTab tab;
        tab.setConfig(config);
        QVERIFY(!tab.isValid());
        QVERIFY(!tab.runButton()->isEnabled());
        const QString scores = dir.path() + QStringLiteral("/scores.tsv");
        QVERIFY2(tab.reason().contains(scores), qPrintable(tab.reason()));
        QVERIFY(tab.reason().contains(QStringLiteral("No such file")));
        auto* problem = tab.teacherPicker()->externalForm()->findChild<QLabel*>(
            QStringLiteral("externalProblem"));
        QVERIFY(problem && problem->text().contains(scores));

        touch(scores);
        // An edit checks again (setText with the same text would not be one).
        tab.teacherPicker()->externalForm()->scoresEdit()->clear();
        QVERIFY(tab.reason().contains(QStringLiteral("scores file")));
        tab.teacherPicker()->externalForm()->scoresEdit()->setText(scores);
        QVERIFY2(tab.isValid(), qPrintable(tab.reason()));
        QVERIFY(tab.runButton()->isEnabled());
        QVERIFY(problem->text().isEmpty());
        QVERIFY(tab.config() == config);
    }

    void theFormWritesTheTeacherAConfigNeeds() {
        QTemporaryDir dir;
        const QString scores = dir.path() + QStringLiteral("/scores.tsv");
        const QString users = dir.path() + QStringLiteral("/u.npy");
        const QString items = dir.path() + QStringLiteral("/i.npy");
        for (const QString& f : {scores, users, items}) touch(f);
        rd::SetupTab tab;  // the quick-demo preset: an internal teacher
        nlohmann::json start = tab.config();
        start["methods"] = {"rd", "de"};
        tab.setConfig(start);
        QVERIFY(!tab.teacherPicker()->isExternal());
        QComboBox* box = tab.teacherPicker()->modelBox();
        box->setCurrentIndex(box->findData(QStringLiteral("external")));
        QVERIFY(tab.teacherPicker()->isExternal());
        QVERIFY(!tab.isValid());  // no scores file yet
        QVERIFY2(tab.reason().contains(QStringLiteral("scores file")), qPrintable(tab.reason()));
        rd::ExternalTeacherForm* form = tab.teacherPicker()->externalForm();
        form->scoresEdit()->setText(scores);
        QVERIFY(tab.config()["teacher"] ==
                nlohmann::json({{"name", "external"}, {"scores", scores.toStdString()}}));
        // de distils embeddings this teacher does not give: the validator says so.
        QVERIFY(!tab.isValid());
        QVERIFY2(tab.reason().contains(QStringLiteral("de distils the teacher's user and item")),
                 qPrintable(tab.reason()));
        form->missingUsersBox()->setCurrentIndex(form->missingUsersBox()->findData("skip"));
        QCOMPARE(tab.config()["teacher"]["missing_users"].get<std::string>(), std::string("skip"));
        // One embedding file alone is refused: the methods need both sides.
        form->userEmbeddingsEdit()->setText(users);
        QVERIFY(!tab.isValid());
        QVERIFY2(tab.reason().contains(QStringLiteral("both")), qPrintable(tab.reason()));
        form->itemEmbeddingsEdit()->setText(items);
        QVERIFY2(tab.isValid(), qPrintable(tab.reason()));
        QVERIFY(tab.runButton()->isEnabled());
        QVERIFY(tab.config()["teacher"] == nlohmann::json({{"name", "external"},
                                                           {"scores", scores.toStdString()},
                                                           {"user_embeddings", users.toStdString()},
                                                           {"item_embeddings", items.toStdString()},
                                                           {"missing_users", "skip"}}));
        QVERIFY2(tab.generatedName().startsWith(QStringLiteral("external teacher → ")),
                 qPrintable(tab.generatedName()));
        // Back to a trained teacher: the config is the model's again.
        box->setCurrentIndex(box->findData(QStringLiteral("lightgcn")));
        QCOMPARE(tab.config()["teacher"]["name"].get<std::string>(), std::string("lightgcn"));
        QVERIFY(!tab.config()["teacher"].contains("scores"));
    }
};

QTEST_MAIN(TestSetupExternalTeacher)
#include "test_setup_external_teacher.moc"
