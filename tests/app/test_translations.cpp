// The Chinese translation: translations/recdistill_zh_CN.ts is complete (no unfinished or obsolete
// entries, every tr() source text of app/ and widgets/ in it: lupdate is run into a temporary .ts
// and the source sets compared), the core texts shown through CoreText have table rows, and the
// window reads Chinese once zh_CN is installed.
#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "compare_tab.h"
#include "config/config_schema.h"
#include "core_text.h"
#include "distill/method_registry.h"
#include "experiment_runner.h"
#include "explanation_panel.h"
#include "fake_pipeline.h"
#include "isolated_home.h"
#include "language.h"
#include "live_tab.h"
#include "main_window.h"
#include "models/model_registry.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "presets.h"
#include "runs_dock.h"
#include "setup_tab.h"
#include "users_tab.h"

using namespace rd;

namespace {

const QString kTs = QStringLiteral(RECDISTILL_SOURCE_DIR "/translations/recdistill_zh_CN.ts");

struct TsEntry {
    QString context, source;
    bool finished = true;
};

QList<TsEntry> readTs(const QString& path, QString* error) {
    QList<TsEntry> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + path;
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsEntry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            entry = TsEntry{context, QString(), true};
        } else if (xml.name() == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            // unfinished, obsolete and vanished entries all count as not finished.
            entry.finished = type.isEmpty();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (text.trimmed().isEmpty()) entry.finished = false;
            out << entry;
        }
    }
    if (xml.hasError()) *error = xml.errorString();
    return out;
}

QString lupdatePath() {
    for (const auto where : {QLibraryInfo::BinariesPath, QLibraryInfo::LibraryExecutablesPath}) {
        const QString p = QLibraryInfo::path(where) + QStringLiteral("/lupdate");
        if (QFile::exists(p)) return p;
    }
    return QStandardPaths::findExecutable(QStringLiteral("lupdate"));
}

/** What lupdate extracts from the sources right now ("context|source"): app/, widgets/ and core/.
 */
