// The shared vocabulary: every metric the pipeline emits is in the catalogue, "best" follows the
// catalogue's direction (the popularity-biased student is never best on AvgPopularity; counts are
// never best; cost noise is not a win), the comparison exports quote and escape, and statuses/roles
// are listed.

#include <QtTest>

#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "catalog/comparison_table.h"
#include "catalog/metric_catalog.h"
#include "catalog/run_vocabulary.h"
#include "pipeline/experiment_config.h"
#include "pipeline/experiment_pipeline.h"
#include "util/torch_info.h"

namespace {

rd::ComparisonRow row(const std::string& label, std::map<std::string, double> values,
                      bool competes = true) {
    rd::ComparisonRow r;
    r.label = label;
    r.model = "mf";
    r.competes = competes;
    r.values = std::move(values);
    return r;
}

rd::ComparisonTable table(std::vector<rd::ComparisonRow> rows) {
    rd::ComparisonTable t;
    t.rows = std::move(rows);
    t.columns = rd::comparisonColumns(t.rows, true);
    return t;
}

}  // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { rd::setComputeThreads(1); }

    void namesParse() {
        QCOMPARE(rd::metricStem("NDCG@10"), std::string("NDCG"));
        QCOMPARE(rd::metricStem("GapClosed:Recall@20"), std::string("GapClosed"));
        QCOMPARE(rd::metricStem("params"), std::string("params"));
        QCOMPARE(rd::metricK("NDCG@10"), 10);
        QCOMPARE(rd::metricK("params"), 0);
        QVERIFY(rd::findMetric("AvgPopularity@20"));
        QVERIFY(rd::findMetric("GapClosed:NDCG@10"));
        QVERIFY(!rd::findMetric("GapClosed:nonsense"));
        QVERIFY(!rd::findMetric("NDCG"));       // needs @K
        QVERIFY(!rd::findMetric("params@10"));  // has none
        QVERIFY(!rd::findMetric("ARP@10"));     // a name nothing emits is not catalogued
        QVERIFY(rd::isValidationMetric("MRR@10", {5, 10}));
        QVERIFY(!rd::isValidationMetric("MRR@20", {5, 10}));
        QVERIFY(!rd::isValidationMetric("Gini@10", {10}));
        QVERIFY(!rd::isValidationMetric("GapClosed:NDCG@10", {10}));
    }

    void everyEntryIsComplete() {
        std::set<std::string> stems;
        for (const rd::MetricInfo& m : rd::metricCatalog()) {
            QVERIFY2(stems.insert(m.stem).second, m.stem);
            QVERIFY2(std::string(m.description).size() > 10, m.stem);
            QVERIFY2(!m.validation || m.family == rd::MetricFamily::Accuracy, m.stem);
            QVERIFY2(m.family != rd::MetricFamily::Bookkeeping ||
                         m.direction == rd::MetricDirection::None,
                     m.stem);
        }
        for (const char* s : {"AvgPopularity", "Gini"})
            QCOMPARE(rd::findMetric(std::string(s) + "@10")->direction,
                     rd::MetricDirection::LowerIsBetter);
    }

    // Property, not a list: whatever a whole experiment writes as a final value has a catalogue
    // entry.
    void everyEmittedMetricIsCatalogued() {
        const auto j = nlohmann::json::parse(R"({
            "name": "catalogue", "data": {"path": "demo", "preprocess": {"max_users": 100},
                     "split": {"kind": "random", "ratios": [0.8, 0.1, 0.1], "seed": 5}},
            "teacher": {"name": "mf", "dim": 16}, "student": {"name": "mf", "dim": 4},
            "methods": ["rd"], "train": {"epochs": 2, "batch_size": 512, "lr": 0.01, "seed": 3, "threads": 1},
            "eval": {"ks": [5, 10]}, "latency_users": 3})");
        const rd::ExperimentOutcome out = rd::runExperiment(rd::ExperimentConfig::fromJson(j));
        QCOMPARE(out.status, std::string("finished"));
        QCOMPARE(out.stages.size(), size_t{3});
        size_t names = 0;
        for (const rd::StageResult& s : out.stages)
            for (const auto& [name, value] : s.test) {
                QVERIFY2(rd::findMetric(name), ("not in the catalogue: " + name).c_str());
                ++names;
            }
        QVERIFY(names > 60);
        QVERIFY(out.stages[2].test.count("AvgPopularity@10") &&
                out.stages[2].test.count("eval_users"));
    }

    // The bug that started the catalogue: Compare marked the *most* popularity-biased student as
    // best.
    void morePopularityBiasIsNeverBest() {
        const auto t = table({row("teacher", {{"AvgPopularity@10", 50.0}}, false),
                              row("student", {{"AvgPopularity@10", 120.0}}),
                              row("rd", {{"AvgPopularity@10", 180.0}}),
                              row("unkd", {{"AvgPopularity@10", 90.0}})});
        QCOMPARE(rd::bestRows(t, "AvgPopularity@10"), std::vector<size_t>{3});
        const auto gini = table({row("a", {{"Gini@10", 0.9}}), row("b", {{"Gini@10", 0.7}})});
        QCOMPARE(rd::bestRows(gini, "Gini@10"), std::vector<size_t>{1});
        const auto ndcg = table({row("a", {{"NDCG@10", 0.2}}), row("b", {{"NDCG@10", 0.3}})});
        QCOMPARE(rd::bestRows(ndcg, "NDCG@10"), std::vector<size_t>{1});
    }

    void countsAreNeverBest() {
        const auto t =
            table({row("a", {{"eval_users", 900}, {"epochs", 30}, {"reused_from_run", 4}}),
                   row("b", {{"eval_users", 940}, {"epochs", 50}, {"reused_from_run", 7}})});
        for (const char* c : {"eval_users", "epochs", "reused_from_run", "unknown_metric"})
            QVERIFY2(rd::bestRows(t, c).empty(), c);
    }

    void tiesSingletonsAndNoise() {
        // Ties at the best are all best; all equal is nobody; one competitor alone is nobody.
        const auto tie = table({row("a", {{"NDCG@10", 0.3}}), row("b", {{"NDCG@10", 0.3}}),
                                row("c", {{"NDCG@10", 0.1}})});
        QCOMPARE(rd::bestRows(tie, "NDCG@10"), (std::vector<size_t>{0, 1}));
        const auto equal = table({row("a", {{"NDCG@10", 0.3}}), row("b", {{"NDCG@10", 0.3}})});
        QVERIFY(rd::bestRows(equal, "NDCG@10").empty());
        const auto alone =
            table({row("t", {{"NDCG@10", 0.5}}, false), row("s", {{"NDCG@10", 0.3}})});
        QVERIFY(rd::bestRows(alone, "NDCG@10").empty());
        // Latency 0.0356 vs 0.0359 ms is noise (< 5 %); 0.02 vs 0.0359 is not.
        const auto noise =
            table({row("a", {{"latency_p50_ms", 0.0356}}), row("b", {{"latency_p50_ms", 0.0359}})});
        QVERIFY(rd::bestRows(noise, "latency_p50_ms").empty());
        const auto real =
            table({row("a", {{"latency_p50_ms", 0.02}}), row("b", {{"latency_p50_ms", 0.0359}})});
        QCOMPARE(rd::bestRows(real, "latency_p50_ms"), std::vector<size_t>{0});
    }

    void columnsHeadlineFirst() {
        const std::vector<rd::ComparisonRow> rows{row("a", {{"eval_users", 1},
                                                            {"Gini@10", 0.5},
                                                            {"NDCG@10", 0.2},
                                                            {"Recall@10", 0.1},
                                                            {"NDCG@5", 0.1}})};
        QCOMPARE(rd::comparisonColumns(rows, false),
                 (std::vector<std::string>{"Recall@10", "NDCG@10", "Gini@10"}));
        QCOMPARE(
            rd::comparisonColumns(rows, true),
            (std::vector<std::string>{"Recall@10", "NDCG@10", "Gini@10", "NDCG@5", "eval_users"}));
    }

    void exportsQuoteAndEscape() {
        auto t = table({row("rd, λ=0.1 \"x\"", {{"NDCG@10", 0.25}, {"GapClosed:NDCG@10", 0.5}}),
                        row("run_#2", {{"NDCG@10", 0.125}})});
        t.columns = {"NDCG@10", "GapClosed:NDCG@10"};
        QCOMPARE(rd::comparisonCsv(t), std::string("run,model,NDCG@10,GapClosed:NDCG@10\n"
                                                   "\"rd, λ=0.1 \"\"x\"\"\",mf,0.25,0.5\n"
                                                   "run_#2,mf,0.125,\n"));
        const std::string latex = rd::comparisonLatex(t);
        QVERIFY2(latex.find("run\\_\\#2 & mf & 0.1250 &  \\\\") != std::string::npos,
                 latex.c_str());
        QVERIFY2(latex.find("\\textbf{0.2500} & 50.0\\%") != std::string::npos, latex.c_str());
        QCOMPARE(rd::formatMetricValue("params", 12345.0), std::string("12345"));
        QCOMPARE(rd::formatMetricValue("NDCG@10", NAN), std::string());
    }

    void vocabulary() {
        QCOMPARE(std::string(rd::statusLabel("finished")), std::string("finished"));
        QCOMPARE(std::string(rd::roleLabel("student")), std::string("student alone"));
        QCOMPARE(std::string(rd::roleLabel("whatever")), std::string("whatever"));
        QVERIFY(rd::isFinalStatus("cancelled") && !rd::isFinalStatus("running"));
        QCOMPARE(rd::runStatuses().size(), size_t{6});
    }
};

QTEST_APPLESS_MAIN(TestCatalog)
#include "test_catalog.moc"
