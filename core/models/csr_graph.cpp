#include "models/csr_graph.h"

#include <cmath>

#include "data/train_data.h"

namespace rd {

CsrGraph CsrGraph::normalisedBipartite(const TrainingData& d) {
    CsrGraph g;
    const int64_t nu = d.numUsers;
    g.n = nu + d.numItems;
    std::vector<int64_t> itemDeg(d.numItems, 0);
    for (int32_t i : d.train.items) ++itemDeg[i];
    // Item rows: the users of each item, in user order (a transpose by counting).
    std::vector<int64_t> itemStart(static_cast<size_t>(d.numItems) + 1, 0);
    for (int32_t i = 0; i < d.numItems; ++i) itemStart[i + 1] = itemStart[i] + itemDeg[i];
    std::vector<int32_t> itemUsers(d.train.items.size());
    std::vector<int64_t> cursor(itemStart.begin(), itemStart.end() - 1);
    for (int32_t u = 0; u < d.numUsers; ++u)
        for (int64_t p = d.train.begin(u); p < d.train.end(u); ++p)
            itemUsers[cursor[d.train.items[p]]++] = u;

    auto weight = [&](int32_t u, int32_t i) {
        return static_cast<float>(1.0 / std::sqrt(double(d.train.degree(u)) * double(itemDeg[i])));
    };
    g.indptr.reserve(static_cast<size_t>(g.n) + 1);
    g.indptr.push_back(0);
    g.indices.reserve(2 * d.train.items.size());
    g.values.reserve(2 * d.train.items.size());
    for (int32_t u = 0; u < d.numUsers; ++u) {
        for (int64_t p = d.train.begin(u); p < d.train.end(u); ++p) {
            g.indices.push_back(static_cast<int32_t>(nu + d.train.items[p]));
            g.values.push_back(weight(u, d.train.items[p]));
        }
        g.indptr.push_back(static_cast<int64_t>(g.indices.size()));
    }
    for (int32_t i = 0; i < d.numItems; ++i) {
        for (int64_t p = itemStart[i]; p < itemStart[i + 1]; ++p) {
            g.indices.push_back(itemUsers[p]);
            g.values.push_back(weight(itemUsers[p], i));
        }
        g.indptr.push_back(static_cast<int64_t>(g.indices.size()));
    }
    return g;
}

torch::Tensor CsrGraph::multiply(const torch::Tensor& xIn) const {
    const torch::Tensor x = xIn.contiguous();
    const int64_t d = x.size(1);
    auto y = torch::empty({n, d}, x.options());
    const float* xs = x.data_ptr<float>();
    float* ys = y.data_ptr<float>();
#pragma omp parallel for schedule(dynamic, 64)
    for (int64_t r = 0; r < n; ++r) {
        float* out = ys + r * d;
        for (int64_t j = 0; j < d; ++j) out[j] = 0.f;
        for (int64_t k = indptr[r]; k < indptr[r + 1]; ++k) {
            const float w = values[k];
            const float* in = xs + static_cast<int64_t>(indices[k]) * d;
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) out[j] += w * in[j];
        }
    }
    return y;
}

namespace {

class SymmetricSpmm : public torch::autograd::Function<SymmetricSpmm> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 int64_t graph) {
        ctx->saved_data["graph"] = graph;
        return reinterpret_cast<const CsrGraph*>(graph)->multiply(x);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const auto* g = reinterpret_cast<const CsrGraph*>(ctx->saved_data["graph"].toInt());
        return {g->multiply(grads[0]), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor symmetricSpmm(const CsrGraph& graph, const torch::Tensor& x) {
    return SymmetricSpmm::apply(x, reinterpret_cast<int64_t>(&graph));
}

}  // namespace rd
