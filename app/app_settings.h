#pragma once

#include <QtCore/qnamespace.h>
#include <QByteArray>
#include <QList>
#include <QString>

namespace rd {

/**
 * Every QSettings key of the GUI in one place, in QSettings("RecDistill", "RecDistill") (named, not
 * default-constructed: the tests and the benchmark run without the application names main() sets).
 * Each call reads or writes through a short-lived QSettings, which Qt caches per process.
 */
class AppSettings {
public:
    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray& geometry);
    static QByteArray windowState();
    static void setWindowState(const QByteArray& state);

    /** The data set opened last: a path, or "demo". */
    static QString lastDatasetPath();
    static void setLastDatasetPath(const QString& path);
    /** The run database opened last (empty: the default one). */
    static QString databasePath();
    static void setDatabasePath(const QString& path);
    /** The runs last ticked for comparison in the run database at path (its absolute path). */
    static QList<qint64> checkedRuns(const QString& databasePath);
    static void setCheckedRuns(const QString& databasePath, const QList<qint64>& runIds);

    /** The Runs dock's sort: a RunsModel column (default: the date) and its order (default: newest
     * first). */
    static int runsSortColumn(int otherwise);
    static Qt::SortOrder runsSortOrder();
    static void setRunsSort(int column, Qt::SortOrder order);

    /** Training threads (0 = one per core). */
    static int threads();
    static void setThreads(int threads);
    static bool demoPace();
    static void setDemoPace(bool on);
    static bool presentationMode();
    static void setPresentationMode(bool on);
    /** "" (follow the system), "en" or "zh_CN". */
    static QString language();
    static void setLanguage(const QString& code);
};

}  // namespace rd
