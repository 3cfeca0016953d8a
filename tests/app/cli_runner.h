#pragma once

// Runs the built recdistill-cli as a user would, for the CLI tests.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

struct Run {
    int exitCode = -1;
    bool finished = false;
    QByteArray out, err;
};

inline QString cliPath() {
    return QStringLiteral(RECDISTILL_BINARY_DIR "/app/recdistill-cli");
}

/** One OpenMP thread: ctest runs two tests at once on two cores. */
inline Run runCli(const QStringList& args, int timeoutMs = 300000,
                  const QMap<QString, QString>& extraEnv = {}) {
    QProcess p;
    p.setProgram(cliPath());
    p.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_NUM_THREADS", "1");
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it) env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start();
    Run r;
    if (!p.waitForStarted(10000)) return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    return r;
}

inline QByteArray describe(const Run& r) {
    return "exit " + QByteArray::number(r.exitCode) + (r.finished ? "" : " (timed out)") +
           "\nstdout: " + r.out.left(3000) + "\nstderr: " + r.err.left(3000);
}
