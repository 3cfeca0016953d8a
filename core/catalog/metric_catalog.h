#pragma once

#include <string>
#include <vector>

namespace rd {

/** What a metric measures; front ends group and filter columns by it. */
enum class MetricFamily { Accuracy, Diversity, Popularity, Distillation, Cost, Bookkeeping };

/** Which way is better. None: a count or a record, never "best" (eval_users, epochs,
 * reused_from_run). */
enum class MetricDirection { HigherIsBetter, LowerIsBetter, None };

/** How a value is shown. */
enum class MetricFormat { Decimal, Percent, Integer, Seconds, Milliseconds };

/**
 * One entry of the metric catalogue: the single place that says what a metric the core emits is
 * called, which way is better, how it is shown, and what it means. Metric names are either the stem
 * alone
 * ("params") or "Stem@K" ("NDCG@10"); GapClosed is written "GapClosed:NDCG@10" (the catalogue entry
 * "GapClosed" covers every inner metric).
 */
struct MetricInfo {
    const char* stem;  ///< "NDCG", "ItemCoverage", "params"
    bool atK;          ///< written "Stem@K"
    MetricFamily family;
    MetricDirection direction;
    MetricFormat format;
    bool validation;  ///< computed on validation, so it may drive early stopping
    const char*
        description;        ///< one line of English (translated by the GUI, context "rd::CoreText")
    const char* reference;  ///< where the definition comes from
};

/** Every metric the core can emit, in the order tables show them. */
const std::vector<MetricInfo>& metricCatalog();

/** The entry of a metric name ("NDCG@10", "GapClosed:Recall@20", "params"); nullptr when unknown.
 */
const MetricInfo* findMetric(const std::string& name);

/** "NDCG@10" → "NDCG"; "GapClosed:NDCG@10" → "GapClosed"; "params" → "params". */
std::string metricStem(const std::string& name);

/** "NDCG@10" → 10; 0 when the name has no @K. */
int metricK(const std::string& name);

/** The direction of a name (None for unknown names, so nothing unknown is ever marked best). */
MetricDirection metricDirection(const std::string& name);

/** True when `name` can drive early stopping with the given K list (e.g. "MRR@10" with ks {5, 10}).
 */
bool isValidationMetric(const std::string& name, const std::vector<int>& ks);

/** True for the metrics ranked against sampled items (SampledHR@K, SampledNDCG@K). */
bool isSampledMetric(const std::string& name);

/** The message that refuses a validation metric ("train.valid_metric: 'X' is not …"). */
std::string validMetricError(const std::string& name);

/** The names of the validation metric stems, for error messages and pickers ("Recall, Precision,
 * …"). */
std::vector<std::string> validationMetricStems();

/**
 * The value as text for tables (English digits, no grouping): Decimal 4 decimals (1 above 100),
 * Percent as "63.2%", Integer without decimals, Seconds 2 decimals, Milliseconds 3 decimals.
 * NaN or infinite → "".
 */
std::string formatMetricValue(const std::string& name, double value);

}  // namespace rd
