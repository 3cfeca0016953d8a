// GUI responsiveness during a real experiment: the main window runs a sized-down quick demo on its
// worker thread while the Live tab draws the curves; a 5 ms timer in the GUI thread records the
// gaps between its ticks. Prints p50, p99 and the longest gap (goal: p99 <= 30 ms, max <= 200 ms).
//   QT_QPA_PLATFORM=offscreen build/bench/bench_gui_responsiveness [epochs] [max_users]
//   [store_runs] [study_seeds]
// study_seeds > 0: the window runs a study of that many seeds (the same experiment per seed, as
// Setup's "Repeat over seeds" makes it) instead of one experiment; the timer keeps running after
// the study ends until Compare has the study's table (the Runs tree read again, every run of the
// study checked, snapshots and the table computed), so that work counts too.
// store_runs > 0: the run database the window has open already holds that many runs (five per
// experiment, each with the quick demo's set of final results), written through the RunStore API
// into a temporary file before the window opens it; the experiment starts once the Runs tree is
// read.
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "live_curve_chart.h"
#include "live_tab.h"
#include "main_window.h"
#include "presets.h"
#include "run_catalog.h"
#include "runs_model.h"
#include "setup_tab.h"
#include "store/run_store.h"
#include "study/study_table.h"
#include "study_catalog.h"
#include "workbench.h"

namespace {

/** Writes runs finished runs (five per experiment) into a new store at path; returns the seconds
 * taken. */
double seedStore(const std::string& path, int runs, const nlohmann::json& config) {
    QElapsedTimer clock;
    clock.start();
    rd::RunStore store(path);
    rd::DatasetRecord d;
    d.name = "seeded";
    d.sourcePath = "seeded";
    d.format = "seeded";
    d.contentHash = "seeded";
    const int64_t dataset = store.addDataset(d);
    // The names of a real run's final results (accuracy at four cut-offs, beyond-accuracy, costs).
    std::vector<std::string> metrics;
    for (const char* m : {"Recall", "NDCG", "MRR", "Precision", "HitRate", "ItemCoverage", "Gini",
                          "Novelty", "LongTail", "ILD", "ARP"})
        for (int k : {5, 10, 20, 50}) metrics.push_back(std::string(m) + "@" + std::to_string(k));
    for (const char* m :
         {"params", "bytes", "train_seconds", "epochs", "best_epoch", "latency_p50_ms"})
        metrics.push_back(m);
    const char* roles[] = {"teacher", "student", "distilled", "distilled", "distilled"};
    const char* methods[] = {"", "none", "softlabel", "rd", "rrd"};
    int64_t experiment = 0;
    for (int i = 0; i < runs; ++i) {
        if (i % 5 == 0) {
            rd::ExperimentRecord e;
            e.name = "seeded experiment " + std::to_string(i / 5);
            e.datasetId = dataset;
            e.configJson = config.dump();
            experiment = store.addExperiment(e);
        }
        rd::RunRecord r;
        r.experimentId = experiment;
        r.role = roles[i % 5];
        r.model = i % 5 == 0 ? "lightgcn" : "mf";
        r.method = methods[i % 5];
        const int64_t id = store.startRun(r);
        std::map<std::string, double> results;
        for (size_t m = 0; m < metrics.size(); ++m)
            results[metrics[m]] = 0.001 * static_cast<double>((i + m) % 997);
        store.setFinalResults(id, results);
        store.finishRun(id, "finished");
    }
    return clock.elapsed() / 1000.0;
}

}  // namespace

