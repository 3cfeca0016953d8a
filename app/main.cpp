#include <QApplication>
#include <QIcon>

#include <cstdio>
#include <cstdlib>

#include "experiment_runner.h"
#include "language.h"
#include "main_window.h"
#include "util/torch_info.h"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RecDistill"));
    QApplication::setApplicationName(QStringLiteral("RecDistill"));
    QApplication::setApplicationDisplayName(QStringLiteral("RecDistill"));
    QApplication::setApplicationVersion(QStringLiteral(RECDISTILL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("recdistill"));
    // The installed hicolor theme icon, else the copy built in (running from the build folder).
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("recdistill"),
                                                 QIcon(QStringLiteral(":/icons/recdistill.png"))));
    // Before any widget exists: the language follows the setting, else the system locale.
    rd::Language::install(rd::Language::effective());
    rd::setComputeThreads(0);

    rd::MainWindow window;
    window.show();
    window.openStartupDataset();
    const int status = app.exec();
    if (rd::ExperimentRunner::abandonedWorkers() > 0) {
        // A worker that did not stop after the cancel still runs: leave now, before static destructors
        // pull LibTorch and the store away from under it (its run is found 'interrupted' next time).
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}
