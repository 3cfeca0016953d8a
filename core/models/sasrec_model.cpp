// `sasrec`: self-attentive sequential recommendation (Kang & McAuley, ICDM 2018), with the
// defaults and blocks of pmixer/SASRec.pytorch (a PyTorch port of the authors' TensorFlow code, the
// reference RecDistill is checked against).

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/tr_noop.h"
#include "data/train_data.h"
#include "models/causal_softmax.h"
#include "models/embedding_ops.h"
#include "models/model_factory.h"
#include "util/rng.h"

namespace rd {

namespace {

/** Item ids in the sequence tensors are shifted by one: row 0 of the item table is the padding. */
constexpr int64_t kPad = 0;

class SasRecModel : public RecModel {
public:
    SasRecModel(const nlohmann::json& p, const TrainingData& data)
        : dim_(p["dim"].get<int64_t>()),
          layers_(p["layers"].get<int64_t>()),
          heads_(p["heads"].get<int64_t>()),
          inner_(p["inner_size"].get<int64_t>() > 0 ? p["inner_size"].get<int64_t>() : dim_),
          maxLen_(p["max_len"].get<int64_t>()),
          dropout_(p["dropout"].get<double>()),
          crossEntropy_(p["loss"].get<std::string>() == "ce"),
          normFirst_(p["norm"].get<std::string>() == "pre"),
          maskPadding_(p["padding"].get<std::string>() == "masked"),
          numItems_(data.numItems),
          numUsers_(data.numUsers),
          train_(data.trainSequences),
          testHistory_(data.testHistories),
          trainItems_(data.train) {
        if (!data.hasSequences())
            throw std::invalid_argument(
                "sasrec is a sequential model: it needs each user's history in time order, but "
                "this data set has no timestamps; choose a data set with timestamps (e.g. "
                "MovieLens, or the demo with sequential=1)");
        if (dim_ % heads_ != 0)
            throw std::invalid_argument("model.dim: " + std::to_string(dim_) +
                                        " is not a multiple of model.heads (" +
                                        std::to_string(heads_) + ")");
        items_ = register_parameter("item_embedding", torch::empty({numItems_ + 1, dim_}));
        positions_ = register_parameter("position_embedding", torch::empty({maxLen_ + 1, dim_}));
        for (int64_t l = 0; l < layers_; ++l) {
            const std::string n = std::to_string(l);
            Block b;
            b.inProj = register_module("attention_in_" + n, torch::nn::Linear(dim_, 3 * dim_));
            b.outProj = register_module("attention_out_" + n, torch::nn::Linear(dim_, dim_));
            b.attentionNorm = register_module(
                "attention_norm_" + n,
                torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim_}).eps(1e-8)));
            b.forward1 = register_module("forward_1_" + n, torch::nn::Linear(dim_, inner_));
            b.forward2 = register_module("forward_2_" + n, torch::nn::Linear(inner_, dim_));
            b.forwardNorm = register_module(
                "forward_norm_" + n,
                torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim_}).eps(1e-8)));
            blocks_.push_back(b);
        }
        lastNorm_ = register_module(
            "last_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim_}).eps(1e-8)));
        // As the reference: Xavier normal for every matrix (embeddings, projections, the
        // feed-forward's kernel-1 convolutions), the attention's biases zero (torch's
        // MultiheadAttention), the feed-forward's biases as torch's default, layer norms 1 and 0,
        // the padding rows zero.
        torch::NoGradGuard g;
        for (auto& param : parameters())
            if (param.dim() >= 2) torch::nn::init::xavier_normal_(param);
        for (Block& b : blocks_) {
            b.inProj->bias.zero_();
            b.outProj->bias.zero_();
        }
        items_[kPad].zero_();
        positions_[kPad].zero_();
    }

    bool sequential() const override { return true; }
    void setScoringPart(SplitPart part) override { part_ = part; }

    std::vector<NamedLoss> baseLoss(const Batch& batch) override {
        const torch::Tensor users = batch.users.contiguous();
        const int64_t b = users.size(0);
        torch::Tensor seq = torch::zeros({b, maxLen_}, torch::kLong);
        torch::Tensor pos = torch::zeros({b, maxLen_}, torch::kLong);
        torch::Tensor neg = torch::zeros({b, maxLen_}, torch::kLong);
        int64_t* ps = seq.data_ptr<int64_t>();
        int64_t* pp = pos.data_ptr<int64_t>();
        int64_t* pn = neg.data_ptr<int64_t>();
        const int64_t* pu = users.data_ptr<int64_t>();
        for (int64_t r = 0; r < b; ++r) {
            // The reference's sampler: inputs are the history but its last item, each position's
            // target the next item, one negative per position from the items the user has not
            // trained on; right-aligned, the most recent maxLen kept.
            const auto u = static_cast<int32_t>(pu[r]);
            const int32_t* history = train_.items.data() + train_.begin(u);
            const int64_t n = train_.length(u);
            fillRecent(history, n - 1, ps + r * maxLen_);
            fillRecent(history + 1, n - 1, pp + r * maxLen_);
            for (int64_t slot = maxLen_ - 1; slot >= 0 && pp[r * maxLen_ + slot] != kPad; --slot)
                pn[r * maxLen_ + slot] = trainItems_.drawAbsent(u, numItems_, rng_) + 1;
        }
        // The encodings and targets of every position with a target. With masked padding the
        // batch is encoded in groups of rows of similar length, each only as wide as its longest
        // history: padding changes nothing there, so the groups give what one full-width pass
        // gives, with less work.
        std::vector<torch::Tensor> inputs, valids, targets, negatives;
        const std::vector<Group> groups = lengthGroups(pos, kTrainGroupRows);
        for (const Group& g : groups) {
            const torch::Tensor p = g.of(pos);
            valids.push_back(p.ne(kPad));
            inputs.push_back(g.of(seq));
            targets.push_back(p.index({valids.back()}));
            negatives.push_back(g.of(neg).index({valids.back()}));
        }
        const torch::Tensor target = targets.size() == 1 ? targets[0] : torch::cat(targets);
        const torch::Tensor negative = negatives.size() == 1 ? negatives[0] : torch::cat(negatives);
        // One lookup of the item table for the whole step (inputs, targets, negatives): each
        // lookup adds a sparse gradient, and adding k of them costs k² / 2 of their size.
        std::vector<torch::Tensor> extra;
        if (!crossEntropy_) extra = {target, negative};
        const std::vector<torch::Tensor> encoded = encodeGroups(inputs, extra);
        std::vector<torch::Tensor> feats;
        for (size_t g = 0; g < inputs.size(); ++g) feats.push_back(encoded[g].index({valids[g]}));
        const torch::Tensor f = feats.size() == 1 ? feats[0] : torch::cat(feats);  // [positions, d]
        if (crossEntropy_) {
            // Full softmax over every item at every position (RecBole's choice).
            const torch::Tensor logits = torch::mm(f, items_.narrow(0, 1, numItems_).t());
            return {{"ce", torch::nn::functional::cross_entropy(logits, target - 1)}};
        }
        const torch::Tensor posLogits = (f * encoded[inputs.size()]).sum(-1);
        const torch::Tensor negLogits = (f * encoded[inputs.size() + 1]).sum(-1);
        // BCEWithLogits with label 1 on the positives and 0 on the negatives, each a mean.
        return {{"bce", torch::nn::functional::softplus(-posLogits).mean() +
                            torch::nn::functional::softplus(negLogits).mean()}};
    }

    void beginBatch() override { batchRepr_ = torch::Tensor(), batchUsers_.clear(); }

    /** The encoding after each user's whole training history: what the user's scores (and a
     *  distillation method's user representation) come from while training. */
    torch::Tensor userRepr(const torch::Tensor& users) override {
        // Each distinct user's history is encoded once per call and shared by its repeats: a
        // method may ask for the same users many times over (DCD's item side names every item's
        // top-500 users; encoding each repeat took 24 GB on the SASRec quick demo).
        const auto [distinct, inverse] = at::_unique(users.reshape({-1}), true, true);
        std::vector<int64_t> ids(distinct.data_ptr<int64_t>(),
                                 distinct.data_ptr<int64_t>() + distinct.numel());
        torch::Tensor encoded;
        if (is_training()) {
            // One forward per step for every representation asked of the batch's users.
            if (!batchRepr_.defined() || ids != batchUsers_) {
                batchUsers_ = ids;
                batchRepr_ = encodeHistories(ids.data(), ids.size(), train_);
            }
            encoded = batchRepr_;
        } else {
            // Blocks of users, so that the attention's memory stays bounded.
            std::vector<torch::Tensor> blocks;
            const size_t block = kEvalBlock;
            for (size_t s = 0; s < ids.size(); s += block)
                blocks.push_back(
                    encodeHistories(ids.data() + s, std::min(block, ids.size() - s), train_));
            encoded = blocks.size() == 1 ? blocks[0] : torch::cat(blocks);
        }
        torch::Tensor out = encoded.index_select(0, inverse);
        std::vector<int64_t> shape(users.sizes().begin(), users.sizes().end());
        shape.push_back(dim_);
        return out.view(shape);
    }
    torch::Tensor itemRepr(const torch::Tensor& items) override {
        return gatherRows(items_, items + 1);
    }
    int64_t reprDim() const override { return dim_; }

    torch::Tensor scorePairs(const torch::Tensor& u, const torch::Tensor& i) override {
        return (userRepr(u) * itemRepr(i)).sum(-1);
    }
    torch::Tensor scoreAllItems(const torch::Tensor& u) override {
        return torch::mm(encoded_.index_select(0, u), itemTable_.t());
    }
    void scoreAllItemsInto(const torch::Tensor& u, float* out) override {
        auto target = torch::from_blob(out, {u.size(0), numItems_});
        torch::mm_out(target, encoded_.index_select(0, u), itemTable_.t());
    }
    /** Every user's history before the part being ranked, encoded once (blocks of users). */
    void beginEval() override {
        torch::NoGradGuard g;
        const UserSequences& history = part_ == SplitPart::Test ? testHistory_ : train_;
        encoded_ = torch::empty({numUsers_, dim_});
        std::vector<int64_t> ids;
        for (int32_t s = 0; s < numUsers_; s += kEvalBlock) {
            const int32_t e = std::min<int32_t>(numUsers_, s + kEvalBlock);
            ids.resize(static_cast<size_t>(e - s));
            for (int32_t u = s; u < e; ++u) ids[u - s] = u;
            encoded_.narrow(0, s, e - s).copy_(encodeHistories(ids.data(), ids.size(), history));
        }
        itemTable_ = items_.narrow(0, 1, numItems_).contiguous();
    }
    void endEval() override { encoded_ = itemTable_ = torch::Tensor(); }

