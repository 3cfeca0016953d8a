// The run-store commands of recdistill-cli as a user runs them: train records into --db, then runs,
// show, compare, export, rerun; tag and note; db export and import; --no-store; the XDG default
// location; a foreign --db refused untouched.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"
#include "test_util.h"

namespace {

QJsonDocument json(const Run& r) {
    return QJsonDocument::fromJson(r.out);
}

QString config() {
    return QStringLiteral(RECDISTILL_SOURCE_DIR "/resources/experiments/quick-demo-mf.json");
}

}  // namespace

class TestCliRuns : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void trainRecordsTheRun();
    void runsListsBoth();
    void showGivesEverything();
    void compareShowsOnlyDifferingSettings();
    void exportCsvAndJson();
    void rerunAddsRunsToTheExperiment();
    void tagAndNoteAnExperiment();
    void dbExportAndImport();
    void noStoreRecordsNothing();
    void unknownRunIsAUsageError();
    void foreignDbIsRefusedUntouched();
    void defaultLocationHonoursXdg();
    void trashHidesAndRestores();

private:
    QTemporaryDir dir_;
    QString db_;
    QJsonObject first_, second_;
};

void TestCliRuns::initTestCase() {
    QVERIFY(dir_.isValid());
    db_ = dir_.filePath("team/runs.sqlite");
    for (const char* dim : {"model.dim=8", "model.dim=12"}) {
        const Run r = runCli(
            {"train", config(), "--db", db_, "--set", "train.epochs=2", "--set", dim, "--json"});
        QVERIFY2(r.exitCode == 0, describe(r));
        (first_.isEmpty() ? first_ : second_) = json(r).object();
    }
}

void TestCliRuns::trainRecordsTheRun() {
    QCOMPARE(first_["run_id"].toInt(), 1);
    QCOMPARE(second_["run_id"].toInt(), 2);
    QVERIFY(QFile::exists(db_));
    // The checkpoint sits beside the database.
    QVERIFY(QFile::exists(dir_.filePath("team/artifacts/run-1.pt")));
}

void TestCliRuns::runsListsBoth() {
    const Run text = runCli({"runs", "--db", db_});
    QVERIFY2(text.exitCode == 0, describe(text));
    QVERIFY2(text.out.contains("NDCG@10") && text.out.contains("finished") &&
                 text.out.contains("Quick demo"),
             describe(text));
    const Run r = runCli({"--db=" + db_, "runs", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonArray runs = json(r).array();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].toObject()["status"].toString(), QString("finished"));
    QCOMPARE(runs[0].toObject()["model"].toString(), QString("mf"));
    QCOMPARE(runs[0].toObject()["final"].toObject()["NDCG@10"].toDouble(),
             first_["test"].toObject()["NDCG@10"].toDouble());
}

