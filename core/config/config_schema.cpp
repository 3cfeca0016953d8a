#include "config/config_schema.h"

#include <climits>

#include "catalog/metric_catalog.h"
#include "catalog/tr_noop.h"
#include "config/run_config.h"
#include "data/data_loader.h"

namespace rd {

namespace {

using Type = ParamSpec::Type;

constexpr double kMaxSeed = INT_MAX;  // seeds a form's spin box holds exactly

ParamSpec spec(const char* name, Type type, nlohmann::json defaultValue, double min, double max,
               const char* label, const char* help) {
    ParamSpec p;
    p.name = name;
    p.type = type;
    p.defaultValue = std::move(defaultValue);
    p.min = min;
    p.max = max;
    p.label = label;
    p.help = help;
    return p;
}

ParamSpec withSpecialValue(ParamSpec p, const char* text) {
    p.specialValueText = text;
    return p;
}

ParamSchema makeDataSchema() {
    const DataConfig d;
    ParamSchema s;
    s.push_back(spec(
        "data.path", Type::String, d.path, 0, 0, RD_TR_NOOP("rd::CoreText", "Path"),
        RD_TR_NOOP("rd::CoreText", "A file or folder, or \"demo\" for the built-in data set")));

    ParamSpec format =
        spec("data.format", Type::Choice, d.load.format, 0, 0, RD_TR_NOOP("rd::CoreText", "Format"),
             RD_TR_NOOP("rd::CoreText",
                        "auto detects the format from the file name and the first line"));
    format.choices = {"auto"};
    for (const FormatInfo& f : supportedFormats()) format.choices.push_back(f.name);
    s.push_back(format);
    ParamSpec encoding = spec("data.encoding", Type::Choice, d.load.encoding, 0, 0,
                              RD_TR_NOOP("rd::CoreText", "Encoding"),
                              RD_TR_NOOP("rd::CoreText",
                                         "Text encoding of titles and genres (auto: UTF-8, or "
                                         "Latin-1 for MovieLens files that are not UTF-8)"));
    encoding.choices = {"auto", "utf-8", "latin-1"};
    s.push_back(encoding);
    s.push_back(
        spec("data.skip_bad_lines", Type::Bool, d.load.skipBadLines, 0, 0,
             RD_TR_NOOP("rd::CoreText", "Skip bad lines"),
             RD_TR_NOOP("rd::CoreText",
                        "Skip malformed lines (counted and reported) instead of stopping at "
                        "the first")));

    ParamSpec threshold =
        spec("data.preprocess.rating_threshold", Type::Float, nullptr, -1e9, 1e9,
             RD_TR_NOOP("rd::CoreText", "Keep ratings ≥"),
             RD_TR_NOOP("rd::CoreText", "Implicit feedback: interactions rated below are dropped"));
    threshold.nullable = true;
    if (d.preprocess.ratingThreshold) threshold.defaultValue = *d.preprocess.ratingThreshold;
    s.push_back(threshold);
    s.push_back(spec("data.preprocess.drop_duplicates", Type::Bool, d.preprocess.dropDuplicates, 0,
                     0, RD_TR_NOOP("rd::CoreText", "Drop duplicates"),
                     RD_TR_NOOP("rd::CoreText", "Drop duplicate interactions (keep the latest)")));
    s.push_back(withSpecialValue(
        spec("data.preprocess.user_core", Type::Int, d.preprocess.userCore, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "User k-core"),
             RD_TR_NOOP(
                 "rd::CoreText",
                 "Iterative k-core: every user keeps at least this many interactions (0 = off)")),
        RD_TR_NOOP("rd::CoreText", "off")));
    s.push_back(withSpecialValue(
        spec("data.preprocess.item_core", Type::Int, d.preprocess.itemCore, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "Item k-core"),
             RD_TR_NOOP(
                 "rd::CoreText",
                 "Iterative k-core: every item keeps at least this many interactions (0 = off)")),
        RD_TR_NOOP("rd::CoreText", "off")));
    s.push_back(withSpecialValue(
        spec("data.preprocess.max_users", Type::Int, d.preprocess.maxUsers, 0, 2000000000,
             RD_TR_NOOP("rd::CoreText", "Max users"),
             RD_TR_NOOP("rd::CoreText",
                        "Keep only the most active users, for quick trials (0 = all)")),
        RD_TR_NOOP("rd::CoreText", "all")));
    s.push_back(withSpecialValue(
        spec("data.preprocess.max_items", Type::Int, d.preprocess.maxItems, 0, 2000000000,
             RD_TR_NOOP("rd::CoreText", "Max items"),
             RD_TR_NOOP("rd::CoreText", "Keep only the most popular items (0 = all)")),
        RD_TR_NOOP("rd::CoreText", "all")));

