#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dist/launch_env.h"

namespace rd {

/** How a data-parallel run combines gradients and checks its replicas. */
struct DataParallelOptions {
    /// RowSparse: an embedding table's row-sparse gradient travels as the rows a step touched
    /// (allgather of row ids and values); Dense: every gradient is all-reduced as a full tensor
    /// (the baseline to measure against). Dense parameters are all-reduced in both.
    enum class Sync { RowSparse, Dense };
    Sync sync = Sync::RowSparse;
    /// A collective (or the rendezvous) that does not complete in this time fails the run: a rank
    /// that died or hangs ends the others with a clear message.
    double timeoutSeconds = 60;
    /// Steps between parameter checksums compared across ranks (0 = never).
    int checkEvery = 50;

    /** "sparse" or "dense" (the CLI's --dist-sync); throws std::invalid_argument otherwise. */
    static Sync syncFromName(const std::string& name);
};

/** What a run exchanged, per rank (payload bytes this rank put into collectives). */
struct DataParallelStats {
    int64_t steps = 0;           ///< optimizer steps combined
    int64_t gradientBytes = 0;   ///< payload of the gradient exchange, this rank's share
    int64_t checks = 0;          ///< replica checksums compared (all equal, or the run failed)
    double exchangeSeconds = 0;  ///< wall time inside the gradient exchange
};

/**
 * This process's membership of a data-parallel job: c10d's TCPStore for the rendezvous and a
 * ProcessGroupGloo for the collectives (CPU, TCP), created from the launcher's environment. The
 * trainer uses it through TrainConfig::dataParallel (see engine/trainer.cpp and GradientSync):
 * every rank trains its share of each step's batches, gradients are combined so that every rank
 * applies the same optimizer step, and replicas are compared every options.checkEvery steps.
 * Torch stays behind the Impl (dist/data_parallel_impl.h, internal to core).
 */
class DataParallel {
public:
    struct Impl;
    /** Meets the other ranks (rank 0 or torchrun's agent hosts the store) within
     *  options.timeoutSeconds; throws std::runtime_error with the address and the cause. */
    static std::unique_ptr<DataParallel> connect(const LaunchEnv& env,
                                                 const DataParallelOptions& options);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    int rank() const;
    int worldSize() const;
    const DataParallelOptions& options() const;
    const DataParallelStats& stats() const;
    /** Waits for every rank (e.g. before rank 0 reports), within the timeout. */
    void barrier(const std::string& what);
    /** Rows sharded by position (rank r holds rows r, r + W, …, `width` values each, of `total`
     *  rows in all) gathered on every rank, in position order: a sharded evaluation's top-K lists
     *  (EvalOptions::gatherLists). */
    std::vector<int32_t> gatherInterleaved(const std::vector<int32_t>& rows, int width,
                                           int64_t total);

    Impl& impl() { return *impl_; }

private:
    explicit DataParallel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rd
