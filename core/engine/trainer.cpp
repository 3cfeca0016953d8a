#include "engine/trainer.h"

#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "catalog/metric_catalog.h"
#include "data/train_data.h"
#include "dist/data_parallel.h"
#include "dist/gradient_sync.h"
#include "engine/fused_adam.h"
#include "engine/training_loop.h"
#include "eval/evaluator.h"
#include "models/model_factory.h"
#include "models/trained_model_impl.h"
#include "util/rng.h"
#include "util/torch_info.h"

namespace rd {

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/** Whether (user, item) is a training positive: a bit per (user, item) pair when the matrix is
 *  small (a load instead of a binary search, the sampler's main cost on MovieLens 100K), otherwise
 *  the user's sorted items. Either way the same answers, so the same negatives. */
class PositiveSet {
public:
    explicit PositiveSet(const TrainingData& d) : d_(d) {
        const uint64_t bits = uint64_t(d.numUsers) * uint64_t(d.numItems);
        if (bits > kMaxBits) return;
        bits_.assign(static_cast<size_t>((bits + 63) / 64), 0);
        for (int32_t u = 0; u < d.numUsers; ++u)
            for (int64_t p = d.train.begin(u); p < d.train.end(u); ++p) {
                const uint64_t k = uint64_t(u) * uint64_t(d.numItems) + uint64_t(d.train.items[p]);
                bits_[k / 64] |= uint64_t{1} << (k % 64);
            }
    }
    bool contains(int32_t u, int32_t item) const {
        if (bits_.empty()) return d_.train.contains(u, item);
        const uint64_t k = uint64_t(u) * uint64_t(d_.numItems) + uint64_t(item);
        return (bits_[k / 64] >> (k % 64)) & 1;
    }

private:
    static constexpr uint64_t kMaxBits = uint64_t{1} << 27;  // 16 MB
    const TrainingData& d_;
    std::vector<uint64_t> bits_;
};

/** Negatives drawn uniformly from the items that are not training positives of the user, written
 *  into out[b * n] (the batch's reused int64 buffer). */
void sampleNegatives(const TrainingData& d, const PositiveSet& positives, const int64_t* users,
                     int64_t b, int n, Rng& rng, int64_t* out) {
    for (int64_t r = 0; r < b; ++r) {
        const auto u = static_cast<int32_t>(users[r]);
        const bool saturated = d.train.degree(u) >= d.numItems;
        for (int j = 0; j < n; ++j) {
            int32_t item;
            do {
                item = static_cast<int32_t>(rng.below(static_cast<uint64_t>(d.numItems)));
            } while (!saturated && positives.contains(u, item));
            out[r * n + j] = item;
        }
    }
}

/** Parameters (floats) below which a training run keeps LibTorch on one thread throughout. */
constexpr int64_t kSmallParameters = int64_t{1} << 20;
/** Users × items below which validation is ranked on one thread (the evaluator's threshold). */
constexpr int64_t kSmallScoreMatrix = int64_t{1} << 23;

/** LibTorch on one thread while it lives, then back to tableThreads() (also when unwinding). */
struct OneThreadScope {
    OneThreadScope() { torch::set_num_threads(1); }
    ~OneThreadScope() { torch::set_num_threads(tableThreads()); }
    OneThreadScope(const OneThreadScope&) = delete;
    OneThreadScope& operator=(const OneThreadScope&) = delete;
};

std::vector<torch::Tensor> snapshot(RecModel& m) {
    std::vector<torch::Tensor> s;
    for (const auto& p : m.parameters()) s.push_back(p.detach().clone());
    return s;
}

void restore(RecModel& m, const std::vector<torch::Tensor>& s) {
    torch::NoGradGuard g;
    auto params = m.parameters();
    for (size_t k = 0; k < params.size(); ++k) params[k].copy_(s[k]);
}

}  // namespace

TrainOutcome trainModel(const TrainingData& data, const ModelSpec& spec, const TrainConfig& config,
                        const std::string& stage, const TrainCallbacks& callbacks,
                        const CancelToken* cancel) {
    return runTraining(data, spec, config, stage, callbacks, cancel, nullptr);
}

