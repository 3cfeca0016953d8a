// One visual language for runs (issue 16): every run of an experiment with all the methods gets a
// (colour, marker) pair of its own; Live, Compare, Diversity and an exported SVG draw it with that
// pair; a second experiment with the methods in another order draws each method the same way.
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QHeaderView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <set>
#include <utility>

#include "chart_export.h"
#include "compare_tab.h"
#include "distill/method_registry.h"
#include "diversity_tab.h"
#include "live_curve_chart.h"
#include "live_tab.h"
#include "run_snapshot.h"
#include "run_style.h"
#include "store/run_store.h"

using namespace rd;

namespace {

/** Every registered method except "none": the experiment with "all the methods". */
std::vector<std::string> allMethods() {
    std::vector<std::string> out;
    for (const MethodInfo& m : methodInfos())
        if (m.name != "none") out.push_back(m.name);
    return out;
}

std::vector<StageInfo> stagesFor(const std::vector<std::string>& methods) {
    std::vector<StageInfo> stages;
    auto add = [&](const std::string& stage, const std::string& role, const std::string& method) {
        StageInfo s;
        s.index = static_cast<int>(stages.size());
        s.stage = stage;
        s.role = role;
        s.method = method;
        s.model = role == "teacher" ? "lightgcn" : "mf";
        stages.push_back(s);
    };
    add("teacher", "teacher", "");
    add("student", "student", "none");
    for (const std::string& m : methods) add(m, "distilled", m);
    for (StageInfo& s : stages) s.count = static_cast<int>(stages.size());
    return stages;
}

/** Records the stages as finished runs of one experiment; returns the run ids in stage order. */
QList<qint64> record(RunStore& store, const std::vector<StageInfo>& stages) {
    ExperimentRecord e;
    e.name = "styles";
    const int64_t experiment = store.addExperiment(e);
    QList<qint64> ids;
    for (const StageInfo& s : stages) {
        RunRecord r;
        r.experimentId = experiment;
        r.role = s.role;
        r.model = s.model;
        r.method = s.method;
        const int64_t id = store.startRun(r);
        store.setFinalResults(
            id, {{"NDCG@10", 0.1 + 0.01 * s.index}, {"params", 1000.0 * (s.index + 1)}});
        store.setExposure(id, ExposureHistogram{{0.5, 0.3, 0.2}, {0.4, 0.4, 0.2}});
        store.addPoints(id, 1, {{"valid/NDCG@10", 0.05}}, 0);
        store.addPoints(id, 2, {{"valid/NDCG@10", 0.06}}, 0);
        store.finishRun(id, "finished");
        ids << id;
    }
    return ids;
}

QAbstractSeries* seriesNamed(QChart* chart, const QString& name) {
    for (QAbstractSeries* s : chart->series())
        if (s->name() == name || s->name() == name + QStringLiteral(" ★")) return s;
    return nullptr;
}

}  // namespace