private:
    struct Block {
        torch::nn::Linear inProj{nullptr}, outProj{nullptr}, forward1{nullptr}, forward2{nullptr};
        torch::nn::LayerNorm attentionNorm{nullptr}, forwardNorm{nullptr};
    };
    static constexpr int32_t kEvalBlock = 256;
    /** Rows per group of similar length when padding is masked (training, evaluation). */
    static constexpr int64_t kTrainGroupRows = 16, kEvalGroupRows = 32;

    /** The output at the last position for each user's most recent maxLen items of history. */
    torch::Tensor encodeHistories(const int64_t* users, size_t n, const UserSequences& history) {
        torch::Tensor seq = torch::zeros({static_cast<int64_t>(n), maxLen_}, torch::kLong);
        int64_t* ps = seq.data_ptr<int64_t>();
        for (size_t r = 0; r < n; ++r) {
            const auto u = static_cast<int32_t>(users[r]);
            fillRecent(history.items.data() + history.begin(u), history.length(u),
                       ps + static_cast<int64_t>(r) * maxLen_);
        }
        const std::vector<Group> groups = lengthGroups(seq, kEvalGroupRows);
        std::vector<torch::Tensor> inputs;
        for (const Group& g : groups) inputs.push_back(g.of(seq));
        std::vector<torch::Tensor> outputs = encodeGroups(inputs);
        for (torch::Tensor& o : outputs) o = o.select(1, o.size(1) - 1);
        if (groups.size() == 1) return outputs[0];
        // Back into the users' order: group g's rows are order[g·R, …).
        std::vector<torch::Tensor> order;
        for (const Group& g : groups) order.push_back(g.rows);
        return torch::cat(outputs).index_select(0, torch::argsort(torch::cat(order)));
    }

    /** Rows of a batch encoded together, and the last `width` of their maxLen slots. */
    struct Group {
        torch::Tensor rows;  ///< undefined: every row, in order
        int64_t width, maxLen;
        /** t [B, maxLen] → the group's rows and slots. */
        torch::Tensor of(const torch::Tensor& t) const {
            return (rows.defined() ? t.index_select(0, rows) : t).narrow(1, maxLen - width, width);
        }
    };

    /** ids [B, maxLen] (right-aligned, 0 = padding) as groups: every row at the full width while
     *  padding is attended (it changes the result), else groups of up to `rows` rows by length,
     *  each as wide as its longest history (at least 1: an empty one still gives an output). */
    std::vector<Group> lengthGroups(const torch::Tensor& ids, int64_t rows) const {
        if (!maskPadding_) return {{torch::Tensor(), maxLen_, maxLen_}};
        const torch::Tensor lengths = ids.ne(kPad).sum(1);
        auto width = [](const torch::Tensor& l) {
            return std::max<int64_t>(1, l.max().item<int64_t>());
        };
        const int64_t b = ids.size(0);
        if (b <= rows) return {{torch::Tensor(), width(lengths), maxLen_}};
        const torch::Tensor order = torch::argsort(lengths);
        std::vector<Group> groups;
        for (int64_t s = 0; s < b; s += rows) {
            const torch::Tensor r = order.narrow(0, s, std::min(rows, b - s));
            groups.push_back({r, width(lengths.index_select(0, r)), maxLen_});
        }
        return groups;
    }

    /** The most recent min(n, maxLen) of items[0, n) into row's maxLen slots, right-aligned and
     *  shifted by one (row's other slots stay 0, the padding). */
    void fillRecent(const int32_t* items, int64_t n, int64_t* row) const {
        for (int64_t k = n - 1, slot = maxLen_ - 1; k >= 0 && slot >= 0; --k, --slot)
            row[slot] = items[k] + 1;
    }

    /** encode() of each of seqs, their items looked up at once; the item rows of each tensor
     *  of extra ids are appended to the outputs ([n, dim] each). */
    std::vector<torch::Tensor> encodeGroups(const std::vector<torch::Tensor>& seqs,
                                            const std::vector<torch::Tensor>& extra = {}) {
        std::vector<torch::Tensor> ids;
        for (const torch::Tensor& s : seqs) ids.push_back(s.reshape({-1}));
        for (const torch::Tensor& e : extra) ids.push_back(e.reshape({-1}));
        const torch::Tensor rows = gatherRows(items_, ids.size() == 1 ? ids[0] : torch::cat(ids));
        if (ids.size() == 1)
            return {encode(seqs[0], rows.view({seqs[0].size(0), seqs[0].size(1), dim_}))};
        // Split (not narrowed): the pieces' gradients are concatenated once, where each narrow's
        // would be a zeroed tensor of every row, added up.
        std::vector<int64_t> sizes;
        for (const torch::Tensor& i : ids) sizes.push_back(i.size(0));
        std::vector<torch::Tensor> out = torch::split_with_sizes(rows, sizes);
        for (size_t k = 0; k < seqs.size(); ++k)
            out[k] = encode(seqs[k], out[k].view({seqs[k].size(0), seqs[k].size(1), dim_}));
        return out;
    }

    /** seq [B, L] of shifted item ids (0 = padding, left), the last L of the maxLen slots, and
     *  their item embeddings [B, L, dim] → [B, L, dim]. */
    torch::Tensor encode(const torch::Tensor& seq, const torch::Tensor& itemRows) {
        const int64_t len = seq.size(1);
        const torch::Tensor present = seq.ne(kPad);
        const torch::Tensor presentF = present.unsqueeze(-1).to(torch::kFloat);
        // Slot s of maxLen has position s + 1 (row 0 of the table, the padding's, stays unused).
        const torch::Tensor positions = positions_.narrow(0, maxLen_ - len + 1, len);
        torch::Tensor x = itemRows * std::sqrt(static_cast<double>(dim_)) + positions;
        // Padding inputs are zero; the product also keeps gradient off the padding rows.
        x = x * presentF;
        x = fastDropout(x, dropout_, is_training(), rng_);
        // Each row's first real slot: with masked padding no query attends to a key before it
        // (a padding query's row still gets finite weights; its output is zeroed).
        const torch::Tensor start = maskPadding_ ? len - present.sum(1) : torch::Tensor();
        for (Block& blk : blocks_) {
            if (normFirst_) {
                x = x + attention(blk, blk.attentionNorm(x), start);
                x = x + feedForward(blk, blk.forwardNorm(x));
            } else {
                x = blk.attentionNorm(x + attention(blk, x, start));
                x = blk.forwardNorm(x + feedForward(blk, x));
            }
            if (maskPadding_) x = x * presentF;  // the authors' `seq *= mask` after each block
        }
        return lastNorm_(x);
    }

    /** Causal multi-head self-attention as torch's MultiheadAttention computes it (keys before
     *  `start` masked; undefined: none, the reference's attended padding). */
    torch::Tensor attention(Block& blk, const torch::Tensor& x, const torch::Tensor& start) {
        const int64_t b = x.size(0), len = x.size(1), dh = dim_ / heads_;
        const auto qkv = blk.inProj(x).chunk(3, -1);
        auto split = [&](const torch::Tensor& t) {
            return t.reshape({b, len, heads_, dh}).transpose(1, 2);  // [B, h, L, dh]
        };
        const torch::Tensor q = split(qkv[0]) * (1.0 / std::sqrt(static_cast<double>(dh)));
        const torch::Tensor w =
            causalSoftmaxDropout(torch::matmul(q, split(qkv[1]).transpose(-2, -1)), start, dropout_,
                                 is_training(), rng_);
        const torch::Tensor o =
            torch::matmul(w, split(qkv[2])).transpose(1, 2).reshape({b, len, dim_});
        return blk.outProj(o);
    }

    /** The point-wise feed-forward (the reference's two kernel-1 convolutions). */
    torch::Tensor feedForward(Block& blk, const torch::Tensor& x) {
        torch::Tensor h = fastDropout(blk.forward1(x), dropout_, is_training(), rng_);
        h = blk.forward2(torch::relu(h));
        return fastDropout(h, dropout_, is_training(), rng_);
    }

    int64_t dim_, layers_, heads_, inner_, maxLen_;
    double dropout_;
    bool crossEntropy_, normFirst_, maskPadding_;
    int64_t numItems_;
    int32_t numUsers_;
    UserSequences train_, testHistory_;
    UserItemMatrix trainItems_;  ///< sorted, for drawing negatives the user has not trained on
    torch::Tensor items_, positions_;
    std::vector<Block> blocks_;
    torch::nn::LayerNorm lastNorm_{nullptr};
    SplitPart part_ = SplitPart::Valid;
    torch::Tensor encoded_, itemTable_;  ///< between beginEval and endEval
    torch::Tensor batchRepr_;            ///< userRepr of batchUsers_ in this training step
    std::vector<int64_t> batchUsers_;
    Rng rng_{static_cast<uint64_t>(
        torch::randint(1 << 30, {1}).item<int64_t>())};  // seeded by torch::manual_seed
};

}  // namespace

