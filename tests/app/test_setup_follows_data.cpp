// Setup follows the data (issue 16): the data set the window opened is the one the experiment runs
// on; presets change models and methods, never the data; a failed open changes nothing; the name
// is generated from data, teacher and student until the user types one; a restart reopens data and
// Setup together.
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "isolated_home.h"
#include "main_window.h"
#include "presets.h"
#include "setup_tab.h"
#include "test_util.h"

using rd::MainWindow;

namespace {

constexpr int kLoadTimeoutMs = 60000;

QSettings settings() {
    return QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill"));
}

std::string pathOf(const MainWindow& window) {
    return window.setupTab()->config()["data"]["path"].get<std::string>();
}

QString nameOf(const MainWindow& window) {
    return QString::fromStdString(window.setupTab()->config().value("name", std::string()));
}

QLineEdit* nameField(const MainWindow& window) {
    return window.setupTab()->findChild<QLineEdit*>(QStringLiteral("experimentName"));
}

}  // namespace

class TestSetupFollowsData : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    QTemporaryDir data_;
    QString good_, other_, bad_;

    void open(MainWindow& window, const QString& path) {
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openDataset(path);
        QVERIFY(loaded.wait(kLoadTimeoutMs));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QByteArray ratings =
            "1\t10\t4\t881250949\n1\t20\t5\t881250950\n2\t10\t3\t881250951\n";
        good_ = QString::fromStdString(
            rdtest::writeFile(data_, QStringLiteral("ml-tiny/u.data"), ratings));
        other_ = QString::fromStdString(
            rdtest::writeFile(data_, QStringLiteral("ml-other/u.data"), ratings));
        // Line 2 lacks the rating and timestamp columns.
        bad_ = QString::fromStdString(rdtest::writeFile(data_, QStringLiteral("bad/u.data"),
                                                        "196\t242\t3\t881250949\n186\t302\n"));
    }

    void init() { settings().clear(); }

    void openedDataIsTheExperimentsData() {
        MainWindow window;
        QCOMPARE(pathOf(window), std::string("demo"));
        QVERIFY(nameOf(window).startsWith(QStringLiteral("Quick demo")));
        open(window, good_);
        QCOMPARE(QString::fromStdString(pathOf(window)), good_);
        QVERIFY(window.setupTab()->isValid());
        // The name follows: no "on the built-in data" for MovieLens.
        QCOMPARE(nameOf(window),
                 QStringLiteral("LightGCN (dim 64) → MF (dim 8) on ml-tiny/u.data"));
        // Back on the demo, the preset's own name returns.
        open(window, QStringLiteral("demo"));
        QCOMPARE(pathOf(window), std::string("demo"));
        QVERIFY(nameOf(window).startsWith(QStringLiteral("Quick demo")));
    }

    void presetsChangeModelsNotData() {
        MainWindow window;
        open(window, good_);
        const nlohmann::json before = window.setupTab()->config()["data"];
        window.setupTab()->applyPreset(1);  // MovieLens 100K: LightGCN dim 128 → MF dim 16
        const nlohmann::json after = window.setupTab()->config();
        QCOMPARE(after["data"], before);
        QCOMPARE(after["teacher"]["dim"].get<int>(), 128);
        QCOMPARE(after["student"]["dim"].get<int>(), 16);
        QVERIFY(window.setupTab()->isValid());
        QCOMPARE(nameOf(window),
                 QStringLiteral("LightGCN (dim 128) → MF (dim 16) on ml-tiny/u.data"));
        window.setupTab()->applyPreset(0);
        QCOMPARE(window.setupTab()->config()["data"], before);
        // 64 is LightGCN's default, which the picker leaves out of the config.
        QCOMPARE(window.setupTab()->config()["teacher"].value("dim", 64), 64);
        QCOMPARE(window.setupTab()->config()["student"]["dim"].get<int>(), 8);
    }

    void seedsReadAsNumbersNotQuantities() {
        MainWindow window;
        for (const char* name : {"train.seed", "data.split.seed"}) {
            auto* box = window.setupTab()->findChild<QSpinBox*>(QLatin1String(name));
            QVERIFY2(box, name);
            QCOMPARE(box->value(), 2020);
            QCOMPARE(box->text(), QStringLiteral("2020"));
        }
    }

    void failedOpenChangesNothing() {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        open(window, good_);
        const nlohmann::json before = window.setupTab()->config();
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openDataset(bad_);
        QVERIFY(failed.wait(kLoadTimeoutMs));
        QCOMPARE(window.setupTab()->config(), before);
        QCOMPARE(QString::fromStdString(pathOf(window)), good_);
        QVERIFY(window.setupTab()->isValid());
    }

    void typedNameIsKept() {
        MainWindow window;
        open(window, good_);
        QLineEdit* name = nameField(window);
        name->selectAll();  // typing replaces the generated name
        QTest::keyClicks(name, QStringLiteral("my baseline"));
        QVERIFY(window.setupTab()->nameTyped());
        open(window, other_);
        QCOMPARE(QString::fromStdString(pathOf(window)), other_);
        QCOMPARE(nameOf(window), QStringLiteral("my baseline"));
        window.setupTab()->applyPreset(1);
        QCOMPARE(nameOf(window), QStringLiteral("my baseline"));
        // Cleared by the user: generated again.
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Delete);
        QVERIFY(!window.setupTab()->nameTyped());
        QCOMPARE(nameOf(window),
                 QStringLiteral("LightGCN (dim 128) → MF (dim 16) on ml-other/u.data"));
    }

    void restartRestoresDataAndSetupTogether() {
        {
            MainWindow window;
            open(window, good_);
        }
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openStartupDataset();
        QVERIFY(loaded.wait(kLoadTimeoutMs));
        QCOMPARE(window.currentStats().interactions, int64_t(3));
        QCOMPARE(QString::fromStdString(pathOf(window)), good_);
        QVERIFY(!nameOf(window).contains(QStringLiteral("built-in")));
    }
};

QTEST_MAIN(TestSetupFollowsData)
#include "test_setup_follows_data.moc"
