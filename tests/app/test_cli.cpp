// recdistill-cli as a user runs it: exit codes, stdout/stderr, and the `stats --json` object.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include "cli_runner.h"
#include "models/model_registry.h"
#include "test_util.h"

namespace {

QJsonObject parseJson(const Run& r) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return {};
    return doc.object();
}

const QByteArray kUData =
    "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n"
    "196\t51\t2\t880606923\n186\t242\t5\t881250950\n";

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noArgumentsPrintsDemoStats();
    void statsDemoJson();
    void statsJson();
    void statsText();
    void statsPresplitJson();
    void statsDelimitedOptions();
    void skipBadLinesJson();
    void skipBadLinesJsonWithUndecodableReason();
    void brokenFileExitsNonZero_data();
    void brokenFileExitsNonZero();
    void unknownOptionExits1_data();
    void unknownOptionExits1();
    void version();
    void help();
    void formats();
    void trainJson();
    void trainRefusesBadConfig_data();
    void trainRefusesBadConfig();
    void modelsListsSchemas();
};

void TestCli::initTestCase() {
    QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath() + " is not built"));
}

void TestCli::noArgumentsPrintsDemoStats() {
    const Run r = runCli({});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    QVERIFY2(r.out.contains("Users"), describe(r).constData());
    QVERIFY(r.out.contains("Items"));
    QVERIFY(r.out.contains("Interactions"));
    QVERIFY(r.out.contains("(demo)") || r.out.contains("demo"));
    QVERIFY(QRegularExpression("Content hash +[0-9a-f]{16}")
                .match(QString::fromUtf8(r.out))
                .hasMatch());
    QVERIFY2(r.err.isEmpty(), describe(r).constData());
}

