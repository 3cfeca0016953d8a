// Compare opens a study as a study: its table (mean ± CI per metric, the paired differences to the
// student alone and their marks) and its charts (error bars, whiskers, the compression frontier)
// are checked against analyzeStudy on the same store; a single-seed comparison marks no run best
// and says why. A small study (demo data, 120 users, 3 epochs, 3 seeds × student.dim {4, 8}) is
// run once through runStudy. RECDISTILL_SCREENSHOTS=1 also runs a larger one and saves the study
// views into docs/screenshots (English) and docs/screenshots/zh_CN.
#include <QAbstractSeries>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "chart_export.h"
#include "compare_study.h"
#include "compare_tab.h"
#include "comparison_charts.h"
#include "isolated_home.h"
#include "language.h"
#include "main_window.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "runs_dock.h"
#include "runs_model.h"
#include "store/run_store.h"
#include "study/study_plan.h"
#include "study/study_runner.h"
#include "study/study_table.h"
#include "study_catalog.h"
#include "workbench.h"

using namespace rd;

namespace {

nlohmann::json tinyStudy() {
    return nlohmann::json::parse(R"({
      "version": 1,
      "name": "window study",
      "data": {"path": "demo", "preprocess": {"max_users": 120}},
      "teacher": {"name": "mf", "dim": 32},
      "student": {"name": "mf", "dim": 4},
      "methods": ["softlabel", "rd"],
      "train": {"epochs": 3, "batch_size": 512, "lr": 0.01, "patience": 0, "threads": 1},
      "latency_users": 3,
      "study": {"seeds": [1, 2, 3], "sweep": {"student.dim": [4, 8]}}
    })");
}

/** For the screenshots: enough epochs, users and sizes for a frontier worth looking at. */
nlohmann::json screenshotStudy() {
    nlohmann::json c = tinyStudy();
    c["name"] = "MF students on the demo data";
    c["data"]["preprocess"]["max_users"] = 300;
    c["teacher"] = {{"name", "mf"}, {"dim", 64}};
    c["teacher_train"] = {{"epochs", 25}};
    c["train"]["epochs"] = 8;
    c["study"]["seeds"] = {2020, 2021, 2022};
    c["study"]["sweep"] = {{"student.dim", {4, 8, 16, 32}}};
    return c;
}

int64_t runTheStudy(const nlohmann::json& config, const QString& path) {
    const StudyPlan plan = StudyPlan::fromJson(config);
    const StudyOutcome out = runStudy(plan, QFile::encodeName(path).toStdString(), StudyOptions{});
    if (out.status != "finished") qWarning("study: %s %s", out.status.c_str(), out.error.c_str());
    return out.status == "finished" ? out.studyId : 0;
}

/** The chart's series with this object name. */
QList<QAbstractSeries*> seriesNamed(QChartView* view, const QString& name) {
    QList<QAbstractSeries*> out;
    for (QAbstractSeries* s : view->chart()->series())
        if (s->objectName() == name) out << s;
    return out;
}

/** The lowest and highest y of a line series (an error bar: its interval). */
std::pair<double, double> yExtent(QAbstractSeries* series) {
    auto* line = qobject_cast<QLineSeries*>(series);
    double lo = INFINITY, hi = -INFINITY;
    for (const QPointF& p : line->points()) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    return {lo, hi};
}

bool close(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

}  // namespace

class TestCompareStudy : public QObject {
    Q_OBJECT

private:
    QTemporaryDir home_;
    QString database_;
    int64_t studyId_ = 0;

