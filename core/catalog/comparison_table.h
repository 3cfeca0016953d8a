#pragma once

#include <map>
#include <string>
#include <vector>

namespace rd {

/** One run's row of a comparison: its label, model and final values ("NDCG@10" → 0.29, "params" →
 * …). */
struct ComparisonRow {
    std::string label;
    std::string model;
    bool competes = true;  ///< takes part in "best" (the teacher does not: it is bigger by design)
    std::map<std::string, double> values;

    double value(const std::string& column) const;  ///< NaN when absent
};

/** A comparison as both front ends show and export it: columns in display order, one row per run.
 */
struct ComparisonTable {
    std::vector<std::string> columns;
    std::vector<ComparisonRow> rows;
};

/**
 * The columns for these rows: the headline metrics a comparison is read by (accuracy at 10, gap
 * closed, agreement, coverage, Gini, size, latency, training time) that any row has, in that order;
 * with allMetrics, every other catalogued metric any row has after them, in catalogue order
 * (unknown names last, alphabetically).
 */
std::vector<std::string> comparisonColumns(const std::vector<ComparisonRow>& rows, bool allMetrics);

/**
 * The rows that are best in a column, by the catalogue's direction for it. Empty when the column
 * has no direction (counts such as eval_users or epochs), when fewer than two competing rows have a
 * value, when all competing values are equal, or — for cost columns (size, time, latency) — when
 * the best is not at least `costMargin` (relative) better than the next, so that noise is not
 * painted as a win. Ties at the best value are all returned.
 */
std::vector<size_t> bestRows(const ComparisonTable& table, const std::string& column,
                             double costMargin = 0.05);

/** CSV (RFC 4180 quoting), full precision, header "run,model,<columns>". */
std::string comparisonCsv(const ComparisonTable& table);

/** A booktabs LaTeX tabular with values formatted by the catalogue and best cells in bold. */
std::string comparisonLatex(const ComparisonTable& table);

}  // namespace rd