RD_REGISTER_MODEL(registerSasRecModel) {
    ModelInfo info;
    info.name = "sasrec";
    info.reference =
        "Kang & McAuley, Self-Attentive Sequential Recommendation, ICDM 2018; defaults and blocks "
        "of pmixer/SASRec.pytorch (its PyTorch port of the authors' code)";
    info.year = 2018;
    info.sequential = true;
    info.displayName = RD_TR_NOOP("rd::CoreText", "SASRec (sequential)");
    info.description = RD_TR_NOOP(
        "rd::CoreText",
        "A transformer over each user's history in time order: item and position embeddings, "
        "blocks of causal self-attention and feed-forward layers, the next item scored against "
        "the item embeddings (Kang & McAuley, ICDM 2018). Trains on every position of a user's "
        "sequence at once with one sampled negative per position. Needs timestamps; a user's "
        "representation is the encoding after the history (training items, plus the validation "
        "item when ranking test).");
    info.schema = {
        {"dim",
         ParamSpec::Type::Int,
         50,
         1,
         1024,
         {},
         RD_TR_NOOP("rd::CoreText", "hidden size (item and position embeddings)")},
        {"layers",
         ParamSpec::Type::Int,
         2,
         1,
         16,
         {},
         RD_TR_NOOP("rd::CoreText", "self-attention blocks")},
        {"heads",
         ParamSpec::Type::Int,
         1,
         1,
         16,
         {},
         RD_TR_NOOP("rd::CoreText", "attention heads (dim must be a multiple)")},
        {"inner_size",
         ParamSpec::Type::Int,
         0,
         0,
         8192,
         {},
         RD_TR_NOOP("rd::CoreText",
                    "feed-forward inner size (0 = the hidden size, as the authors)")},
        {"dropout",
         ParamSpec::Type::Float,
         0.2,
         0,
         0.95,
         {},
         RD_TR_NOOP("rd::CoreText", "dropout on embeddings, attention weights and feed-forward")},
        {"max_len",
         ParamSpec::Type::Int,
         200,
         1,
         4096,
         {},
         RD_TR_NOOP("rd::CoreText", "longest history read (the most recent items are kept)")},
        {"loss",
         ParamSpec::Type::Choice,
         std::string("bce"),
         0,
         0,
         {"bce", "ce"},
         RD_TR_NOOP("rd::CoreText",
                    "bce = one sampled negative per position (the authors); ce = softmax over "
                    "every item (RecBole)")},
        {"norm",
         ParamSpec::Type::Choice,
         std::string("post"),
         0,
         0,
         {"post", "pre"},
         RD_TR_NOOP("rd::CoreText",
                    "post = layer norm after each residual (the reference's default); pre = "
                    "before attention and feed-forward (its --norm_first)")},
        {"padding",
         ParamSpec::Type::Choice,
         std::string("attended"),
         0,
         0,
         {"attended", "masked"},
         RD_TR_NOOP("rd::CoreText",
                    "attended = every position also attends to the padding before a short "
                    "history (the reference's default); masked = padding keys masked and "
                    "padding outputs zeroed after every block, as the authors' TensorFlow code, "
                    "which lets a batch skip the padding (faster)")},
    };
    registerModel(info, [](const nlohmann::json& p, const TrainingData& d) {
        return std::make_shared<SasRecModel>(p, d);
    });
}

}  // namespace rd
