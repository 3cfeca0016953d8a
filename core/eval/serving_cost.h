#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rd {

class CancelToken;
class TrainedModel;
struct TrainingData;

/**
 * Serving cost as a dot-product model is served: for one user, scores = V · u over every item (a
 * brute-force pass, one thread), then the top k. `bench_latency --serving` and the figures each
 * run records ("serving_p50_ms", "serving_p99_ms", "serving_bytes") both time this one function,
 * so the README's table and the Compare tab's cost columns measure the same thing.
 */
void bruteForceTopK(const float* V, int64_t items, int64_t dim, const float* u, int k,
                    float* scores, std::vector<int32_t>& out);

/** The q-quantile (0.5 = median) of samples, the way the serving figures report them. */
double servingQuantile(std::vector<double> samples, double q);

struct ServingTiming {
    double p50Ms = 0, p99Ms = 0;
    int queries = 0;
};

/**
 * Times bruteForceTopK for `queries` users (rows of U spread evenly over its `users` rows) against
 * the item table V (items × dim, row-major), one query at a time. A set cancel token stops it
 * between two queries (each a few ms even at a million items) with Cancelled.
 */
ServingTiming timeServing(const float* U, int64_t users, const float* V, int64_t items, int64_t dim,
                          int k, int queries, const CancelToken* cancel = nullptr);

/**
 * The serving figures of a trained dot-product model (mf, lightgcn, pop: score = U[u] · V[i], as
 * `recdistill-cli export-model` writes it), timed on its own embeddings for `queries` users:
 * {"serving_p50_ms", "serving_p99_ms", "serving_bytes"} (bytes: the item table as float32, what a
 * server scans per query). Empty for a model that does not score by a dot product (NeuMF, an
 * external teacher), or when queries is 0.
 */
std::map<std::string, double> servingFigures(const TrainedModel& model, int k, int queries,
                                             const CancelToken* cancel = nullptr);

/** Whether servingFigures() measures this model ("mf", "lightgcn", "pop"). */
bool servesByDotProduct(const std::string& modelName);

}  // namespace rd