void TestCli::statsDemoJson() {
    const Run r = runCli({"stats", "demo", "--json"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QVERIFY2(!j.isEmpty(), describe(r).constData());
    QVERIFY(j.value("users").toInteger() > 0);
    QVERIFY(j.value("items").toInteger() > 0);
    QVERIFY(j.value("interactions").toInteger() > 0);
    QCOMPARE(j.value("hash").toString().size(), 16);
    // The generated demo is deterministic: a second run gives the same hash.
    const Run again = runCli({"stats", "demo", "--json"});
    QCOMPARE(parseJson(again).value("hash").toString(), j.value("hash").toString());
}

void TestCli::statsJson() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "ml/u.data", kUData);
    rdtest::writeFile(dir, "ml/u.item",
                      "242|Kolya (1996)|d||u|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
                      "302|Mis\xE9rables (1995)|d||u|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|1|0|0\n");
    const Run r = runCli({"stats", dir.filePath("ml"), "--json"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QVERIFY2(!j.isEmpty(), describe(r).constData());
    QCOMPARE(j.value("users").toInteger(), 3);
    QCOMPARE(j.value("items").toInteger(), 4);
    QCOMPARE(j.value("interactions").toInteger(), 5);
    QCOMPARE(j.value("categories").toInteger(), 19);
    QCOMPARE(j.value("format").toString(), QStringLiteral("ml-100k"));
    QCOMPARE(j.value("name").toString(), QStringLiteral("ml"));
    const QString hash = j.value("hash").toString();
    QVERIFY2(QRegularExpression("^[0-9a-f]{16}$").match(hash).hasMatch(), qPrintable(hash));
    QVERIFY(!j.contains("splits"));
    QVERIFY(!j.contains("skipped_lines"));
    // Same content, other line order and file: same hash.
    QByteArrayList lines = kUData.trimmed().split('\n');
    std::reverse(lines.begin(), lines.end());
    rdtest::writeFile(dir, "other/u.data", lines.join('\n') + "\n");
    const Run o = runCli({"stats", dir.filePath("other/u.data"), "--json"});
    QVERIFY2(o.exitCode == 0, describe(o).constData());
    QCOMPARE(parseJson(o).value("hash").toString(), hash);
    // A relative path to a file in the current folder still names the data set.
    QProcess p;
    p.setWorkingDirectory(dir.filePath("other"));
    p.start(cliPath(), {"stats", "u.data", "--json"});
    QVERIFY(p.waitForFinished(60000));
    const QJsonObject rel = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(rel.value("name").toString(), QStringLiteral("other"));
}

void TestCli::statsText() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data", kUData);
    const Run r = runCli({"stats", QString::fromStdString(path)});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    QVERIFY2(QRegularExpression("Users +3\\n").match(QString::fromUtf8(r.out)).hasMatch(),
             describe(r).constData());
    QVERIFY(QRegularExpression("Interactions +5\\n").match(QString::fromUtf8(r.out)).hasMatch());
    QVERIFY(r.out.contains("(ml-100k)"));
}

void TestCli::statsPresplitJson() {
    QTemporaryDir dir;
    rdtest::writeFile(dir, "lg/train.txt", "0 0 1 2\n1 1 3\n");
    rdtest::writeFile(dir, "lg/valid.txt", "0 3\n");
    rdtest::writeFile(dir, "lg/test.txt", "1 4\n0 5\n");
    const Run r = runCli({"stats", dir.filePath("lg"), "--json"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QVERIFY2(j.value("splits").isObject(), describe(r).constData());
    const QJsonObject s = j.value("splits").toObject();
    QCOMPARE(s.value("train").toInteger(), 5);
    QCOMPARE(s.value("valid").toInteger(), 1);
    QCOMPARE(s.value("test").toInteger(), 2);
    QCOMPARE(j.value("interactions").toInteger(), 8);
    QCOMPARE(j.value("format").toString(), QStringLiteral("lightgcn"));
    QCOMPARE(j.value("items_only_in_held_out").toInteger(), 2);

    if (!rdtest::sharedData("lastfm-lightgcn").isEmpty()) {
        const Run real = runCli({"stats", rdtest::sharedData("lastfm-lightgcn"), "--json"});
        QVERIFY2(real.exitCode == 0, describe(real).constData());
        const QJsonObject rs = parseJson(real).value("splits").toObject();
        QCOMPARE(rs.value("train").toInteger(), 64315);
        QCOMPARE(rs.value("valid").toInteger(), 9143);
        QCOMPARE(rs.value("test").toInteger(), 18321);
    }
}

void TestCli::statsDelimitedOptions() {
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(
        dir, "log.txt", "when;what;who;stars\n100;i5;u1;3\n101;i2;u1;4\n102;i5;u2;5\n");
    const Run r = runCli({"stats", QString::fromStdString(path), "--sep", ";", "--header",
                          "--columns", "timestamp,item,user,rating", "--json"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QCOMPARE(j.value("users").toInteger(), 2);
    QCOMPARE(j.value("items").toInteger(), 2);
    QCOMPARE(j.value("interactions").toInteger(), 3);
    QCOMPARE(j.value("format").toString(), QStringLiteral("delimited"));
    QVERIFY(j.value("ratings").isObject());
    QCOMPARE(j.value("ratings").toObject().value("4").toInteger(), 1);
    // --columns with an unknown role is a usage error.
    const Run bad = runCli({"stats", QString::fromStdString(path), "--columns", "user,thing"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("unknown column role 'thing'"), describe(bad).constData());
}

void TestCli::skipBadLinesJson() {
    QTemporaryDir dir;
    const std::string path =
        rdtest::writeFile(dir, "u.data", "1\t2\t3\t4\n1\tx\t3\t4\n2\t2\t3\n2\t3\t4\t5\n");
    const Run r = runCli({"stats", QString::fromStdString(path), "--json", "--skip-bad-lines"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QCOMPARE(j.value("interactions").toInteger(), 2);
    const QJsonObject skipped = j.value("skipped_lines").toObject();
    QCOMPARE(skipped.value("count").toInteger(), 2);
    const QJsonArray reasons = skipped.value("first_reasons").toArray();
    QCOMPARE(reasons.size(), 2);
    QVERIFY(reasons[0].toString().startsWith(QString::fromStdString(path) + ":2: "));
    QVERIFY(reasons[1].toString().startsWith(QString::fromStdString(path) + ":3: "));
    QVERIFY2(r.err.contains("warning: skipped 2 bad line(s)"), describe(r).constData());
    // Without the flag the same file is an error on line 2.
    const Run strict = runCli({"stats", QString::fromStdString(path), "--json"});
    QCOMPARE(strict.exitCode, 2);
    QVERIFY(strict.err.contains(QByteArray(path.c_str()) + ":2: "));
    QVERIFY(strict.out.isEmpty());
}

void TestCli::skipBadLinesJsonWithUndecodableReason() {
    // A skipped line quoting Latin-1 bytes must not break the JSON output.
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, "u.data", "1\t2\tcinq\xE9\t4\n1\t3\t4\t5\n");
    const Run r = runCli({"stats", QString::fromStdString(path), "--json", "--skip-bad-lines"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    const QJsonObject j = parseJson(r);
    QVERIFY2(!j.isEmpty(), describe(r).constData());
    QCOMPARE(j.value("skipped_lines").toObject().value("count").toInteger(), 1);
}

void TestCli::brokenFileExitsNonZero_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("location");  // "FILE:LINE:" expected on stderr
    QTest::newRow("bad rating") << "u.data" << QByteArray("1\t2\t3\t4\n1\t2\tbad\t4\n")
                                << "u.data:2:";
    QTest::newRow("wrong separator") << "u.data" << QByteArray("1,2,3,4\n") << "u.data:1:";
    QTest::newRow("binary") << "ratings.csv" << QByteArray("\x00\x01\x02", 3) << "ratings.csv:1:";
    QTest::newRow("bad header") << "ratings.csv" << QByteArray("a,b,c,d\n") << "ratings.csv:1:";
    QTest::newRow("recbole") << "x.inter" << QByteArray("user_id\titem_id\n1\t2\n") << "x.inter:1:";
}

void TestCli::brokenFileExitsNonZero() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, location);
    QTemporaryDir dir;
    const std::string path = rdtest::writeFile(dir, name, content);
    for (const QStringList& extra : {QStringList{}, QStringList{"--json"}}) {
        const Run r = runCli(QStringList{"stats", QString::fromStdString(path)} + extra);
        QVERIFY2(r.finished, describe(r).constData());
        QVERIFY2(r.exitCode != 0, describe(r).constData());
        QCOMPARE(r.exitCode, 2);  // documented: 2 = the data could not be loaded
        QVERIFY2(r.err.contains(dir.filePath(location).toUtf8()), describe(r).constData());
        QVERIFY2(r.err.startsWith("error: "), describe(r).constData());
    }
    // A missing file too, with line 0 (no line number).
    const Run missing = runCli({"stats", dir.filePath("nothing-here.tsv")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(dir.filePath("nothing-here.tsv").toUtf8() + ": no such file"),
             describe(missing).constData());
}

void TestCli::unknownOptionExits1_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option")
        << QStringList{"stats", "demo", "--bogus"} << "unknown option --bogus";
    QTest::newRow("unknown option with value")
        << QStringList{"stats", "demo", "--frobnicate=3"} << "unknown option --frobnicate";
    QTest::newRow("flag with value")
        << QStringList{"stats", "demo", "--json=yes"} << "takes no value";
    QTest::newRow("missing value") << QStringList{"stats", "demo", "--format"} << "needs a value";
    QTest::newRow("two paths") << QStringList{"stats", "a", "b"} << "stats takes one PATH";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
}

void TestCli::unknownOptionExits1() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = runCli(args);
    QVERIFY2(r.finished, describe(r).constData());
    QVERIFY2(r.exitCode == 1, describe(r).constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(message), describe(r).constData());
}

void TestCli::version() {
    const Run r = runCli({"--version"});
    QVERIFY2(r.finished && r.exitCode == 0, describe(r).constData());
    QVERIFY2(r.out.startsWith("recdistill-cli " RECDISTILL_VERSION), describe(r).constData());
    QVERIFY(QRegularExpression("^recdistill-cli \\d+\\.\\d+\\.\\d+")
                .match(QString::fromUtf8(r.out))
                .hasMatch());
}

void TestCli::help() {
    const Run r = runCli({"--help"});
    QVERIFY2(r.exitCode == 0, describe(r).constData());
    QVERIFY(r.out.contains("Usage: recdistill-cli"));
    QVERIFY(r.out.contains("--skip-bad-lines"));
}

void TestCli::formats() {
    const Run r = runCli({"formats"});
    QVERIFY2(r.exitCode == 0, describe(r).constData());
    for (const char* f :
         {"ml-100k", "ml-1m", "ml-latest", "recbole", "lightgcn", "delimited", "demo"})
        QVERIFY2(r.out.contains(f), f);
}

void TestCli::trainJson() {
    const QString config =
        QStringLiteral(RECDISTILL_SOURCE_DIR "/resources/experiments/quick-demo-mf.json");
    const Run r = runCli(
        {"train", config, "--set", "train.epochs=3", "--set", "model.dim=8", "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonObject j = parseJson(r);
    QCOMPARE(j["status"].toString(), QString("finished"));
    QCOMPARE(j["epochs"].toInt(), 3);
    QCOMPARE(j["params"].toInt(), (1000 + 1500) * 8);
    QVERIFY(j["train_seconds"].toDouble() > 0);
    const QJsonObject test = j["test"].toObject();
    for (const char* m :
         {"Recall@10", "NDCG@10", "MRR@10", "Gini@20", "ItemCoverage@50", "Novelty@5"})
        QVERIFY2(test.contains(m), m);
    QVERIFY(test["NDCG@10"].toDouble() > 0 && test["NDCG@10"].toDouble() <= 1);
    QVERIFY(j["valid"].toObject().contains("NDCG@10"));
    // The serving figures Compare shows are in the JSON too: the item table scanned per user.
    QVERIFY(test["serving_p50_ms"].toDouble() > 0);
    QVERIFY(test["serving_p99_ms"].toDouble() >= test["serving_p50_ms"].toDouble());
    QCOMPARE(test["serving_bytes"].toDouble(), 1500.0 * 8 * 4);
    // Progress lines go to stderr with --json, one per epoch with the loss and an ETA.
    QCOMPARE(r.err.count("ETA"), 3);
}

void TestCli::trainRefusesBadConfig_data() {
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << QStringList{"train.epochz=3"} << "train.epochz: unknown key";
    QTest::newRow("out of range") << QStringList{"model.dim=100000"}
                                  << "model.dim: 100000 is out of range";
    QTest::newRow("missing data") << QStringList{"data.path=/no/such/u.data"} << "data.path";
}

void TestCli::trainRefusesBadConfig() {
    QFETCH(QStringList, sets);
    QFETCH(QString, expected);
    QStringList args{
        "train", QStringLiteral(RECDISTILL_SOURCE_DIR "/resources/experiments/quick-demo-mf.json")};
    for (const auto& s : sets) args << "--set" << s;
    const Run r = runCli(args);
    QVERIFY2(r.exitCode == 1, describe(r));
    QVERIFY2(r.err.contains(expected.toUtf8()), describe(r));
    QVERIFY2(!r.out.contains("epoch"), describe(r));  // refused before any work
}

void TestCli::modelsListsSchemas() {
    const Run r = runCli({"models", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonArray models = QJsonDocument::fromJson(r.out).array();
    // Every registered model, each with its schema (a property, so a new model needs no edit here).
    QStringList names;
    QJsonArray lightgcn;
    for (const auto& m : models) {
        const QJsonObject o = m.toObject();
        names << o["name"].toString();
        QVERIFY(!o["description"].toString().isEmpty() && o["params"].isArray());
        if (o["name"].toString() == QLatin1String("lightgcn")) lightgcn = o["params"].toArray();
    }
    QCOMPARE(static_cast<size_t>(names.size()), rd::modelInfos().size());
    QVERIFY(names.contains("mf") && names.contains("lightgcn"));
    QCOMPARE(lightgcn[1].toObject()["name"].toString(), QString("layers"));
    QCOMPARE(lightgcn[1].toObject()["range"].toArray()[1].toInt(), 4);
}

QTEST_APPLESS_MAIN(TestCli)
#include "test_cli.moc"
