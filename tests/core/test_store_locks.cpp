// A run store open in this process (two jobs of a study, a reading command) while another process
// opens, reads and closes it (the window, a CLI command, the sqlite3 shell): the other process is
// not the last connection, so it must leave the -wal and -shm in place, and every connection here
// goes on working. The opener reads a store's header through SQLite's own file handle, not a
// descriptor of its own whose close would drop this process's POSIX locks on the file (SQLite's
// "How To Corrupt" §2.2); this test passed with the older header check as well, so it guards the
// scenario rather than reproduces a failure seen.

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <string>

#include "store/store_opener.h"

namespace {

bool exec(sqlite3* db, const char* sql) {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

/** Another process opens the store, reads it and closes: the way the window, a CLI command or
 *  the sqlite3 shell looks at a store while a study writes it. Returns its exit status. */
int lookFromAnotherProcess(const std::string& path) {
    const pid_t child = fork();
    if (child == 0) {
        sqlite3* db = nullptr;
        int status =
            sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK ? 0 : 2;
        if (status == 0 && !exec(db, "SELECT count(*) FROM metric_names")) status = 3;
        sqlite3_close(db);
        _exit(status);
    }
    int status = -1;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

class TestStoreLocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void anotherProcessClosingLeavesOurWalAlone() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.sqlite")).toStdString();
        sqlite3* writer = rd::StoreOpener::open(path);  // the study's first job
        QVERIFY(exec(writer, "INSERT INTO metric_names(name) VALUES ('first')"));
        sqlite3* second = rd::StoreOpener::open(path);  // its second job opens the same store
        sqlite3* reader = rd::StoreOpener::openReadOnly(path);  // and a reading command
        QVERIFY(std::filesystem::exists(path + "-wal"));
        QVERIFY(std::filesystem::exists(path + "-shm"));

        QCOMPARE(lookFromAnotherProcess(path), 0);

        // Our connections are still open, so the other process was not the last one: the WAL
        // and its index stay, and every connection here goes on reading and writing.
        QVERIFY(std::filesystem::exists(path + "-wal"));
        QVERIFY(std::filesystem::exists(path + "-shm"));
        QVERIFY2(exec(writer, "INSERT INTO metric_names(name) VALUES ('second')"),
                 sqlite3_errmsg(writer));
        QVERIFY2(exec(second, "INSERT INTO metric_names(name) VALUES ('third')"),
                 sqlite3_errmsg(second));
        sqlite3_stmt* count = nullptr;
        QCOMPARE(
            sqlite3_prepare_v2(reader, "SELECT count(*) FROM metric_names", -1, &count, nullptr),
            SQLITE_OK);
        QCOMPARE(sqlite3_step(count), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(count, 0), 3);
        sqlite3_finalize(count);
        QCOMPARE(sqlite3_close(reader), SQLITE_OK);
        QCOMPARE(sqlite3_close(second), SQLITE_OK);
        QCOMPARE(sqlite3_close(writer), SQLITE_OK);
    }
};

QTEST_APPLESS_MAIN(TestStoreLocks)
#include "test_store_locks.moc"