    ParamSpec kind = spec(
        "data.split.kind", Type::Choice, splitKindName(d.split.kind), 0, 0,
        RD_TR_NOOP("rd::CoreText", "Split"),
        RD_TR_NOOP("rd::CoreText", "How interactions are divided into train, validation and test"));
    for (SplitKind k : {SplitKind::RandomRatio, SplitKind::LeaveOneOut, SplitKind::TemporalRatio,
                        SplitKind::AsGiven})
        kind.choices.push_back(splitKindName(k));
    kind.choiceLabels = {RD_TR_NOOP("rd::CoreText", "Random ratio per user"),
                         RD_TR_NOOP("rd::CoreText", "Leave one out (latest to test)"),
                         RD_TR_NOOP("rd::CoreText", "Temporal ratio (global)"),
                         RD_TR_NOOP("rd::CoreText", "As given (pre-split data)")};
    s.push_back(kind);
    ParamSpec ratios =
        spec("data.split.ratios", Type::FloatList, {d.split.train, d.split.valid, d.split.test}, 0,
             1, RD_TR_NOOP("rd::CoreText", "Ratios"),
             RD_TR_NOOP("rd::CoreText",
                        "Shares of train, validation and test, e.g. 0.8, 0.1, 0.1 "
                        "(random and temporal splits)"));
    ratios.length = 3;
    s.push_back(ratios);
    s.push_back(
        spec("data.split.seed", Type::Int, d.split.seed, 0, kMaxSeed,
             RD_TR_NOOP("rd::CoreText", "Split seed"),
             RD_TR_NOOP("rd::CoreText",
                        "Seed of the split: the same seed gives the same split everywhere")));
    return s;
}

