#include "models/csr_graph.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/train_data.h"
#include "util/multiversion.h"
#include "util/torch_info.h"
#include "util/work_pool.h"

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
// shape: 40 ms per product with 6 within rows, 17-19 ms with 6-20 across rows). With the row's sum
// in registers, 24 ahead is a little faster than 12 (1 M demo graph, dim 64: 7.1 vs 7.7 ms).
constexpr int64_t kPrefetch = 24;

/** y[r] = scale · (Σ_k A[r, k] x[k] + add[r]) for one row r, summed in acc (d floats) in the order
 *  of the row's nonzeros. live (optional): per row of x, 0 when the row is all zeros, so its
 *  products are skipped (adding w · 0 changes no sum). */
__attribute__((always_inline)) inline void accumulateRow(const int64_t* indptr,
                                                         const int32_t* indices,
                                                         const float* values, const float* x,
                                                         const uint8_t* live, const float* add,
                                                         float scale, int64_t last, int64_t r,
                                                         int64_t d, float* __restrict acc) {
    if (add) {
        const float* a = add + r * d;
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) acc[j] = a[j];
    } else {
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) acc[j] = 0.f;
    }
    const int64_t end = indptr[r + 1];
    for (int64_t k = indptr[r]; k < end; ++k) {
        // The rows are scattered over the table (gathers, not streams): fetch a few ahead, into
        // the next rows of this block too.
        if (k + kPrefetch < last && (!live || live[indices[k + kPrefetch]])) {
            const char* ahead =
                reinterpret_cast<const char*>(x + static_cast<int64_t>(indices[k + kPrefetch]) * d);
            for (int64_t b = 0; b < d * 4; b += 64) __builtin_prefetch(ahead + b);
        }
        if (live && !live[indices[k]]) continue;
        const float w = values[k];
        const float* __restrict in = x + static_cast<int64_t>(indices[k]) * d;
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) acc[j] += w * in[j];
    }
    if (scale != 1.f) {
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) acc[j] *= scale;
    }
}

/** Rows [r0, r1) of y = scale · (A x + add) (add optional), and sum += y when sum is given (see
 *  accumulateRow). D > 0: the row width, known when compiled, so that a row's sum stays in
 *  registers across its nonzeros; D == 0: any width d, the sum kept in y. Both add the same terms
 *  in the same order, so they give the same bits. The build targets plain x86-64; the loader picks
 *  the AVX2 or AVX-512 clone the CPU has. */
template <int D>
RD_MULTIVERSION void spmmRowsOf(const int64_t* indptr, const int32_t* indices, const float* values,
                                const float* x, const uint8_t* live, const float* add, float scale,
                                float* y, float* sum, int64_t d, int64_t r0, int64_t r1) {
    const int64_t last = indptr[r1];
    for (int64_t r = r0; r < r1; ++r) {
        const int64_t width = D > 0 ? D : d;
        float* __restrict out = y + r * width;
        float fixed[D > 0 ? D : 1];
        float* __restrict acc = D > 0 ? fixed : out;
        // Without live rows, a copy with the check gone from the loop over the nonzeros.
        if (live)
            accumulateRow(indptr, indices, values, x, live, add, scale, last, r, width, acc);
        else
            accumulateRow(indptr, indices, values, x, nullptr, add, scale, last, r, width, acc);
        if (D > 0) {
#pragma omp simd
            for (int64_t j = 0; j < width; ++j) out[j] = acc[j];
        }
        if (sum) {
            float* __restrict s = sum + r * width;
#pragma omp simd
            for (int64_t j = 0; j < width; ++j) s[j] += acc[j];
        }
    }
}

/** spmmRowsOf for the row width d: a fixed-width kernel for the usual embedding sizes (the 1 M
 *  demo graph at dim 64: 6.4 ms a product on one core against 16.2 ms with the sum kept in y). */
void spmmRows(const int64_t* indptr, const int32_t* indices, const float* values, const float* x,
              const uint8_t* live, const float* add, float scale, float* y, float* sum, int64_t d,
              int64_t r0, int64_t r1) {
    auto* kernel = d == 8     ? &spmmRowsOf<8>
                   : d == 16  ? &spmmRowsOf<16>
                   : d == 32  ? &spmmRowsOf<32>
                   : d == 64  ? &spmmRowsOf<64>
                   : d == 128 ? &spmmRowsOf<128>
                              : &spmmRowsOf<0>;
    kernel(indptr, indices, values, x, live, add, scale, y, sum, d, r0, r1);
}

