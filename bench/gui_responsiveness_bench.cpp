// GUI responsiveness during a real experiment: the main window runs a sized-down quick demo on its
// worker thread while the Live tab draws the curves; a 5 ms timer in the GUI thread records the gaps
// between its ticks. Prints p50, p99 and the longest gap (goal: p99 <= 30 ms, max <= 200 ms).
//   QT_QPA_PLATFORM=offscreen build/bench/bench_gui_responsiveness [epochs] [max_users]
#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "live_curve_chart.h"
#include "live_tab.h"
#include "main_window.h"
#include "presets.h"
#include "setup_tab.h"

int main(int argc, char* argv[]) {
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.path().toUtf8());  // never the user's run store
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RecDistillBench"));
    const int epochs = argc > 1 ? std::atoi(argv[1]) : 20;
    const int maxUsers = argc > 2 ? std::atoi(argv[2]) : 400;

    rd::MainWindow window;
    window.setErrorDialogsEnabled(false);
    window.openDatabase(home.filePath(QStringLiteral("runs.sqlite")));
    nlohmann::json c = rd::builtinPresets().front().config;
    c["data"]["preprocess"] = {{"max_users", maxUsers}};
    c["methods"] = {"softlabel", "rd", "rrd"};
    c["train"]["epochs"] = epochs;
    c["train"]["patience"] = 0;
    c["train"]["threads"] = 1;
    c["latency_users"] = 20;
    window.setupTab()->setConfig(c);
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
    QObject::connect(&window, &rd::MainWindow::experimentFinished, [&](const QString& status, qint64) {
        probe.stop();
        std::sort(gaps.begin(), gaps.end());
        const auto pct = [&](double p) {
            return gaps.empty() ? 0.0 : gaps[std::min(gaps.size() - 1, static_cast<size_t>(p * gaps.size()))];
        };
        int points = 0;
        for (const char* s : {"teacher", "student", "softlabel", "rd", "rrd"})
            points += window.liveTab()->validChart()->pointCount(QString::fromLatin1(s));
        std::printf("experiment %s in %.1f s; %d validation points drawn (plus loss curves)\n",
                    qPrintable(status), clock.elapsed() / 1000.0, points);
        std::printf("GUI timer (5 ms): %zu ticks, gap p50 %.1f ms, p99 %.1f ms, max %.1f ms  "
                    "(goal p99 <= 30, max <= 200)\n",
                    gaps.size(), pct(0.50), pct(0.99), gaps.empty() ? 0.0 : gaps.back());
        app.quit();
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
