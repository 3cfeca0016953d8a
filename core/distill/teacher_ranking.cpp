#include "distill/teacher_ranking.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>

#include "data/train_data.h"
#include "models/trained_model_impl.h"

namespace rd {

int32_t TeacherTopM::commonLength() const {
    int32_t n = m;
    for (size_t u = 0; u < valid.size(); ++u)
        if (covered.empty() || covered[u]) n = std::min(n, valid[u]);
    return n;
}

torch::Tensor realEntries(const std::vector<int32_t>& lengths, int32_t k) {
    if (std::all_of(lengths.begin(), lengths.end(), [k](int32_t n) { return n >= k; })) return {};
    return torch::arange(k, torch::kInt).unsqueeze(0) <
           torch::tensor(lengths, torch::kInt).unsqueeze(1);
}

torch::Tensor TeacherTopM::realEntries(int32_t k) const {
    // Users the teacher does not cover have no list; only the covered ones count here.
    return commonLength() >= k ? torch::Tensor() : rd::realEntries(valid, k);
}

TeacherTopM computeTeacherTopM(const TrainedModel& teacher, const TrainingData& data, int32_t m,
                               const std::vector<uint8_t>* allowed, const CancelToken* cancel) {
    const int64_t users = data.numUsers, numItems = data.numItems;
    TeacherTopM out;
    out.m = static_cast<int32_t>(std::min<int64_t>(m, numItems));
    out.items = torch::zeros({users, out.m}, torch::kInt);
    out.scores = torch::zeros({users, out.m}, torch::kFloat);
    out.valid.assign(users, 0);
    if (out.m <= 0) return out;
    teacher.prepareForScoring();
    torch::NoGradGuard guard;
    RecModel& model = *teacher.impl().model;
    if (const auto* covered = model.coveredUsers()) out.covered = *covered;
    int64_t allowedCount = numItems;
    torch::Tensor blocked;
    if (allowed) {
        blocked = torch::zeros({numItems}, torch::kBool);
        auto* b = blocked.data_ptr<bool>();
        for (int64_t i = 0; i < numItems; ++i) b[i] = (*allowed)[i] == 0;
        allowedCount = numItems - blocked.sum().item<int64_t>();
    }
    const float minusInf = -std::numeric_limits<float>::infinity();
    const int64_t chunk = std::max<int64_t>(1, (int64_t{1} << 22) / std::max<int64_t>(1, numItems));
    for (int64_t s = 0; s < users; s += chunk) {
        throwIfCancelled(cancel);
        const int64_t b = std::min(chunk, users - s);
        auto scores = model.scoreAllItems(torch::arange(s, s + b, torch::kLong))
                          .to(torch::kFloat)
                          .contiguous();
        if (blocked.defined()) scores.masked_fill_(blocked.unsqueeze(0), minusInf);
        float* p = scores.data_ptr<float>();
        for (int64_t r = 0; r < b; ++r) {
            const auto u = static_cast<int32_t>(s + r);
            int64_t seen = 0;
            for (int64_t k = data.train.begin(u); k < data.train.end(u); ++k) {
                const int32_t item = data.train.items[k];
                seen += !allowed || (*allowed)[item] != 0;
                p[r * numItems + item] = minusInf;
            }
            out.valid[u] = static_cast<int32_t>(std::min<int64_t>(out.m, allowedCount - seen));
        }
        auto top = scores.topk(out.m, 1, true, true);
        // A row's real entries end at its first -inf (training items, blocked or unlisted ones).
        const auto finite = (std::get<0>(top) > minusInf).sum(1).to(torch::kInt).contiguous();
        for (int64_t r = 0; r < b; ++r)
            out.valid[s + r] = std::min(out.valid[s + r], finite.data_ptr<int32_t>()[r]);
        out.scores.narrow(0, s, b).copy_(std::get<0>(top));
        out.items.narrow(0, s, b).copy_(std::get<1>(top).to(torch::kInt));
    }
    return out;
}

TeacherRepresentations teacherRepresentations(const TrainedModel& teacher,
                                              const TrainingData& data) {
    RecModel& model = *teacher.impl().model;
    if (model.reprDim() <= 0)
        throw std::invalid_argument("teacher '" + teacher.modelName() +
                                    "' has no user/item representations");
    teacher.prepareForScoring();
    torch::NoGradGuard guard;
    TeacherRepresentations out;
    out.users = model.userRepr(torch::arange(int64_t{data.numUsers}, torch::kLong))
                    .to(torch::kFloat)
                    .contiguous();
    out.items = model.itemRepr(torch::arange(int64_t{data.numItems}, torch::kLong))
                    .to(torch::kFloat)
                    .contiguous();
    return out;
}

namespace {

struct CacheEntry {
    std::weak_ptr<TrainedModel> teacher;
    const TrainedModel* key = nullptr;
    std::string datasetHash;
    std::shared_ptr<const TeacherTopM> ranking;
};

}  // namespace

std::shared_ptr<const TeacherTopM> TeacherRanking::get(const std::shared_ptr<TrainedModel>& teacher,
                                                       const TrainingData& data, int32_t m,
                                                       const CancelToken* cancel) {
    static std::mutex mutex;
    static std::vector<CacheEntry> cache;
    std::lock_guard<std::mutex> lock(mutex);
    cache.erase(std::remove_if(cache.begin(), cache.end(),
                               [](const CacheEntry& e) { return e.teacher.expired(); }),
                cache.end());
    for (auto& e : cache) {
        if (e.key != teacher.get() || e.datasetHash != data.datasetHash) continue;
        if (e.ranking->m >= std::min<int64_t>(m, data.numItems)) return e.ranking;
        e.ranking = std::make_shared<const TeacherTopM>(
            computeTeacherTopM(*teacher, data, m, nullptr, cancel));
        return e.ranking;
    }
    auto ranking =
        std::make_shared<const TeacherTopM>(computeTeacherTopM(*teacher, data, m, nullptr, cancel));
    cache.push_back({teacher, teacher.get(), data.datasetHash, ranking});
    return ranking;
}

}  // namespace rd
