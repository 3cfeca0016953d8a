#include "eval/evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>

#include <omp.h>

#include "data/train_data.h"
#include "eval/sampled_ranking.h"
#include "eval/topk_selector.h"
#include "models/trained_model.h"

namespace rd {

namespace {
double nowSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Scores per block of users. Each thread scores its own blocks (the matrix product single-threaded
// inside it) and selects their top-K right after: no barrier between product and selection, and the
// same blocks (so bit for bit the same scores) for any thread count. 2^22 scores (16 MB) are 102
// users of a 41k-item catalogue; smaller blocks made the product slower (each call packs the whole
// item table: 1 M scores per block, 5.3 s instead of 4.7 s for 30k users on one thread). At most
// 256 users per block, so that MovieLens 100K's 943 users are four blocks, not one.
constexpr size_t kScoresPerBlock = size_t{1} << 22;
constexpr size_t kMaxBlockUsers = 256;
// Below this many scores in all, one thread ranks every block: MovieLens 100K's validation (1.6 M
// scores, four blocks, ~20 ms) gained nothing from a second thread and lost when the other core was
// busy (0.026 s on one thread, 0.045 s on two, one run on a shared machine).
constexpr size_t kParallelScores = size_t{1} << 23;
}  // namespace

TopKLists rankUsers(const TrainedModel& model, const TrainingData& data,
                    const std::vector<int32_t>& users, int k, SplitPart part, int batchUsers,
                    const CancelToken* cancel) {
    TopKLists lists;
    lists.k = k;
    lists.users = users;
    lists.items.assign(users.size() * static_cast<size_t>(k), -1);
    const int32_t n = data.numItems;
    const size_t perBlock = std::min(
        kMaxBlockUsers, std::max<size_t>(1, kScoresPerBlock / static_cast<size_t>(std::max(1, n))));
    const size_t batch = std::min(static_cast<size_t>(std::max(1, batchUsers)), perBlock);
    const auto blocks = static_cast<int64_t>((users.size() + batch - 1) / batch);
    model.prepareForScoring(part);  // once, before the threads share the model
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    const bool parallel = blocks > 1 && users.size() * static_cast<size_t>(n) >= kParallelScores;
    // Small: the products run on this thread too (OpenBLAS reads omp_get_max_threads per call).
    const int threads = omp_get_max_threads();
    if (!parallel) omp_set_num_threads(1);
#pragma omp parallel if (parallel)
    {
        std::vector<float> scores;
#pragma omp for schedule(dynamic, 1)
        for (int64_t blk = 0; blk < blocks; ++blk) {
            if (failed.load() || (cancel && cancel->cancelled())) continue;
            try {
                const size_t s = static_cast<size_t>(blk) * batch;
                const size_t b = std::min(batch, users.size() - s);
                scores.resize(b * static_cast<size_t>(n));
                model.scoreUsers(users.data() + s, b, scores.data());
                for (size_t r = 0; r < b; ++r) {
                    const int32_t u = users[s + r];
                    const int32_t* tr = data.train.items.data() + data.train.begin(u);
                    const int32_t* va = data.valid.items.data() + data.valid.begin(u);
                    const int64_t nva = part == SplitPart::Test ? data.valid.degree(u) : 0;
                    selectTopKInPlace(scores.data() + r * n, n, tr, data.train.degree(u), va, nva,
                                      k, lists.items.data() + (s + r) * k);
                }
            } catch (...) {
#pragma omp critical(rd_rank_users_failure)
                if (!failed.exchange(true)) failure = std::current_exception();
            }
        }
    }
    if (!parallel) omp_set_num_threads(threads);
    if (failure) std::rethrow_exception(failure);
    throwIfCancelled(cancel);
    return lists;
}

EvalContext makeEvalContext(const TrainingData& data, uint64_t seed) {
    EvalContext ctx;
    ctx.numUsers = data.numUsers;
    ctx.numItems = data.numItems;
    ctx.itemPopularity = data.itemPopularity;
    ctx.itemUserCount = data.itemUserCount;
    ctx.seed = seed;
    if (!data.categories.empty()) {
        ctx.categoryOffsets = data.categoryOffsets;
        ctx.categories = data.categories;
    } else {
        // Item -> training users, the binary interaction column.
        ctx.itemUserOffsets.assign(static_cast<size_t>(data.numItems) + 1, 0);
        for (int32_t i : data.train.items) ++ctx.itemUserOffsets[i + 1];
        for (int32_t i = 0; i < data.numItems; ++i)
            ctx.itemUserOffsets[i + 1] += ctx.itemUserOffsets[i];
        ctx.itemUsers.resize(data.train.items.size());
        std::vector<int64_t> cursor(ctx.itemUserOffsets.begin(), ctx.itemUserOffsets.end() - 1);
        for (int32_t u = 0; u < data.numUsers; ++u)
            for (int64_t p = data.train.begin(u); p < data.train.end(u); ++p)
                ctx.itemUsers[cursor[data.train.items[p]]++] = u;
    }
    return ctx;
}

EvalResult evaluateModel(const TrainedModel& model, const TrainingData& data,
                         const EvalOptions& options) {
    EvalResult result;
    const UserItemMatrix& held = data.heldOut(options.part);
    std::vector<int32_t> users;
    HeldOut heldOut;
    if (options.shards < 1 || options.shard < 0 || options.shard >= options.shards)
        throw std::invalid_argument("evaluation shard " + std::to_string(options.shard) + " of " +
                                    std::to_string(options.shards));
    // A shard of its own (validation) keeps only its users; a gathered one ranks only them.
    const bool ownShard = options.shards > 1 && !options.gatherLists;
    int64_t position = 0;
    for (int32_t u = 0; u < data.numUsers; ++u) {
        if (held.degree(u) == 0) continue;
        if (ownShard && position++ % options.shards != options.shard) continue;
        users.push_back(u);
        heldOut.items.insert(heldOut.items.end(), held.items.begin() + held.begin(u),
                             held.items.begin() + held.end(u));
        heldOut.offsets.push_back(static_cast<int64_t>(heldOut.items.size()));
    }
    const int maxK = *std::max_element(options.ks.begin(), options.ks.end());
    const double t0 = nowSeconds();
    if (options.shards > 1 && options.gatherLists) {
        std::vector<int32_t> mine;
        for (size_t p = static_cast<size_t>(options.shard); p < users.size();
             p += static_cast<size_t>(options.shards))
            mine.push_back(users[p]);
        const TopKLists part =
            rankUsers(model, data, mine, maxK, options.part, options.batchUsers, options.cancel);
        result.lists.k = maxK;
        result.lists.users = users;
        result.lists.items =
            options.gatherLists(part.items, maxK, static_cast<int64_t>(users.size()));
        if (result.lists.items.size() != users.size() * static_cast<size_t>(maxK))
            throw std::logic_error("sharded evaluation: the gathered lists do not cover the users");
    } else {
        result.lists =
            rankUsers(model, data, users, maxK, options.part, options.batchUsers, options.cancel);
    }
    result.seconds = nowSeconds() - t0;
    throwIfCancelled(options.cancel);

    if (options.beyondAccuracy) {
        const EvalContext ctx = makeEvalContext(data, options.seed);
        result.metrics = computeRankingMetrics(result.lists, heldOut, ctx, options.ks);
        result.exposure = exposureByPopularity(result.lists, ctx, std::min(10, maxK));
    } else {
        // Validation during training needs accuracy only.
        result.metrics = computeAccuracyMetrics(result.lists, heldOut, options.ks);
    }
    throwIfCancelled(options.cancel);
    if (options.sampledNegatives > 0)
        for (const auto& [name, value] :
             sampledRankingMetrics(model, data, users, options.part, options.sampledNegatives,
                                   options.ks, options.cancel))
            result.metrics[name] = value;
    result.metrics["eval_seconds"] = result.seconds;
    result.metrics["eval_users"] = static_cast<double>(users.size());

    if (options.latencySample > 0 && !users.empty()) {
        std::vector<double> ms;
        const size_t n = std::min<size_t>(static_cast<size_t>(options.latencySample), users.size());
        const size_t stride = std::max<size_t>(1, users.size() / n);
        std::vector<int32_t> one(1);
        for (size_t r = 0; r < users.size() && ms.size() < n; r += stride) {
            throwIfCancelled(options.cancel);
            one[0] = users[r];
            const double s = nowSeconds();
            rankUsers(model, data, one, maxK, options.part, 1);
            ms.push_back(1000.0 * (nowSeconds() - s));
        }
        std::sort(ms.begin(), ms.end());
        result.metrics["latency_p50_ms"] = ms[ms.size() / 2];
        result.metrics["latency_p95_ms"] =
            ms[std::min(ms.size() - 1, static_cast<size_t>(0.95 * ms.size()))];
    }
    return result;
}

}  // namespace rd
