// A child process writes points in a loop and is killed with SIGKILL at a seeded random moment, 20
// times into the same file. After each kill: integrity_check is ok, every earlier finished run is
// intact, and the killed run is 'interrupted' with every epoch it committed (and no half epoch).

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <thread>

#include "store/run_store.h"

class TestRunStoreCrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLeavesSoundStore();
};

void TestRunStoreCrash::killedWriterLeavesSoundStore() {
    QTemporaryDir dir;
    const QString path = dir.filePath("runs.sqlite");
    std::mt19937 rng(20260528);
    std::uniform_int_distribution<int> delayMs(5, 300);
    std::vector<int64_t> finishedRuns;
    int64_t totalCommitted = 0;
    for (int round = 0; round < 20; ++round) {
        QProcess child;
        child.start(QStringLiteral(RECDISTILL_BINARY_DIR "/tests/run_store_crash_child"), {path});
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        // Wait until the child is writing its live run, then kill it a random moment later.
        QByteArray out;
        while (!out.contains("running ") && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("running "), qPrintable(out + child.readAllStandardError()));
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(rng)));
        child.kill();                           // SIGKILL
        QVERIFY(child.waitForFinished(10000));  // reaped: the pid is gone
        out += child.readAllStandardOutput();

        int64_t finishedId = 0, liveId = 0, lastPrinted = -1;
        for (const QByteArray& line : out.split('\n')) {
            if (line.startsWith("finished ")) finishedId = line.mid(9).toLongLong();
            if (line.startsWith("running ")) liveId = line.mid(8).toLongLong();
            if (line.startsWith("step ")) lastPrinted = line.mid(5).toLongLong();
        }
        QVERIFY(finishedId > 0 && liveId > 0);
        finishedRuns.push_back(finishedId);

        rd::RunStore store(path.toStdString());
        QCOMPARE(store.integrityCheck(), std::string("ok"));
        QCOMPARE(store.recoveredRuns(), 1);
        QCOMPARE(store.run(liveId)->status, std::string("interrupted"));
        // Committed epochs are whole and contiguous; each printed step was committed before it was
        // printed.
        const auto points = store.points(liveId);
        QCOMPARE(points.size() % 3, size_t(0));
        const int64_t epochs = static_cast<int64_t>(points.size() / 3);
        QVERIFY2(epochs >= lastPrinted + 1 && epochs <= lastPrinted + 2,
                 qPrintable(QStringLiteral("%1 epochs stored, last printed step %2")
                                .arg(epochs)
                                .arg(lastPrinted)));
        for (const auto& p : store.points(liveId, "recall")) QCOMPARE(p.value, p.step * 3.0);
        totalCommitted += epochs;
        for (int64_t id : finishedRuns) {
            const auto r = store.run(id);
            QVERIFY(r);
            QCOMPARE(r->status, std::string("finished"));
            const auto pts = store.points(id);
            QCOMPARE(pts.size(), size_t(10));
            for (const auto& p : pts)
                QCOMPARE(p.value, p.name == "loss" ? p.step * 0.25 : p.step * 0.5);
            QCOMPARE(store.finalResults(id).at("NDCG@10"), 0.5);
        }
    }
    qInfo(
        "20 kills: integrity ok each time, %d finished runs intact, %lld committed epochs kept in "
        "killed runs",
        static_cast<int>(finishedRuns.size()), static_cast<long long>(totalCommitted));
}

QTEST_GUILESS_MAIN(TestRunStoreCrash)
#include "test_run_store_crash.moc"