void TestCliRuns::showGivesEverything() {
    const Run r = runCli({"show", "1", "--db", db_, "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonObject j = json(r).object();
    QCOMPARE(j["status"].toString(), QString("finished"));
    QCOMPARE(j["params"].toObject()["dim"].toInt(), 8);
    QCOMPARE(j["experiment"].toObject()["config"].toObject()["model"].toObject()["dim"].toInt(), 8);
    const QJsonObject finals = j["final"].toObject();
    const QJsonObject test = first_["test"].toObject();
    for (auto it = test.begin(); it != test.end(); ++it)
        QVERIFY2(finals[it.key()].toDouble() == it.value().toDouble(), qPrintable(it.key()));
    QCOMPARE(finals["params"].toDouble(), first_["params"].toDouble());
    QCOMPARE(finals["train_seconds"].toDouble(), first_["train_seconds"].toDouble());
    const QJsonObject curves = j["curves"].toObject();
    QCOMPARE(curves["loss/bpr"].toArray().size(), 2);
    QCOMPARE(curves["valid/NDCG@10"].toArray().size(), 2);
    QCOMPARE(j["exposure"].toObject()["recommendation_share"].toArray().size(),
             first_["exposure"].toObject()["recommendation_share"].toArray().size());
    const QJsonArray artifacts = j["artifacts"].toArray();
    QCOMPARE(artifacts.size(), 1);
    QCOMPARE(artifacts[0].toObject()["path"].toString(), QString("artifacts/run-1.pt"));
    QCOMPARE(artifacts[0].toObject()["bytes"].toInteger(),
             QFileInfo(dir_.filePath("team/artifacts/run-1.pt")).size());

    const Run text = runCli({"show", "run:2", "--db", db_});
    QVERIFY2(text.exitCode == 0 && text.out.contains("run 2: model mf, finished"), describe(text));
}

void TestCliRuns::compareShowsOnlyDifferingSettings() {
    const Run r = runCli({"compare", "1", "2", "--db", db_, "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonObject j = json(r).object();
    QCOMPARE(j["differing"].toObject().keys(), QStringList{"model.dim"});
    const QJsonArray dims = j["differing"].toObject()["model.dim"].toArray();
    QCOMPARE(dims[0].toInt(), 8);
    QCOMPARE(dims[1].toInt(), 12);
    QCOMPARE(j["final"].toObject()["params"].toArray()[1].toDouble(), second_["params"].toDouble());
    const Run text = runCli({"compare", "1", "2", "--db", db_});
    QVERIFY2(text.exitCode == 0, describe(text));
    QVERIFY(text.out.contains("model.dim"));
    QVERIFY(!text.out.contains("train.lr"));
    QVERIFY(text.out.contains("NDCG@10"));
}

void TestCliRuns::exportCsvAndJson() {
    const Run csv = runCli({"export", "1", "--format", "csv", "--db", db_});
    QVERIFY2(csv.exitCode == 0, describe(csv));
    const QList<QByteArray> lines = csv.out.trimmed().split('\n');
    QCOMPARE(lines.front(),
             QByteArray("run_id,experiment_id,role,model,method,status,kind,name,step,value"));
    QVERIFY(lines.size() > 30);
    QVERIFY(csv.out.contains("\n1,1,model,mf,,finished,point,loss/bpr,2,"));
    QVERIFY(csv.out.contains(",final,NDCG@10,,"));

    const QString file = dir_.filePath("export.json");
    const Run j =
        runCli({"export", "experiment:2", "--format", "json", "--output", file, "--db", db_});
    QVERIFY2(j.exitCode == 0, describe(j));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc["experiment"].toObject()["id"].toInt(), 2);
    QCOMPARE(doc["runs"].toArray().size(), 1);
    QCOMPARE(doc["runs"].toArray()[0].toObject()["id"].toInt(), 2);

    const Run bad = runCli({"export", "1", "--format", "xml", "--db", db_});
    QCOMPARE(bad.exitCode, 1);
}

void TestCliRuns::rerunAddsRunsToTheExperiment() {
    const Run r = runCli({"rerun", "1", "--db", db_, "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonObject j = json(r).object();
    QCOMPARE(j["run_id"].toInt(), 3);
    // Same config, same seed, same thread count: the same numbers.
    QCOMPARE(j["test"].toObject()["NDCG@10"].toDouble(),
             first_["test"].toObject()["NDCG@10"].toDouble());
    const Run exp = runCli({"export", "experiment:1", "--db", db_});
    QCOMPARE(json(exp).object()["runs"].toArray().size(), 2);
}

void TestCliRuns::tagAndNoteAnExperiment() {
    const Run add = runCli({"tag", "1", "mf", "baseline", "--db", db_});
    QVERIFY2(add.exitCode == 0, describe(add));
    QCOMPARE(
        add.out,
        QByteArray("experiment 1 (Quick demo: BPR-MF on the built-in data): tags baseline, mf\n"));
    const Run again = runCli({"tag", "experiment:1", "mf", "kd", "--db", db_});  // mf is kept once
    QVERIFY2(again.exitCode == 0 && again.out.endsWith("tags baseline, kd, mf\n"), describe(again));
    const Run removed = runCli({"tag", "e1", "kd", "absent", "--remove", "--db", db_});
    QVERIFY2(removed.exitCode == 0 && removed.out.endsWith("tags baseline, mf\n"),
             describe(removed));
    const Run other = runCli({"tag", "2", "dim12", "--db", db_});
    QVERIFY2(other.exitCode == 0, describe(other));

    // runs shows each run's experiment tags: runs 1 and 3 belong to experiment 1, run 2 to 2.
    const Run list = runCli({"runs", "--json", "--db", db_});
    QVERIFY2(list.exitCode == 0, describe(list));
    const QJsonArray runs = json(list).array();
    QCOMPARE(runs.size(), 3);
    QCOMPARE(runs[0].toObject()["tags"].toArray(), (QJsonArray{"baseline", "mf"}));
    QCOMPARE(runs[1].toObject()["tags"].toArray(), (QJsonArray{"dim12"}));
    QCOMPARE(runs[2].toObject()["tags"].toArray(), (QJsonArray{"baseline", "mf"}));
    const Run text = runCli({"runs", "--db", db_});
    QVERIFY2(text.exitCode == 0, describe(text));
    const QList<QByteArray> lines = text.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].endsWith("tags"), describe(text));
    QVERIFY2(lines[1].startsWith("1 ") && lines[1].endsWith(" baseline,mf"), describe(text));
    QVERIFY2(lines[2].startsWith("2 ") && lines[2].endsWith(" dim12"), describe(text));
    QVERIFY2(lines[3].startsWith("3 ") && lines[3].endsWith(" baseline,mf"), describe(text));

    const Run note = runCli({"note", "1", "teacher looks overfit;", "try", "dim 32", "--db", db_});
    QVERIFY2(note.exitCode == 0, describe(note));
    const Run shown = runCli({"show", "3", "--json", "--db", db_});
    const QJsonObject experiment = json(shown).object()["experiment"].toObject();
    QCOMPARE(experiment["notes"].toString(), QString("teacher looks overfit; try dim 32"));
    QCOMPARE(experiment["tags"].toArray(), (QJsonArray{"baseline", "mf"}));
    const Run renamed = runCli({"rename", "1", "MF", "baseline,", "dim 64", "--db", db_});
    QVERIFY2(renamed.exitCode == 0, describe(renamed));
    QCOMPARE(json(runCli({"show", "1", "--json", "--db", db_}))
                 .object()["experiment"]
                 .toObject()["name"]
                 .toString(),
             QString("MF baseline, dim 64"));
    QCOMPARE(runCli({"rename", "42", "x", "--db", db_}).exitCode, 1);
    QCOMPARE(runCli({"rename", "1", "", "--db", db_}).exitCode, 1);
    const Run cleared = runCli({"note", "2", "", "--db", db_});
    QVERIFY2(cleared.exitCode == 0 && cleared.out.contains("notes cleared"), describe(cleared));

    // Refusals are usage errors that change nothing.
    const Run missing = runCli({"tag", "42", "x", "--db", db_});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("no experiment 42"), describe(missing));
    QCOMPARE(runCli({"tag", "1", "--db", db_}).exitCode, 1);
    const Run comma = runCli({"tag", "1", "a,b", "--db", db_});
    QCOMPARE(comma.exitCode, 1);
    QVERIFY2(comma.err.contains("'a,b' is not a tag"), describe(comma));
    QCOMPARE(runCli({"tag", "1", "", "--db", db_}).exitCode, 1);
    QCOMPARE(runCli({"note", "1", "--db", db_}).exitCode, 1);
    const Run noteMissing = runCli({"note", "42", "x", "--db", db_});
    QCOMPARE(noteMissing.exitCode, 1);
    QVERIFY2(noteMissing.err.contains("no experiment 42"), describe(noteMissing));
    const Run after = runCli({"show", "1", "--json", "--db", db_});
    QCOMPARE(json(after).object()["experiment"].toObject()["tags"].toArray(),
             (QJsonArray{"baseline", "mf"}));
}

void TestCliRuns::dbExportAndImport() {
    const QString exported = dir_.filePath("moved/export.sqlite");
    const Run ex = runCli({"db", "export", exported, "--db", db_});
    QVERIFY2(ex.exitCode == 0 && ex.out.contains("2 experiments, 3 runs"), describe(ex));
    QCOMPARE(QFileInfo(dir_.filePath("moved/artifacts/run-1.pt")).size(),
             QFileInfo(dir_.filePath("team/artifacts/run-1.pt")).size());
    const Run again = runCli({"db", "export", exported, "--db", db_});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains("already exists"), describe(again));

    const QString fresh = dir_.filePath("fresh/runs.sqlite");
    const Run im = runCli({"db", "import", exported, "--db", fresh, "--json"});
    QVERIFY2(im.exitCode == 0, describe(im));
    const QJsonObject s = json(im).object();
    QCOMPARE(s["experiments"].toArray(), (QJsonArray{1, 2}));
    QCOMPARE(s["runs"].toInt(), 3);
    QCOMPARE(s["datasets_added"].toInt(), 1);  // both experiments trained on the demo data
    QCOMPARE(s["tags"].toInt(), 3);
    QCOMPARE(s["artifacts"].toInt(), 3);
    QCOMPARE(s["artifact_files_copied"].toInt(), 3);
    // Into an empty store the ids stay, so the listings are identical (finals, tags, times).
    const QJsonArray before = json(runCli({"runs", "--json", "--db", db_})).array();
    QCOMPARE(json(runCli({"runs", "--json", "--db", fresh})).array(), before);
    const QJsonObject shown = json(runCli({"show", "1", "--json", "--db", fresh})).object();
    QCOMPARE(shown["curves"],
             json(runCli({"show", "1", "--json", "--db", db_})).object()["curves"]);
    QCOMPARE(shown["experiment"].toObject()["notes"].toString(),
             QString("teacher looks overfit; try dim 32"));
    QCOMPARE(QFileInfo(dir_.filePath("fresh/artifacts/run-1.pt")).size(),
             QFileInfo(dir_.filePath("team/artifacts/run-1.pt")).size());

    // A second import: two more experiments, no second data set.
    const Run twice = runCli({"db", "import", exported, "--db", fresh});
    QVERIFY2(twice.exitCode == 0, describe(twice));
    QVERIFY2(twice.out.contains("2 experiments (3, 4), 3 runs") &&
                 twice.out.contains("data sets: 0 added, 1 already here"),
             describe(twice));
    const QJsonArray runs = json(runCli({"runs", "--json", "--db", fresh})).array();
    QCOMPARE(runs.size(), 6);
    QCOMPARE(runs[3].toObject()["experiment_id"].toInt(), 3);
    QCOMPARE(runs[3].toObject()["final"], before[0].toObject()["final"]);
    QCOMPARE(runs[3].toObject()["tags"].toArray(), (QJsonArray{"baseline", "mf"}));

    // Foreign files are refused and left as they were; so is a bad sub-command.
    const QByteArray content = QByteArray("user,item\n1,2\n").repeated(50);
    const std::string foreign = rdtest::writeFile(dir_, "import/foreign.sqlite", content);
    const Run bad = runCli({"db", "import", QString::fromStdString(foreign), "--db", fresh});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("not a RecDistill run store"), describe(bad));
    QFile f(QString::fromStdString(foreign));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
    QCOMPARE(json(runCli({"runs", "--json", "--db", fresh})).array().size(), 6);
    QCOMPARE(runCli({"db", "copy", exported, "--db", fresh}).exitCode, 1);
    QCOMPARE(runCli({"db", "import", "--db", fresh}).exitCode, 1);
}