    /** A window on the study's store, its studies listed. */
    void open(MainWindow& window, const QString& database) {
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(database));
        QTRY_VERIFY_WITH_TIMEOUT(window.runsDock()->studyList()->topLevelItemCount() > 0, 30000);
    }

    /** Opens the first listed study as a user does (activating it in the Runs dock). */
    void openStudy(MainWindow& window) {
        QTreeWidget* list = window.runsDock()->studyList();
        QVERIFY(list->isVisibleTo(window.runsDock()));
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QTRY_VERIFY_WITH_TIMEOUT(window.compareTab()->showsStudy(), 60000);
        QCOMPARE(window.tabs()->currentWidget(), window.compareTab());
    }

    void saveScreenshots(const QString& database, const QString& folder) {
        MainWindow window;
        open(window, database);
        openStudy(window);
        window.resize(1280, 800);
        window.show();
        CompareTab* compare = window.compareTab();
        compare->setStudyCell(1);
        QTest::qWait(300);
        QDir().mkpath(folder);
        QVERIFY(window.grab().save(folder + QStringLiteral("/compare-study.png")));
        // The frontier on its own at a readable size: the chart lent to a view of that size, then
        // given back.
        QChartView* frontier = compare->frontierView();
        QChart* chart = frontier->chart();
        auto* placeholder = new QChart;  // Qt ignores setChart() of the chart a view has already
        frontier->setChart(placeholder);
        {
            QChartView alone(chart);
            alone.setRenderHint(QPainter::Antialiasing);
            alone.resize(640, 400);
            alone.show();
            QTest::qWait(300);
            QVERIFY(alone.grab().save(folder + QStringLiteral("/study-frontier.png")));
            frontier->setChart(chart);
        }
        delete placeholder;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(home_.isValid());
        rdtest::isolateUserDirs(home_);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        database_ = home_.filePath(QStringLiteral("study.sqlite"));
        studyId_ = runTheStudy(tinyStudy(), database_);
        QVERIFY(studyId_ > 0);
    }

    void opensAStudyAsAStudy() {
        MainWindow window;
        open(window, database_);
        QCOMPARE(window.runsDock()->studyList()->topLevelItem(0)->text(1), QStringLiteral("6"));
        openStudy(window);
        CompareTab* compare = window.compareTab();
        RunStore store(database_.toStdString());
        const StudyTable expected = analyzeStudy(store, studyId_);
        QCOMPARE(expected.cells.size(), size_t(2));
        QVERIFY(compare->noteLabel()->text().contains(QStringLiteral("seeds 1, 2, 3, 2 cells")));
        QVERIFY(compare->cellBox()->isVisibleTo(compare));
        QCOMPARE(compare->cellBox()->count(), 2);

        for (int cell = 0; cell < 2; ++cell) {
            compare->setStudyCell(cell);
            const std::vector<const StudyRow*> rows = compare_study::cellRows(expected, cell);
            QTableWidget* table = compare->metricsTable();
            QCOMPARE(table->rowCount(), static_cast<int>(rows.size()));
            QCOMPARE(table->rowCount(), 4);  // teacher, student alone, softlabel, rd
            const QStringList columns = compare->metricColumns();
            QVERIFY(columns.contains(QStringLiteral("NDCG@10")));
            QVERIFY(columns.contains(QStringLiteral("Δ:NDCG@10")));
            QVERIFY(columns.contains(QStringLiteral("p:Recall@10")));
            int intervals = 0, marks = 0;
            for (int r = 0; r < table->rowCount(); ++r) {
                const StudyRow& row = *rows[static_cast<size_t>(r)];
                QCOMPARE(table->item(r, 0)->text(), compare_study::rowLabel(row));
                QCOMPARE(table->item(r, 2)->text(), QStringLiteral("3"));
                for (int c = 0; c < columns.size(); ++c) {
                    const QTableWidgetItem* item = table->item(r, c + 3);
                    const QString col = columns[c];
                    if (col.startsWith(QStringLiteral("Δ:")) ||
                        col.startsWith(QStringLiteral("p:"))) {
                        const auto it = row.vsStudent.find(col.mid(2).toStdString());
                        if (it == row.vsStudent.end()) {
                            QVERIFY(item->text().isEmpty());
                            continue;
                        }
                        const StudyComparison& cmp = it->second;
                        const QString verdict = !cmp.significant         ? QStringLiteral("n.s.")
                                                : cmp.meanDifference > 0 ? QStringLiteral("better")
                                                                         : QStringLiteral("worse");
                        QCOMPARE(item->data(compare_study::SignificanceRole).toString(), verdict);
                        if (col.startsWith(QStringLiteral("Δ:"))) {
                            QVERIFY(close(item->data(Qt::UserRole).toDouble(), cmp.meanDifference));
                            QVERIFY(close(item->data(compare_study::LowRole).toDouble(),
                                          cmp.interval.low));
                            QVERIFY(close(item->data(compare_study::HighRole).toDouble(),
                                          cmp.interval.high));
                        } else {
                            QVERIFY(close(item->data(Qt::UserRole).toDouble(), cmp.pHolm));
                            QCOMPARE(item->text().endsWith(QStringLiteral("n.s.")),
                                     !cmp.significant);
                        }
                        continue;
                    }
                    const IntervalValue v = compare_study::interval(row, col.toStdString());
                    if (!std::isfinite(v.mean)) {
                        QVERIFY(item->text().isEmpty());
                        continue;
                    }
                    QVERIFY(close(item->data(Qt::UserRole).toDouble(), v.mean));
                    QCOMPARE(item->text(), compare_study::intervalText(col, v));
                    if (v.hasInterval()) {
                        ++intervals;
                        QVERIFY2(item->text().contains(QStringLiteral(" ± ")),
                                 qPrintable(item->text()));
                        QVERIFY(close(item->data(compare_study::LowRole).toDouble(), v.low));
                        QVERIFY(close(item->data(compare_study::HighRole).toDouble(), v.high));
                    }
                    // "Best" only where the paired test says better than the student alone.
                    const auto it = row.vsStudent.find(col.toStdString());
                    const bool better = it != row.vsStudent.end() && it->second.significant &&
                                        it->second.meanDifference > 0;
                    QCOMPARE(item->data(compare_study::BestRole).toBool(), better);
                    QCOMPARE(item->font().bold(), better);
                    if (better) ++marks;
                }
            }
            QVERIFY(intervals >= 4 * 5);
            Q_UNUSED(marks);

            // Bars: one error bar per (row, metric) with an interval, from its low to its high.
            const QStringList barMetrics{QStringLiteral("Recall@10"), QStringLiteral("NDCG@10")};
            const QList<QAbstractSeries*> bars = seriesNamed(compare->barsView(), "errorBar");
            int expectedBars = 0;
            for (const StudyRow* row : rows)
                for (const QString& m : barMetrics)
                    if (compare_study::interval(*row, m.toStdString()).hasInterval())
                        ++expectedBars;
            QCOMPARE(bars.size(), expectedBars);
            for (QAbstractSeries* s : bars) {
                const StudyRow& row = *rows[static_cast<size_t>(s->property("run").toInt())];
                const IntervalValue v = compare_study::interval(
                    row, barMetrics[s->property("metric").toInt()].toStdString());
                const auto [lo, hi] = yExtent(s);
                QVERIFY(close(lo, v.low));
                QVERIFY(close(hi, v.high));
                for (QLegendMarker* m : compare->barsView()->chart()->legend()->markers(s))
                    QVERIFY(!m->isVisible());
            }
            // Scatter: a whisker through each row's NDCG@10 at its size.
            // The students share one size: drawn spread around it (spreadEqualCosts).
            const QList<QAbstractSeries*> whiskers = seriesNamed(compare->scatterView(), "whisker");
            QCOMPARE(whiskers.size(), 4);
            std::vector<double> sizes;
            for (const StudyRow* r : rows)
                sizes.push_back(compare_study::interval(*r, "params").mean);
            const std::vector<double> shownSizes = rd::spreadEqualCosts(sizes);
            QVERIFY(shownSizes[1] != shownSizes[2]);
            for (QAbstractSeries* s : whiskers) {
                const StudyRow& row = *rows[static_cast<size_t>(s->property("run").toInt())];
                const IntervalValue v = compare_study::interval(row, "NDCG@10");
                const auto [lo, hi] = yExtent(s);
                QVERIFY(close(lo, v.low));
                QVERIFY(close(hi, v.high));
                const double size = compare_study::interval(row, "params").mean;
                const double shown = shownSizes[static_cast<size_t>(s->property("run").toInt())];
                QVERIFY(std::fabs(shown / size - 1) < 0.1);
                QVERIFY(close(qobject_cast<QLineSeries*>(s)->at(2).x(), shown));
            }
        }

        // The sweep changes the student's size: the frontier replaces the validation curves, one
        // line per method (the student alone included) through both cells, the teacher dashed.
        QVERIFY(compare->showsFrontier());
        QVERIFY(compare->frontierView()->isVisibleTo(compare));
        QVERIFY(!compare->curvesView()->isVisibleTo(compare));
        QCOMPARE(compare->frontierMetricBox()->currentText(), QStringLiteral("NDCG@10"));
        const QList<QAbstractSeries*> lines = seriesNamed(compare->frontierView(), "frontierLine");
        QCOMPARE(lines.size(), 3);
        QCOMPARE(seriesNamed(compare->frontierView(), "frontierBand").size(), 3);
        std::set<QString> names;
        const double scale = compare->frontierView()->chart()->property("sizeScale").toDouble();
        QVERIFY(scale == 1 || scale == 1000);
        for (QAbstractSeries* s : lines) {
            names.insert(s->name());
            auto* line = qobject_cast<QLineSeries*>(s);
            QCOMPARE(line->count(), 2);
            int matched = 0;
            for (const StudyRow& row : expected.rows) {
                if (compare_study::rowLabel(row) != s->name()) continue;
                const QPointF want(compare_study::interval(row, "params").mean / scale,
                                   compare_study::interval(row, "NDCG@10").mean);
                const QPointF got = line->at(row.cell);  // dim 4 is smaller: first
                QVERIFY(close(got.x(), want.x()));
                QVERIFY(close(got.y(), want.y()));
                ++matched;
            }
            QCOMPARE(matched, 2);
            QVERIFY(line->at(0).x() < line->at(1).x());
        }
        QVERIFY(names.count(QStringLiteral("student alone")));
        QVERIFY(names.count(QStringLiteral("softlabel")));
        QVERIFY(names.count(QStringLiteral("rd")));
        const QList<QAbstractSeries*> reference =
            seriesNamed(compare->frontierView(), "frontierReference");
        QCOMPARE(reference.size(), 1);
        QVERIFY(close(qobject_cast<QLineSeries*>(reference[0])->at(0).y(),
                      compare_study::interval(expected.rows[0], "NDCG@10").mean));
        // Another metric redraws it.
        compare->frontierMetricBox()->setCurrentText(QStringLiteral("Recall@10"));
        QVERIFY(compare->frontierView()->chart()->title().contains(QStringLiteral("Recall@10")));
        // The frontier exports like every chart.
        QTemporaryDir out;
        QVERIFY(saveChartSvg(compare->frontierView(), out.filePath(QStringLiteral("f.svg"))));
        QVERIFY(QFileInfo(out.filePath(QStringLiteral("f.svg"))).size() > 0);
        // The study's CSV holds the shown cells.
        QVERIFY(compare->tableAsCsv().contains(QStringLiteral(" ± ")));

        // Unticking "Show as a study" compares the 24 runs one by one, marking none best.
        compare->asStudyBox()->setChecked(false);
        QVERIFY(!compare->showsStudy());
        QCOMPARE(compare->metricsTable()->rowCount(), 24);
        QVERIFY(!compare->showsFrontier());
        QVERIFY(compare->curvesView()->isVisibleTo(compare));
    }

    void singleSeedMarksNoRunBest() {
        const QString database = home_.filePath(QStringLiteral("single.sqlite"));
        int64_t experimentId = 0;
        {
            nlohmann::json config = tinyStudy();
            config.erase("study");
            RunStore store(database.toStdString());
            const ExperimentOutcome out =
                runExperiment(ExperimentConfig::fromJson(config), {}, nullptr, &store);
            QCOMPARE(QString::fromStdString(out.status), QStringLiteral("finished"));
            experimentId = out.experimentId;
        }
        MainWindow window;
        window.setErrorDialogsEnabled(false);
        QVERIFY(window.openDatabase(database));
        QTRY_COMPARE_WITH_TIMEOUT(window.workbench()->runsModel()->experimentCount(), 1, 30000);
        window.runsDock()->selectExperiment(experimentId);
        CompareTab* compare = window.compareTab();
        QTRY_COMPARE_WITH_TIMEOUT(compare->metricsTable()->rowCount(), 4, 30000);
        QTRY_VERIFY(!window.workbench()->studies()->isLoading());
        QVERIFY(!compare->showsStudy());
        QVERIFY(!compare->asStudyBox()->isVisibleTo(compare));
        QVERIFY(!window.runsDock()->studyList()->isVisibleTo(window.runsDock()));
        QTableWidget* table = compare->metricsTable();
        for (int r = 0; r < table->rowCount(); ++r)
            for (int c = 0; c < table->columnCount(); ++c) {
                const QTableWidgetItem* item = table->item(r, c);
                QVERIFY(!item->data(Qt::UserRole + 1).toBool());
                QVERIFY(!item->font().bold());
            }
        QVERIFY(!compare->tableAsLatex().contains(QStringLiteral("\\textbf")));
        QVERIFY(compare->noteLabel()->isVisibleTo(compare));
        QVERIFY2(compare->noteLabel()->text().contains(QStringLiteral("No run is marked best")),
                 qPrintable(compare->noteLabel()->text()));
        QVERIFY(compare->noteLabel()->text().contains(QStringLiteral("seed")));
        // No error bars without seeds to spread over.
        QVERIFY(seriesNamed(compare->barsView(), "errorBar").isEmpty());
    }

    void screenshots() {
        // Always drawn (so the code path runs in every build), kept only when asked for.
        const bool keep = qEnvironmentVariableIsSet("RECDISTILL_SCREENSHOTS");
        QString database = database_;
        if (keep) {
            database = home_.filePath(QStringLiteral("screenshots.sqlite"));
            QVERIFY(runTheStudy(screenshotStudy(), database) > 0);
        }
        const QString root = keep ? QStringLiteral(RECDISTILL_SOURCE_DIR "/docs/screenshots")
                                  : home_.filePath(QStringLiteral("screenshots"));
        saveScreenshots(database, root);
        QVERIFY(QFileInfo(root + QStringLiteral("/study-frontier.png")).size() > 0);
        QVERIFY(Language::install(QStringLiteral("zh_CN")));
        saveScreenshots(database, root + QStringLiteral("/zh_CN"));
        QVERIFY(Language::install(QStringLiteral("en")));
        // A real study's views (the README's MovieLens 100K frontier): a copy of its store, so
        // that opening it changes nothing in the original.
        const QString store = qEnvironmentVariable("RECDISTILL_SCREENSHOT_STUDY");
        if (keep && !store.isEmpty()) {
            const QString copy = home_.filePath(QStringLiteral("real-study.sqlite"));
            QFile::remove(copy);
            QVERIFY2(QFile::copy(store, copy), qPrintable(store));
            saveScreenshots(copy, root + QStringLiteral("/ml100k"));
        }
    }
};

QTEST_MAIN(TestCompareStudy)
#include "test_compare_study.moc"
