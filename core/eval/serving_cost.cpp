#include "eval/serving_cost.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>

#include "models/rec_model.h"
#include "models/trained_model.h"
#include "models/trained_model_impl.h"
#include "util/cancel_token.h"

namespace rd {

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void bruteForceTopK(const float* V, int64_t items, int64_t dim, const float* u, int k,
                    float* scores, std::vector<int32_t>& out) {
    for (int64_t i = 0; i < items; ++i) {
        const float* v = V + i * dim;
        float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // 8 partial sums: the loop vectorises
        int64_t c = 0;
        for (; c + 8 <= dim; c += 8)
            for (int j = 0; j < 8; ++j) acc[j] += v[c + j] * u[c + j];
        float dot = 0;
        for (; c < dim; ++c) dot += v[c] * u[c];
        for (float a : acc) dot += a;
        scores[i] = dot;
    }
    out.resize(static_cast<size_t>(items));
    for (int64_t i = 0; i < items; ++i) out[static_cast<size_t>(i)] = static_cast<int32_t>(i);
    const auto top = static_cast<std::ptrdiff_t>(std::min<int64_t>(std::max(k, 0), items));
    std::partial_sort(out.begin(), out.begin() + top, out.end(), [scores](int32_t a, int32_t b) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    });
    out.resize(static_cast<size_t>(top));
}

double servingQuantile(std::vector<double> samples, double q) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    return samples[std::min(samples.size() - 1,
                            static_cast<size_t>(q * static_cast<double>(samples.size())))];
}

ServingTiming timeServing(const float* U, int64_t users, const float* V, int64_t items, int64_t dim,
                          int k, int queries, const CancelToken* cancel) {
    ServingTiming t;
    if (users <= 0 || items <= 0 || queries <= 0) return t;
    std::vector<float> scores(static_cast<size_t>(items));
    std::vector<int32_t> out;
    std::vector<double> ms;
    const int64_t n = std::min<int64_t>(queries, users);
    volatile int32_t sink = 0;  // the result is used: the pass cannot be optimised away
    for (int64_t q = 0; q < n; ++q) {
        throwIfCancelled(cancel);
        const float* u = U + (q * users / n) * dim;
        const double s = now();
        bruteForceTopK(V, items, dim, u, k, scores.data(), out);
        ms.push_back(1000 * (now() - s));
        if (!out.empty()) sink = sink + out[0];
    }
    t.p50Ms = servingQuantile(ms, 0.5);
    t.p99Ms = servingQuantile(ms, 0.99);
    t.queries = static_cast<int>(n);
    return t;
}

bool servesByDotProduct(const std::string& modelName) {
    return modelName == "mf" || modelName == "lightgcn" || modelName == "pop";
}

std::map<std::string, double> servingFigures(const TrainedModel& model, int k, int queries,
                                             const CancelToken* cancel) {
    if (!servesByDotProduct(model.modelName()) || queries <= 0) return {};
    model.prepareForScoring();
    torch::NoGradGuard guard;
    RecModel& rec = *model.impl().model;
    const torch::Tensor U = rec.userRepr(torch::arange(model.numUsers(), torch::kLong))
                                .to(torch::kFloat)
                                .reshape({model.numUsers(), -1})
                                .contiguous();
    const torch::Tensor V = rec.itemRepr(torch::arange(model.numItems(), torch::kLong))
                                .to(torch::kFloat)
                                .reshape({model.numItems(), -1})
                                .contiguous();
    const ServingTiming t = timeServing(U.data_ptr<float>(), U.size(0), V.data_ptr<float>(),
                                        V.size(0), V.size(1), k, queries, cancel);
    return {{"serving_p50_ms", t.p50Ms},
            {"serving_p99_ms", t.p99Ms},
            {"serving_bytes", static_cast<double>(V.numel()) * sizeof(float)}};
}

}  // namespace rd