class TestRunStyle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void distinctAndStable() {
        const std::vector<std::string> methods = allMethods();
        QVERIFY(methods.size() >= 8);  // with teacher and student alone: ten runs or more
        const std::vector<StageInfo> stages = stagesFor(methods);
        std::set<std::pair<QRgb, int>> pairs;
        std::set<QRgb> colours;
        for (const StageInfo& s : stages) {
            const RunStyle style = runStyle(s.role, s.method);
            pairs.insert({style.colour.rgb(), static_cast<int>(style.marker)});
            colours.insert(style.colour.rgb());
        }
        QCOMPARE(pairs.size(), stages.size());
        // Stronger than the pairs: with the built-ins every run even has a colour of its own.
        QCOMPARE(colours.size(), stages.size());
        // The teacher is the dashed reference everywhere; the student alone is dotted.
        QCOMPARE(runStyle("teacher", "").line, Qt::DashLine);
        QCOMPARE(runStyle("student", "none").line, Qt::DotLine);
        // A second entry of a method keeps the colour but not the marker.
        QCOMPARE(runStyle("distilled", "rrd", 2).colour, runStyle("distilled", "rrd").colour);
        QVERIFY(runStyle("distilled", "rrd", 2).marker != runStyle("distilled", "rrd").marker);
        QCOMPARE(occurrenceOf(QStringLiteral("rrd#2")), 2);
        QCOMPARE(occurrenceOf(QStringLiteral("rrd")), 1);
        // A method no build knows still gets a fixed style.
        QCOMPARE(runStyle("distilled", "zzz"), runStyle("distilled", "zzz"));
    }

    void sameInEveryTabAndExperiment() {
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")).toStdString());
        const std::vector<std::string> methods = allMethods();
        std::vector<std::string> reversed(methods.rbegin(), methods.rend());
        const std::vector<StageInfo> first = stagesFor(methods);
        const std::vector<StageInfo> second = stagesFor(reversed);

        LiveTab live;
        CompareTab compare;
        DiversityTab diversity;
        compare.resize(1280, 800);
        diversity.resize(1280, 800);
        for (const std::vector<StageInfo>* stages : {&first, &second}) {
            // Live: every stage's validation curve in its method's style.
            live.begin(*stages, QStringLiteral("NDCG@10"));
            for (const StageInfo& s : *stages)
                for (int epoch = 1; epoch <= 2; ++epoch)
                    live.epochReported(QString::fromStdString(s.stage), epoch, 10, {},
                                       {{QStringLiteral("NDCG@10"), 0.1 * epoch}}, 0.5);
            live.flush();
            for (const StageInfo& s : *stages) {
                const RunStyle style = runStyle(s.role, s.method);
                QLineSeries* line = live.validChart()->series(QString::fromStdString(s.stage));
                QVERIFY(line);
                QCOMPARE(line->pen().color(), style.colour);
                QCOMPARE(line->pen().style(), style.line);
            }

            // Compare and Diversity: the same runs read back from the store.
            const QList<qint64> ids = record(store, *stages);
            const auto snapshots =
                std::make_shared<const std::vector<RunSnapshot>>(loadRunSnapshots(store, ids));
            QCOMPARE(snapshots->size(), stages->size());
            compare.showSnapshots(snapshots);
            diversity.showSnapshots(snapshots);
            auto* bars = qobject_cast<QBarSeries*>(compare.barsView()->chart()->series().value(0));
            QVERIFY(bars);
            for (int i = 0; i < static_cast<int>(stages->size()); ++i) {
                const StageInfo& s = (*stages)[static_cast<size_t>(i)];
                const RunSnapshot& snap = (*snapshots)[static_cast<size_t>(i)];
                const RunStyle style = runStyle(s.role, s.method);
                QCOMPARE(snap.style(), style);
                QCOMPARE(bars->barSets().at(i)->color(), style.colour);
                auto* point = qobject_cast<QScatterSeries*>(
                    seriesNamed(compare.scatterView()->chart(), snap.label));
                QVERIFY2(point, qPrintable(snap.label));
                QCOMPARE(point->color(), style.colour);
                QCOMPARE(point->markerShape(), style.marker);
                auto* curve = qobject_cast<QLineSeries*>(
                    seriesNamed(compare.curvesView()->chart(), snap.label));
                QVERIFY(curve);
                QCOMPARE(curve->pen().color(), style.colour);
                for (QChartView* view : {diversity.exposureView(), diversity.lorenzView()}) {
                    auto* line = qobject_cast<QLineSeries*>(seriesNamed(view->chart(), snap.label));
                    QVERIFY2(line, qPrintable(snap.label));
                    QCOMPARE(line->pen().color(), style.colour);
                    QCOMPARE(line->pen().style(), style.line);
                }
            }

            // Exports draw what the view shows: every run's colour is in the SVG of the scatter.
            compare.scatterView()->resize(800, 600);
            const QString svgPath = dir.filePath(QStringLiteral("scatter.svg"));
            QVERIFY(saveChartSvg(compare.scatterView(), svgPath));
            QFile svg(svgPath);
            QVERIFY(svg.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(svg.readAll()).toLower();
            for (const StageInfo& s : *stages) {
                const QString hex = runStyle(s.role, s.method).colour.name();
                QVERIFY2(text.contains(QStringLiteral("fill=\"") + hex), qPrintable(hex));
            }
        }

        // Diversity: selecting rows of its table shows only those runs in both charts.
        QTableWidget* table = diversity.metricsTable();
        QCOMPARE(table->rowCount(), static_cast<int>(second.size()));
        QVERIFY(table->minimumHeight() >=
                11 * table->verticalHeader()->defaultSectionSize());  // all 11 runs fit
        table->selectRow(2);
        const QString picked = table->verticalHeaderItem(2)->text();
        const QString other = table->verticalHeaderItem(3)->text();
        for (QChartView* view : {diversity.exposureView(), diversity.lorenzView()}) {
            QVERIFY(seriesNamed(view->chart(), picked)->isVisible());
            QVERIFY(!seriesNamed(view->chart(), other)->isVisible());
        }
        table->clearSelection();
        QVERIFY(seriesNamed(diversity.lorenzView()->chart(), other)->isVisible());
    }
};

QTEST_MAIN(TestRunStyle)
#include "test_run_style.moc"
