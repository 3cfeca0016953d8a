#include "eval/sampled_ranking.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "data/train_data.h"
#include "models/trained_model.h"
#include "util/cancel_token.h"
#include "util/rng.h"

namespace rd {

namespace {
constexpr size_t kBlockScores = size_t{1} << 22;  // 16 MB of scores per block
constexpr size_t kMaxBlockUsers = 256;
constexpr uint64_t kDrawSeed = 0x5A5E'C0DE'2018;  // the same draws for every model
}  // namespace

MetricTable sampledRankingMetrics(const TrainedModel& model, const TrainingData& data,
                                  const std::vector<int32_t>& users, SplitPart part, int negatives,
                                  const std::vector<int>& ks, const CancelToken* cancel) {
    MetricTable out;
    if (negatives <= 0 || ks.empty()) return out;
    const UserItemMatrix& held = data.heldOut(part);
    const int32_t n = data.numItems;
    const size_t block = std::max<size_t>(
        1, std::min(kMaxBlockUsers, kBlockScores / static_cast<size_t>(std::max(1, n))));
    std::vector<double> hr(ks.size(), 0.0), ndcg(ks.size(), 0.0);
    std::vector<float> scores;
    std::vector<int32_t> drawn(static_cast<size_t>(negatives));
    size_t counted = 0;
    model.prepareForScoring(part);
    for (size_t s = 0; s < users.size(); s += block) {
        throwIfCancelled(cancel);
        const size_t b = std::min(block, users.size() - s);
        scores.resize(b * static_cast<size_t>(n));
        model.scoreUsers(users.data() + s, b, scores.data());
        for (size_t r = 0; r < b; ++r) {
            const int32_t u = users[s + r];
            if (held.degree(u) == 0) continue;
            const float* row = scores.data() + r * static_cast<size_t>(n);
            Rng rng(Rng::mix(Rng::mix(kDrawSeed, static_cast<uint64_t>(part)),
                             static_cast<uint64_t>(u)));
            for (int32_t& item : drawn) item = data.train.drawAbsent(u, n, rng);
            std::vector<double> userHr(ks.size(), 0.0), userNdcg(ks.size(), 0.0);
            for (int64_t p = held.begin(u); p < held.end(u); ++p) {
                const float target = row[held.items[p]];
                int64_t rank = 0;
                for (int32_t item : drawn) rank += row[item] > target;
                for (size_t k = 0; k < ks.size(); ++k)
                    if (rank < ks[k]) {
                        userHr[k] += 1.0;
                        userNdcg[k] += 1.0 / std::log2(static_cast<double>(rank) + 2.0);
                    }
            }
            const auto m = static_cast<double>(held.degree(u));
            for (size_t k = 0; k < ks.size(); ++k) {
                hr[k] += userHr[k] / m;
                ndcg[k] += userNdcg[k] / m;
            }
            ++counted;
        }
    }
    throwIfCancelled(cancel);
    for (size_t k = 0; k < ks.size(); ++k) {
        const std::string at = "@" + std::to_string(ks[k]);
        out["SampledHR" + at] = counted ? hr[k] / static_cast<double>(counted) : 0.0;
        out["SampledNDCG" + at] = counted ? ndcg[k] / static_cast<double>(counted) : 0.0;
    }
    return out;
}

}  // namespace rd