int main(int argc, char* argv[]) {
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.path().toUtf8());  // never the user's run store
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RecDistillBench"));
    const int epochs = argc > 1 ? std::atoi(argv[1]) : 20;
    const int maxUsers = argc > 2 ? std::atoi(argv[2]) : 400;
    const int storeRuns = argc > 3 ? std::atoi(argv[3]) : 0;
    const int studySeeds = argc > 4 ? std::atoi(argv[4]) : 0;

    rd::MainWindow window;
    window.setErrorDialogsEnabled(false);
    nlohmann::json c = rd::builtinPresets().front().config;
    c["data"]["preprocess"] = {{"max_users", maxUsers}};
    c["methods"] = {"softlabel", "rd", "rrd"};
    c["train"]["epochs"] = epochs;
    c["train"]["patience"] = 0;
    c["train"]["threads"] = 1;
    c["latency_users"] = 20;
    if (studySeeds > 0) {
        nlohmann::json seeds = nlohmann::json::array();
        for (int i = 0; i < studySeeds; ++i) seeds.push_back(2020 + i);
        c["study"] = {{"seeds", seeds}};
    }
    window.setupTab()->setConfig(c);
    const QString database = home.filePath(QStringLiteral("runs.sqlite"));
    if (storeRuns > 0)
        std::printf("store: %d runs in %d experiments written in %.1f s\n", storeRuns,
                    (storeRuns + 4) / 5, seedStore(database.toStdString(), storeRuns, c));
    {
        QElapsedTimer opening;
        opening.start();
        QEventLoop wait;
        QString error = QStringLiteral("timed out");
        QObject::connect(window.workbench()->catalog(), &rd::RunCatalog::loaded, &wait,
                         [&](const QString& e) {
                             error = e;
                             wait.quit();
                         });
        QTimer::singleShot(120000, &wait, &QEventLoop::quit);
        window.openDatabase(database);
        wait.exec();
        if (!error.isEmpty()) {
            std::printf("the run database did not open: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("Runs tree: %d experiments, %d runs, read in %.2f s (off the GUI thread)\n",
                    window.workbench()->runsModel()->experimentCount(),
                    window.workbench()->runsModel()->runCount(), opening.elapsed() / 1000.0);
    }
    window.resize(1280, 800);
    window.show();

    std::vector<double> gaps;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back((now - last) / 1e6);
        last = now;
    });
    int studyExperiments = 0;
    QObject::connect(window.workbench(), &rd::Workbench::studyExperimentStarted,
                     [&](int, int total, const QString&, qint64,
                         const std::vector<rd::StageInfo>&) { studyExperiments = total; });
    QString finishedStatus;
    double finishedAt = 0;
    const auto report = [&](const QString& status) {
        probe.stop();
        std::sort(gaps.begin(), gaps.end());
        const auto pct = [&](double p) {
            return gaps.empty()
                       ? 0.0
                       : gaps[std::min(gaps.size() - 1, static_cast<size_t>(p * gaps.size()))];
        };
        if (studySeeds > 0) {
            const rd::StudyTablePtr table = window.workbench()->studies()->table();
            std::printf(
                "study of %d experiments %s in %.1f s; Compare had its table (%zu rows, "
                "%d experiments finished) %.1f s later\n",
                studyExperiments, qPrintable(status), finishedAt,
                table ? table->rows.size() : size_t(0), table ? table->finished : 0,
                clock.elapsed() / 1000.0 - finishedAt);
        } else {
            int points = 0;
            for (const char* s : {"teacher", "student", "softlabel", "rd", "rrd"})
                points += window.liveTab()->validChart()->pointCount(QString::fromLatin1(s));
            std::printf("experiment %s in %.1f s; %d validation points drawn (plus loss curves)\n",
                        qPrintable(status), clock.elapsed() / 1000.0, points);
        }
        std::printf(
            "GUI timer (5 ms): %zu ticks, gap p50 %.1f ms, p99 %.1f ms, max %.1f ms  "
            "(goal p99 <= 30, max <= 200)\n",
            gaps.size(), pct(0.50), pct(0.99), gaps.empty() ? 0.0 : gaps.back());
        // A stall is one gap however long it lasts, so p99 hides it: their total says how long
        // the GUI thread was away.
        double stalled = 0;
        int stalls = 0;
        for (double g : gaps)
            if (g > 30) {
                stalled += g;
                ++stalls;
            }
        std::printf("gaps over 30 ms: %d, %.0f ms in all\n", stalls, stalled);
        app.quit();
    };
    if (studySeeds > 0) {
        QObject::connect(window.workbench()->studies(), &rd::StudyCatalog::tableReady,
                         [&](const rd::StudyTablePtr& table) {
                             if (table && !finishedStatus.isEmpty()) report(finishedStatus);
                         });
    }
    QObject::connect(&window, &rd::MainWindow::experimentFinished,
                     [&](const QString& status, qint64) {
                         if (studySeeds <= 0) return report(status);
                         finishedStatus = status;
                         finishedAt = clock.elapsed() / 1000.0;
                         QTimer::singleShot(60000, [&] {  // no table: report what there is
                             if (probe.isActive()) report(finishedStatus + " (no study table)");
                         });
                     });
    QTimer::singleShot(0, [&] {
        clock.start();
        last = 0;
        probe.start();
        if (!window.startExperiment()) {
            std::printf("could not start: %s\n", qPrintable(window.lastError()));
            app.exit(1);
        }
    });
    return app.exec();
}