void spmm(const CsrGraph& g, const float* x, const float* add, float scale, float* y, float* sum,
          int64_t d, const uint8_t* live = nullptr) {
    parallelChunks(g.n, 256, tableThreads(), [&](int64_t r0, int64_t r1) {
        spmmRows(g.indptr.data(), g.indices.data(), g.values.data(), x, live, add, scale, y, sum, d,
                 r0, r1);
    });
}

/** Per row of x [n, d]: 1 when any element is not zero. */
std::vector<uint8_t> nonZeroRows(const float* x, int64_t n, int64_t d) {
    std::vector<uint8_t> live(static_cast<size_t>(n));
    parallelChunks(n, 4096, tableThreads(), [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
            uint8_t any = 0;
            for (int64_t j = 0; j < d; ++j) any |= x[r * d + j] != 0.f;
            live[r] = any;
        }
    });
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

// ---- StepPropagation --------------------------------------------------------------------------

struct StepPropagation::State {
    const CsrGraph* graph = nullptr;
    int64_t layers = 0, numUsers = 0, d = 0;
    float last = 1.f;           // 1 / (layers + 1)
    torch::Tensor partial;      // last · Σ_{l < layers} A^l E0, every row
    torch::Tensor top;          // A^(layers - 1) E0, every row
    torch::Tensor finals;       // the mean at the rows computed so far this step
    std::vector<uint8_t> done;  // per row: finals holds it
    torch::Tensor grad;         // last · (the gradient of the mean), at the rows read
    std::vector<uint8_t> read;  // per row: grad holds a gradient
};

namespace {

struct StateCapsule : torch::CustomClassHolder {
    std::shared_ptr<StepPropagation::State> state;
};

/** Keeps the step's state alive in the autograd node (a Function's forward takes the address of
 *  the caller's shared_ptr). */
std::shared_ptr<StepPropagation::State> keepState(torch::autograd::AutogradContext* ctx,
                                                  int64_t address) {
    auto state = *reinterpret_cast<const std::shared_ptr<StepPropagation::State>*>(address);
    auto capsule = c10::make_intrusive<StateCapsule>();
    capsule->state = state;
    ctx->saved_data["state"] = c10::IValue::make_capsule(std::move(capsule));
    return state;
}

std::shared_ptr<StepPropagation::State> stateOf(torch::autograd::AutogradContext* ctx) {
    const auto capsule = ctx->saved_data["state"].toCapsule();
    return static_cast<StateCapsule*>(capsule.get())->state;
}

/** For each listed row r: out[r] = base[r] + scale · Σ_k A[r, k] x[k], the product row by spmmRows
 *  itself (so a row reads the same as from the whole-graph product). */
void gatherProductRows(const CsrGraph& g, const float* x, const int64_t* rows, int64_t count,
                       const float* base, float scale, float* out, int64_t d) {
    for (int64_t q = 0; q < count; ++q) {
        const int64_t r = rows[q];
        spmmRows(g.indptr.data(), g.indices.data(), g.values.data(), x, nullptr, nullptr, scale,
                 out, nullptr, d, r, r + 1);
        float* __restrict y = out + r * d;
        const float* __restrict b0 = base + r * d;
#pragma omp simd
        for (int64_t j = 0; j < d; ++j) y[j] = b0[j] + y[j];
    }
}

/** Layers 0..L-1 over the whole graph; its output is a token the rows' functions take as input,
 *  so that autograd runs this backward after every one of theirs. */
class PartialPropagation : public torch::autograd::Function<PartialPropagation> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& users,
                                 const torch::Tensor& items, int64_t address) {
        auto state = keepState(ctx, address);
        State& st = *state;
        const CsrGraph& g = *st.graph;
        auto sum = torch::cat({users.detach(), items.detach()}, 0);  // layer 0, the running sum
        auto cur = sum.clone();
        auto next = st.layers > 1 ? torch::empty_like(sum) : torch::Tensor();
        for (int64_t l = 0; l + 1 < st.layers; ++l) {
            spmm(g, cur.data_ptr<float>(), nullptr, 1.f, next.data_ptr<float>(),
                 sum.data_ptr<float>(), st.d);
            std::swap(cur, next);
        }
        st.partial = sum.mul_(st.last);  // as propagateMean scales the sum before the last layer
        st.top = cur;
        return torch::zeros({1}, users.options());
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list) {
        auto state = stateOf(ctx);
        State& st = *state;
        const CsrGraph& g = *st.graph;
        const int64_t n = g.n, d = st.d;
        torch::Tensor h = torch::empty({n, d}, st.partial.options());
        if (!st.grad.defined()) {
            h.zero_();
        } else {
            // h = G + A G: G is zero outside the rows read, so the product gathers those rows
            // alone (a scatter from them, serial, took twice as long on one thread).
            const float* gr = st.grad.data_ptr<float>();
            spmm(g, gr, gr, 1.f, h.data_ptr<float>(), nullptr, d, st.read.data());
            // Then h = G + A h, layers - 1 times.
            if (st.layers > 1) {
                auto other = torch::empty_like(h);
                for (int64_t l = 0; l + 1 < st.layers; ++l) {
                    spmm(g, h.data_ptr<float>(), gr, 1.f, other.data_ptr<float>(), nullptr, d);
                    std::swap(h, other);
                }
            }
        }
        const int64_t nu = st.numUsers;
        return {h.narrow(0, 0, nu), h.narrow(0, nu, n - nu), torch::Tensor()};
    }
    using State = StepPropagation::State;
};

