#include "models/csr_graph.h"

#include <algorithm>
#include <cmath>

#include "data/train_data.h"
#include "util/multiversion.h"
#include "util/torch_info.h"

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

namespace {

// Gathers ahead, counted in nonzeros across row boundaries: most rows have a few dozen nonzeros,
// and a lookahead that stopped at each row's end left a row's first gathers unprefetched (one epoch
// of 3-layer LightGCN at 1 M interactions spent 73 % in this kernel; a synthetic graph of that
// shape: 40 ms per product with 6 within rows, 17-19 ms with 6-20 across rows).
constexpr int64_t kPrefetch = 12;

/** Rows [r0, r1) of y = scale · (A x + add) (add optional), and sum += y when sum is given. live
 *  (optional): per row of x, 0 when the row is all zeros, so its products are skipped (adding w · 0
 *  changes no sum). The build targets plain x86-64; the loader picks the AVX2 or AVX-512 clone the
 *  CPU has. */
RD_MULTIVERSION
void spmmRows(const int64_t* indptr, const int32_t* indices, const float* values, const float* x,
              const uint8_t* live, const float* add, float scale, float* y, float* sum, int64_t d,
              int64_t r0, int64_t r1) {
    const int64_t last = indptr[r1];
    for (int64_t r = r0; r < r1; ++r) {
        float* __restrict out = y + r * d;
        if (add) {
            const float* a = add + r * d;
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) out[j] = a[j];
        } else {
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) out[j] = 0.f;
        }
        const int64_t end = indptr[r + 1];
        for (int64_t k = indptr[r]; k < end; ++k) {
            // The rows are scattered over the table (gathers, not streams): fetch a few ahead,
            // into the next rows of this block too.
            if (k + kPrefetch < last && (!live || live[indices[k + kPrefetch]])) {
                const char* ahead = reinterpret_cast<const char*>(
                    x + static_cast<int64_t>(indices[k + kPrefetch]) * d);
                for (int64_t b = 0; b < d * 4; b += 64) __builtin_prefetch(ahead + b);
            }
            if (live && !live[indices[k]]) continue;
            const float w = values[k];
            const float* __restrict in = x + static_cast<int64_t>(indices[k]) * d;
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) out[j] += w * in[j];
        }
        if (scale != 1.f) {
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) out[j] *= scale;
        }
        if (sum) {
            float* __restrict s = sum + r * d;
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) s[j] += out[j];
        }
    }
}

void spmm(const CsrGraph& g, const float* x, const float* add, float scale, float* y, float* sum,
          int64_t d, const uint8_t* live = nullptr) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(tableThreads())
    for (int64_t r0 = 0; r0 < g.n; r0 += 256)
        spmmRows(g.indptr.data(), g.indices.data(), g.values.data(), x, live, add, scale, y, sum, d,
                 r0, std::min(g.n, r0 + 256));
}

/** Per row of x [n, d]: 1 when any element is not zero. */
std::vector<uint8_t> nonZeroRows(const float* x, int64_t n, int64_t d) {
    std::vector<uint8_t> live(static_cast<size_t>(n));
#pragma omp parallel for schedule(static) num_threads(tableThreads())
    for (int64_t r = 0; r < n; ++r) {
        uint8_t any = 0;
        for (int64_t j = 0; j < d; ++j) any |= x[r * d + j] != 0.f;
        live[r] = any;
    }
    return live;
}

}  // namespace

torch::Tensor CsrGraph::multiply(const torch::Tensor& xIn) const {
    const torch::Tensor x = xIn.contiguous();
    const int64_t d = x.size(1);
    auto y = torch::empty({n, d}, x.options());
    spmm(*this, x.data_ptr<float>(), nullptr, 1.f, y.data_ptr<float>(), nullptr, d);
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

namespace {

class PropagateMean : public torch::autograd::Function<PropagateMean> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& users,
                                 const torch::Tensor& items, int64_t graph, int64_t layers) {
        const auto* g = reinterpret_cast<const CsrGraph*>(graph);
        ctx->saved_data["graph"] = graph;
        ctx->saved_data["layers"] = layers;
        ctx->saved_data["users"] = users.size(0);
        const int64_t d = users.size(1);
        auto sum = torch::cat({users, items}, 0);  // layer 0, and the running sum
        if (layers == 0) return sum;
        auto cur = sum.clone(), next = torch::empty_like(sum);
        const float last = 1.f / static_cast<float>(layers + 1);
        for (int64_t l = 0; l < layers; ++l) {
            // The last layer is added already scaled: then sum * last is the mean.
            if (l + 1 == layers) sum.mul_(last);
            spmm(*g, cur.data_ptr<float>(), nullptr, l + 1 == layers ? last : 1.f,
                 next.data_ptr<float>(), sum.data_ptr<float>(), d);
            std::swap(cur, next);
        }
        return sum;
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const auto* g = reinterpret_cast<const CsrGraph*>(ctx->saved_data["graph"].toInt());
        const int64_t layers = ctx->saved_data["layers"].toInt();
        const int64_t nu = ctx->saved_data["users"].toInt();
        const torch::Tensor top = grads[0].contiguous();
        const int64_t d = top.size(1);
        const float scale = 1.f / static_cast<float>(layers + 1);
        torch::Tensor h;
        if (layers == 0) {
            h = top;
        } else {
            // h = top + A h, layers times from h = top; the last pass also divides by layers + 1.
            h = torch::empty_like(top);
            auto other = torch::empty_like(top);
            const float* prev = top.data_ptr<float>();
            // The loss reads the batch's rows only, so top is zero in most rows: the first product
            // gathers the others alone.
            const std::vector<uint8_t> live = nonZeroRows(prev, top.size(0), d);
            for (int64_t l = 0; l < layers; ++l) {
                float* out = (l % 2 == 0 ? h : other).data_ptr<float>();
                spmm(*g, prev, top.data_ptr<float>(), l + 1 == layers ? scale : 1.f, out, nullptr,
                     d, l == 0 ? live.data() : nullptr);
                prev = out;
            }
            if (layers % 2 == 0) h = other;
        }
        return {h.narrow(0, 0, nu), h.narrow(0, nu, h.size(0) - nu), torch::Tensor(),
                torch::Tensor()};
    }
};

}  // namespace

torch::Tensor propagateMean(const CsrGraph& graph, const torch::Tensor& users,
                            const torch::Tensor& items, int layers) {
    return PropagateMean::apply(users, items, reinterpret_cast<int64_t>(&graph),
                                static_cast<int64_t>(layers));
}

}  // namespace rd
