#include "catalog/metric_catalog.h"

#include <cmath>
#include <cstdio>

#include "catalog/tr_noop.h"

namespace rd {

namespace {

using F = MetricFamily;
using D = MetricDirection;
using Fmt = MetricFormat;

// clang-format off
const std::vector<MetricInfo> kCatalog = {
    {"Recall", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "Recall@K: share of the user's test items found in the top K, averaged over users"),
     "METRICS.md; RecBole's definition"},
    {"NDCG", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "NDCG@K: normalised discounted cumulative gain, test hits weighted by 1/log2(rank+1), 1 = ideal order"),
     "Järvelin & Kekäläinen, TOIS 2002; RecBole's definition"},
    {"MRR", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "MRR@K: mean reciprocal rank of the first test item in the top K"),
     "METRICS.md; RecBole's definition"},
    {"Precision", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "Precision@K: share of the top K that are test items"),
     "METRICS.md; RecBole's definition"},
    {"Hit", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "Hit@K: share of users with at least one test item in the top K"),
     "METRICS.md; RecBole's definition"},
    {"MAP", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "MAP@K: mean average precision over the top K"),
     "METRICS.md; RecBole's definition"},
    {"SampledHR", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "SampledHR@K: share of held-out items ranked in the top K among themselves and the sampled items (eval.sampled_negatives; SASRec's protocol, not comparable with full ranking)"),
     "Kang & McAuley, ICDM 2018, and their code (evaluate(): 100 negatives the user has not trained on)"},
    {"SampledNDCG", true, F::Accuracy, D::HigherIsBetter, Fmt::Decimal, true,
     RD_TR_NOOP("rd::CoreText", "SampledNDCG@K: 1/log2(rank+2) of each held-out item ranked among itself and the sampled items when in the top K, else 0 (SASRec's protocol, not comparable with full ranking)"),
     "Kang & McAuley, ICDM 2018, and their code"},
    {"GapClosed", false, F::Distillation, D::HigherIsBetter, Fmt::Percent, false,
     RD_TR_NOOP("rd::CoreText", "Gap closed: (distilled − student alone) / (teacher − student alone) of the metric; 100% = teacher reached"),
     "METRICS.md, distillation-specific"},
    {"Agreement", true, F::Distillation, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "Agreement@K: share of the teacher's top K that the model also puts in its top K, averaged over users"),
     "METRICS.md, distillation-specific"},
    {"ItemCoverage", true, F::Diversity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "ItemCoverage@K: share of the catalogue recommended in anyone's top K"),
     "METRICS.md"},
    {"Gini", true, F::Diversity, D::LowerIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "Gini@K: inequality of item exposure in the top-K lists (0 = equal, 1 = one item gets all)"),
     "METRICS.md"},
    {"Entropy", true, F::Diversity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "Entropy@K: Shannon entropy of item exposure in the top-K lists, in bits (higher = exposure spread wider)"),
     "METRICS.md"},
    {"EntropyNorm", true, F::Diversity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "EntropyNorm@K: exposure entropy divided by log2 of the number of items (1 = every item equally exposed)"),
     "METRICS.md"},
    {"ILD", true, F::Diversity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "ILD@K: intra-list diversity, mean dissimilarity of the items within a top-K list"),
     "METRICS.md"},
    {"Personalization", true, F::Diversity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "Personalization@K: 1 − mean overlap of the top-K lists of two users (higher = lists differ more between users)"),
     "METRICS.md"},
    {"AvgPopularity", true, F::Popularity, D::LowerIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "AvgPopularity@K (ARP): mean training popularity of the recommended items (lower = less popularity bias)"),
     "METRICS.md; Abdollahpouri et al. 2019"},
    {"LongTail", true, F::Popularity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "LongTail@K: share of top-K slots given to long-tail items"),
     "METRICS.md (APLT)"},
    {"Novelty", true, F::Popularity, D::HigherIsBetter, Fmt::Decimal, false,
     RD_TR_NOOP("rd::CoreText", "Novelty@K: mean self-information of recommended items, in bits (higher = less popular)"),
     "Zhou et al., PNAS 2010"},
    {"params", false, F::Cost, D::LowerIsBetter, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Trainable parameters of the model"), "METRICS.md, cost"},
    {"bytes", false, F::Cost, D::LowerIsBetter, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Model size in bytes"), "METRICS.md, cost"},
    {"list_entries", false, F::Cost, D::LowerIsBetter, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "An external teacher's stored score entries (its size as given: it has no parameters here)"), "METRICS.md, cost"},
    {"embedding_values", false, F::Cost, D::LowerIsBetter, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Values in an external teacher's user and item embeddings"), "METRICS.md, cost"},
    {"serving_p50_ms", false, F::Cost, D::LowerIsBetter, Fmt::Milliseconds, false,
     RD_TR_NOOP("rd::CoreText", "Median time to serve one user: top-10 by brute force over the item embeddings, one thread (as bench_latency --serving)"), "METRICS.md, cost"},
    {"serving_p99_ms", false, F::Cost, D::LowerIsBetter, Fmt::Milliseconds, false,
     RD_TR_NOOP("rd::CoreText", "99th percentile time to serve one user: top-10 by brute force over the item embeddings, one thread"), "METRICS.md, cost"},
    {"serving_bytes", false, F::Cost, D::LowerIsBetter, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Bytes of the item embeddings a server scans per user (float32)"), "METRICS.md, cost"},
    {"latency_p50_ms", false, F::Cost, D::LowerIsBetter, Fmt::Milliseconds, false,
     RD_TR_NOOP("rd::CoreText", "Median time to score and rank one user, in milliseconds"), "METRICS.md, cost"},
    {"latency_p95_ms", false, F::Cost, D::LowerIsBetter, Fmt::Milliseconds, false,
     RD_TR_NOOP("rd::CoreText", "95th percentile time to score and rank one user, in milliseconds"), "METRICS.md, cost"},
    {"train_seconds", false, F::Cost, D::LowerIsBetter, Fmt::Seconds, false,
     RD_TR_NOOP("rd::CoreText", "Training time in seconds"), "METRICS.md, cost"},
    {"epoch_seconds", false, F::Cost, D::LowerIsBetter, Fmt::Seconds, false,
     RD_TR_NOOP("rd::CoreText", "Mean time per epoch in seconds"), "METRICS.md, cost"},
    {"eval_seconds", false, F::Cost, D::LowerIsBetter, Fmt::Seconds, false,
     RD_TR_NOOP("rd::CoreText", "Evaluation time in seconds"), "METRICS.md, cost"},
    {"epochs", false, F::Bookkeeping, D::None, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Epochs trained"), ""},
    {"best_epoch", false, F::Bookkeeping, D::None, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Epoch with the best validation metric (the weights kept)"), ""},
    {"eval_users", false, F::Bookkeeping, D::None, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Test users evaluated"), ""},
    {"latency_users", false, F::Bookkeeping, D::None, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "Users timed for the latency"), ""},
    {"reused_from_run", false, F::Bookkeeping, D::None, Fmt::Integer, false,
     RD_TR_NOOP("rd::CoreText", "The run whose saved teacher was loaded instead of training one"), ""},
};
// clang-format on

}  // namespace

const std::vector<MetricInfo>& metricCatalog() {
    return kCatalog;
}

std::string metricStem(const std::string& name) {
    const size_t colon = name.find(':');
    if (colon != std::string::npos) return name.substr(0, colon);
    return name.substr(0, name.find('@'));
}

int metricK(const std::string& name) {
    const size_t at = name.rfind('@');
    if (at == std::string::npos || at + 1 >= name.size()) return 0;
    int k = 0;
    for (size_t i = at + 1; i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9' || k > 100000) return 0;
        k = k * 10 + (name[i] - '0');
    }
    return k;
}

const MetricInfo* findMetric(const std::string& name) {
    const std::string stem = metricStem(name);
    const bool hasK = name.find('@') != std::string::npos;
    for (const MetricInfo& m : kCatalog) {
        if (stem != m.stem) continue;
        if (stem == "GapClosed") return findMetric(name.substr(name.find(':') + 1)) ? &m : nullptr;
        if (m.atK != hasK || (m.atK && metricK(name) <= 0)) return nullptr;
        return &m;
    }
    return nullptr;
}

MetricDirection metricDirection(const std::string& name) {
    const MetricInfo* m = findMetric(name);
    return m ? m->direction : MetricDirection::None;
}

bool isValidationMetric(const std::string& name, const std::vector<int>& ks) {
    const MetricInfo* m = findMetric(name);
    if (!m || !m->validation || name.find(':') != std::string::npos) return false;
    const int k = metricK(name);
    for (int listed : ks)
        if (listed == k) return true;
    return false;
}

bool isSampledMetric(const std::string& name) {
    const std::string stem = metricStem(name);
    return stem == "SampledHR" || stem == "SampledNDCG";
}

std::string validMetricError(const std::string& name) {
    return "train.valid_metric: '" + name +
           "' is not an accuracy metric at a configured K (e.g. MRR@10, NDCG@20)";
}

std::vector<std::string> validationMetricStems() {
    std::vector<std::string> out;
    for (const MetricInfo& m : kCatalog)
        if (m.validation) out.emplace_back(m.stem);
    return out;
}

std::string formatMetricValue(const std::string& name, double v) {
    if (!std::isfinite(v)) return std::string();
    const MetricInfo* m = findMetric(name);
    char buf[64];
    switch (m ? m->format : MetricFormat::Decimal) {
        case MetricFormat::Percent:
            std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
            break;
        case MetricFormat::Integer:
            std::snprintf(buf, sizeof buf, "%.0f", v);
            break;
        case MetricFormat::Seconds:
            std::snprintf(buf, sizeof buf, "%.2f", v);
            break;
        case MetricFormat::Milliseconds:
            std::snprintf(buf, sizeof buf, "%.3f", v);
            break;
        case MetricFormat::Decimal:
            std::snprintf(buf, sizeof buf, std::fabs(v) >= 100 ? "%.1f" : "%.4f", v);
            break;
    }
    return buf;
}

}  // namespace rd
