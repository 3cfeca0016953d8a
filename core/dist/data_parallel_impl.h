#pragma once

// Internal to core: the c10d objects behind DataParallel (includes torch and Gloo's c10d).

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>

#include <string>
#include <vector>

#include "dist/data_parallel.h"

namespace rd {

struct DataParallel::Impl {
    LaunchEnv env;
    DataParallelOptions options;
    DataParallelStats stats;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;

    /** Waits for a collective; a failure (a peer gone, the timeout) becomes a runtime_error that
     *  names the collective, this rank and the timeout. */
    void wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what) const;
    void allreduce(torch::Tensor& t, c10d::ReduceOp op, const char* what) const;
    /** Every rank's t (same shape on every rank), in rank order. */
    std::vector<torch::Tensor> allgather(const torch::Tensor& t, const char* what) const;
    void broadcast(torch::Tensor& t, int root, const char* what) const;
};

}  // namespace rd
