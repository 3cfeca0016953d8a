// Files a run store refuses and leaves byte for byte as they were: a newer schema, a text file,
// another application's database, a corrupt or truncated store, a negative schema version and a
// damaged empty database (found by fuzz_run_store).

#include <QTemporaryDir>
#include <QtTest>

#include <string>

#include "run_store_support.h"
#include "store/run_store.h"
#include "test_util.h"

using rd::RunStore;

class TestRunStoreRefusals : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesNewerVersionUntouched();
    void refusesForeignOrCorruptFileUntouched_data();
    void refusesForeignOrCorruptFileUntouched();
};

void TestRunStoreRefusals::refusesNewerVersionUntouched() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("newer.sqlite").toStdString();
    {
        RunStore store(path);
        store.addExperiment({0, "e", 0, "{}", "", "", {}});
    }
    {
        RawDb raw(path);
        raw.exec("PRAGMA user_version = 7");
    }
    const QByteArray before = fileBytes(path);
    const QString error = openError(path);
    QVERIFY2(error.contains("newer RecDistill") && error.contains("version 7") &&
                 error.contains(QString::fromStdString(path)),
             qPrintable(error));
    QCOMPARE(fileBytes(path), before);
    QVERIFY(!QFile::exists(QString::fromStdString(path + "-wal")));
    QVERIFY(!QFile::exists(QString::fromStdString(path + "-shm")));
}

void TestRunStoreRefusals::refusesForeignOrCorruptFileUntouched_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text file") << "text"
                               << "not an SQLite database";
    QTest::newRow("other application's SQLite file") << "foreign"
                                                     << "another application";
    QTest::newRow("corrupt run store") << "corrupt"
                                       << "corrupt";
    QTest::newRow("truncated run store") << "truncated"
                                         << "corrupt";
    // Reliability review F2: user_version -1 indexed the migration steps out of bounds (SIGSEGV).
    QTest::newRow("negative schema version") << "negative"
                                             << "schema version -1";
    // Found by fuzz_run_store: an SQLite file with no tables but a damaged first page was given the
    // schema (its header changed: WAL, page count) before the damage showed, then refused.
    QTest::newRow("damaged empty database") << "damaged-empty"
                                            << "corrupt";
    // Reliability review F12: a trigger planted in a shared store ran on the next `train`.
    QTest::newRow("planted trigger") << "trigger"
                                     << "trigger 'wipe' that RecDistill never creates";
    QTest::newRow("planted view") << "view"
                                  << "view 'everything' that RecDistill never creates";
}

void TestRunStoreRefusals::refusesForeignOrCorruptFileUntouched() {
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string path = dir.filePath("file.sqlite").toStdString();
    if (kind == "text") {
        rdtest::writeFile(dir, "file.sqlite", QByteArray("user,item\n1,2\n").repeated(200));
    } else if (kind == "damaged-empty") {
        {
            RawDb raw(path);
            raw.exec(
                "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO "
                "notes(body) VALUES ('x');");
        }
        QByteArray bytes = fileBytes(path);
        // Page 1's b-tree header (offset 100): no cells, content start 20, 209 fragmented bytes.
        bytes[103] = 0;
        bytes[104] = 0;
        bytes[105] = 0;
        bytes[106] = 0x14;
        bytes[107] = char(0xd1);
        rdtest::writeFile(dir, "file.sqlite", bytes);
    } else if (kind == "negative") {
        {
            RunStore store(path);
            store.addExperiment({0, "e", 0, "{}", "", "", {}});
        }
        RawDb raw(path);
        raw.exec("PRAGMA user_version = -1");
    } else if (kind == "trigger" || kind == "view") {
        {
            RunStore store(path);
            store.addExperiment({0, "e", 0, "{}", "", "", {}});
        }
        RawDb raw(path);
        raw.exec(kind == "trigger"
                     ? "CREATE TRIGGER wipe AFTER INSERT ON runs BEGIN DELETE FROM experiments; END"
                     : "CREATE VIEW everything AS SELECT * FROM experiments");
    } else if (kind == "foreign") {
        RawDb raw(path);
        raw.exec(
            "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES "
            "('mine');");
    } else {
        {
            RunStore store(path);
            const int64_t e = store.addExperiment({0, "e", 0, std::string(5000, 'x'), "", "", {}});
            const int64_t r = store.startRun(
                {0, e, "model", "mf", "", 1, "running", "", "", "", "", "", 1, "{}", 0, ""});
            for (int step = 0; step < 200; ++step)
                store.addPoints(r, step, {{"loss", step * 0.5}}, 1.0);
            store.finishRun(r, "finished");
        }
        QByteArray bytes = fileBytes(path);
        QVERIFY(bytes.size() > 8192);
        if (kind == "corrupt") {
            // Scribble over the second page (a b-tree page): header intact, content garbage.
            for (int i = 4096; i < 4096 + 600; ++i) bytes[i] = char(0xA5 ^ (i * 7));
        } else {
            bytes.truncate(bytes.size() - 4096 - 100);
        }
        rdtest::writeFile(dir, "file.sqlite", bytes);
    }
    const QByteArray before = fileBytes(path);
    const QString error = openError(path);
    QVERIFY2(error.contains(expected, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY2(error.contains("was not changed"), qPrintable(error));
    QCOMPARE(fileBytes(path), before);
    QVERIFY(
        !openError(path).isEmpty());  // and refused again: nothing was "repaired" by the first try
    QCOMPARE(fileBytes(path), before);
    // Nor does anything stay beside it (F12: a WAL-mode file kept an empty -wal and a -shm).
    QVERIFY(!QFile::exists(QString::fromStdString(path + "-wal")));
    QVERIFY(!QFile::exists(QString::fromStdString(path + "-shm")));
}

QTEST_GUILESS_MAIN(TestRunStoreRefusals)
#include "test_run_store_refusals.moc"