ParamSchema makeTrainSchema() {
    const TrainConfig t;
    ParamSchema s;
    s.push_back(
        spec("train.epochs", Type::Int, t.epochs, 0, 100000, RD_TR_NOOP("rd::CoreText", "Epochs"),
             RD_TR_NOOP("rd::CoreText", "Most epochs per model (early stopping may end sooner)")));
    s.push_back(spec("train.batch_size", Type::Int, t.batchSize, 1, 1 << 24,
                     RD_TR_NOOP("rd::CoreText", "Batch size"),
                     RD_TR_NOOP("rd::CoreText", "Training triples per mini-batch")));
    s.push_back(spec("train.lr", Type::Float, t.learningRate, 1e-8, 10,
                     RD_TR_NOOP("rd::CoreText", "Learning rate"),
                     RD_TR_NOOP("rd::CoreText", "Adam learning rate")));
    ParamSpec optimizer = spec(
        "train.optimizer", Type::Choice, t.optimizer, 0, 0, RD_TR_NOOP("rd::CoreText", "Optimizer"),
        RD_TR_NOOP(
            "rd::CoreText",
            "adam: torch.optim.Adam exactly, every embedding row's moments decay and the "
            "row moves at every step; lazy_adam: only the rows in the batch are updated "
            "(a row absent from batches keeps its moments and does not move; different results, "
            "measured no faster at dim 64)"));
    optimizer.choices = {"adam", "lazy_adam"};
    optimizer.choiceLabels = {RD_TR_NOOP("rd::CoreText", "Adam (exact)"),
                              RD_TR_NOOP("rd::CoreText", "Lazy Adam (batch rows only)")};
    s.push_back(optimizer);
    s.push_back(spec("train.negatives", Type::Int, t.negatives, 1, 1000,
                     RD_TR_NOOP("rd::CoreText", "Negatives"),
                     RD_TR_NOOP("rd::CoreText", "Sampled negatives per positive")));
    s.push_back(withSpecialValue(
        spec("train.eval_every", Type::Int, t.evalEvery, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "Validate every"),
             RD_TR_NOOP("rd::CoreText", "Validate every this many epochs (0 = never)")),
        RD_TR_NOOP("rd::CoreText", "never")));
    s.push_back(withSpecialValue(
        spec("train.patience", Type::Int, t.patience, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "Patience"),
             RD_TR_NOOP("rd::CoreText",
                        "Stop after this many validations without improvement (0 = never)")),
        RD_TR_NOOP("rd::CoreText", "off")));
    // Any accuracy metric at a configured K is valid (parseTrainConfig checks it against eval.ks);
    // the suggestions are the catalogue's validation metrics at the default Ks.
    ParamSpec metric =
        spec("train.valid_metric", Type::String, t.validMetric, 0, 0,
             RD_TR_NOOP("rd::CoreText", "Valid metric"),
             RD_TR_NOOP("rd::CoreText", "Validation metric for early stopping and the best epoch"));
    for (int k : t.ks)
        for (const std::string& stem : validationMetricStems())
            metric.choices.push_back(stem + "@" + std::to_string(k));
    s.push_back(metric);
    s.push_back(spec("train.seed", Type::Int, t.seed, 0, kMaxSeed,
                     RD_TR_NOOP("rd::CoreText", "Seed"),
                     RD_TR_NOOP("rd::CoreText", "Seed of initialisation and sampling")));
    s.push_back(withSpecialValue(
        spec("train.threads", Type::Int, t.threads, 0, 1024, RD_TR_NOOP("rd::CoreText", "Threads"),
             RD_TR_NOOP("rd::CoreText", "LibTorch threads (0 = all cores)")),
        RD_TR_NOOP("rd::CoreText", "all cores")));
    s.push_back(spec("train.weight_decay", Type::Float, t.weightDecay, 0, 10,
                     RD_TR_NOOP("rd::CoreText", "Weight decay"),
                     RD_TR_NOOP("rd::CoreText",
                                "Adam weight decay, PyTorch's: added to every parameter's gradient "
                                "every step")));
    ParamSpec select =
        spec("train.select", Type::Choice, t.select, 0, 0, RD_TR_NOOP("rd::CoreText", "Keep"),
             RD_TR_NOOP("rd::CoreText",
                        "The model evaluated on test: the best validation epoch's "
                        "or the last epoch's"));
    select.choices = {"best_valid", "last"};
    s.push_back(select);
    ParamSpec reduction =
        spec("train.loss_reduction", Type::Choice, t.lossReduction, 0, 0,
             RD_TR_NOOP("rd::CoreText", "Loss reduction"),
             RD_TR_NOOP("rd::CoreText",
                        "mean over the batch's rows (RecBole) or their sum (the Topology "
                        "Distillation and DE-RRD code); differs only next to weight decay"));
    reduction.choices = {"mean", "sum"};
    s.push_back(reduction);
    s.push_back(withSpecialValue(
        spec("train.min_epochs", Type::Int, t.minEpochs, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "Minimum epochs"),
             RD_TR_NOOP("rd::CoreText",
                        "Early stopping may not end training sooner (0 = the method's own minimum: "
                        "htd's annealing length, none for the others)")),
        RD_TR_NOOP("rd::CoreText", "auto")));
    s.push_back(spec("train.adam_beta2", Type::Float, t.adamBeta2, 0, 0.999999,
                     RD_TR_NOOP("rd::CoreText", "Adam β2"),
                     RD_TR_NOOP("rd::CoreText",
                                "Adam's second-moment decay (torch's betas[1]; SASRec's code: "
                                "0.98)")));
    s.push_back(spec("eval.ks", Type::IntList, t.ks, 1, 1000,
                     RD_TR_NOOP("rd::CoreText", "K values"),
                     RD_TR_NOOP("rd::CoreText", "Cut-offs for every metric, comma separated")));
    s.push_back(
        spec("eval.batch_users", Type::Int, t.evalBatchUsers, 1, 1 << 20,
             RD_TR_NOOP("rd::CoreText", "Eval batch"),
             RD_TR_NOOP("rd::CoreText",
                        "Users ranked at once in evaluation (more is faster, needs more memory)")));
    s.push_back(withSpecialValue(
        spec("eval.sampled_negatives", Type::Int, t.sampledNegatives, 0, 100000,
             RD_TR_NOOP("rd::CoreText", "Sampled negatives"),
             RD_TR_NOOP("rd::CoreText",
                        "Also rank each held-out item against this many sampled items "
                        "(SampledHR, SampledNDCG: SASRec's protocol, for reproducing papers; not "
                        "comparable with full ranking)")),
        RD_TR_NOOP("rd::CoreText", "off")));
    return s;
}

}  // namespace

const ParamSchema& dataConfigSchema() {
    static const ParamSchema schema = makeDataSchema();
    return schema;
}

const ParamSchema& trainConfigSchema() {
    static const ParamSchema schema = makeTrainSchema();
    return schema;
}

const ParamSpec* findParam(const ParamSchema& schema, const std::string& name) {
    for (const ParamSpec& p : schema)
        if (p.name == name) return &p;
    return nullptr;
}

}  // namespace rd
