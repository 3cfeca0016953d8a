#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "data/dataset.h"

namespace rd {

struct TrainingData;

/**
 * A model after training (or loading), as front ends and the evaluator see it: no torch types. It
 * scores every item for a set of users, reports its size, and saves/loads its weights together with
 * the config and data-set hash they belong to.
 */
class TrainedModel {
public:
    struct Impl;
    explicit TrainedModel(std::unique_ptr<Impl> impl);
    ~TrainedModel();

    const std::string& modelName() const;
    const nlohmann::json& params() const;
    int32_t numUsers() const;
    int32_t numItems() const;
    int64_t parameterCount() const;
    int64_t storedBytes() const;  ///< float32 weights as saved
    /** Caches what inference needs (LightGCN's propagated graph, a sequential model's encoding of
     *  each user's history before `part`) once; training or another part invalidates it. */
    void prepareForScoring(SplitPart part = SplitPart::Valid) const;
    /** Scores of every item for each of n users: out holds n * numItems() floats, row-major. Safe
     *  to call from several threads at once after prepareForScoring() (for the part it was
     *  prepared for; Valid when it was not prepared). */
    void scoreUsers(const int32_t* users, size_t n, float* out) const;

    /** Writes weights + {model, params, dataset_hash, users, items, …meta} to path. */
    void save(const std::string& path, const nlohmann::json& meta = {}) const;
    /**
     * Loads a checkpoint for data; throws std::runtime_error with a clear message when the file is
     * not a checkpoint, or belongs to another data set (hash) or shape.
     */
    /** The header of the checkpoint this model was loaded from (empty object for a trained one). */
    const nlohmann::json& checkpointMeta() const;

    static std::shared_ptr<TrainedModel> load(const std::string& path, const TrainingData& data);

    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace rd
