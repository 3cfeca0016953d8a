#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "experiment_runner.h"
#include "language.h"
#include "main_window.h"
#include "util/torch_info.h"

namespace {

void describe(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        QStringLiteral("RecDistill: a workbench for knowledge distillation in recommender systems. "
                       "Load interaction "
                       "data, train a large teacher and a small student, distil with the published "
                       "methods and compare "
                       "the runs by accuracy, diversity, popularity bias, size and speed. "
                       "recdistill-cli runs the same "
                       "experiments without a window."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("data"),
        QStringLiteral("A data file or folder to open (default: the last one, or the "
                       "built-in demo data set)."),
        QStringLiteral("[data]"));
}

/** --help and --version answer without a display (help2man runs them at build time). */
bool asksForInfo(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i)
        for (const char* o : {"-h", "--help", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], o) == 0) return true;
    return false;
}

void name() {
    QCoreApplication::setOrganizationName(QStringLiteral("RecDistill"));
    QCoreApplication::setApplicationName(QStringLiteral("recdistill"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECDISTILL_VERSION));
}

}  // namespace

int main(int argc, char* argv[]) {
    if (asksForInfo(argc, argv)) {
        QCoreApplication info(argc, argv);
        name();
        QCommandLineParser parser;
        describe(parser);
        parser.process(info);  // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    name();
    QApplication::setApplicationName(QStringLiteral("RecDistill"));
    QApplication::setApplicationDisplayName(QStringLiteral("RecDistill"));
    QCommandLineParser parser;
    describe(parser);
    parser.process(app);
    QApplication::setDesktopFileName(QStringLiteral("recdistill"));
    // The installed hicolor theme icon, else the copy built in (running from the build folder).
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("recdistill"),
                                                 QIcon(QStringLiteral(":/icons/recdistill.png"))));
    // Before any widget exists: the language follows the setting, else the system locale.
    rd::Language::install(rd::Language::effective());
    rd::setComputeThreads(0);

    rd::MainWindow window;
    window.show();
    if (parser.positionalArguments().isEmpty())
        window.openStartupDataset();
    else
        window.openDataset(parser.positionalArguments().constFirst());  // the desktop entry's %f
    const int status = app.exec();
    if (rd::ExperimentRunner::abandonedWorkers() > 0) {
        // A worker that did not stop after the cancel still runs: leave now, before static
        // destructors pull LibTorch and the store away from under it (its run is found
        // 'interrupted' next time).
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}
