// Charts export as PNG (twice the on-screen size) and as SVG (vector), and both context-menu
// entries exist on an exported view.

#include <QtTest>

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QTemporaryDir>

#include "chart_export.h"

class TestChartExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savesPngAndSvg() {
        auto* series = new QLineSeries;
        series->setName(QStringLiteral("teacher"));
        for (int x = 0; x < 10; ++x) series->append(x, x * x);
        auto* chart = new QChart;
        chart->addSeries(series);
        chart->createDefaultAxes();
        chart->setTitle(QStringLiteral("Validation NDCG@10"));
        QChartView view(chart);
        view.resize(400, 300);
        rd::enableChartExport(&view);
        QCOMPARE(view.actions().size(), 2);
        QVERIFY(view.actions().at(1)->text().contains(QStringLiteral("SVG")));

        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("c.png")),
                      svg = dir.filePath(QStringLiteral("c.svg"));
        QVERIFY(rd::saveChartPng(&view, png));
        QVERIFY(rd::saveChartSvg(&view, svg));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(800, 600));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("viewBox=\"0 0 400 300\""));
        QVERIFY(text.contains("<path"));  // the series is drawn as vector paths
        QVERIFY(text.contains("<title>RecDistill chart</title>"));
        QVERIFY(!rd::saveChartSvg(&view, dir.filePath(QStringLiteral("missing/folder/c.svg"))));
    }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
