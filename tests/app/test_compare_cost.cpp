// The Compare tab's cost columns: an external teacher's size labelled for what it is (its list or
// its embeddings, not parameters), the serving latency bench_latency --serving measures, and a "—"
// that says why where a run has none (an old run, NeuMF, an external teacher).
#include <QTableWidget>
#include <QtTest>

#include <memory>

#include "compare_tab.h"

namespace {

rd::RunSnapshot run(int64_t id, const std::string& role, const std::string& model,
                    std::map<std::string, double> results) {
    rd::RunSnapshot s;
    s.record.id = id;
    s.record.role = role;
    s.record.model = model;
    s.record.status = "finished";
    s.label = QString::fromStdString(role + " " + std::to_string(id));
    s.results = std::move(results);
    return s;
}

}  // namespace

class TestCompareCost : public QObject {
    Q_OBJECT

private:
    /** The cell of run `index + 1` (rows may be sorted) in a metric column. */
    QTableWidgetItem* cell(const rd::CompareTab& tab, int index, const char* column) {
        const int c = tab.metricColumns().indexOf(QLatin1String(column));
        const QTableWidget* table = tab.metricsTable();
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->data(Qt::UserRole).toLongLong() == index + 1)
                return c < 0 ? nullptr : table->item(r, c + 2);
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void costColumnsSayWhatTheyMeasure() {
        auto runs = std::make_shared<std::vector<rd::RunSnapshot>>();
        runs->push_back(run(1, "teacher", "external",
                            {{"NDCG@10", 0.3}, {"list_entries", 1200}, {"bytes", 9600}}));
        runs->push_back(run(
            2, "teacher", "external",
            {{"NDCG@10", 0.3}, {"list_entries", 10}, {"embedding_values", 500}, {"bytes", 2080}}));
        runs->push_back(run(3, "student", "mf",
                            {{"NDCG@10", 0.2},
                             {"params", 100},
                             {"bytes", 400},
                             {"serving_p50_ms", 0.0123},
                             {"serving_p99_ms", 0.05},
                             {"latency_users", 7}}));
        runs->push_back(run(4, "student", "mf", {{"NDCG@10", 0.2}, {"params", 100}}));
        runs->push_back(run(5, "student", "neumf", {{"NDCG@10", 0.2}, {"params", 300}}));
        rd::CompareTab tab;
        tab.showSnapshots(runs);
        // Size, bytes and serving time right after the accuracy, in that order.
        const QStringList columns = tab.metricColumns();
        QVERIFY(columns.indexOf(QStringLiteral("params")) >= 0);
        QCOMPARE(columns.indexOf(QStringLiteral("bytes")),
                 columns.indexOf(QStringLiteral("params")) + 1);
        QCOMPARE(columns.indexOf(QStringLiteral("serving_p50_ms")),
                 columns.indexOf(QStringLiteral("bytes")) + 1);
        const int servingColumn = columns.indexOf(QStringLiteral("serving_p50_ms")) + 2;
        QCOMPARE(tab.metricsTable()->horizontalHeaderItem(servingColumn)->text(),
                 QStringLiteral("Serving p50 (ms)"));
        QVERIFY(!columns.contains(QStringLiteral("latency_p50_ms")));

        QCOMPARE(cell(tab, 0, "params")->text(), QStringLiteral("1,200 (list)"));
        QVERIFY(cell(tab, 0, "params")->toolTip().contains(QStringLiteral("not parameters")));
        QCOMPARE(cell(tab, 0, "params")->data(Qt::UserRole).toDouble(), 1200.0);
        QCOMPARE(cell(tab, 1, "params")->text(), QStringLiteral("500 (embeddings)"));
        QCOMPARE(cell(tab, 2, "params")->text(), QStringLiteral("100"));
        QCOMPARE(cell(tab, 0, "bytes")->text(), QStringLiteral("9,600"));

        QVERIFY(cell(tab, 2, "serving_p50_ms")->text() != QStringLiteral("—"));
        QVERIFY(!cell(tab, 2, "serving_p50_ms")->text().isEmpty());
        QVERIFY(
            cell(tab, 2, "serving_p50_ms")->toolTip().contains(QStringLiteral("bench_latency")));
        for (int row : {0, 3, 4})
            QCOMPARE(cell(tab, row, "serving_p50_ms")->text(), QStringLiteral("—"));
        QVERIFY(cell(tab, 0, "serving_p50_ms")->toolTip().contains(QStringLiteral("elsewhere")));
        QVERIFY(cell(tab, 3, "serving_p50_ms")->toolTip().contains(QStringLiteral("Not measured")));
        QVERIFY(cell(tab, 4, "serving_p50_ms")->toolTip().contains(QStringLiteral("neumf")));
    }

    void oldRunsStillGetTheServingColumn() {
        auto runs = std::make_shared<std::vector<rd::RunSnapshot>>();
        runs->push_back(run(1, "student", "mf", {{"NDCG@10", 0.2}, {"params", 100}}));
        rd::CompareTab tab;
        tab.showSnapshots(runs);
        // No bytes recorded either: the serving column follows the parameters.
        QCOMPARE(tab.metricColumns().indexOf(QStringLiteral("serving_p50_ms")),
                 tab.metricColumns().indexOf(QStringLiteral("params")) + 1);
        QCOMPARE(cell(tab, 0, "serving_p50_ms")->text(), QStringLiteral("—"));
    }
};

QTEST_MAIN(TestCompareCost)
#include "test_compare_cost.moc"