TrainOutcome runTraining(const TrainingData& data, const ModelSpec& spec, const TrainConfig& config,
                         const std::string& stage, const TrainCallbacks& callbacks,
                         const CancelToken* cancel, LossHook* hook) {
    TrainOutcome out;
    const double start = now();
    const ModelInfo& info = findModel(spec.name);
    auto impl = std::make_unique<TrainedModel::Impl>();
    impl->name = spec.name;
    impl->params = resolveParams(info.schema, spec.params, "model");
    impl->datasetHash = data.datasetHash;
    impl->numUsers = data.numUsers;
    impl->numItems = data.numItems;
    {
        // Initialisation draws from LibTorch's one global generator (and a model seeds its own
        // rd::Rng from it there); experiments running at once (a study's --jobs) must not
        // interleave their seeding and draws, or the same seed would give other weights.
        static std::mutex globalGenerator;
        std::lock_guard<std::mutex> lock(globalGenerator);
        torch::manual_seed(config.seed);
        impl->model = createModel(spec.name, impl->params, data);
    }
    RecModel& model = *impl->model;
    out.model = std::make_shared<TrainedModel>(std::move(impl));

    EvalOptions valid;
    valid.part = SplitPart::Valid;
    valid.ks = config.ks;
    valid.beyondAccuracy = false;
    valid.batchUsers = config.evalBatchUsers;
    valid.sampledNegatives = config.sampledNegatives;
    valid.cancel = cancel;
    TrainedModel::Impl& handle = out.model->impl();
    auto validate = [&]() {
        handle.prepared = false;
        EvalResult r;
        try {
            r = evaluateModel(*out.model, data, valid);
        } catch (const Cancelled&) {
            model.endEval();
            model.train();
            handle.prepared = false;
            throw;
        }
        model.endEval();
        model.train();
        handle.prepared = false;
        return r.metrics;
    };

    if (!info.trainable || config.epochs == 0) {
        try {
            out.bestValid = validate();
            out.status = "finished";
        } catch (const Cancelled&) {
            model.eval();
            out.status = "cancelled";
        }
        out.trainSeconds = now() - start;
        return out;
    }
    if (config.evalEvery > 0 && !config.ks.empty()) {
        // Fail before any work when the early-stopping metric is not one that validation computes.
        if (!isValidationMetric(config.validMetric, config.ks))
            throw std::invalid_argument(validMetricError(config.validMetric));
    }

    std::vector<torch::Tensor> params = model.parameters();
    if (hook)
        for (auto& p : hook->parameters()) params.push_back(p);
    FusedAdam optimizer(params, config.learningRate, FusedAdam::kindFromName(config.optimizer),
                        config.weightDecay, config.adamBeta2);
    const int minEpochs = config.minEpochs > 0 ? config.minEpochs
                          : hook               ? hook->minimumEpochs()
                                               : 0;
    const bool keepLast = config.select == "last";
    model.train();
    // Small tables (MovieLens 100K's MF: 168 K parameters): the whole run on one thread. Switching
    // LibTorch's thread count twice an epoch recreated its thread pool, and each table-sized copy
    // (the best-epoch snapshot) woke an OpenMP worker that then spun: two threads took 5.7 s for
    // 100 epochs that one thread ran in 1.9 s, with another process on the machine.
    int64_t parameterCount = 0;
    for (const auto& p : params) parameterCount += p.numel();
    std::unique_ptr<OneThreadScope> wholeRunOnOneThread;
    // (Validation then runs on one thread too, as the evaluator ranks that few scores anyway.)
    // A sequential model's batch is attention over whole sequences: it gets every thread.
    const bool sequential = model.sequential();
    if (!sequential && parameterCount < kSmallParameters &&
        int64_t{data.numUsers} * data.numItems < kSmallScoreMatrix)
        wholeRunOnOneThread = std::make_unique<OneThreadScope>();

    // A sequential model trains on users (each one's whole sequence in a step, as SASRec's code
    // does): an epoch is every user with at least two training interactions once, in a shuffled
    // order; the batch's positive is the user's latest training item (what distillation methods
    // that read positives see), its negatives drawn as for the others.
    std::vector<int32_t> sequenceUsers;
    if (sequential)
        for (int32_t u = 0; u < data.numUsers; ++u)
            if (data.trainSequences.length(u) >= 2) sequenceUsers.push_back(u);
    const int64_t n =
        static_cast<int64_t>(sequential ? sequenceUsers.size() : data.trainUsers.size());
    std::vector<int64_t> order(n);
    for (int64_t k = 0; k < n; ++k) order[k] = k;
    // The batch's id tensors are allocated once and refilled; the last, shorter batch is a view.
    const int64_t maxBatch = std::min<int64_t>(config.batchSize, std::max<int64_t>(1, n));
    torch::Tensor usersBuf = torch::empty({maxBatch}, torch::kLong);
    torch::Tensor positivesBuf = torch::empty({maxBatch}, torch::kLong);
    torch::Tensor negativesBuf = torch::empty({maxBatch, config.negatives}, torch::kLong);
    // A distillation hook adds terms to the loss: then every step goes through autograd.
    const bool fused = config.fusedSteps && !hook;
    std::vector<std::pair<std::string, double>> fusedTerms;
    const PositiveSet positives(data);
    // Data-parallel: rank r trains the batches whose index is r modulo the world size; the world's
    // batches k·W … k·W+W-1 make one step (the samples of one world-size-1 step with batch W·B).
    std::unique_ptr<GradientSync> sync;
    if (config.dataParallel && config.dataParallel->worldSize() > 1)
        sync = std::make_unique<GradientSync>(*config.dataParallel, params);
    const int64_t world = sync ? config.dataParallel->worldSize() : 1;
    const int64_t rank = sync ? config.dataParallel->rank() : 0;
    // Validation sharded by users over the ranks (sampled-candidate metrics draw per user from one
    // stream, so with them rank 0 validates alone and shares its score).
    const bool shardedValidation = sync && config.sampledNegatives == 0;
    if (shardedValidation) {
        valid.shards = static_cast<int>(world);
        valid.shard = static_cast<int>(rank);
    }
    // The rows of the step that batch start s belongs to (all ranks' batches of that step).
    const auto stepRows = [&](int64_t s) {
        const int64_t first = (s / config.batchSize / world) * world * config.batchSize;
        return std::min(n, first + world * config.batchSize) - first;
    };
    const auto stepWeight = [&](int64_t s, int64_t b) { return double(b) / double(stepRows(s)); };
    // A summed loss (TrainConfig::lossReduction): the mean's gradient times the step's rows.
    const bool summed = config.lossReduction == "sum";
    const auto gradScale = [&](int64_t s) { return summed ? double(stepRows(s)) : 1.0; };
    std::vector<torch::Tensor> best = snapshot(model);
    double bestScore = -INFINITY;
    int sinceBest = 0;
    bool cancelled = false;

    for (int epoch = 1; epoch <= config.epochs && !cancelled; ++epoch) {
        if (cancel && cancel->cancelled()) {
            cancelled = true;
            break;
        }
        const double t0 = now();
        Rng rng(Rng::mix(config.seed, static_cast<uint64_t>(epoch)));
        rng.shuffle(order.begin(), order.end());
        if (hook) {
            try {
                hook->beginEpoch(epoch, model);
            } catch (const Cancelled&) {
                cancelled = true;
                break;
            }
        }
        std::vector<std::pair<std::string, double>> sums;
        int64_t batches = 0;
        // Batch-sized ops on one thread; table-sized work (FusedAdam, LightGCN's propagation)
        // uses tableThreads(). Validation below runs with all threads again.
        auto batchThreads =
            wholeRunOnOneThread || sequential ? nullptr : std::make_unique<OneThreadScope>();
        for (int64_t s = 0; s < n; s += config.batchSize) {
            if (cancel && cancel->cancelled()) {
                cancelled = true;
                break;
            }
            const int64_t b = std::min<int64_t>(config.batchSize, n - s);
            int64_t* bu = usersBuf.data_ptr<int64_t>();
            int64_t* bi = positivesBuf.data_ptr<int64_t>();
            if (sequential) {
                for (int64_t r = 0; r < b; ++r) {
                    const int32_t u = sequenceUsers[order[s + r]];
                    bu[r] = u;
                    bi[r] = data.trainSequences.items[data.trainSequences.end(u) - 1];
                }
            } else {
                for (int64_t r = 0; r < b; ++r) {
                    bu[r] = data.trainUsers[order[s + r]];
                    bi[r] = data.trainItems[order[s + r]];
                }
            }
            // Every rank draws every batch's negatives: one stream per epoch, as at world size 1.
            sampleNegatives(data, positives, bu, b, config.negatives, rng,
                            negativesBuf.data_ptr<int64_t>());
            if (sync && (s / config.batchSize) % world != rank) continue;
            Batch batch;
            batch.users = b == maxBatch ? usersBuf : usersBuf.narrow(0, 0, b);
            batch.positives = b == maxBatch ? positivesBuf : positivesBuf.narrow(0, 0, b);
            batch.negatives = b == maxBatch ? negativesBuf : negativesBuf.narrow(0, 0, b);
            model.beginBatch();
            fusedTerms.clear();
            if (fused && model.fusedBprStep(batch, fusedTerms)) {
                if (sync) sync->combine(stepWeight(s, b));
                optimizer.step(gradScale(s));
                if (sync) sync->afterStep();
                if (sums.empty())
                    for (const auto& t : fusedTerms) sums.emplace_back(t.first, 0.0);
                for (size_t k = 0; k < fusedTerms.size(); ++k)
                    sums[k].second += fusedTerms[k].second;
                ++batches;
                continue;
            }
            auto terms = model.baseLoss(batch);
            if (hook)
                for (auto& t : hook->extraLoss(model, batch)) terms.push_back(std::move(t));
            torch::Tensor total = terms[0].second;
            for (size_t k = 1; k < terms.size(); ++k) total = total + terms[k].second;
            optimizer.clearGradients();  // as zero_grad(), without touching a table
            total.backward();
            if (sync) sync->combine(stepWeight(s, b));
            optimizer.step(gradScale(s));
            if (sync) sync->afterStep();
            if (sums.empty())
                for (const auto& t : terms) sums.emplace_back(t.first, 0.0);
            for (size_t k = 0; k < terms.size(); ++k)
                sums[k].second += terms[k].second.item<double>();
            ++batches;
        }
        const int64_t lastStepBatches = ((n + config.batchSize - 1) / config.batchSize) % world;
        if (sync && !cancelled && lastStepBatches != 0 && rank >= lastStepBatches) {
            // No batch of this rank in the epoch's short last step: it still takes the step.
            optimizer.clearGradients();
            sync->combine(0.0);
            optimizer.step(gradScale(n - 1));
            sync->afterStep();
        }
        batchThreads.reset();
        if (sync) sync->reduceEpoch(sums, batches);
        if (batches == 0) break;
        EpochReport report;
        report.stage = stage;
        report.epoch = epoch;
        report.maxEpochs = config.epochs;
        for (auto& [name, v] : sums)
            report.losses.emplace_back(name, v / static_cast<double>(batches));
        const double lossTotal = [&] {
            double t = 0;
            for (auto& l : report.losses) t += l.second;
            return t;
        }();
        if (!std::isfinite(lossTotal)) {
            out.status = "failed";
            out.error = "the loss became " + std::to_string(lossTotal) + " at epoch " +
                        std::to_string(epoch) + "; try a smaller learning rate";
            break;
        }
        out.epochsRun = epoch;
        if (config.evalEvery > 0 && (epoch % config.evalEvery == 0 || epoch == config.epochs) &&
            !cancelled) {
            try {
                if (rank == 0 || shardedValidation) report.valid = validate();
                report.evaluated = true;
            } catch (const Cancelled&) {
                cancelled = true;  // the epoch's losses are still reported, without validation
            }
            if (shardedValidation) {
                // Each rank validated its share of the users; every rank gets the whole.
                cancelled = sync->reduceValidation(report.valid, cancelled);
                report.evaluated = !cancelled;
            } else if (sync) {
                // Rank 0 validates; every rank takes its score for the same decisions.
                const auto shared = sync->shareValidation(
                    rank == 0 && report.evaluated ? report.valid[config.validMetric] : NAN,
                    cancelled);
                cancelled = shared.second;
                report.evaluated = !cancelled;
                if (rank != 0 && report.evaluated) report.valid[config.validMetric] = shared.first;
            }
        }
        if (keepLast) {
            // The last epoch is the result; validation only reports (and may stop early).
            if (report.evaluated) {
                const double score = report.valid[config.validMetric];
                report.improved = score > bestScore;
                if (report.improved) {
                    bestScore = score;
                    sinceBest = 0;
                } else {
                    ++sinceBest;
                }
                out.bestValid = report.valid;
            }
            out.bestEpoch = epoch;
        } else if (report.evaluated) {
            const double score = report.valid[config.validMetric];
            if (score > bestScore) {
                bestScore = score;
                best = snapshot(model);
                out.bestEpoch = epoch;
                out.bestValid = report.valid;
                report.improved = true;
                sinceBest = 0;
            } else {
                ++sinceBest;
            }
        } else if (config.evalEvery == 0) {
            best = snapshot(model);
            out.bestEpoch = epoch;
        }
        report.seconds = now() - t0;
        out.history.push_back(report);
        if (callbacks.onEpoch) callbacks.onEpoch(report);
        if (config.patience > 0 && sinceBest >= config.patience && epoch >= minEpochs) {
            if (callbacks.onLog)
                callbacks.onLog(stage + ": early stop at epoch " + std::to_string(epoch) +
                                ", best epoch " + std::to_string(out.bestEpoch));
            break;
        }
    }
    if (out.bestEpoch > 0 && !keepLast) restore(model, best);
    if (sync && !cancelled) {
        sync->checkReplicas();
        if (callbacks.onLog)
            callbacks.onLog(stage + ": " + sync->summary() +
                            (shardedValidation
                                 ? "; validation sharded over " + std::to_string(world) + " ranks"
                                 : "; validation on rank 0 (sampled candidates)"));
    }
    model.eval();
    handle.prepared = false;
    if (out.status.empty()) out.status = cancelled ? "cancelled" : "finished";
    out.trainSeconds = now() - start;
    return out;
}

}  // namespace rd
