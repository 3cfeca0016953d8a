#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>
#include <string>

namespace rdtest {

/** ../shared/data/<sub> or an empty string when the shared data is absent (test should skip). */
inline QString sharedData(const QString& sub) {
    const QString path = QDir(QStringLiteral(RECDISTILL_SHARED_DATA)).filePath(sub);
    return QFileInfo::exists(path) ? path : QString();
}

/** Writes bytes to dir/name and returns the path as std::string. */
inline std::string writeFile(const QTemporaryDir& dir, const QString& name,
                             const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path.toStdString();
}

/** Runs f and returns the message of the std::invalid_argument it must throw. */
template <typename F>
std::string messageOf(F f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

}  // namespace rdtest

#define RD_SKIP_WITHOUT_SHARED(sub)                                                          \
    if (rdtest::sharedData(sub).isEmpty())                                                   \
        QSKIP(qPrintable(QStringLiteral("../shared/data/%1 is absent (a user's own clone); " \
                                        "the real-data checks run in CI")                    \
                             .arg(sub)));
