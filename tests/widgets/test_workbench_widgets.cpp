// The reusable views behind the Setup, Live, Compare and Diversity tabs, checked offscreen with
// hand-computed values.
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <cmath>

#include "comparison_charts.h"
#include "diversity_charts.h"
#include "live_curve_chart.h"
#include "param_form.h"
#include "point_labels.h"

using rd::ParamSpec;

class TestWorkbenchWidgets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void paramFormShowsDefaultsAndEnforcesRanges() {
        const rd::ParamSchema schema = {
            {"dim", ParamSpec::Type::Int, 64, 1, 4096, {}, "embedding size"},
            {"lr", ParamSpec::Type::Float, 0.005, 1e-6, 1, {}, "learning rate"},
            {"tau", ParamSpec::Type::Float, 1e-10, 1e-12, 100, {}, "tiny temperature"},
            {"norm", ParamSpec::Type::Bool, true, 0, 0, {}, ""},
            {"mode", ParamSpec::Type::Choice, "a", 0, 0, {"a", "b"}, ""},
            {"layers", ParamSpec::Type::IntList, nlohmann::json::array({64, 32}), 1, 1024, {}, ""},
        };
        rd::ParamForm form(schema);
        QCOMPARE(form.values()["dim"].get<int>(), 64);
        QCOMPARE(form.values()["tau"].get<double>(), 1e-10);
        QCOMPARE(form.values()["layers"], nlohmann::json::array({64, 32}));
        QVERIFY(form.changedValues().empty());
        auto* dim = qobject_cast<QSpinBox*>(form.editor("dim"));
        QVERIFY(dim);
        QCOMPARE(dim->toolTip(), QStringLiteral("embedding size"));
        QSignalSpy changed(&form, &rd::ParamForm::changed);
        dim->setValue(100000);  // past the schema's maximum: the spin box clamps
        QCOMPARE(dim->value(), 4096);
        QVERIFY(changed.count() >= 1);
        qobject_cast<QComboBox*>(form.editor("mode"))->setCurrentText(QStringLiteral("b"));
        QCOMPARE(form.changedValues(), (nlohmann::json{{"dim", 4096}, {"mode", "b"}}));
        form.setValues({{"lr", 0.01}});
        QCOMPARE(form.values()["dim"].get<int>(), 64);  // back to its default
        QCOMPARE(form.values()["lr"].get<double>(), 0.01);
        qobject_cast<QLineEdit*>(form.editor("layers"))->setText(QStringLiteral("8, x"));
        QVERIFY(form.values()["layers"].is_string());  // passed on for validation to name the key
    }

    // Config fields: dotted names read and write nested objects; a nullable number is off (null)
    // until its box is checked; a choice shows its label and gives its value; special text at the
    // minimum.
    void paramFormReadsAndWritesConfigFields() {
        rd::ParamSchema schema = {
            {"data.preprocess.max_users", ParamSpec::Type::Int, 0, 0, 1000, {}, "most users"},
            {"data.preprocess.rating_threshold",
             ParamSpec::Type::Float,
             nullptr,
             -10,
             10,
             {},
             "threshold"},
            {"data.split.kind", ParamSpec::Type::Choice, "random", 0, 0, {"random", "loo"}, "kind"},
            {"data.split.ratios",
             ParamSpec::Type::FloatList,
             nlohmann::json::array({0.8, 0.1, 0.1}),
             0,
             1,
             {},
             ""},
            {"train.valid_metric",
             ParamSpec::Type::String,
             "MRR@10",
             0,
             0,
             {"MRR@10", "NDCG@10"},
             ""},
        };
        schema[0].specialValueText = "all";
        schema[0].label = "Max users";
        schema[1].nullable = true;
        schema[2].choiceLabels = {"Random ratio per user", "Leave one out (latest to test)"};
        rd::ParamForm form(schema);
        QCOMPARE(qobject_cast<QSpinBox*>(form.editor("data.preprocess.max_users"))->text(),
                 QStringLiteral("all"));
        QCOMPARE(form.editor("data.preprocess.max_users")->objectName(),
                 QStringLiteral("data.preprocess.max_users"));
        QCOMPARE(rd::ParamForm::labelFor(schema[0]), QStringLiteral("Max users:"));
        QCOMPARE(form.values(), nlohmann::json::parse(R"({
            "data": {"preprocess": {"max_users": 0, "rating_threshold": null},
                     "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1]}},
            "train": {"valid_metric": "MRR@10"}})"));
        QVERIFY(form.changedValues().empty());
        QVERIFY(!form.editor("data.preprocess.rating_threshold")->isEnabled());
        auto* kind = qobject_cast<QComboBox*>(form.editor("data.split.kind"));
        QCOMPARE(kind->itemText(1), QStringLiteral("Leave one out (latest to test)"));

        // A whole config in: the fields it names are set, the rest go back to their defaults.
        QSignalSpy changed(&form, &rd::ParamForm::changed);
        form.setValues(nlohmann::json::parse(R"({"name": "x",
            "data": {"path": "demo", "preprocess": {"rating_threshold": 3.5}, "split": {"kind": "loo"}},
            "train": {"valid_metric": "Recall@50"}})"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(kind->currentText(), QStringLiteral("Leave one out (latest to test)"));
        QVERIFY(form.editor("data.preprocess.rating_threshold")->isEnabled());
        QCOMPARE(form.changedValues(), nlohmann::json::parse(R"({
            "data": {"preprocess": {"rating_threshold": 3.5}, "split": {"kind": "loo"}},
            "train": {"valid_metric": "Recall@50"}})"));
        form.findChild<QCheckBox*>(QStringLiteral("data.preprocess.rating_threshold.enabled"))
            ->setChecked(false);
        QVERIFY(form.values()["data"]["preprocess"]["rating_threshold"].is_null());
        qobject_cast<QLineEdit*>(form.editor("data.split.ratios"))
            ->setText(QStringLiteral("0.7, 0.2, 0.1"));
        QCOMPARE(form.values()["data"]["split"]["ratios"], nlohmann::json::array({0.7, 0.2, 0.1}));
        form.setValue("data.preprocess.max_users", 150);
        QCOMPARE(form.values()["data"]["preprocess"]["max_users"].get<int>(), 150);
        QCOMPARE(form.values()["data"]["split"]["kind"].get<std::string>(),
                 std::string("loo"));  // others kept
    }

    void paretoFrontKeepsTheUndominated() {
        // cost, accuracy: (10, .30) (10, .20) (100, .40) (50, .25) (100, .35)
        const std::vector<bool> front =
            rd::paretoFront({10, 10, 100, 50, 100}, {0.30, 0.20, 0.40, 0.25, 0.35});
        QCOMPARE(front, (std::vector<bool>{true, false, true, false, false}));
    }

    void spreadKeepsLabelsApartAndCentred() {
        // Two names wanting 0 and 5 (10 high) meet: centred on their mean 2.5 → -2.5 and 7.5.
        QCOMPARE(rd::PointLabels::spread({0, 5, 100}, 10, -1e9, 1e9),
                 (std::vector<double>{-2.5, 7.5, 100}));
        // The top edge at 0 holds the pair; the bottom edge 105 lifts the third to 95.
        QCOMPARE(rd::PointLabels::spread({5, 0, 100}, 10, 0, 105),
                 (std::vector<double>{10, 0, 95}));
        // Three wanting the same place stack around it, in their given order.
        QCOMPARE(rd::PointLabels::spread({50, 50, 50}, 10, 0, 200),
                 (std::vector<double>{40, 50, 60}));
    }

    void paretoNamesDoNotOverlap() {
        // Eight students of one size with close accuracy, and the teacher: Qt's own point labels
        // would print the eight names on top of each other.
        QStringList runs = {QStringLiteral("teacher")};
        std::vector<double> cost = {200000}, accuracy = {0.29};
        for (int i = 0; i < 8; ++i) {
            runs << QStringLiteral("method%1").arg(i);
            cost.push_back(12000);
            accuracy.push_back(0.22 + 0.002 * i);
        }
        QChartView view(rd::buildParetoChart(QStringLiteral("t"), QStringLiteral("params"),
                                             QStringLiteral("NDCG"), runs, cost, accuracy));
        view.resize(320, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* labels = view.chart()->findChild<rd::PointLabels*>();
        QVERIFY(labels);
        QTRY_VERIFY(!labels->labelRects().isEmpty() && labels->labelRects().first().width() > 0);
        const QList<QRectF> rects = labels->labelRects();
        QCOMPARE(labels->labelTexts().size(), 9);
        QVERIFY(labels->labelTexts().contains(QStringLiteral("method3")));
        const QRectF chartRect(QPointF(0, 0), view.chart()->size());
        for (int a = 0; a < rects.size(); ++a) {
            QVERIFY2(chartRect.contains(rects[a]), qPrintable(labels->labelTexts()[a]));
            for (int b = a + 1; b < rects.size(); ++b)
                QVERIFY2(!rects[a].adjusted(0, 0.5, 0, -0.5).intersects(rects[b]),
                         qPrintable(labels->labelTexts()[a] + QStringLiteral(" / ") +
                                    labels->labelTexts()[b]));
        }
        // Each name sits beside its own point, not just somewhere: the teacher's is level with it.
        const QPointF teacher =
            view.chart()->mapToPosition(QPointF(200000, 0.29), view.chart()->series().first());
        QVERIFY(std::fabs(rects.first().center().y() - teacher.y()) < 1);
        QVERIFY(rects.first().left() > teacher.x() || rects.first().right() < teacher.x());
    }

    void lorenzAndGiniOfShares() {
        QCOMPARE(rd::giniOfShares({0.25, 0.25, 0.25, 0.25}), 0.0);
        // Two groups, one with everything: area under the Lorenz curve 1/4, Gini 1/2.
        QCOMPARE(rd::giniOfShares({1.0, 0.0}), 0.5);
        const auto curve = rd::lorenzCurve({0.6, 0.1, 0.3});
        QCOMPARE(static_cast<int>(curve.size()), 4);
        QCOMPARE(curve[1].y(), 0.1);
        QVERIFY(std::fabs(curve[2].y() - 0.4) < 1e-12);
        QCOMPARE(curve[3], QPointF(1, 1));
    }

    void liveChartDrawsOnlyOnFlush() {
        rd::LiveCurveChart chart(QStringLiteral("t"), QStringLiteral("epoch"), QString());
        chart.setReference(QStringLiteral("teacher"));
        for (int e = 1; e <= 50; ++e) {
            chart.append(QStringLiteral("teacher"), e, 1.0 / e);
            chart.append(QStringLiteral("student"), e, 2.0 / e);
        }
        QCOMPARE(chart.pointCount(QStringLiteral("student")), 0);  // buffered, nothing drawn yet
        QCOMPARE(chart.flush(), 100);
        QCOMPARE(chart.pointCount(QStringLiteral("student")), 50);
        QCOMPARE(chart.seriesCount(), 2);
        QCOMPARE(chart.series(QStringLiteral("teacher"))->pen().style(), Qt::DashLine);
        QCOMPARE(chart.flush(), 0);
    }
};

QTEST_MAIN(TestWorkbenchWidgets)
#include "test_workbench_widgets.moc"