void TestCliRuns::noStoreRecordsNothing() {
    const QString other = dir_.filePath("nostore/runs.sqlite");
    const Run r = runCli({"train", config(), "--db", other, "--no-store", "--set", "train.epochs=1",
                          "--set", "model.dim=8", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(!json(r).object().contains("run_id"));
    QVERIFY(!QFile::exists(other));
}

void TestCliRuns::unknownRunIsAUsageError() {
    const Run r = runCli({"show", "99", "--db", db_});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no run 99"), describe(r));
    const Run bad = runCli({"show", "abc", "--db", db_});
    QCOMPARE(bad.exitCode, 1);
    const Run rerun = runCli({"rerun", "42", "--db", db_});
    QCOMPARE(rerun.exitCode, 1);
    QVERIFY2(rerun.err.contains("no experiment 42"), describe(rerun));
}

void TestCliRuns::foreignDbIsRefusedUntouched() {
    const QByteArray content = QByteArray("not a database\n").repeated(100);
    const std::string path = rdtest::writeFile(dir_, "foreign.sqlite", content);
    const Run r = runCli({"runs", "--db", QString::fromStdString(path)});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("not a RecDistill run store"), describe(r));
    const Run t = runCli(
        {"train", config(), "--db", QString::fromStdString(path), "--set", "train.epochs=1"});
    QCOMPARE(t.exitCode, 1);  // refused before any work
    QVERIFY2(t.err.contains("--no-store"), describe(t));
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestCliRuns::defaultLocationHonoursXdg() {
    const QString xdg = dir_.filePath("xdg");
    const Run r = runCli({"runs"}, 300000, {{"XDG_DATA_HOME", xdg}});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY2(r.out.contains("no runs in"), describe(r));
    QVERIFY(QFile::exists(xdg + "/RecDistill/runs.sqlite"));
}

void TestCliRuns::trashHidesAndRestores() {
    const auto listed = [this] {
        QList<qlonglong> ids;
        for (const QJsonValue& v : json(runCli({"runs", "--json", "--db", db_})).array())
            ids << v.toObject()["experiment_id"].toVariant().toLongLong();
        return ids;
    };
    QVERIFY(listed().contains(1));
    const Run trashed = runCli({"trash", "1", "--db", db_});
    QVERIFY2(trashed.exitCode == 0 && trashed.out.contains("experiment 1 moved to the trash"),
             describe(trashed));
    QVERIFY(!listed().contains(1));
    QVERIFY(!listed().isEmpty());
    const Run list = runCli({"trash", "--db", db_});
    QVERIFY2(list.exitCode == 0 && list.out.split('\n').size() >= 2 &&
                 list.out.split('\n')[1].startsWith("1 "),
             describe(list));
    // Still shown by id (it is only in the trash), and restored whole.
    QCOMPARE(runCli({"export", "experiment:1", "--db", db_}).exitCode, 0);
    const Run restored = runCli({"trash", "1", "--restore", "--db", db_});
    QVERIFY2(restored.exitCode == 0, describe(restored));
    QVERIFY(listed().contains(1));
    QVERIFY(runCli({"trash", "--db", db_}).out.contains("is empty"));
    QCOMPARE(runCli({"trash", "42", "--db", db_}).exitCode, 1);
    QCOMPARE(runCli({"trash", "1", "--empty", "--db", db_}).exitCode, 1);
    // Emptying deletes for good.
    QCOMPARE(runCli({"trash", "1", "--db", db_}).exitCode, 0);
    const Run emptied = runCli({"trash", "--empty", "--db", db_});
    QVERIFY2(emptied.exitCode == 0 && emptied.out.startsWith("1 experiment(s) deleted"),
             describe(emptied));
    QCOMPARE(runCli({"export", "experiment:1", "--db", db_}).exitCode, 1);
    QVERIFY(!listed().contains(1));
}

QTEST_GUILESS_MAIN(TestCliRuns)
#include "test_cli_runs.moc"
