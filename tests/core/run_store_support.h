#pragma once

// Shared by the run-store tests: a raw SQLite connection for what the store's API does not expose,
// a file's bytes, and the message a store refuses a file with.

#include <sqlite3.h>

#include <QByteArray>
#include <QFile>
#include <QString>

#include <string>

#include "store/run_store.h"
#include "store/store_error.h"

/** A raw connection for what the store's API does not expose (PRAGMAs, counting rows). */
struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) qFatal("cannot open %s", path.c_str());
    }
    ~RawDb() { sqlite3_close(db); }
    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) qFatal("%s: %s", sql, err);
    }
    QString text(const char* sql, int column = 0) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
            qFatal("%s: %s", sql, sqlite3_errmsg(db));
        QString out;
        while (sqlite3_step(s) == SQLITE_ROW) {
            if (!out.isEmpty()) out += '\n';
            out += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(s, column)));
        }
        sqlite3_finalize(s);
        return out;
    }
    long long number(const char* sql) { return text(sql).toLongLong(); }
};

inline QByteArray fileBytes(const std::string& path) {
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

inline QString openError(const std::string& path) {
    try {
        rd::RunStore store(path);
    } catch (const rd::StoreError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}
