// `recdistill-cli study` as a user runs it: a study killed with SIGKILL in the middle and resumed
// gives the same table as an uninterrupted one without running finished experiments again; a bad
// sweep is refused before any work with the key's name; runs, show and export know studies.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"

namespace {

const char* kStudy = R"({
  "version": 1,
  "name": "cli study",
  "data": {"path": "demo", "preprocess": {"max_users": 120}},
  "teacher": {"name": "mf", "dim": 32},
  "student": {"name": "mf", "dim": 4},
  "methods": ["softlabel", "rd"],
  "train": {"epochs": 3, "batch_size": 512, "lr": 0.01, "patience": 0, "threads": 1},
  "latency_users": 3,
  "study": {"seeds": [1, 2, 3], "sweep": {"student.dim": [4, 8]}}
})";

/** The rows without what differs between two runs of the same study (ids, wall-clock times). */
QJsonArray comparableRows(const QByteArray& out) {
    QJsonArray rows = QJsonDocument::fromJson(out).object()["rows"].toArray();
    for (int i = 0; i < rows.size(); ++i) {
        QJsonObject row = rows[i].toObject();
        row.remove("runs");
        QJsonObject metrics = row["metrics"].toObject();
        for (const char* timed : {"eval_seconds", "train_seconds", "latency_p50_ms",
                                  "latency_p95_ms", "serving_p50_ms", "serving_p99_ms"})
            metrics.remove(timed);
        row["metrics"] = metrics;
        rows[i] = row;
    }
    return rows;
}

}  // namespace

class TestCliStudy : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString config_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        config_ = dir_.filePath("study.json");
        QFile f(config_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kStudy);
    }

    void killedMidwayAndResumed() {
        const QString whole = dir_.filePath("whole.sqlite");
        const Run a = runCli({"study", config_, "--db", whole, "--json"});
        QVERIFY2(a.exitCode == 0, describe(a));
        const QJsonObject expected = QJsonDocument::fromJson(a.out).object();
        QCOMPARE(expected["ran"].toInt(), 6);
        QCOMPARE(expected["rows"].toArray().size(), 8);

        // Killed (SIGKILL: nothing can be saved on the way out) once two experiments finished.
        const QString parts = dir_.filePath("parts.sqlite");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "1");
        p.setProcessEnvironment(env);
        p.start(cliPath(), {"study", config_, "--db", parts});
        QVERIFY(p.waitForStarted(10000));
        QByteArray seen;
        QElapsedTimer clock;
        clock.start();
        while (!seen.contains("[2/6] student.dim=4, seed 2: finished") &&
               clock.elapsed() < 120000) {
            p.waitForReadyRead(200);
            seen += p.readAllStandardOutput();
        }
        QVERIFY2(seen.contains("seed 2: finished"), seen.constData());
        p.kill();
        QVERIFY(p.waitForFinished(10000));

        const Run resumed = runCli({"study", "--resume", "1", "--db", parts, "--json"});
        QVERIFY2(resumed.exitCode == 0, describe(resumed));
        const QJsonObject got = QJsonDocument::fromJson(resumed.out).object();
        QVERIFY2(got["skipped"].toInt() >= 2, describe(resumed));
        QCOMPARE(got["skipped"].toInt() + got["ran"].toInt(), 6);
        QCOMPARE(got["status"].toString(), QStringLiteral("finished"));
        QCOMPARE(comparableRows(resumed.out), comparableRows(a.out));
        QVERIFY2(resumed.err.contains("finished before, skipped"), describe(resumed));

        // A finished study resumed runs nothing.
        const Run again = runCli({"study", "--resume", "1", "--db", parts, "--json"});
        QVERIFY2(again.exitCode == 0, describe(again));
        QCOMPARE(QJsonDocument::fromJson(again.out).object()["ran"].toInt(), 0);
    }

    void badSweepIsRefusedBeforeAnyWork() {
        const QString db = dir_.filePath("refused.sqlite");
        const Run r = runCli({"study", config_, "--db", db, "--sweep", "student.dimm=4,8"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("student.dimm"), describe(r));
        const Run range = runCli({"study", config_, "--db", db, "--sweep", "train.lr=0.01,-1"});
        QCOMPARE(range.exitCode, 1);
        QVERIFY2(range.err.contains("study.sweep.train.lr = -1"), describe(range));
        const Run runs = runCli({"runs", "--db", db});
        QVERIFY2(runs.out.contains("no runs"), describe(runs));
    }

    void runsShowAndExportKnowStudies() {
        const QString db = dir_.filePath("whole.sqlite");
        const Run runs = runCli({"runs", "--db", db});
        QVERIFY2(runs.exitCode == 0 && runs.out.contains("study:1") && runs.out.contains("6/6"),
                 describe(runs));
        const Run show = runCli({"show", "study:1", "--db", db});
        QVERIFY2(show.exitCode == 0, describe(show));
        QVERIFY2(show.out.contains("cell 2: student.dim=8") && show.out.contains("Δ NDCG@10"),
                 describe(show));
        const Run csv = runCli({"export", "study:1", "--format", "csv", "--db", db});
        QVERIFY2(csv.exitCode == 0, describe(csv));
        QVERIFY2(csv.out.startsWith("cell,cell_label,role,method,metric,n,mean"), describe(csv));
        QVERIFY2(csv.out.contains("\"student.dim=4\",distilled,\"rd\",\"NDCG@10\",3,"),
                 describe(csv));
        // --seeds and --sweep on the command line make the same study as the config's object.
        const Run flags = runCli({"study", config_, "--db", dir_.filePath("flags.sqlite"),
                                  "--seeds", "1,2,3", "--sweep", "student.dim=4,8", "--json"});
        QVERIFY2(flags.exitCode == 0, describe(flags));
        const Run whole = runCli({"show", "study:1", "--db", db, "--json"});
        QCOMPARE(comparableRows(flags.out), comparableRows(whole.out));
    }
};

QTEST_MAIN(TestCliStudy)
#include "test_cli_study.moc"
