// Progress that means something and the keys around a run (issue 16). The Live tab fed a scripted
// run (fixed epoch times, a fixed clock) shows the early-stopping bound per stage and the time left
// from ProgressEstimate; a cancel says "Cancelling…" and stages that never started read "not run".
// The window: Esc cancels a run, Ctrl+R during a run says why nothing starts, Ctrl+F puts the
// keyboard in the Runs filter, and View ▸ Runs works in presentation mode.
#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

#include "app_settings.h"
#include "experiment_runner.h"
#include "fake_pipeline.h"
#include "isolated_home.h"
#include "live_tab.h"
#include "main_window.h"
#include "run_catalog.h"
#include "runs_dock.h"
#include "workbench.h"

using rd::MainWindow;

namespace {

rd::StageInfo stage(int index, const char* name, const char* role) {
    rd::StageInfo s;
    s.index = index;
    s.count = 3;
    s.stage = name;
    s.role = role;
    s.method =
        role == std::string("distilled") ? name : (role == std::string("student") ? "none" : "");
    s.model = "mf";
    s.maxEpochs = 300;
    s.patience = 3;
    s.evalEvery = 1;
    return s;
}

QVariantMap valid(double v) {
    return {{QStringLiteral("NDCG@10"), v}};
}

}  // namespace

class TestLiveProgress : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void scriptedRunShowsBoundAndTimeLeft() {
        rd::LiveTab live;
        live.begin({stage(0, "teacher", "teacher"), stage(1, "student", "student"),
                    stage(2, "rd", "distilled")},
                   QStringLiteral("NDCG@10"));
        double now = 0;
        live.setClock([&now] { return now; });
        QSignalSpy summaries(&live, &rd::LiveTab::progressChanged);
        live.stageStarted(0, QStringLiteral("teacher"));
        // Five epochs of 2 s: better at 1, 2, 3, then not.
        const double values[] = {0.1, 0.2, 0.3, 0.3, 0.25};
        for (int e = 1; e <= 5; ++e) {
            now += 2;
            live.epochReported(QStringLiteral("teacher"), e, 300, {}, valid(values[e - 1]), 2.0);
        }
        live.flush();
        QTreeWidget* stages = live.stageList();
        QCOMPARE(stages->topLevelItem(0)->text(3),
                 QStringLiteral("epoch 5, best at 3, stops by 6 at the latest"));
        // Left: 1 teacher epoch (2 s) + two stages each estimated as the teacher (6 × 2 s).
        QCOMPARE(live.etaLabel()->text(), QStringLiteral("Elapsed 10 s, about 26 s left"));
        QCOMPARE(live.progressBar()->value(), static_cast<int>(10.0 / 36.0 * 1000));
        QVERIFY(!summaries.isEmpty());
        QCOMPARE(summaries.last().at(0).toString(), live.etaLabel()->text());
        QCOMPARE(live.progressSummary(), live.etaLabel()->text());

        live.cancelling();
        QCOMPARE(live.etaLabel()->text(), QStringLiteral("Cancelling…"));
        QVERIFY(!live.cancelButton()->isEnabled());
        live.flush();  // the timer does not overwrite it
        QCOMPARE(live.etaLabel()->text(), QStringLiteral("Cancelling…"));
        live.stageFinished(QStringLiteral("teacher"), QStringLiteral("cancelled"), QString(), {});
        live.finish(QStringLiteral("cancelled"), QString());
        QCOMPARE(stages->topLevelItem(0)->text(2), QStringLiteral("cancelled"));
        QCOMPARE(stages->topLevelItem(1)->text(2), QStringLiteral("not run"));
        QCOMPARE(stages->topLevelItem(2)->text(2), QStringLiteral("not run"));
        QCOMPARE(live.etaLabel()->text(), QStringLiteral("Cancelled after 10 s."));
    }

    void keysAroundARun() {
        auto control = std::make_shared<rdtest::FakeControl>();
        control->released = 0;  // the first stage waits until the test lets it go (or cancels)
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        {
            QSignalSpy loaded(window.workbench()->catalog(), &rd::RunCatalog::loaded);
            window.workbench()->openDatabase(home_.filePath(QStringLiteral("keys.sqlite")));
            QVERIFY(loaded.wait(30000));
        }
        window.runner()->setPipeline(rdtest::fakePipeline(control));
        QSignalSpy started(window.runner(), &rd::ExperimentRunner::stageStarted);
        QVERIFY(window.startExperiment());
        QVERIFY(started.wait(30000));

        // Ctrl+R again: nothing starts, and the status bar says why.
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(window.lastError().contains(QStringLiteral("already running")),
                 qPrintable(window.lastError()));
        auto* status = window.findChild<QLabel*>(QStringLiteral("statusText"));
        QVERIFY(status->text().contains(QStringLiteral("already running")));

        // Ctrl+F: the Runs filter has the keyboard.
        auto* filter = window.findChild<rd::RunsDock*>()->findChild<QLineEdit*>();
        QVERIFY(filter);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());

        // Esc cancels (focus out of the filter first: Esc there is for the line edit).
        window.liveTab()->setFocus();
        QSignalSpy finished(window.workbench(), &rd::Workbench::experimentFinished);
        QTest::keyClick(window.liveTab(), Qt::Key_Escape);
        QCOMPARE(window.liveTab()->etaLabel()->text(), QStringLiteral("Cancelling…"));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().at(0).toString(), QStringLiteral("cancelled"));
        QVERIFY(!window.isRunning());

        // Presentation mode hides the dock; View ▸ Runs brings it back.
        window.setPresentationMode(true);
        QDockWidget* dock = window.findChild<rd::RunsDock*>();
        QVERIFY(!dock->isVisible());
        QAction* toggle = dock->toggleViewAction();
        QVERIFY(toggle->isEnabled());
        toggle->trigger();
        QVERIFY(dock->isVisible());
        window.setPresentationMode(false);
    }

    void geometryFromALargerScreenIsClamped() {
        QByteArray saved;
        {
            MainWindow big;
            big.setGeometry(321, 234, 2560, 1600);  // saved at 2× on a 1280×800 desktop
            saved = big.saveGeometry();
        }
        rd::AppSettings::setWindowGeometry(saved);
        MainWindow window;
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.geometry()), qPrintable(QStringLiteral("%1,%2 %3×%4")
                                                                       .arg(window.x())
                                                                       .arg(window.y())
                                                                       .arg(window.width())
                                                                       .arg(window.height())));
        rd::AppSettings::setWindowGeometry({});
    }
};

QTEST_MAIN(TestLiveProgress)
#include "test_live_progress.moc"
