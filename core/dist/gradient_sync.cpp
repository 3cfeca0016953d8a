#include "dist/gradient_sync.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "dist/data_parallel_impl.h"

namespace rd {

namespace {

enum Code : int64_t { kNone = 0, kRowSparse = 1, kDense = 2 };

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::string hex(uint64_t v) {
    char b[24];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

}  // namespace

GradientSync::GradientSync(DataParallel& dp, std::vector<torch::Tensor> params)
    : dp_(dp), params_(std::move(params)) {
    const DataParallelStats& s = dp_.stats();
    steps0_ = s.steps;
    bytes0_ = s.gradientBytes;
    checks0_ = s.checks;
    seconds0_ = s.exchangeSeconds;
}

std::string GradientSync::summary() const {
    const DataParallelStats& s = dp_.stats();
    const int64_t steps = s.steps - steps0_;
    const bool sparse = dp_.options().sync == DataParallelOptions::Sync::RowSparse;
    char line[320];
    std::snprintf(line, sizeof line,
                  "data-parallel over %d ranks: %lld steps, %s gradient exchange %.0f bytes a "
                  "step from each rank, %.2f ms a step, %lld replica checks equal",
                  dp_.worldSize(), static_cast<long long>(steps), sparse ? "row-sparse" : "dense",
                  steps ? double(s.gradientBytes - bytes0_) / double(steps) : 0.0,
                  steps ? 1000.0 * (s.exchangeSeconds - seconds0_) / double(steps) : 0.0,
                  static_cast<long long>(s.checks - checks0_));
    return line;
}

void GradientSync::combine(double weight) {
    const double t0 = now();
    torch::NoGradGuard guard;
    DataParallel::Impl& g = dp_.impl();
    const int64_t P = static_cast<int64_t>(params_.size());
    const int W = g.env.worldSize;
    const bool rowSparse = g.options.sync == DataParallelOptions::Sync::RowSparse;
    int64_t bytes = 0;

    // Each rank says, per parameter, what gradient it holds and how many distinct rows.
    std::vector<torch::Tensor> local(static_cast<size_t>(P));
    torch::Tensor meta = torch::zeros({2 * P}, torch::kLong);
    int64_t* m = meta.data_ptr<int64_t>();
    for (int64_t j = 0; j < P; ++j) {
        const torch::Tensor& grad = params_[j].grad();
        if (!grad.defined()) continue;
        if (grad.is_sparse() && rowSparse) {
            local[j] = grad.coalesce();
            m[j] = kRowSparse;
            m[P + j] = local[j]._nnz();
        } else {
            m[j] = kDense;
        }
    }
    const std::vector<torch::Tensor> metas = g.allgather(meta, "the gradient layout exchange");
    bytes += meta.numel() * 8;
    std::vector<int64_t> kind(P, kNone), maxRows(P, 0);
    for (int r = 0; r < W; ++r) {
        const int64_t* mr = metas[r].data_ptr<int64_t>();
        for (int64_t j = 0; j < P; ++j) {
            kind[j] = std::max(kind[j], mr[j]);
            maxRows[j] = std::max(maxRows[j], mr[P + j]);
        }
    }

    // Dense: one all-reduce over all of them (a rank without the gradient adds zeros).
    int64_t denseElements = 0;
    for (int64_t j = 0; j < P; ++j)
        if (kind[j] == kDense) denseElements += params_[j].numel();
    if (denseElements > 0) {
        if (!denseBuf_.defined() || denseBuf_.numel() != denseElements)
            denseBuf_ = torch::empty({denseElements}, torch::kFloat);
        denseBuf_.zero_();
        int64_t off = 0;
        for (int64_t j = 0; j < P; ++j) {
            if (kind[j] != kDense) continue;
            const int64_t n = params_[j].numel();
            const torch::Tensor& grad = params_[j].grad();
            if (grad.defined())
                denseBuf_.narrow(0, off, n).copy_(
                    (grad.is_sparse() ? grad.to_dense() : grad).reshape({n}));
            off += n;
        }
        denseBuf_.mul_(weight);
        g.allreduce(denseBuf_, c10d::ReduceOp::SUM, "the dense gradient all-reduce");
        bytes += denseElements * 4;
        off = 0;
        for (int64_t j = 0; j < P; ++j) {
            if (kind[j] != kDense) continue;
            const int64_t n = params_[j].numel();
            params_[j].mutable_grad() = denseBuf_.narrow(0, off, n).view(params_[j].sizes());
            off += n;
        }
    }

    // Row-sparse: every rank's rows (padded to the largest count) gathered, then the same
    // concatenation in rank order on every rank.
    int64_t idRows = 0, valueFloats = 0;
    std::vector<int64_t> idOff(P, 0), valOff(P, 0), rowWidth(P, 0);
    for (int64_t j = 0; j < P; ++j) {
        if (kind[j] != kRowSparse) continue;
        rowWidth[j] = params_[j].numel() / std::max<int64_t>(1, params_[j].size(0));
        idOff[j] = idRows;
        valOff[j] = valueFloats;
        idRows += maxRows[j];
        valueFloats += maxRows[j] * rowWidth[j];
    }
    if (idRows > 0) {
        // One all-gather of bytes: the row ids (int64), then the rows (float).
        torch::Tensor packed = torch::zeros({idRows * 8 + valueFloats * 4}, torch::kByte);
        const auto idsOf = [&](const torch::Tensor& bytes) {
            return bytes.narrow(0, 0, idRows * 8).view(torch::kLong);
        };
        const auto valsOf = [&](const torch::Tensor& bytes) {
            return bytes.narrow(0, idRows * 8, valueFloats * 4).view(torch::kFloat);
        };
        torch::Tensor ids = idsOf(packed), vals = valsOf(packed);
        for (int64_t j = 0; j < P; ++j) {
            if (kind[j] != kRowSparse || !local[j].defined()) continue;
            const int64_t nnz = local[j]._nnz();
            ids.narrow(0, idOff[j], nnz).copy_(local[j]._indices()[0]);
            vals.narrow(0, valOff[j], nnz * rowWidth[j])
                .copy_(local[j]._values().reshape({nnz * rowWidth[j]}));
        }
        vals.mul_(weight);
        const std::vector<torch::Tensor> all = g.allgather(packed, "the row all-gather");
        bytes += packed.numel();
        for (int64_t j = 0; j < P; ++j) {
            if (kind[j] != kRowSparse) continue;
            std::vector<torch::Tensor> idParts, valParts;
            for (int r = 0; r < W; ++r) {
                const int64_t rows = metas[r].data_ptr<int64_t>()[P + j];
                if (rows == 0) continue;
                idParts.push_back(idsOf(all[r]).narrow(0, idOff[j], rows));
                valParts.push_back(valsOf(all[r]).narrow(0, valOff[j], rows * rowWidth[j]));
            }
            std::vector<int64_t> shape = params_[j].sizes().vec();
            const torch::Tensor rowIds = torch::cat(idParts).view({1, -1});
            shape[0] = rowIds.size(1);
            params_[j].mutable_grad() = at::_sparse_coo_tensor_unsafe(
                rowIds, torch::cat(valParts).view(shape), params_[j].sizes());
        }
    }
    for (int64_t j = 0; j < P; ++j)
        if (kind[j] == kNone) params_[j].mutable_grad() = torch::Tensor();
    g.stats.gradientBytes += bytes;
    g.stats.exchangeSeconds += now() - t0;
}

void GradientSync::afterStep() {
    DataParallel::Impl& g = dp_.impl();
    ++g.stats.steps;
    if (g.options.checkEvery > 0 && g.stats.steps % g.options.checkEvery == 0) checkReplicas();
}

uint64_t GradientSync::checksum(const std::vector<torch::Tensor>& params) {
    // FNV-1a over 32-bit words: any differing bit of any parameter changes it.
    uint64_t h = 1469598103934665603ULL;
    for (const auto& p : params) {
        const torch::Tensor c = p.detach().contiguous();
        const auto* w = static_cast<const uint32_t*>(c.data_ptr());
        const int64_t n = c.numel() * static_cast<int64_t>(c.element_size()) / 4;
        for (int64_t k = 0; k < n; ++k) h = (h ^ w[k]) * 1099511628211ULL;
    }
    return h;
}

void GradientSync::checkReplicas() {
    DataParallel::Impl& g = dp_.impl();
    const uint64_t mine = checksum(params_);
    torch::Tensor t = torch::empty({1}, torch::kLong);
    std::memcpy(t.data_ptr<int64_t>(), &mine, 8);
    const std::vector<torch::Tensor> all = g.allgather(t, "the replica checksum");
    uint64_t first;
    std::memcpy(&first, all[0].data_ptr<int64_t>(), 8);
    for (int r = 1; r < g.env.worldSize; ++r) {
        uint64_t other;
        std::memcpy(&other, all[r].data_ptr<int64_t>(), 8);
        if (other != first)
            throw std::runtime_error("data-parallel: the replicas differ after step " +
                                     std::to_string(g.stats.steps) + ": rank " + std::to_string(r) +
                                     "'s parameter checksum " + hex(other) + " is not rank 0's " +
                                     hex(first));
    }
    ++g.stats.checks;
}

void GradientSync::reduceEpoch(std::vector<std::pair<std::string, double>>& sums,
                               int64_t& batches) {
    DataParallel::Impl& g = dp_.impl();
    torch::Tensor meta = torch::tensor({static_cast<int64_t>(sums.size()), batches}, torch::kLong);
    g.allreduce(meta, c10d::ReduceOp::MAX, "the epoch's loss layout");
    const int64_t terms = meta.data_ptr<int64_t>()[0];
    torch::Tensor t = torch::zeros({terms + 1}, torch::kDouble);
    double* v = t.data_ptr<double>();
    for (size_t k = 0; k < sums.size(); ++k) v[k] = sums[k].second;
    v[terms] = static_cast<double>(batches);
    g.allreduce(t, c10d::ReduceOp::SUM, "the epoch's losses");
    while (static_cast<int64_t>(sums.size()) < terms)
        sums.emplace_back("loss " + std::to_string(sums.size()), 0.0);
    for (int64_t k = 0; k < terms; ++k) sums[k].second = v[k];
    batches = static_cast<int64_t>(std::llround(v[terms]));
}

std::pair<double, bool> GradientSync::shareValidation(double score, bool cancelled) {
    torch::Tensor t = torch::tensor({score, cancelled ? 1.0 : 0.0}, torch::kDouble);
    dp_.impl().broadcast(t, 0, "sharing rank 0's validation");
    return {t.data_ptr<double>()[0], t.data_ptr<double>()[1] != 0.0};
}

bool GradientSync::reduceValidation(std::map<std::string, double>& metrics, bool cancelled) {
    torch::Tensor flag = torch::tensor({cancelled ? 1.0 : 0.0}, torch::kDouble);
    dp_.impl().allreduce(flag, c10d::ReduceOp::MAX, "agreeing on the sharded validation");
    if (flag.item<double>() != 0.0) return true;
    // Every rank computed the same names (the same ks); the times stay each rank's own.
    const auto users = metrics.find("eval_users");
    const double n = users == metrics.end() ? 0.0 : users->second;
    std::vector<std::string> names;
    std::vector<double> sums;
    for (const auto& [name, value] : metrics) {
        if (name == "eval_users" || name == "eval_seconds") continue;
        names.push_back(name);
        sums.push_back(n > 0 ? value * n : 0.0);
    }
    sums.push_back(n);
    torch::Tensor t = torch::tensor(sums, torch::kDouble);
    dp_.impl().allreduce(t, c10d::ReduceOp::SUM, "summing the sharded validation");
    const double* all = t.data_ptr<double>();
    const double total = all[names.size()];
    for (size_t k = 0; k < names.size(); ++k) metrics[names[k]] = total > 0 ? all[k] / total : 0;
    metrics["eval_users"] = total;
    return false;
}

}  // namespace rd
