// The reliability review's findings (../shared/reviews/reliability-2026-12.md) reproduced through
// recdistill-cli as a user meets them, each a clear refusal now: deeply nested or duplicate-key
// JSON and numbers beyond a double (F1, F7), an export aimed at the run store (F3), a split that
// leaves nothing to test (F6), text that is not UTF-8 in a store (F10), a command that only reads
// making a store at a mistyped path (F12). Exit code 1 and a message
// that names the file, line or key, never a crash (exit -2 here) or the JSON library's raw words.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "cli_runner.h"

namespace {

QString quickConfig() {
    return QStringLiteral(RECDISTILL_SOURCE_DIR "/resources/experiments/quick-demo-mf.json");
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/** The quick demo's MF config, with one field's text replaced (as a user would edit it). */
QByteArray editedConfig(const QByteArray& from, const QByteArray& to) {
    QByteArray text = readAll(quickConfig());
    if (!text.contains(from)) qFatal("the quick demo config has no %s", from.constData());
    return text.replace(from, to);
}

}  // namespace

class TestCliHardening : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deeplyNestedConfigRefused() {
        // F1: a config nested 100,000 deep crashed (stack overflow) when printed or copied.
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QVERIFY(writeAll(dir_.filePath("deep.json"),
                         editedConfig("\"dim\": 32", "\"dim\": 32, \"x\": " + deep)));
        const Run r = runCli({"train", dir_.filePath("deep.json"), "--no-store"});
        QVERIFY2(r.exitCode == 1, describe(r));
        QVERIFY2(r.err.contains("deep.json: nested deeper than 64 levels"), describe(r));
        // The same through --set.
        const Run set =
            runCli({"train", quickConfig(), "--no-store", "--set",
                    "model.x=" + QString::fromLatin1(QByteArray(200, '[') + QByteArray(200, ']'))});
        QVERIFY2(set.exitCode == 1 && set.err.contains("--set model.x: nested deeper than 64"),
                 describe(set));
    }

    void duplicateKeyRefusedWithItsPath() {
        // F7: {"epochs": 30, "epochs": 2} silently trained 2 epochs.
        QVERIFY(writeAll(dir_.filePath("dup.json"),
                         editedConfig("\"epochs\": 30,", "\"epochs\": 30, \"epochs\": 2,")));
        const Run r = runCli({"train", dir_.filePath("dup.json"), "--no-store"});
        QVERIFY2(r.exitCode == 1, describe(r));
        QVERIFY2(r.err.contains("dup.json: train.epochs: given twice"), describe(r));
    }

    void numberBeyondADoubleNamesTheLine() {
        // F7: "lr": 1e400 gave the JSON library's "[json.exception.out_of_range.406]" and exit 2.
        QVERIFY(writeAll(dir_.filePath("lr.json"), editedConfig("\"lr\": 0.005", "\"lr\": 1e400")));
        const Run r = runCli({"train", dir_.filePath("lr.json"), "--no-store"});
        QVERIFY2(r.exitCode == 1, describe(r));
        QVERIFY2(r.err.contains("lr.json:6: the number 1e400 is too large"), describe(r));
        QVERIFY2(!r.err.contains("json.exception"), describe(r));
    }

    void exportNeverReplacesTheStore() {
        // F3: `export 1 --output runs.sqlite` replaced the whole store with JSON.
        const QString db = dir_.filePath("runs.sqlite");
        const Run train =
            runCli({"train", quickConfig(), "--db", db, "--set", "train.epochs=1", "--json"});
        QVERIFY2(train.exitCode == 0, describe(train));
        const QByteArray before = readAll(db);
        const Run r = runCli({"export", "1", "--db", db, "--output", db});
        QVERIFY2(r.exitCode == 1 && r.err.contains("this is the run store"), describe(r));
        QCOMPARE(readAll(db), before);
        // Another SQLite file is not replaced either; a new file is written whole.
        QVERIFY(QFile::copy(db, dir_.filePath("copy.sqlite")));
        const Run other =
            runCli({"export", "1", "--db", db, "--output", dir_.filePath("copy.sqlite")});
        QVERIFY2(other.exitCode == 1 && other.err.contains("an SQLite database is there"),
                 describe(other));
        const Run ok = runCli({"export", "1", "--db", db, "--output", dir_.filePath("run1.json")});
        QVERIFY2(ok.exitCode == 0, describe(ok));
        QCOMPARE(QJsonDocument::fromJson(readAll(dir_.filePath("run1.json")))
                     .object()["runs"]
                     .toArray()
                     .size(),
                 1);
        QVERIFY(!QFile::exists(dir_.filePath("run1.json.part")));
    }

    void textThatIsNotUtf8() {
        // F10: a tag or note of other bytes than UTF-8 made every JSON output fail. New ones are
        // refused; one already in a store (imported from elsewhere) is printed with U+FFFD.
        const QString db = dir_.filePath("utf8.sqlite");
        const Run train = runCli({"train", quickConfig(), "--db", db, "--set", "train.epochs=1"});
        QVERIFY2(train.exitCode == 0, describe(train));
        // Arguments reach the program as UTF-8 from here, so other bytes are planted with SQLite.
        const Run note = runCli({"note", "1", QString::fromUtf8("caf\xc3\xa9"), "--db", db});
        QVERIFY2(note.exitCode == 0, describe(note));
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "UPDATE experiments SET notes = CAST(X'636166E9' AS TEXT)",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(raw);
        const Run show = runCli({"show", "1", "--db", db, "--json"});
        QVERIFY2(show.exitCode == 0, describe(show));
        QCOMPARE(
            QJsonDocument::fromJson(show.out).object()["experiment"].toObject()["notes"].toString(),
            QString::fromUtf8("caf\xef\xbf\xbd"));
        QVERIFY2(runCli({"runs", "--db", db, "--json"}).exitCode == 0, "runs --json");
    }

    void splitWithNothingToTestRefused() {
        // F6: ratios [1, 0, 0] trained, then "evaluated" 0 users and printed zeros.
        const Run r =
            runCli({"train", quickConfig(), "--no-store", "--set", "data.split.ratios=[1,0,0]"});
        QVERIFY2(r.exitCode == 1, describe(r));
        QVERIFY2(r.err.contains("leaves no test interactions"), describe(r));
    }

    void readingCommandsNeverCreateAStore_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("runs") << QStringList{"runs"};
        QTest::newRow("show") << QStringList{"show", "1"};
        QTest::newRow("compare") << QStringList{"compare", "1", "2"};
        QTest::newRow("export") << QStringList{"export", "1"};
        QTest::newRow("note") << QStringList{"note", "1", "text"};
        QTest::newRow("db export") << QStringList{"db", "export", dir_.filePath("never.sqlite")};
        QTest::newRow("export-model")
            << QStringList{"export-model", "1", "--out", dir_.filePath("model")};
        QTest::newRow("export-teacher")
            << QStringList{"export-teacher", "1", "--top", "5", "--out", dir_.filePath("t.tsv")};
    }
    void readingCommandsNeverCreateAStore() {
        // F12: `runs --db typo.sqlite` made an empty typo.sqlite and listed nothing.
        QFETCH(QStringList, args);
        const QString db = dir_.filePath("typo.sqlite");
        const Run r = runCli(args + QStringList{"--db", db});
        QVERIFY2(r.exitCode == 1, describe(r));
        QVERIFY2(r.err.contains("no run store here"), describe(r));
        QVERIFY(!QFile::exists(db));
        QVERIFY(!QFile::exists(dir_.filePath("never.sqlite")));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestCliHardening)
#include "test_cli_hardening.moc"
