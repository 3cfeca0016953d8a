#include "app_settings.h"

#include <QSettings>
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

}  // namespace rd
