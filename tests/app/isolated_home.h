#pragma once

// Shared by the window tests: point every per-user place (settings, the default run store under
// XDG_DATA_HOME, QStandardPaths) into a temporary folder, so no test reads or writes the user's
// own.

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace rdtest {

inline void isolateUserDirs(const QTemporaryDir& home) {
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, home.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.path());
}

}  // namespace rdtest
