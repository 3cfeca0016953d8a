#include "models/embedding_ops.h"

namespace rd {

namespace {

class GatherRows : public torch::autograd::Function<GatherRows> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& table,
                                 const torch::Tensor& ids) {
        const torch::Tensor flat = ids.reshape(-1).contiguous();
        ctx->save_for_backward({flat});
        ctx->saved_data["rows"] = table.size(0);
        ctx->saved_data["leaf"] = table.is_leaf();
        return table.index_select(0, flat);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads) {
        const torch::Tensor flat = ctx->get_saved_variables()[0];
        const torch::Tensor g = grads[0].contiguous();
        const int64_t rows = ctx->saved_data["rows"].toInt(), d = g.size(1), n = flat.size(0);
        if (ctx->saved_data["leaf"].toBool()) {
            // A parameter table gets its gradient as the batch's rows (sparse COO, duplicates not
            // summed): nothing the size of the table is allocated, zeroed or added per step.
            // FusedAdam reads it as it is; AccumulateGrad concatenates several lookups' gradients.
            return {at::_sparse_coo_tensor_unsafe(flat.unsqueeze(0), g, {rows, d}),
                    torch::Tensor()};
        }
        auto out = torch::zeros({rows, d}, g.options());
        const int64_t* idx = flat.data_ptr<int64_t>();
        const float* src = g.data_ptr<float>();
        float* dst = out.data_ptr<float>();
        // Sequential on purpose: the order of additions (and so the result) must not depend on
        // threads.
        for (int64_t r = 0; r < n; ++r) {
            float* row = dst + idx[r] * d;
            const float* in = src + r * d;
#pragma omp simd
            for (int64_t j = 0; j < d; ++j) row[j] += in[j];
        }
        return {out, torch::Tensor()};
    }
};

}  // namespace

torch::Tensor gatherRows(const torch::Tensor& table, const torch::Tensor& ids) {
    auto shape = ids.sizes().vec();
    shape.push_back(table.size(1));
    return GatherRows::apply(table, ids).view(shape);
}

}  // namespace rd

#include <vector>

#include "util/multiversion.h"
#include "util/rng.h"

namespace rd {

namespace {

/** Element j of mask: 0 where the j-th 16 bits of words (the low bits of each word first) are
 *  below threshold, else keep. */
RD_MULTIVERSION
void dropoutMaskFromWords(const uint64_t* __restrict words, float* __restrict mask, int64_t n,
                          uint32_t threshold, float keep) {
#pragma omp simd
    for (int64_t j = 0; j < n; ++j) {
        const auto bits = static_cast<uint32_t>((words[j >> 2] >> ((j & 3) * 16)) & 0xFFFF);
        mask[j] = bits < threshold ? 0.f : keep;
    }
}

}  // namespace

void dropoutMask(uint64_t* words, float* mask, int64_t n, double p, Rng& rng) {
    for (int64_t w = 0; w < (n + 3) / 4; ++w) words[w] = rng.next();
    dropoutMaskFromWords(words, mask, n, static_cast<uint32_t>(p * 65536.0),
                         static_cast<float>(1.0 / (1.0 - p)));
}

torch::Tensor fastDropout(const torch::Tensor& x, double p, bool training, Rng& rng) {
    if (!training || p <= 0) return x;
    auto mask = torch::empty(x.sizes(), x.options().requires_grad(false));
    const int64_t n = mask.numel();
    std::vector<uint64_t> words(static_cast<size_t>((n + 3) / 4));
    dropoutMask(words.data(), mask.data_ptr<float>(), n, p, rng);
    return x * mask;
}

}  // namespace rd
