// File ▸ Import delimited file…, offscreen: the preview, the separator and header choices, a role
// per column, the rating threshold, and OK loading through the window's own data set path.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "data_tab.h"
#include "dataset_stats_view.h"
#include "import_dialog.h"
#include "isolated_home.h"
#include "main_window.h"
#include "setup_tab.h"
#include "test_util.h"

using rd::ImportDialog;
using rd::MainWindow;

namespace {

constexpr int kLoadTimeoutMs = 60000;

QString shown(const MainWindow& window, const char* name) {
    auto* label = window.dataTab()->statsView()->findChild<QLabel*>(QLatin1String(name));
    if (!label) qFatal("no label %s", name);
    return label->text();
}

void setRoles(ImportDialog* dialog, const QList<int>& roles) {
    for (int c = 0; c < roles.size(); ++c) dialog->roleCombo(c)->setCurrentIndex(roles[c]);
}

}  // namespace

class TestImportDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    QString csv_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);  // never the user's own settings or run store
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        // Column names the loader's detection does not know, and an order it would not guess:
        // item, rating, user, timestamp. 4 users, 3 items, 6 interactions.
        csv_ = QString::fromStdString(rdtest::writeFile(home_, QStringLiteral("odd.csv"),
                                                        "thing,score,who,when\n"
                                                        "a1,5,u1,100\n"
                                                        "a2,3,u1,101\n"
                                                        "a1,4,u2,102\n"
                                                        "a3,1,u3,103\n"
                                                        "a3,2,u4,104\n"
                                                        "a2,5,u4,105\n"));
    }

    void previewsAndLoadsWithTheChosenMapping() {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        ImportDialog* dialog = window.importDelimited(csv_);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->columnCount(), 4);  // auto-detected ','
        QVERIFY(dialog->headerCheck()->isChecked());
        QCOMPARE(dialog->preview()->horizontalHeaderItem(2)->text(), QStringLiteral("who"));
        QCOMPARE(dialog->preview()->rowCount(), 1 + 6);  // the role row, then the data lines
        QCOMPARE(dialog->preview()->item(1, 0)->text(), QStringLiteral("a1"));

        // Another separator splits differently; back to ',' restores four columns.
        dialog->separatorCombo()->setCurrentIndex(3);  // ';'
        QCOMPARE(dialog->columnCount(), 1);
        QVERIFY(!dialog->problem().isEmpty());
        dialog->separatorCombo()->setCurrentIndex(2);  // ','
        QCOMPARE(dialog->columnCount(), 4);
        dialog->headerCheck()->setChecked(false);
        QCOMPARE(dialog->preview()->rowCount(), 1 + 7);
        dialog->headerCheck()->setChecked(true);

        setRoles(dialog, {ImportDialog::Item, ImportDialog::Rating, ImportDialog::User,
                          ImportDialog::Timestamp});
        QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
        dialog->thresholdCheck()->setChecked(true);
        dialog->thresholdSpin()->setValue(4);
        const rd::LoadOptions o = dialog->options();
        QCOMPARE(o.format, std::string("delimited"));
        QCOMPARE(o.delimited.separator, std::string(","));
        QVERIFY(o.delimited.header);
        QVERIFY(!o.delimited.detect);
        QCOMPARE(o.delimited.userColumn, 2);
        QCOMPARE(o.delimited.itemColumn, 0);
        QCOMPARE(o.delimited.ratingColumn, 1);
        QCOMPARE(o.delimited.timestampColumn, 3);

        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        dialog->accept();
        QVERIFY(loaded.wait(kLoadTimeoutMs));
        QCOMPARE(shown(window, "usersValue"), QStringLiteral("4"));
        QCOMPARE(shown(window, "itemsValue"), QStringLiteral("3"));
        QCOMPARE(shown(window, "interactionsValue"), QStringLiteral("6"));
        QVERIFY(window.currentDataset()->hasRatings());
        QVERIFY(window.currentDataset()->hasTimestamps());
        // The threshold is the experiment's preprocessing: it goes to the Setup tab with the path.
        const nlohmann::json config = window.setupTab()->config();
        QCOMPARE(QString::fromStdString(config["data"]["path"].get<std::string>()), csv_);
        QCOMPARE(config["data"]["preprocess"]["rating_threshold"].get<double>(), 4.0);
    }

    void aMappingWithoutUserOrItemIsRefused() {
        MainWindow window;
        ImportDialog* dialog = window.importDelimited(csv_);
        setRoles(dialog, {ImportDialog::Item, ImportDialog::Rating, ImportDialog::Ignore,
                          ImportDialog::Timestamp});
        QVERIFY(dialog->problem().contains(QStringLiteral("user column")));
        setRoles(dialog, {ImportDialog::Item, ImportDialog::Ignore, ImportDialog::User,
                          ImportDialog::Ignore});
        dialog->thresholdCheck()->setChecked(true);
        QVERIFY(dialog->problem().contains(QStringLiteral("rating column")));
        dialog->reject();
    }

    void loaderErrorsKeepFileAndLine() {
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        ImportDialog* dialog = window.importDelimited(csv_);
        // The user ids as ratings: line 2 has no number in the rating column.
        setRoles(dialog, {ImportDialog::Item, ImportDialog::Ignore, ImportDialog::User,
                          ImportDialog::Ignore});
        dialog->roleCombo(0)->setCurrentIndex(ImportDialog::Rating);
        dialog->roleCombo(1)->setCurrentIndex(ImportDialog::Item);
        QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
        QSignalSpy failed(&window, &MainWindow::loadFailed);
        dialog->accept();
        QVERIFY(failed.wait(kLoadTimeoutMs));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("odd.csv:2")), qPrintable(message));
        QCOMPARE(window.lastError(), message);
    }
};

QTEST_MAIN(TestImportDialog)
#include "test_import_dialog.moc"
