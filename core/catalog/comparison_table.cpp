#include "catalog/comparison_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "catalog/metric_catalog.h"

namespace rd {

namespace {

/** What a comparison is read by, in the order shown. */
const char* const kHeadline[] = {"Recall@10",
                                 "NDCG@10",
                                 "MRR@10",
                                 "GapClosed:NDCG@10",
                                 "GapClosed:Recall@10",
                                 "Agreement@10",
                                 "ItemCoverage@10",
                                 "Gini@10",
                                 "params",
                                 "bytes",
                                 "serving_p50_ms",
                                 "train_seconds"};

/** Position of a name in the catalogue (then by K), so "All metrics" lists families together. */
std::pair<size_t, std::string> catalogueOrder(const std::string& name) {
    const MetricInfo* info = findMetric(name);
    const auto& all = metricCatalog();
    const size_t pos = info ? static_cast<size_t>(info - all.data()) : all.size();
    char k[16];
    std::snprintf(k, sizeof k, "%08d", metricK(name));
    return {pos, metricStem(name) + k + name};
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string latexEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '_':
            case '#':
            case '%':
            case '&':
            case '$':
            case '{':
            case '}':
                out += '\\';
                out += c;
                break;
            case '\\':
                out += "\\textbackslash{}";
                break;
            case '~':
                out += "\\textasciitilde{}";
                break;
            case '^':
                out += "\\textasciicircum{}";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace

double ComparisonRow::value(const std::string& column) const {
    const auto it = values.find(column);
    return it == values.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

std::vector<std::string> comparisonColumns(const std::vector<ComparisonRow>& rows,
                                           bool allMetrics) {
    std::set<std::string> present;
    for (const ComparisonRow& r : rows)
        for (const auto& [name, v] : r.values) present.insert(name);
    std::vector<std::string> out;
    for (const char* m : kHeadline)
        if (present.count(m)) out.emplace_back(m);
    if (!allMetrics) return out;
    std::vector<std::string> rest;
    for (const std::string& m : present)
        if (std::find(out.begin(), out.end(), m) == out.end()) rest.push_back(m);
    std::sort(rest.begin(), rest.end(), [](const std::string& a, const std::string& b) {
        return catalogueOrder(a) < catalogueOrder(b);
    });
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

std::vector<size_t> bestRows(const ComparisonTable& table, const std::string& column,
                             double costMargin) {
    const MetricDirection dir = metricDirection(column);
    if (dir == MetricDirection::None) return {};
    const bool lower = dir == MetricDirection::LowerIsBetter;
    std::vector<double> values;
    for (const ComparisonRow& r : table.rows) {
        const double v = r.value(column);
        if (r.competes && std::isfinite(v)) values.push_back(v);
    }
    if (values.size() < 2) return {};
    std::sort(values.begin(), values.end());
    if (lower == false) std::reverse(values.begin(), values.end());
    const double best = values.front();
    const auto next =
        std::find_if(values.begin(), values.end(), [best](double v) { return v != best; });
    if (next == values.end()) return {};  // all equal: nobody is better
    const MetricInfo* info = findMetric(column);
    if (info && info->family == MetricFamily::Cost) {
        const double scale = std::max(std::fabs(best), std::fabs(*next));
        if (scale > 0 && std::fabs(*next - best) / scale < costMargin) return {};
    }
    std::vector<size_t> out;
    for (size_t i = 0; i < table.rows.size(); ++i)
        if (table.rows[i].competes && table.rows[i].value(column) == best) out.push_back(i);
    return out;
}

std::string comparisonCsv(const ComparisonTable& table) {
    std::string out = "run,model";
    for (const std::string& c : table.columns) out += "," + csvField(c);
    out += "\n";
    for (const ComparisonRow& r : table.rows) {
        out += csvField(r.label) + "," + csvField(r.model);
        for (const std::string& c : table.columns) {
            const double v = r.value(c);
            char buf[32] = "";
            if (std::isfinite(v)) std::snprintf(buf, sizeof buf, "%.10g", v);
            out += std::string(",") + buf;
        }
        out += "\n";
    }
    return out;
}

std::string comparisonLatex(const ComparisonTable& table) {
    std::vector<std::vector<size_t>> best;
    for (const std::string& c : table.columns) best.push_back(bestRows(table, c));
    std::string out = "\\begin{tabular}{ll" + std::string(table.columns.size(), 'r') +
                      "}\n\\toprule\nRun & Model";
    for (const std::string& c : table.columns) out += " & " + latexEscape(c);
    out += " \\\\\n\\midrule\n";
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const ComparisonRow& row = table.rows[r];
        out += latexEscape(row.label) + " & " + latexEscape(row.model);
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const std::string text =
                latexEscape(formatMetricValue(table.columns[c], row.value(table.columns[c])));
            const bool isBest = std::find(best[c].begin(), best[c].end(), r) != best[c].end();
            out += " & " + (isBest && !text.empty() ? "\\textbf{" + text + "}" : text);
        }
        out += " \\\\\n";
    }
    return out + "\\bottomrule\n\\end{tabular}\n";
}

}  // namespace rd
