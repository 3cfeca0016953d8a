// The reusable views behind the Setup, Live, Compare and Diversity tabs, checked offscreen with
// hand-computed values.
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

    void paretoFrontKeepsTheUndominated() {
        // cost, accuracy: (10, .30) (10, .20) (100, .40) (50, .25) (100, .35)
        const std::vector<bool> front =
            rd::paretoFront({10, 10, 100, 50, 100}, {0.30, 0.20, 0.40, 0.25, 0.35});
        QCOMPARE(front, (std::vector<bool>{true, false, true, false, false}));
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
