#include "core_text.h"

#include <QRegularExpression>

#include <algorithm>
#include <iterator>
#include <vector>

#include "distill/method_registry.h"
#include "models/model_registry.h"

namespace rd {

namespace {

const char* const kContext = "rd::CoreText";

struct MethodText {
    const char* name;
    const char* displayName;
    const char* description;
    const char* formula;
};

struct ModelText {
    const char* name;
    const char* displayName;
    const char* description;
};

// The English of each row must equal the core registry's text (checked by app_test_translations).
// clang-format off
const MethodText kMethods[] = {
    {"none",
     QT_TRANSLATE_NOOP("rd::CoreText", "None (student alone)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "No distillation: the student learns only from the interactions, with its own loss (BPR). Every method is measured against this run, so the gap between it and the teacher is what distillation tries to close."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR")},
    {"softlabel",
     QT_TRANSLATE_NOOP("rd::CoreText", "Soft labels (Hinton KD)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Classic knowledge distillation (Hinton et al. 2015) applied to ranking: for each user the teacher's scores on its top-K unobserved items are turned into a probability distribution with a softmax at temperature τ, and the student is pushed to reproduce that distribution with its own scores on the same items. The student learns not only which items the teacher prefers but by how much."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · Σ_u τ² · KL(softmax(t_u/τ) ‖ softmax(s_u/τ)) / B,  over the teacher's top-K items of u")},
    {"rd",
     QT_TRANSLATE_NOOP("rd::CoreText", "RD (ranking distillation)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Ranking Distillation (Tang & Wang, KDD 2018): the teacher's top-K unobserved items of each user are treated as extra positive items for the student, weighted by position so the teacher's first items count most (w_r ∝ exp(−r/λ_r)). The student learns to put the teacher's favourites near the top."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · mean over the batch's rows (u, ·) of −Σ_{r≤K} w_r · log σ(s_{u,π_r}),  w_r = exp(−r/λ_r) / Σ_q exp(−q/λ_r)")},
    {"cd",
     QT_TRANSLATE_NOOP("rd::CoreText", "CD (collaborative distillation)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Collaborative Distillation (Lee et al. 2019): each epoch, unobserved items are drawn for every user with a probability that falls with the teacher's rank (the better of two draws), and the teacher's scores on them become soft labels σ(t/T) between 0 and 1. The student fits those labels with a cross-entropy averaged over the items, so it learns how likely the teacher thinks each unseen item is, not just a yes/no."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · mean over the batch's rows (u, ·) of −(1/|S_u|) Σ_{i∈S_u} [w_ui · log σ(s_ui) + (1−w_ui) · log(1−σ(s_ui))],  w_ui = σ(t_ui/T), S_u: each item the better-ranked of two draws from the teacher's top-M with p ∝ exp(−rank/μ)")},
    {"rrd",
     QT_TRANSLATE_NOOP("rd::CoreText", "RRD (relaxed ranking distillation)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Relaxed Ranking Distillation from DE-RRD (Kang et al., CIKM 2020): each epoch, K \"interesting\" items are drawn from the teacher's top-M of every user (higher ranks more likely) and kept in the teacher's order, and L \"uninteresting\" items are drawn uniformly from the rest. The student maximises the Plackett–Luce likelihood of the teacher's order of the interesting items, all above the uninteresting ones, without caring how the uninteresting ones are ordered among themselves."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · Σ_u −Σ_{k≤K} [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈unint} e^{s_j})] / B,  interesting items drawn from the teacher's top-M with p ∝ exp(−rank/T), in teacher order")},
    {"de",
     QT_TRANSLATE_NOOP("rd::CoreText", "DE (distillation experts)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Distillation Experts from DE-RRD (Kang et al., CIKM 2020): the student's user and item embeddings are taught to carry the teacher's embeddings. Because the student is smaller, its embedding is mapped into the teacher's space by small expert networks; each entity picks an expert according to its teacher embedding (a soft pick that becomes hard as a temperature is annealed), so similar entities share an expert. With one expert this is plain hint (FitNets) distillation."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · [Σ_u ‖t_u − Σ_m z_um E_m(s_u)‖² + Σ_i ‖t_i − Σ_m z_im E'_m(s_i)‖²] / B,  z = GumbelSoftmax(softmax(W t), τ), E_m: dim_s → (dim_s+dim_t)/2 → dim_t")},
    {"htd",
     QT_TRANSLATE_NOOP("rd::CoreText", "HTD (hierarchical topology distillation)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Hierarchical Topology Distillation (Kang et al., KDD 2021): instead of copying each embedding, the student copies the teacher's similarity structure. Entities are split into K groups by the teacher (DE-style expert selection, learned with a group-assignment loss); the student then matches the teacher's cosine similarities between group prototypes, between entities of the same group, and between each entity and the other groups' prototypes. Sizes of the two spaces may differ."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · [α · (Σ_{groups k,l}(cos_s − cos_t)² + Σ_{same group}(cos_s − cos_t)² + Σ_{entity, other prototype}(cos_s − cos_t)²) + (1−α) · Σ_e ‖t_e − Σ_m z_em E_m(s_e)‖²] / B, users and items")},
    {"dcd",
     QT_TRANSLATE_NOOP("rd::CoreText", "DCD (dual correction distillation)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Dual Correction Distillation (Lee & Kim, CIKM 2021): each epoch the student's current ranking is compared with the teacher's. Items the student ranks much lower than the teacher (under-estimated) and items it ranks much higher (over-estimated) are drawn, more often the larger the error, and a relaxed ranking loss puts the first above the second. It is done twice: for each user over items, and for each item over users, so the student corrects exactly where it disagrees with the teacher."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · [Σ_u RR(under_u ≻ over_u) + Σ_i RR(under_i ≻ over_i)] / B,  RR = −Σ_k [s_k − log(Σ_{l≥k} e^{s_l} + Σ_{j∈over} e^{s_j})],  p(under) ∝ tanh(max((rank_S − rank_T)/T, 0)), p(over) ∝ tanh(max((rank_T − rank_S)/T, 0))")},
    {"unkd",
     QT_TRANSLATE_NOOP("rd::CoreText", "UnKD (popularity-stratified KD)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Unbiased Knowledge Distillation (Chen et al., WSDM 2023): plain distillation copies the teacher's popularity bias, so popular items get recommended even more. UnKD splits the items into G groups of equal total interactions (a few popular items, many unpopular ones) and only compares items of the same group: within each group it draws item pairs by the teacher's ranking and trains the student to order each pair like the teacher. Each user's loss is the mean over its pairs, so λ = 1 weighs it like the BPR loss."),
     QT_TRANSLATE_NOOP("rd::CoreText", "L = L_BPR + λ · mean over the batch's rows (u, ·) of (1/P) Σ_g Σ_{(i,j) drawn in group g} −log σ(s_ui − s_uj),  P pairs per user split equally over the G groups, i ranked above j by the teacher within g, ranks drawn with p ∝ exp(−(r+1)/20)")},
};

const ModelText kModels[] = {
    {"mf", QT_TRANSLATE_NOOP("rd::CoreText", "MF (BPR)"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Matrix factorisation: a user and an item embedding whose dot product is the score, trained with the BPR pairwise loss (Rendle et al., UAI 2009). The classic small student.")},
    {"neumf", QT_TRANSLATE_NOOP("rd::CoreText", "NeuMF"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Neural matrix factorisation: a generalised MF tower and a multi-layer perceptron over the concatenated user and item embeddings, fused by one output layer (He et al., WWW 2017). A typical deep-network teacher.")},
    {"lightgcn", QT_TRANSLATE_NOOP("rd::CoreText", "LightGCN"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Graph network: embeddings propagated over the normalised user–item graph for a few layers, the representation the mean of the layers (He et al., SIGIR 2020). A typical GNN teacher.")},
    {"pop", QT_TRANSLATE_NOOP("rd::CoreText", "Most popular"),
     QT_TRANSLATE_NOOP("rd::CoreText", "Recommends the items with the most training interactions to everyone. Nothing to learn; every model should clearly beat it.")},
};

const char* const kParamHelp[] = {
    QT_TRANSLATE_NOOP("rd::CoreText", "G: popularity groups of equal interaction mass"),
    QT_TRANSLATE_NOOP("rd::CoreText", "Gumbel-softmax temperature at epoch 1"),
    QT_TRANSLATE_NOOP("rd::CoreText", "K: groups (experts) per side"),
    QT_TRANSLATE_NOOP("rd::CoreText", "K: interesting items per user"),
    QT_TRANSLATE_NOOP("rd::CoreText", "L2 weight on the batch's embeddings"),
    QT_TRANSLATE_NOOP("rd::CoreText", "L2 weight on the batch's layer-0 embeddings"),
    QT_TRANSLATE_NOOP("rd::CoreText", "L: uninteresting items per user"),
    QT_TRANSLATE_NOOP("rd::CoreText", "M: teacher's and student's top-M compared"),
    QT_TRANSLATE_NOOP("rd::CoreText", "M: teacher's top-M items the draw comes from"),
    QT_TRANSLATE_NOOP("rd::CoreText", "M: teacher's top-M items the interesting ones come from"),
    QT_TRANSLATE_NOOP("rd::CoreText", "P: item pairs per user and epoch, over all groups"),
    QT_TRANSLATE_NOOP("rd::CoreText", "T: rank decay of the interesting draw"),
    QT_TRANSLATE_NOOP("rd::CoreText", "T: rank-error scale inside tanh"),
    QT_TRANSLATE_NOOP("rd::CoreText", "T: soft label σ(t/T)"),
    QT_TRANSLATE_NOOP("rd::CoreText", "dropout after each hidden layer"),
    QT_TRANSLATE_NOOP("rd::CoreText", "embedding size"),
    QT_TRANSLATE_NOOP("rd::CoreText", "embedding size of each tower"),
    QT_TRANSLATE_NOOP("rd::CoreText", "epochs over which τ decays geometrically"),
    QT_TRANSLATE_NOOP("rd::CoreText", "hidden layer sizes"),
    QT_TRANSLATE_NOOP("rd::CoreText", "items drawn per user and epoch"),
    QT_TRANSLATE_NOOP("rd::CoreText", "number of experts (per side)"),
    QT_TRANSLATE_NOOP("rd::CoreText", "pointwise cross-entropy (as in the paper) or pairwise BPR"),
    QT_TRANSLATE_NOOP("rd::CoreText", "propagation layers"),
    QT_TRANSLATE_NOOP("rd::CoreText", "rank decay of the pair draw"),
    QT_TRANSLATE_NOOP("rd::CoreText", "softmax temperature"),
    QT_TRANSLATE_NOOP("rd::CoreText", "teacher's top items per group the pairs come from"),
    QT_TRANSLATE_NOOP("rd::CoreText", "teacher's top-K items per user"),
    QT_TRANSLATE_NOOP("rd::CoreText", "teacher's top-K items used as positives"),
    QT_TRANSLATE_NOOP("rd::CoreText", "temperature after annealing"),
    QT_TRANSLATE_NOOP("rd::CoreText", "under- and over-estimated entries drawn per row"),
    QT_TRANSLATE_NOOP("rd::CoreText", "weight of the distillation loss"),
    QT_TRANSLATE_NOOP("rd::CoreText", "α: topology vs group-assignment balance"),
    QT_TRANSLATE_NOOP("rd::CoreText", "λ_r: how fast position weights decay"),
    QT_TRANSLATE_NOOP("rd::CoreText", "μ: rank decay of the draw probability"),
    QT_TRANSLATE_NOOP("rd::CoreText", "μ: rank decay of the draw probability (the reference's 20·M: nearly uniform)"),
};
// clang-format on

struct MetricText {
    const char* prefix;  // the metric's name before "@K"
    const char* tooltip;
};

const MetricText kMetrics[] = {
    {"Recall", QT_TRANSLATE_NOOP("rd::CoreText", "Recall@K: share of the user's test items found in the top K, averaged over users")},
    {"NDCG", QT_TRANSLATE_NOOP("rd::CoreText", "NDCG@K: normalised discounted cumulative gain, test hits weighted by 1/log2(rank+1), 1 = ideal order")},
    {"Precision", QT_TRANSLATE_NOOP("rd::CoreText", "Precision@K: share of the top K that are test items")},
    {"Hit", QT_TRANSLATE_NOOP("rd::CoreText", "Hit@K: share of users with at least one test item in the top K")},
    {"MRR", QT_TRANSLATE_NOOP("rd::CoreText", "MRR@K: mean reciprocal rank of the first test item in the top K")},
    {"MAP", QT_TRANSLATE_NOOP("rd::CoreText", "MAP@K: mean average precision over the top K")},
    {"Coverage", QT_TRANSLATE_NOOP("rd::CoreText", "Coverage@K: share of the catalogue recommended in anyone's top K")},
    {"Gini", QT_TRANSLATE_NOOP("rd::CoreText", "Gini@K: inequality of item exposure in the top-K lists (0 = equal, 1 = one item gets all)")},
    {"Novelty", QT_TRANSLATE_NOOP("rd::CoreText", "Novelty@K: mean self-information of recommended items, in bits (higher = less popular)")},
    {"LongTail", QT_TRANSLATE_NOOP("rd::CoreText", "LongTail@K: share of top-K slots given to long-tail items")},
    {"ILD", QT_TRANSLATE_NOOP("rd::CoreText", "ILD@K: intra-list diversity, mean dissimilarity of the items within a top-K list")},
    {"ARP", QT_TRANSLATE_NOOP("rd::CoreText", "ARP@K: average popularity of the recommended items")},
    {"PopularityBias", QT_TRANSLATE_NOOP("rd::CoreText", "PopularityBias@K: how much more popular the recommendations are than the training interactions")},
    {"GapClosed", QT_TRANSLATE_NOOP("rd::CoreText", "Gap closed: (distilled − student alone) / (teacher − student alone) of the metric; 100% = teacher reached")},
    {"params", QT_TRANSLATE_NOOP("rd::CoreText", "Trainable parameters of the model")},
    {"bytes", QT_TRANSLATE_NOOP("rd::CoreText", "Model size in bytes")},
    {"epochs", QT_TRANSLATE_NOOP("rd::CoreText", "Epochs trained")},
    {"best_epoch", QT_TRANSLATE_NOOP("rd::CoreText", "Epoch with the best validation metric (the weights kept)")},
    {"train_seconds", QT_TRANSLATE_NOOP("rd::CoreText", "Training time in seconds")},
    {"epoch_seconds", QT_TRANSLATE_NOOP("rd::CoreText", "Mean time per epoch in seconds")},
    {"eval_seconds", QT_TRANSLATE_NOOP("rd::CoreText", "Evaluation time in seconds")},
    {"latency_p50_ms", QT_TRANSLATE_NOOP("rd::CoreText", "Median time to score and rank one user, in milliseconds")},
    {"latency_p95_ms", QT_TRANSLATE_NOOP("rd::CoreText", "95th percentile time to score and rank one user, in milliseconds")},
    {"latency_users", QT_TRANSLATE_NOOP("rd::CoreText", "Users timed for the latency")},
};

const char* const kStatuses[] = {
    QT_TRANSLATE_NOOP("rd::CoreText", "finished"),  QT_TRANSLATE_NOOP("rd::CoreText", "running"),
    QT_TRANSLATE_NOOP("rd::CoreText", "cancelled"), QT_TRANSLATE_NOOP("rd::CoreText", "interrupted"),
    QT_TRANSLATE_NOOP("rd::CoreText", "failed"),    QT_TRANSLATE_NOOP("rd::CoreText", "waiting"),
};

/** A fixed phrase of core error messages: the English pattern (its groups are the variable parts) and
 * the template (%1, %2, … are the groups) that lupdate collects. */
struct Phrase {
    const char* pattern;
    const char* text;
};

const Phrase kPhrases[] = {
    {R"(expected (\d+) fields separated by (TAB|space|'[^']*') \(([^)]*)\), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected %1 fields separated by %2 (%3), found %4")},
    {R"(expected at least (\d+) fields separated by (TAB|space|'[^']*'), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected at least %1 fields separated by %2, found %3")},
    {R"(expected (\d+) fields separated by (TAB|space|'[^']*'), found (\d+))",
     QT_TRANSLATE_NOOP("rd::CoreText", "expected %1 fields separated by %2, found %3")},
    {R"(the line seems to use (TAB|space|'[^']*') as separator)",
     QT_TRANSLATE_NOOP("rd::CoreText", "the line seems to use %1 as separator")},
    {R"(expected the header (.+), found )", QT_TRANSLATE_NOOP("rd::CoreText", "expected the header %1, found ")},
    {R"(expected the file (\S+) in this folder)", QT_TRANSLATE_NOOP("rd::CoreText", "expected the file %1 in this folder")},
    {R"(no such file or folder)", QT_TRANSLATE_NOOP("rd::CoreText", "no such file or folder")},
    {R"(is a folder, expected a file)", QT_TRANSLATE_NOOP("rd::CoreText", "is a folder, expected a file")},
    {R"(cannot open: )", QT_TRANSLATE_NOOP("rd::CoreText", "cannot open: ")},
    {R"(file is empty; expected one interaction per line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "file is empty; expected one interaction per line")},
    {R"(no interactions found; expected at least one valid line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "no interactions found; expected at least one valid line")},
    {R"(no lines with data; expected one interaction per line)",
     QT_TRANSLATE_NOOP("rd::CoreText", "no lines with data; expected one interaction per line")},
    {R"(unknown format '([^']*)'; expected auto or one of )",
     QT_TRANSLATE_NOOP("rd::CoreText", "unknown format '%1'; expected auto or one of ")},
    {R"(preprocessing left no interactions: )", QT_TRANSLATE_NOOP("rd::CoreText", "preprocessing left no interactions: ")},
    {R"(: expected an integer, got )", QT_TRANSLATE_NOOP("rd::CoreText", ": expected an integer, got ")},
    {R"(: expected a number, got )", QT_TRANSLATE_NOOP("rd::CoreText", ": expected a number, got ")},
    {R"(: expected a string, got )", QT_TRANSLATE_NOOP("rd::CoreText", ": expected a string, got ")},
    {R"(: expected true or false)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected true or false")},
    {R"(: expected an object of parameters)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected an object of parameters")},
    {R"(: expected an object)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected an object")},
    {R"(: expected a non-empty list of integers)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected a non-empty list of integers")},
    {R"(: expected one of (.+), got )", QT_TRANSLATE_NOOP("rd::CoreText", ": expected one of %1, got ")},
    {R"(: (\S+) is out of range )", QT_TRANSLATE_NOOP("rd::CoreText", ": %1 is out of range ")},
    {R"(: unknown key \(known: )", QT_TRANSLATE_NOOP("rd::CoreText", ": unknown key (known: ")},
    {R"(: unknown parameter \(known: )", QT_TRANSLATE_NOOP("rd::CoreText", ": unknown parameter (known: ")},
    {R"(unknown model '([^']*)' \(known: )", QT_TRANSLATE_NOOP("rd::CoreText", "unknown model '%1' (known: ")},
    {R"(unknown distillation method '([^']*)' \(known: )",
     QT_TRANSLATE_NOOP("rd::CoreText", "unknown distillation method '%1' (known: ")},
    {R"(: missing \(e\.g\. )", QT_TRANSLATE_NOOP("rd::CoreText", ": missing (e.g. ")},
    {R"(: '([^']*)' does not exist)", QT_TRANSLATE_NOOP("rd::CoreText", ": '%1' does not exist")},
    {R"(: needs a trained teacher)", QT_TRANSLATE_NOOP("rd::CoreText", ": needs a trained teacher")},
    {R"(the experiment config must be a JSON object)",
     QT_TRANSLATE_NOOP("rd::CoreText", "the experiment config must be a JSON object")},
    {R"(: expected a non-negative integer)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected a non-negative integer")},
    {R"(: expected a list of method names or objects)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected a list of method names or objects")},
    {R"(: expected a non-empty list of K values)", QT_TRANSLATE_NOOP("rd::CoreText", ": expected a non-empty list of K values")},
    {R"(: expected three numbers \[train, valid, test\])",
     QT_TRANSLATE_NOOP("rd::CoreText", ": expected three numbers [train, valid, test]")},
    {R"(: "none" is the student alone, which every experiment trains already)",
     QT_TRANSLATE_NOOP("rd::CoreText", ": \"none\" is the student alone, which every experiment trains already")},
};

QString translated(const char* text) {
    return QCoreApplication::translate(kContext, text);
}

const MethodText* methodRow(const MethodInfo& info) {
    for (const MethodText& m : kMethods)
        if (info.name == m.name) return &m;
    return nullptr;
}

const ModelText* modelRow(const ModelInfo& info) {
    for (const ModelText& m : kModels)
        if (info.name == m.name) return &m;
    return nullptr;
}

/** The row's text translated while it still matches the core's English, else the core's English. */
QString pick(const char* row, const std::string& core) {
    if (row && core == row) return translated(row);
    return QString::fromStdString(core);
}

}  // namespace

QString CoreText::methodName(const MethodInfo& info) {
    const MethodText* row = methodRow(info);
    return pick(row ? row->displayName : nullptr, info.displayName);
}

QString CoreText::methodDescription(const MethodInfo& info) {
    const MethodText* row = methodRow(info);
    return pick(row ? row->description : nullptr, info.description);
}

QString CoreText::methodFormula(const MethodInfo& info) {
    const MethodText* row = methodRow(info);
    return pick(row ? row->formula : nullptr, info.formula);
}

QString CoreText::modelName(const ModelInfo& info) {
    const ModelText* row = modelRow(info);
    return pick(row ? row->displayName : nullptr, info.displayName);
}

QString CoreText::modelDescription(const ModelInfo& info) {
    const ModelText* row = modelRow(info);
    return pick(row ? row->description : nullptr, info.description);
}

QString CoreText::paramHelp(const std::string& help) {
    for (const char* h : kParamHelp)
        if (help == h) return translated(h);
    return QString::fromStdString(help);
}

QString CoreText::metricTooltip(const QString& metric) {
    QString name = metric;
    if (name.startsWith(QLatin1String("GapClosed:"))) name = QStringLiteral("GapClosed");
    name = name.section(QLatin1Char('@'), 0, 0);
    for (const MetricText& m : kMetrics)
        if (name == QLatin1String(m.prefix)) return translated(m.tooltip);
    return QString();
}

QString CoreText::status(const QString& status) {
    for (const char* s : kStatuses)
        if (status == QLatin1String(s)) return translated(s);
    return status;
}

QString CoreText::message(const QString& english) {
    QString out = english;
    for (const Phrase& p : kPhrases) {
        const QRegularExpression re(QString::fromUtf8(p.pattern));
        QRegularExpressionMatch m = re.match(out);
        while (m.hasMatch()) {
            QString text = translated(p.text);
            for (int g = 1; g <= re.captureCount(); ++g) text = text.arg(m.captured(g));
            out.replace(m.capturedStart(), m.capturedLength(), text);
            m = re.match(out, m.capturedStart() + static_cast<int>(text.size()));
        }
    }
    return out;
}

QStringList CoreText::missingCoreTexts() {
    QStringList missing;
    const auto check = [&missing](const char* row, const std::string& core) {
        if (!row || core != row) missing << QString::fromStdString(core);
    };
    for (const MethodInfo& info : methodInfos()) {
        const MethodText* row = methodRow(info);
        check(row ? row->displayName : nullptr, info.displayName);
        check(row ? row->description : nullptr, info.description);
        check(row ? row->formula : nullptr, info.formula);
        for (const ParamSpec& spec : info.schema)
            if (std::find_if(std::begin(kParamHelp), std::end(kParamHelp),
                             [&spec](const char* h) { return spec.help == h; }) == std::end(kParamHelp))
                missing << QString::fromStdString(spec.help);
    }
    for (const ModelInfo& info : modelInfos()) {
        const ModelText* row = modelRow(info);
        check(row ? row->displayName : nullptr, info.displayName);
        check(row ? row->description : nullptr, info.description);
        for (const ParamSpec& spec : info.schema)
            if (std::find_if(std::begin(kParamHelp), std::end(kParamHelp),
                             [&spec](const char* h) { return spec.help == h; }) == std::end(kParamHelp))
                missing << QString::fromStdString(spec.help);
    }
    return missing;
}

}  // namespace rd
