// A writer thread and a reader thread, each with its own connection, work on one store for about
// two seconds: no SQLITE_BUSY (or any) failure, readers never see half an epoch, and no point is
// lost. And several connections that open a file that does not exist yet, all at the same moment
// (the window's store session and the experiment's worker do), all succeed.

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "store/run_store.h"

class TestRunStoreConcurrency : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writerAndReaderThreads();
    void connectionsOpeningAFreshFileAtOnce();
};

void TestRunStoreConcurrency::writerAndReaderThreads() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("runs.sqlite").toStdString();
    constexpr int kPerEpoch = 8;  // loss terms + validation metrics of one epoch
    int64_t runId = 0;
    {
        rd::RunStore setup(path);
        const int64_t e = setup.addExperiment({0, "concurrency", 0, "{}", "", "", {}});
        runId = setup.startRun(
            {0, e, "model", "mf", "", 1, "running", "", "", "", "", "", 1, "{}", 0, ""});
    }
    std::atomic<bool> stop{false};
    std::atomic<int64_t> epochsWritten{0}, reads{0}, tornReads{0}, shrinkingReads{0};
    std::string writerError, readerError;

    std::thread writer([&] {
        try {
            rd::RunStore store(path);
            int64_t step = 0;
            const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
            while (std::chrono::steady_clock::now() < end) {
                std::vector<std::pair<std::string, double>> values;
                for (int m = 0; m < kPerEpoch; ++m)
                    values.emplace_back("m" + std::to_string(m), step * 10.0 + m);
                store.addPoints(runId, step, values, static_cast<double>(step));
                ++step;
                epochsWritten = step;
                // The GUI also writes final results and notes from its own thread now and then.
                if (step % 50 == 0) store.setFinalResults(runId, {{"NDCG@10", step / 1000.0}});
            }
            store.finishRun(runId, "finished");
        } catch (const std::exception& e) {
            writerError = e.what();
        }
        stop = true;
    });
    std::thread reader([&] {
        try {
            rd::RunStore store(path);
            size_t last = 0;
            while (!stop) {
                const size_t n = store.points(runId).size();
                if (n % kPerEpoch != 0) ++tornReads;
                if (n < last) ++shrinkingReads;
                last = n;
                store.finalValues("NDCG@10", {runId});
                store.runs();
                ++reads;
            }
        } catch (const std::exception& e) {
            readerError = e.what();
        }
    });
    writer.join();
    reader.join();
    QVERIFY2(writerError.empty(), writerError.c_str());
    QVERIFY2(readerError.empty(), readerError.c_str());
    QCOMPARE(tornReads.load(), int64_t(0));
    QCOMPARE(shrinkingReads.load(), int64_t(0));
    QVERIFY(reads > 10);
    QVERIFY(epochsWritten > 10);

    rd::RunStore check(path);
    const auto points = check.points(runId);
    QCOMPARE(static_cast<int64_t>(points.size()), epochsWritten * kPerEpoch);
    // Every value where it belongs: name m<k>, step s, value 10 s + k.
    for (const auto& p : points) QCOMPARE(p.value, p.step * 10.0 + std::stoi(p.name.substr(1)));
    QCOMPARE(check.run(runId)->status, std::string("finished"));
    QCOMPARE(check.integrityCheck(), std::string("ok"));
    qInfo("writer: %lld epochs (%lld points), reader: %lld full reads, no busy failure",
          static_cast<long long>(epochsWritten.load()),
          static_cast<long long>(epochsWritten * kPerEpoch), static_cast<long long>(reads.load()));
}

QTEST_GUILESS_MAIN(TestRunStoreConcurrency)
#include "test_run_store_concurrency.moc"

void TestRunStoreConcurrency::connectionsOpeningAFreshFileAtOnce() {
    QTemporaryDir dir;
    constexpr int kRounds = 60, kConnections = 4;
    for (int round = 0; round < kRounds; ++round) {
        const std::string path =
            dir.filePath(QStringLiteral("fresh-%1.sqlite").arg(round)).toStdString();
        std::atomic<int> ready{0};
        std::string errors[kConnections];
        std::vector<std::thread> threads;
        for (int c = 0; c < kConnections; ++c)
            threads.emplace_back([&, c] {
                ++ready;
                while (ready < kConnections) std::this_thread::yield();
                try {
                    rd::RunStore store(path);
                    store.runs();
                } catch (const std::exception& e) {
                    errors[c] = e.what();
                }
            });
        for (std::thread& t : threads) t.join();
        for (const std::string& e : errors)
            QVERIFY2(e.empty(),
                     qPrintable(
                         QStringLiteral("round %1: %2").arg(round).arg(QString::fromStdString(e))));
    }
}