QSet<QString> extractedFromSources(QString* error) {
    QSet<QString> out;
    const QString lupdate = lupdatePath();
    if (lupdate.isEmpty()) {
        *error =
            QStringLiteral("lupdate not found (scripts/install-deps.sh installs qt6-l10n-tools)");
        return out;
    }
    QTemporaryDir dir;
    QStringList args{QStringLiteral("-no-obsolete"),
                     QStringLiteral("-locations"),
                     QStringLiteral("none"),
                     QStringLiteral("-silent"),
                     QStringLiteral("-tr-function-alias"),
                     QStringLiteral("QT_TRANSLATE_NOOP+=RD_TR_NOOP")};
    for (const QString& folder : {QStringLiteral("app"), QStringLiteral("widgets")}) {
        const QDir d(QStringLiteral(RECDISTILL_SOURCE_DIR "/") + folder);
        for (const QString& f :
             d.entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files))
            if (!f.startsWith(QLatin1String("cli_"))) args << d.filePath(f);
    }
    QDirIterator core(QStringLiteral(RECDISTILL_SOURCE_DIR "/core"), {QStringLiteral("*.cpp")},
                      QDir::Files, QDirIterator::Subdirectories);
    while (core.hasNext()) args << core.next();
    const QString fresh = dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
    args << QStringLiteral("-ts") << fresh;
    QProcess p;
    p.start(lupdate, args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        *error = QString::fromLocal8Bit(p.readAllStandardError());
        return out;
    }
    for (const TsEntry& e : readTs(fresh, error))
        out.insert(e.context + QLatin1Char('|') + e.source);
    return out;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

    QTemporaryDir home_;

    /** RECDISTILL_SCREENSHOTS=1: the whole quick-demo preset (what a first run shows) runs in
     * Chinese, then every tab is saved at 1280×800 into docs/screenshots/zh_CN, and the classroom
     * tabs at 1280×720. */
    void screenshots(MainWindow& window) {
        QVERIFY(window.openDatabase(home_.filePath(QStringLiteral("screenshots.sqlite"))));
        nlohmann::json config = builtinPresets().front().config;
        config["train"]["threads"] = 1;
        window.setupTab()->setConfig(config);
        QSignalSpy finished(&window, &MainWindow::experimentFinished);
        QVERIFY(window.startExperiment());
        QVERIFY(finished.wait(600000));
        QVERIFY2(finished.first().at(0).toString() == QStringLiteral("finished"),
                 qPrintable(window.liveTab()->logPane()->toPlainText()));
        window.liveTab()->flush();
        {
            // The Data tab shows the data set the window opened (at start-up: the demo, as here).
            QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
            window.openDataset(QStringLiteral("demo"));
            QVERIFY(loaded.wait(60000));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!window.usersTab()->isPreparing(),
                                 60000);  // titles on the Users tab
        window.resize(1280, 800);
        window.show();
        const QString dir = QStringLiteral(RECDISTILL_SOURCE_DIR "/docs/screenshots/zh_CN");
        QDir().mkpath(dir);
        const char* names[] = {"data", "setup", "live", "compare", "diversity", "users"};
        for (int i = 0; i < window.tabs()->count() && i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            QTest::qWait(200);
            QVERIFY(window.grab().save(dir + QLatin1Char('/') + QLatin1String(names[i]) +
                                       QStringLiteral("-tab.png")));
        }
        // Every tab at 2× (a 2560×1600 screen at scale factor 2).
        QDir().mkpath(dir + QStringLiteral("/hidpi"));
        for (int i = 0; i < window.tabs()->count() && i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            QTest::qWait(200);
            QPixmap twice(window.size() * 2);
            twice.setDevicePixelRatio(2);
            twice.fill(Qt::white);
            window.render(&twice);
            QVERIFY(twice.save(dir + QStringLiteral("/hidpi/") + QLatin1String(names[i]) +
                               QStringLiteral("-tab@2x.png")));
        }
        // Classroom mode on a projector's 1280×720, the explanation panel showing the finished
        // pipeline.
        window.setPresentationMode(true);
        window.resize(1280, 720);
        auto save = [&](const QString& name) {
            QTest::qWait(200);
            QVERIFY(window.grab().save(dir + QStringLiteral("/presentation-") + name +
                                       QStringLiteral(".png")));
        };
        for (int i = 0; i < 6; ++i) {
            window.tabs()->setCurrentIndex(i);
            save(QLatin1String(names[i]));
        }
        window.tabs()->setCurrentIndex(3);
        window.compareTab()->chartTabs()->setCurrentIndex(1);
        save(QStringLiteral("compare-scatter"));
        window.compareTab()->chartTabs()->setCurrentIndex(0);
        window.setPresentationMode(false);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);  // never the user's own settings or run store
    }

    void tsIsComplete() {
        QString error;
        const QList<TsEntry> entries = readTs(kTs, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(entries.size() > 300);
        QStringList unfinished;
        for (const TsEntry& e : entries)
            if (!e.finished) unfinished << e.context + QStringLiteral(": ") + e.source;
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("unfinished or obsolete entries:\n") +
                            unfinished.join(QLatin1Char('\n'))));
    }

    void everySourceStringIsInTheTs() {
        QString error;
        QSet<QString> inRepo;
        for (const TsEntry& e : readTs(kTs, &error))
            inRepo.insert(e.context + QLatin1Char('|') + e.source);
        const QSet<QString> inSources = extractedFromSources(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(inSources.size() > 300);
        const QStringList missing = QStringList((inSources - inRepo).values());
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not in the .ts (run the update_translations "
                                           "target and translate):\n") +
                            missing.join(QLatin1Char('\n'))));
        const QStringList stale = QStringList((inRepo - inSources).values());
        QVERIFY2(stale.isEmpty(),
                 qPrintable(QStringLiteral("in the .ts but no longer in the sources:\n") +
                            stale.join(QLatin1Char('\n'))));
    }

    // Every text the core shows a user is marked where it is written, so lupdate finds it (and the
    // tests above then require it translated): checked over the registries and catalogues as they
    // are, so a new model, method or metric is covered without editing this test.
    void coreTextsAreExtracted() {
        QString error;
        const QSet<QString> extracted = extractedFromSources(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList missing;
        const auto check = [&](const std::string& text) {
            if (!extracted.contains(QStringLiteral("rd::CoreText|") + QString::fromStdString(text)))
                missing << QString::fromStdString(text);
        };
        for (const MethodInfo& m : methodInfos()) {
            for (const std::string* t : {&m.displayName, &m.description, &m.formula}) check(*t);
            for (const ParamSpec& p : m.schema) check(p.help);
        }
        for (const ModelInfo& m : modelInfos()) {
            for (const std::string* t : {&m.displayName, &m.description}) check(*t);
            for (const ParamSpec& p : m.schema) check(p.help);
        }
        // The config sections' fields: help, label, choice labels and special texts.
        for (const ParamSchema* schema : {&dataConfigSchema(), &trainConfigSchema()})
            for (const ParamSpec& p : *schema) {
                check(p.help);
                check(p.label);
                for (const std::string& l : p.choiceLabels) check(l);
                if (!p.specialValueText.empty()) check(p.specialValueText);
            }
        for (const MetricInfo& m : metricCatalog()) check(m.description);
        for (const VocabularyEntry& e : runStatuses()) check(e.label);
        for (const VocabularyEntry& e : runRoles()) check(e.label);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("core texts not marked with RD_TR_NOOP:\n") +
                            missing.join(QLatin1Char('\n'))));
    }

    void windowInChinese() {
        QVERIFY(Language::install(QStringLiteral("zh_CN")));
        QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
        {
            MainWindow window;
            window.setErrorDialogsEnabled(false);
            QCOMPARE(window.tabs()->tabText(1), QStringLiteral("设置(&S)"));
            QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
            QCOMPARE(CoreText::methodName(findMethod("rrd")),
                     QStringLiteral("RRD（松弛排序蒸馏）"));
            QVERIFY(CoreText::metricTooltip(QStringLiteral("NDCG@20"))
                        .contains(QStringLiteral("归一化折损累计增益")));
            const QString error =
                CoreText::message(QStringLiteral("u.data:17: expected 4 fields separated by TAB "
                                                 "(user, item, rating, timestamp), found 1; "
                                                 "the line seems to use ',' as separator"));
            QCOMPARE(error,
                     QStringLiteral(
                         "u.data:17: 应有 4 个以 TAB 分隔的字段（user, item, rating, timestamp），"
                         "实际为 1 个; 该行似乎使用 ',' 作为分隔符"));
            // The classroom explanation follows the pipeline in Chinese.
            ExplanationPanel* panel = window.explanationPanel();
            QCOMPARE(panel->windowTitle(), QStringLiteral("讲解"));
            const ExperimentConfig quick =
                ExperimentConfig::fromJson(builtinPresets().front().config);
            QCOMPARE(QString::fromStdString(quick.name),
                     QStringLiteral("快速演示：在内置数据上从 LightGCN 蒸馏到 MF"));
            panel->begin(plannedStages(quick));
            panel->stageStarted(0);
            QVERIFY(panel->text().contains(QStringLiteral("训练教师模型")));
            QVERIFY(panel->text().contains(QStringLiteral("图网络")));  // LightGCN's description
            panel->stageStarted(3);
            QVERIFY2(panel->text().contains(QStringLiteral("排序蒸馏")), qPrintable(panel->text()));
            // A run's short name comes from the role vocabulary, for every view alike.
            QCOMPARE(CoreText::runLabel("student", "none", "mf"), QStringLiteral("单独学生模型"));
            QCOMPARE(CoreText::runLabel("teacher", "", "lightgcn"),
                     CoreText::role(QStringLiteral("teacher")));
            QCOMPARE(CoreText::runLabel("distilled", "rrd", "mf"), QStringLiteral("rrd"));
            QCOMPARE(CoreText::runLabel("model", "", "neumf"), QStringLiteral("neumf"));
            QCOMPARE(CoreText::message(QStringLiteral("teacher.dim: 0 is out of range [1, 1024]")),
                     QStringLiteral("teacher.dim：0 超出范围 [1, 1024]"));
            if (qEnvironmentVariableIsSet("RECDISTILL_SCREENSHOTS")) screenshots(window);
        }
        QVERIFY(Language::install(QStringLiteral("en")));
        MainWindow english;
        english.setErrorDialogsEnabled(false);
        QCOMPARE(english.tabs()->tabText(1), QStringLiteral("&Setup"));
    }

    // The pipeline's log lines (core, no Qt) reach the Live log through CoreText::logLine: a real
    // run's lines read Chinese, with the numbers, paths and method names kept.
    void runLogInChinese() {
        QVERIFY(Language::install(QStringLiteral("zh_CN")));
        nlohmann::json config = rdtest::fourStageConfig("log");
        config["methods"] = {"rd"};
        config["train"]["patience"] = 1;
        config["train"]["epochs"] = 4;
        ExperimentRunner runner;
        QSignalSpy log(&runner, &ExperimentRunner::logMessage);
        QSignalSpy finished(&runner, &ExperimentRunner::finished);
        QVERIFY(runner.start(QString::fromStdString(config.dump()),
                             home_.filePath(QStringLiteral("log.sqlite"))));
        QVERIFY(finished.wait(180000));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("finished"));
        QStringList lines;
        for (const QList<QVariant>& args : log) lines << args.at(0).toString();
        QVERIFY2(lines.size() >= 2, qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(lines[0], QStringLiteral("正在加载 demo"));
        QVERIFY2(lines[1].contains(QStringLiteral("个用户")) &&
                     lines[1].contains(QStringLiteral("（训练/验证/测试）")) &&
                     lines[1].endsWith(QStringLiteral("1 个线程")),
                 qPrintable(lines[1]));
        for (const QString& line : lines)
            for (const char* english : {"loading", " users,", "early stop", "threads"})
                QVERIFY2(!line.contains(QLatin1String(english)), qPrintable(line));
        // The lines a run may or may not print, each by its own pattern.
        QCOMPARE(CoreText::logLine(std::string("teacher: early stop at epoch 12, best epoch 7")),
                 QStringLiteral("教师模型：第 12 轮提前停止，最佳为第 7 轮"));
        QCOMPARE(CoreText::logLine(std::string("rrd: early stop at epoch 3, best epoch 1")),
                 QStringLiteral("rrd：第 3 轮提前停止，最佳为第 1 轮"));
        QCOMPARE(CoreText::logLine(std::string(
                     "teacher: reusing the saved teacher of run 17 (artifacts/run-17.pt)")),
                 QStringLiteral("教师模型：复用运行 17 保存的教师模型（artifacts/run-17.pt）"));
        QCOMPARE(
            CoreText::logLine(std::string("rd: failed: teacher.dim: 0 is out of range [1, 8]")),
            QStringLiteral("rd：失败：teacher.dim：0 超出范围 [1, 8]"));
        QCOMPARE(CoreText::logLine(std::string("an unknown line")),
                 QStringLiteral("an unknown line"));
        QVERIFY(Language::install(QStringLiteral("en")));
        QCOMPARE(CoreText::logLine(std::string("teacher: early stop at epoch 12, best epoch 7")),
                 QStringLiteral("teacher: early stop at epoch 12, best epoch 7"));
    }

    void followsTheLocaleUnlessSet() {
        Language::setSetting(QString());
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(Language::effective(), QStringLiteral("zh_CN"));
        QLocale::setDefault(
            QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan));
        QCOMPARE(Language::effective(), QStringLiteral("en"));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(Language::effective(), QStringLiteral("en"));
        Language::setSetting(QStringLiteral("zh_CN"));
        QCOMPARE(Language::effective(), QStringLiteral("zh_CN"));
        Language::setSetting(QString());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void switchesLanguageAtOnce() {
        QVERIFY(Language::install(QStringLiteral("en")));
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(home_.filePath(QStringLiteral("switch.sqlite"))));
        QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
        window.openDataset(QStringLiteral("demo"));
        QVERIFY(loaded.wait(60000));
        nlohmann::json config = window.setupTab()->config();
        config["name"] = "kept across the switch";
        window.setupTab()->setConfig(config);
        window.tabs()->setCurrentIndex(2);
        const auto choose = [&window](const QString& code) {
            auto* menu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
            QVERIFY(menu);
            for (QAction* a : menu->actions())
                if (a->data().toString() == code) a->trigger();
        };
        const int menus = static_cast<int>(window.menuBar()->actions().size());
        choose(QStringLiteral("zh_CN"));
        QCOMPARE(Language::setting(), QStringLiteral("zh_CN"));
        QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(window.tabs()->tabText(1), QStringLiteral("设置(&S)"));
        // The old menus are gone, not merely detached (their shortcuts would clash with the new
        // ones).
        QTRY_COMPARE(
            static_cast<int>(window.menuBar()
                                 ->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)
                                 .size()),
            menus);
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        QCOMPARE(window.tabs()->currentIndex(), 2);
        QCOMPARE(window.setupTab()->config()["name"].get<std::string>(),
                 std::string("kept across the switch"));
        QVERIFY(window.runsDock()->windowTitle().startsWith(QStringLiteral("运行记录")));
        QVERIFY(window.hasDataset());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("demo")));
        choose(QStringLiteral("en"));
        QCOMPARE(Language::current(), QStringLiteral("en"));
        QTRY_COMPARE(window.tabs()->tabText(1), QStringLiteral("&Setup"));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
        Language::setSetting(QString());
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
