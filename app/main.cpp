#include <QApplication>
#include <QIcon>

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
    return app.exec();
}
