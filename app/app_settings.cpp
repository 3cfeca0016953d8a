#include "app_settings.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace rd {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kLastPathKey = QStringLiteral("data/lastPath");
const QString kDatabaseKey = QStringLiteral("store/path");
const QString kThreadsKey = QStringLiteral("train/threads");
const QString kDemoPaceKey = QStringLiteral("run/demoPace");
const QString kPresentationKey = QStringLiteral("view/presentation");
const QString kLanguageKey = QStringLiteral("ui/language");
const QString kCheckedKey = QStringLiteral("store/checked/");
const QString kSortColumnKey = QStringLiteral("runs/sortColumn");
const QString kSortOrderKey = QStringLiteral("runs/sortOrder");

QSettings settings() {
    return QSettings(QStringLiteral("RecDistill"), QStringLiteral("RecDistill"));
}

QVariant value(const QString& key, const QVariant& otherwise = {}) {
    return settings().value(key, otherwise);
}

void setValue(const QString& key, const QVariant& value) {
    settings().setValue(key, value);
}

}  // namespace

/** One key per database: its absolute path, hashed (a path's slashes would make groups). */
static QString checkedKey(const QString& databasePath) {
    const QString absolute = QFileInfo(databasePath).absoluteFilePath();
    return kCheckedKey +
           QString::fromLatin1(QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha1)
                                   .toHex()
                                   .left(16));
}

int AppSettings::runsSortColumn(int otherwise) {
    return value(kSortColumnKey, otherwise).toInt();
}

Qt::SortOrder AppSettings::runsSortOrder() {
    return value(kSortOrderKey, int(Qt::DescendingOrder)).toInt() == int(Qt::AscendingOrder)
               ? Qt::AscendingOrder
               : Qt::DescendingOrder;
}

void AppSettings::setRunsSort(int column, Qt::SortOrder order) {
    setValue(kSortColumnKey, column);
    setValue(kSortOrderKey, int(order));
}

QByteArray AppSettings::windowGeometry() {
    return value(kGeometryKey).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry) {
    setValue(kGeometryKey, geometry);
}

QByteArray AppSettings::windowState() {
    return value(kStateKey).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state) {
    setValue(kStateKey, state);
}

QString AppSettings::lastDatasetPath() {
    return value(kLastPathKey).toString();
}

void AppSettings::setLastDatasetPath(const QString& path) {
    setValue(kLastPathKey, path);
}

QString AppSettings::databasePath() {
    return value(kDatabaseKey).toString();
}

void AppSettings::setDatabasePath(const QString& path) {
    setValue(kDatabaseKey, path);
}

int AppSettings::threads() {
    return value(kThreadsKey, 0).toInt();
}

void AppSettings::setThreads(int threads) {
    setValue(kThreadsKey, threads);
}

bool AppSettings::demoPace() {
    return value(kDemoPaceKey, false).toBool();
}

void AppSettings::setDemoPace(bool on) {
    setValue(kDemoPaceKey, on);
}

bool AppSettings::presentationMode() {
    return value(kPresentationKey, false).toBool();
}

void AppSettings::setPresentationMode(bool on) {
    setValue(kPresentationKey, on);
}

QString AppSettings::language() {
    return value(kLanguageKey).toString();
}

void AppSettings::setLanguage(const QString& code) {
    QSettings s = settings();
    if (code.isEmpty())
        s.remove(kLanguageKey);
    else
        s.setValue(kLanguageKey, code);
}

QList<qint64> AppSettings::checkedRuns(const QString& databasePath) {
    QList<qint64> out;
    for (const QString& id :
         value(checkedKey(databasePath)).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out << id.toLongLong();
    return out;
}

void AppSettings::setCheckedRuns(const QString& databasePath, const QList<qint64>& runIds) {
    QStringList ids;
    for (qint64 id : runIds) ids << QString::number(id);
    setValue(checkedKey(databasePath), ids.join(QLatin1Char(' ')));
}

}  // namespace rd