/** The mean at the given rows: partial + last · A top, rows computed once a step. */
class PropagatedRows : public torch::autograd::Function<PropagatedRows> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& token,
                                 const torch::Tensor& ids, int64_t address) {
        (void)token;
        auto state = keepState(ctx, address);
        auto& st = *state;
        const CsrGraph& g = *st.graph;
        const torch::Tensor idx = ids.to(torch::kLong).reshape({-1}).contiguous();
        ctx->save_for_backward({idx});
        const int64_t* id = idx.data_ptr<int64_t>();
        const int64_t k = idx.numel();
        std::vector<int64_t> fresh;
        for (int64_t q = 0; q < k; ++q) {
            const int64_t r = id[q];
            if (r < 0 || r >= g.n) throw std::out_of_range("lightgcn: row out of range");
            if (!st.done[r]) {
                st.done[r] = 1;
                fresh.push_back(r);
            }
        }
        if (!st.finals.defined()) st.finals = torch::empty_like(st.partial);
        const int64_t* fr = fresh.data();
        const float* top = st.top.data_ptr<float>();
        const float* base = st.partial.data_ptr<float>();
        float* out = st.finals.data_ptr<float>();
        parallelChunks(static_cast<int64_t>(fresh.size()), 64, tableThreads(),
                       [&](int64_t a, int64_t b) {
                           gatherProductRows(g, top, fr + a, b - a, base, st.last, out, st.d);
                       });
        return st.finals.index_select(0, idx);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        auto state = stateOf(ctx);
        auto& st = *state;
        const torch::Tensor idx = ctx->get_saved_variables()[0];
        const torch::Tensor g = grads[0].reshape({idx.numel(), st.d}).contiguous();
        if (!st.grad.defined()) st.grad = torch::zeros_like(st.partial);
        const int64_t* id = idx.data_ptr<int64_t>();
        const float* src = g.data_ptr<float>();
        float* dst = st.grad.data_ptr<float>();
        const int64_t d = st.d;
        for (int64_t q = 0; q < idx.numel(); ++q) {
            const int64_t r = id[q];
            st.read[r] = 1;
            // d mean / d partial = 1 and d mean / d top = last · A: keep last · g once.
            for (int64_t j = 0; j < d; ++j) dst[r * d + j] += st.last * src[q * d + j];
        }
        return {torch::zeros({1}, g.options()), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

StepPropagation::StepPropagation() = default;
StepPropagation::~StepPropagation() = default;

void StepPropagation::begin(const CsrGraph& graph, const torch::Tensor& users,
                            const torch::Tensor& items, int layers) {
    if (layers < 1) throw std::invalid_argument("StepPropagation: at least one layer");
    state_ = std::make_shared<State>();
    State& st = *state_;
    st.graph = &graph;
    st.layers = layers;
    st.numUsers = users.size(0);
    st.d = users.size(1);
    st.last = 1.f / static_cast<float>(layers + 1);
    st.done.assign(static_cast<size_t>(graph.n), 0);
    st.read.assign(static_cast<size_t>(graph.n), 0);
    token_ = PartialPropagation::apply(users, items, reinterpret_cast<int64_t>(&state_));
}

torch::Tensor StepPropagation::rows(const torch::Tensor& ids) {
    if (!state_) throw std::logic_error("StepPropagation::rows before begin");
    auto shape = ids.sizes().vec();
    shape.push_back(state_->d);
    return PropagatedRows::apply(token_, ids, reinterpret_cast<int64_t>(&state_)).view(shape);
}

void StepPropagation::clear() {
    token_ = torch::Tensor();
    state_.reset();
}

}  // namespace rd
