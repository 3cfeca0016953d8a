// Classroom mode: the demo pace slows a run without changing a single result, and presentation mode
// enlarges the application font, shows the explanation panel in the Runs dock's place, and undoes
// both.

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLegend>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "compare_tab.h"
#include "experiment_runner.h"
#include "isolated_home.h"
#include "live_curve_chart.h"
#include "live_tab.h"
#include "main_window.h"
#include "presets.h"
#include "runs_dock.h"
#include "setup_tab.h"
#include "store/run_store.h"

using rd::MainWindow;

class TestClassroom : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    int databases_ = 0;

    /** Runs a cut-down quick demo with the given pause per epoch; returns NDCG@10 per stage, in
     * order. */
    std::vector<double> runDemo(int paceMs, qint64* elapsedMs) {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        if (!window.openDatabase(
                home_.filePath(QStringLiteral("runs-%1.sqlite").arg(++databases_))))
            return {};
        nlohmann::json c = rd::builtinPresets().front().config;
        c["data"]["preprocess"] = {{"max_users", 120}};
        c["methods"] = {"softlabel", "rd"};
        c["train"]["epochs"] = 3;
        c["train"]["threads"] = 1;
        c["train"]["patience"] = 0;
        c["latency_users"] = 5;
        window.setupTab()->setConfig(c);
        window.runner()->setPaceMs(paceMs);
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QElapsedTimer clock;
        clock.start();
        window.setupTab()->runButton()->click();
        if (!finished.wait(300000)) return {};
        *elapsedMs = clock.elapsed();
        rd::RunStore store(window.databasePath().toStdString());
        std::vector<double> ndcg;
        for (const rd::RunRecord& r : store.runs(finished.first().at(1).toLongLong()))
            ndcg.push_back(store.finalResults(r.id).at("NDCG@10"));
        return ndcg;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);  // never the user's own settings or run store
    }

    void demoPaceKeepsResults() {
        qint64 plainMs = 0, pacedMs = 0;
        const std::vector<double> plain = runDemo(0, &plainMs);
        const std::vector<double> paced = runDemo(40, &pacedMs);
        QCOMPARE(plain.size(), size_t(4));
        QCOMPARE(paced, plain);  // the same numbers, bit for bit
        // 4 stages × 3 epochs × 40 ms of pauses at least.
        QVERIFY2(pacedMs >= 4 * 3 * 40, qPrintable(QString::number(pacedMs)));
    }

    void presentationModeEnlargesAndRestores() {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.resize(1280, 720);
        window.show();
        const qreal before = QApplication::font().pointSizeF();
        window.setPresentationMode(true);
        QTest::qWait(20);
        QVERIFY2(
            QApplication::font().pointSizeF() >= 1.4 * before,
            qPrintable(
                QStringLiteral("%1 -> %2").arg(before).arg(QApplication::font().pointSizeF())));
        QVERIFY(!window.runsDock()->isVisible());
        bool explanationShown = false;
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            if (dock != window.runsDock() && dock->isVisible()) explanationShown = true;
        QVERIFY(explanationShown);
        // Compare's three charts one at a time, each the full width.
        auto* bars = window.compareTab()->findChild<QChartView*>(QStringLiteral("compareBars"));
        auto* scatter =
            window.compareTab()->findChild<QChartView*>(QStringLiteral("compareScatter"));
        QVERIFY(bars && scatter);
        QCOMPARE(window.compareTab()->chartTabs()->count(), 3);
        QVERIFY(window.compareTab()->chartTabs()->isAncestorOf(scatter));
        window.tabs()->setCurrentWidget(window.compareTab());
        window.compareTab()->chartTabs()->setCurrentIndex(1);
        QTest::qWait(20);
        QVERIFY2(scatter->width() > 0.8 * window.compareTab()->width(),
                 qPrintable(QString::number(scatter->width())));
        // Still a projector's 1280×720: nothing in presentation mode may force the window taller.
        QVERIFY2(window.height() <= 720 && window.minimumSizeHint().height() <= 720,
                 qPrintable(QString::number(window.minimumSizeHint().height())));
        window.setPresentationMode(false);
        QTest::qWait(20);
        QCOMPARE(QApplication::font().pointSizeF(), before);
        QVERIFY(window.runsDock()->isVisible());
        QCOMPARE(window.compareTab()->chartTabs()->count(), 0);
        QVERIFY(!window.compareTab()->chartTabs()->isAncestorOf(scatter));
        QVERIFY(scatter->isVisible() && bars->isVisible());
        QVERIFY(scatter->width() < 0.5 * window.compareTab()->width());
    }
};

QTEST_MAIN(TestClassroom)
#include "test_classroom.moc"
