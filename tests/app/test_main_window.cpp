#include <QChartView>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include "data/data_loader.h"
#include "data/dataset_stats.h"
#include "data_tab.h"
#include "dataset_stats_view.h"
#include "isolated_home.h"
#include "main_window.h"
#include "test_util.h"

using rd::MainWindow;

namespace {

constexpr int kLoadTimeoutMs = 60000;

QString shown(const MainWindow& window, const char* name) {
    auto* label = window.dataTab()->statsView()->findChild<QLabel*>(QLatin1String(name));
    if (!label) qFatal("no label %s", name);
    return label->text();
}

QSettings settings() {
    return QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill"));
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir settingsDir_;
    QTemporaryDir dataDir_;
    QString badFile_;

    /** Opens the startup data set in a new window and waits until it is loaded. */
    void startAndWait(MainWindow& window) {
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openStartupDataset();
        QVERIFY(loaded.wait(kLoadTimeoutMs));
    }

private Q_SLOTS:
    void initTestCase() {
        // Never read or write the user's own settings or run store (the window opens the default
        // store under $XDG_DATA_HOME), even when the test runs by hand outside CTest.
        QVERIFY(settingsDir_.isValid());
        rdtest::isolateUserDirs(settingsDir_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        // Line 2 lacks the rating and timestamp columns of MovieLens 100K's u.data.
        badFile_ = QString::fromStdString(rdtest::writeFile(dataDir_, QStringLiteral("bad/u.data"),
                                                            "196\t242\t3\t881250949\n186\t302\n"));
    }

    void init() { settings().clear(); }

    void opensTheDemoOnFirstStart() {
        MainWindow window;
        startAndWait(window);
        const rd::DatasetStats expected = rd::computeStats(rd::loadDataset("demo").dataset);
        const QLocale locale;
        QCOMPARE(shown(window, "usersValue"), locale.toString(expected.users));
        QCOMPARE(shown(window, "itemsValue"), locale.toString(expected.items));
        QCOMPARE(shown(window, "interactionsValue"),
                 locale.toString(static_cast<qlonglong>(expected.interactions)));
        QCOMPARE(shown(window, "categoriesValue"),
                 locale.toString(static_cast<qlonglong>(expected.categories.size())));
        QCOMPARE(shown(window, "hashValue"), QString::fromStdString(expected.hash));
        QVERIFY(expected.users >= 1000);  // the separator is really exercised
        QVERIFY(shown(window, "interactionsValue").contains(QLatin1Char(',')));
        QCOMPARE(window.currentStats().hash, expected.hash);
        QVERIFY(window.currentDataset());
        QCOMPARE(window.currentDataset()->numInteractions(), expected.interactions);
        QCOMPARE(settings().value(QStringLiteral("data/lastPath")).toString(),
                 QStringLiteral("demo"));
    }

    void badFileReportsFileAndLineAndKeepsThePreviousDataset() {
        MainWindow window;
        window.show();
        startAndWait(window);
        const QString users = shown(window, "usersValue");
        const std::string hash = window.currentStats().hash;

        QSignalSpy failed(&window, &MainWindow::loadFailed);
        window.openDataset(badFile_);
        QVERIFY(failed.wait(kLoadTimeoutMs));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("u.data:2")), qPrintable(message));
        QCOMPARE(window.lastError(), message);

        auto* status = window.dataTab()->findChild<QLabel*>(QStringLiteral("statusLabel"));
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QStringLiteral("u.data:2")), qPrintable(status->text()));
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("loadErrorBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("u.data:2")));
        box->close();
        window.resize(1280, 800);
        QVERIFY(window.grab().save(QDir(QStringLiteral(RECDISTILL_BINARY_DIR))
                                       .filePath(QStringLiteral("recdistill-data-tab-error.png"))));

        QCOMPARE(shown(window, "usersValue"), users);
        QCOMPARE(window.currentStats().hash, hash);
        QVERIFY(window.hasDataset());
        QCOMPARE(settings().value(QStringLiteral("data/lastPath")).toString(),
                 QStringLiteral("demo"));
    }

    void reopensTheLastDatasetAndFallsBackToTheDemo() {
        const QString good = QString::fromStdString(
            rdtest::writeFile(dataDir_, QStringLiteral("good/u.data"),
                              "1\t10\t4\t881250949\n1\t20\t5\t881250950\n2\t10\t3\t881250951\n"));
        {
            MainWindow window;
            QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
            window.openDataset(good);
            QVERIFY(loaded.wait(kLoadTimeoutMs));
        }
        {
            MainWindow window;
            startAndWait(window);
            QCOMPARE(window.currentStats().interactions, int64_t(3));
            QCOMPARE(shown(window, "usersValue"), QStringLiteral("2"));
        }
        settings().setValue(QStringLiteral("data/lastPath"),
                            dataDir_.filePath(QStringLiteral("gone/u.data")));
        MainWindow window;
        startAndWait(window);
        QCOMPARE(window.currentStats().hash, rd::loadDataset("demo").dataset.hash);
    }

    void droppingAFileOpensIt() {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(badFile_)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(failed.wait(kLoadTimeoutMs));
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("u.data:2")));
        QVERIFY(!window.findChild<QMessageBox*>());
    }

    void showsRealDatasets_data() {
        QTest::addColumn<QString>("sub");
        QTest::addColumn<bool>("ratings");
        QTest::newRow("ml-100k") << QStringLiteral("ml-100k") << true;
        QTest::newRow("lastfm-lightgcn") << QStringLiteral("lastfm-lightgcn") << false;
    }

    void showsRealDatasets() {
        QFETCH(QString, sub);
        QFETCH(bool, ratings);
        RD_SKIP_WITHOUT_SHARED(sub);
        const QString path = rdtest::sharedData(sub);
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openDataset(path);
        QVERIFY(loaded.wait(kLoadTimeoutMs));
        const rd::DatasetStats expected =
            rd::computeStats(rd::loadDataset(path.toStdString()).dataset);
        const QLocale locale;
        QCOMPARE(shown(window, "usersValue"), locale.toString(expected.users));
        QCOMPARE(shown(window, "interactionsValue"),
                 locale.toString(static_cast<qlonglong>(expected.interactions)));
        QCOMPARE(shown(window, "hashValue"), QString::fromStdString(expected.hash));
        rd::DatasetStatsView* view = window.dataTab()->statsView();
        QCOMPARE(view->findChild<QChartView*>(QStringLiteral("ratingChart"))->isVisible(), ratings);
        QCOMPARE(view->findChild<QLabel*>(QStringLiteral("trainValue"))->isVisible(),
                 expected.presplit);
        QTest::qWait(200);
        QVERIFY(window.grab().save(
            QDir(QStringLiteral(RECDISTILL_BINARY_DIR))
                .filePath(QStringLiteral("recdistill-data-tab-%1.png").arg(sub))));
    }

    void savesAScreenshot() {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        startAndWait(window);
        QTest::qWait(200);  // let the charts lay out
        const QString path = QDir(QStringLiteral(RECDISTILL_BINARY_DIR))
                                 .filePath(QStringLiteral("recdistill-data-tab.png"));
        QVERIFY(window.grab().save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
