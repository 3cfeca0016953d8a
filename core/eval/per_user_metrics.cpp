#include "eval/per_user_metrics.h"

#include <algorithm>
#include <cmath>

#include "data/train_data.h"

namespace rd {

PerUserValues perUserAccuracy(const TopKLists& lists, const TrainingData& data, SplitPart part,
                              const std::vector<int>& ks) {
    PerUserValues out;
    std::vector<int> cuts;
    for (int k : ks)
        if (k >= 1 && k <= lists.k) cuts.push_back(k);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    if (cuts.empty()) return out;
    const int maxK = cuts.back();

    // Rows in ascending user order, so stored vectors of two runs of one split line up.
    std::vector<size_t> rows(lists.size());
    for (size_t r = 0; r < rows.size(); ++r) rows[r] = r;
    std::sort(rows.begin(), rows.end(),
              [&](size_t a, size_t b) { return lists.users[a] < lists.users[b]; });

    std::vector<double> discount(maxK), idcg(maxK + 1, 0.0);
    for (int j = 0; j < maxK; ++j) {
        discount[j] = 1.0 / std::log2(static_cast<double>(j) + 2.0);
        idcg[j + 1] = idcg[j] + discount[j];
    }
    std::vector<std::vector<double>*> ndcg, recall;
    for (int k : cuts) {
        ndcg.push_back(&out.values["NDCG@" + std::to_string(k)]);
        recall.push_back(&out.values["Recall@" + std::to_string(k)]);
    }

    const UserItemMatrix& held = data.heldOut(part);
    std::vector<int32_t> relevant;
    for (size_t r : rows) {
        const int32_t u = lists.users[r];
        if (u < 0 || u >= data.numUsers || held.degree(u) == 0) continue;
        relevant.assign(held.items.begin() + held.begin(u), held.items.begin() + held.end(u));
        std::sort(relevant.begin(), relevant.end());
        const int64_t numHeld = static_cast<int64_t>(relevant.size());
        out.users.push_back(u);
        const int32_t* row = lists.row(r);
        int64_t hits = 0;
        double dcg = 0.0;
        size_t b = 0;
        for (int j = 0; j < maxK && b < cuts.size(); ++j) {
            const int32_t item = row[j];
            if (item >= 0 && std::binary_search(relevant.begin(), relevant.end(), item)) {
                ++hits;
                dcg += discount[j];
            }
            if (j + 1 != cuts[b]) continue;
            const int64_t ideal = std::min<int64_t>(numHeld, cuts[b]);
            ndcg[b]->push_back(dcg / idcg[ideal]);
            recall[b]->push_back(static_cast<double>(hits) / static_cast<double>(numHeld));
            ++b;
        }
    }
    return out;
}

}  // namespace rd
