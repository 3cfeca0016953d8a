// A transformer teacher in the window, in English and in Chinese: the "Quick demo: SASRec teacher"
// preset (cut down) runs through the worker, the store holds a sasrec teacher and students, Live
// draws the teacher's validation curve and Compare lists every stage. With
// RECDISTILL_SCREENSHOTS=1 the whole preset runs and Live and Compare are saved into
// docs/screenshots/sasrec (the README's SASRec pictures).

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "compare_tab.h"
#include "isolated_home.h"
#include "language.h"
#include "live_curve_chart.h"
#include "live_tab.h"
#include "main_window.h"
#include "presets.h"
#include "setup_tab.h"
#include "store/run_store.h"

using rd::MainWindow;

namespace {

nlohmann::json sasrecPreset() {
    for (const rd::Preset& p : rd::builtinPresets())
        if (p.config.value("teacher", nlohmann::json::object()).value("name", "") == "sasrec")
            return p.config;
    return {};
}

/** Distinct colours in a picture, sampled on a grid: a blank or one-colour grab has 1–2. */
int colours(const QImage& image) {
    std::set<QRgb> seen;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7) seen.insert(image.pixel(x, y));
    return static_cast<int>(seen.size());
}

}  // namespace

class TestSasrecWindow : public QObject {
    Q_OBJECT

    QTemporaryDir home_;

    void runIn(const QString& language) {
        QVERIFY(rd::Language::install(language));
        const bool screenshots = qEnvironmentVariableIsSet("RECDISTILL_SCREENSHOTS");
        nlohmann::json config = sasrecPreset();
        QVERIFY2(!config.is_null(), "no preset with a sasrec teacher");
        config["train"]["threads"] = 1;
        if (!screenshots) {  // seconds instead of minutes
            config["data"]["preprocess"] = {{"max_users", 150}};
            // dcd's item side asks for each item's top users (1,500 items × 150 users here):
            // encoded once per distinct user now; each repeat encoded took 24 GB on the whole
            // preset.
            config["methods"] = {"softlabel", "dcd"};
            config["train"]["epochs"] = 2;
            config["train"]["patience"] = 0;
            config["latency_users"] = 10;
        }
        const int stages = 2 + static_cast<int>(config["methods"].size());

        MainWindow window;
        window.setErrorDialogsEnabled(false);
        const QString db = home_.filePath(language + QStringLiteral(".sqlite"));
        QVERIFY(window.openDatabase(db));
        window.setupTab()->setConfig(config);
        QVERIFY2(window.setupTab()->isValid(),
                 qPrintable(window.setupTab()->reasonLabel()->text()));
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QVERIFY(window.startExperiment());
        QVERIFY(finished.wait(900000));
        QVERIFY2(finished.first().at(0).toString() == QStringLiteral("finished"),
                 qPrintable(window.liveTab()->logPane()->toPlainText()));
        const qint64 experiment = finished.first().at(1).toLongLong();

        // The store: a sasrec teacher, a sasrec student alone, one sasrec student per method.
        rd::RunStore store(db.toStdString());
        const auto runs = store.runs(experiment);
        QCOMPARE(static_cast<int>(runs.size()), stages);
        for (const auto& r : runs) {
            QCOMPARE(QString::fromStdString(r.model), QStringLiteral("sasrec"));
            QCOMPARE(QString::fromStdString(r.status), QStringLiteral("finished"));
        }
        // Live: a validation curve per stage, the teacher's among them.
        window.liveTab()->flush();
        QCOMPARE(window.liveTab()->validChart()->seriesCount(), stages);
        QVERIFY(window.liveTab()->validChart()->series(QStringLiteral("teacher")));
        // Compare: every stage once the finished experiment's runs are loaded.
        QTRY_COMPARE_WITH_TIMEOUT(window.compareTab()->metricsTable()->rowCount(), stages, 30000);

        const QString dir = screenshots
                                ? QStringLiteral(RECDISTILL_SOURCE_DIR "/docs/screenshots/sasrec")
                                : home_.filePath(QStringLiteral("sasrec"));
        QDir().mkpath(dir);
        window.resize(1280, 800);
        window.show();
        const QString suffix =
            language == QStringLiteral("en") ? QString() : QStringLiteral("-") + language;
        for (const auto& [tab, name] : {std::pair<QWidget*, QString>{window.liveTab(), "live"},
                                        {window.compareTab(), "compare"}}) {
            window.tabs()->setCurrentWidget(tab);
            QTest::qWait(200);
            const QPixmap shot = window.grab();
            QVERIFY(colours(shot.toImage()) > 20);  // drawn, not blank
            QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral("-tab") + suffix +
                              QStringLiteral(".png")));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill")).clear();
    }
    void inEnglish() { runIn(QStringLiteral("en")); }
    void inChinese() { runIn(QStringLiteral("zh_CN")); }
};

QTEST_MAIN(TestSasrecWindow)
#include "test_sasrec_window.moc"
