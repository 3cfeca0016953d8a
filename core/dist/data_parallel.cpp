#include "dist/data_parallel.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "dist/data_parallel_impl.h"

namespace rd {

namespace {

std::chrono::milliseconds millis(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

}  // namespace

DataParallelOptions::Sync DataParallelOptions::syncFromName(const std::string& name) {
    if (name == "sparse") return Sync::RowSparse;
    if (name == "dense") return Sync::Dense;
    throw std::invalid_argument("unknown gradient exchange \"" + name +
                                "\" (expected sparse or dense)");
}

void DataParallel::Impl::wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what) const {
    try {
        work->wait();
    } catch (const std::exception& e) {
        throw std::runtime_error(
            "data-parallel: " + std::string(what) + " failed on rank " + std::to_string(env.rank) +
            " of " + std::to_string(env.worldSize) +
            ": another rank died or did not answer within the collective timeout (" +
            std::to_string(static_cast<int>(options.timeoutSeconds)) + " s): " + e.what());
    }
}

void DataParallel::Impl::allreduce(torch::Tensor& t, c10d::ReduceOp op, const char* what) const {
    std::vector<torch::Tensor> v{t};
    c10d::AllreduceOptions o;
    o.reduceOp = op;
    wait(group->allreduce(v, o), what);
}

std::vector<torch::Tensor> DataParallel::Impl::allgather(const torch::Tensor& t,
                                                         const char* what) const {
    std::vector<std::vector<torch::Tensor>> out(1);
    for (int r = 0; r < env.worldSize; ++r) out[0].push_back(torch::empty_like(t));
    std::vector<torch::Tensor> in{t};
    wait(group->allgather(out, in), what);
    return out[0];
}

void DataParallel::Impl::broadcast(torch::Tensor& t, int root, const char* what) const {
    std::vector<torch::Tensor> v{t};
    c10d::BroadcastOptions o;
    o.rootRank = root;
    wait(group->broadcast(v, o), what);
}

DataParallel::DataParallel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DataParallel::~DataParallel() = default;

std::unique_ptr<DataParallel> DataParallel::connect(const LaunchEnv& env,
                                                    const DataParallelOptions& options) {
    if (!(options.timeoutSeconds > 0))
        throw std::invalid_argument("data-parallel: the collective timeout must be positive");
    auto impl = std::make_unique<Impl>();
    impl->env = env;
    impl->options = options;
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    try {
        // As torch.distributed's env:// rendezvous: under torchrun's agent every rank is a client
        // of the agent's store (keys under /worker/attempt_N); otherwise rank 0 hosts it.
        c10d::TCPStoreOptions so;
        so.port = static_cast<uint16_t>(env.masterPort);
        so.isServer = !env.agentStore && env.rank == 0;
        so.numWorkers = env.worldSize;
        so.waitWorkers = !env.agentStore;
        so.timeout = millis(options.timeoutSeconds);
        auto tcp = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, so);
        c10::intrusive_ptr<c10d::Store> store = tcp;
        if (env.agentStore)
            store = c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + env.restartCount,
                                                           store);
        impl->store = c10::make_intrusive<c10d::PrefixStore>("recdistill", store);
        auto go = c10d::ProcessGroupGloo::Options::create(millis(options.timeoutSeconds));
        // As torch.distributed: GLOO_SOCKET_IFNAME names the interface, else the one this host's
        // name resolves to (loopback when it resolves to nothing else).
        const char* ifname = std::getenv("GLOO_SOCKET_IFNAME");
        go->devices.push_back(ifname && *ifname
                                  ? c10d::ProcessGroupGloo::createDeviceForInterface(ifname)
                                  : c10d::ProcessGroupGloo::createDefaultDevice());
        impl->group =
            c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, env.rank, env.worldSize, go);
    } catch (const std::exception& e) {
        throw std::runtime_error(
            "data-parallel: rank " + std::to_string(env.rank) + " of " +
            std::to_string(env.worldSize) + " could not meet the others at " + where + " within " +
            std::to_string(static_cast<int>(options.timeoutSeconds)) + " s: " + e.what());
    }
    return std::unique_ptr<DataParallel>(new DataParallel(std::move(impl)));
}

int DataParallel::rank() const {
    return impl_->env.rank;
}
int DataParallel::worldSize() const {
    return impl_->env.worldSize;
}
const DataParallelOptions& DataParallel::options() const {
    return impl_->options;
}
const DataParallelStats& DataParallel::stats() const {
    return impl_->stats;
}

std::vector<int32_t> DataParallel::gatherInterleaved(const std::vector<int32_t>& rows, int width,
                                                     int64_t total) {
    const int64_t W = impl_->env.worldSize, w = width;
    const int64_t most = (total + W - 1) / W;  // rank 0 holds the most rows
    const int64_t mine = (total - impl_->env.rank + W - 1) / W;
    if (static_cast<int64_t>(rows.size()) != mine * w)
        throw std::logic_error("gatherInterleaved: rank " + std::to_string(impl_->env.rank) +
                               " holds " + std::to_string(rows.size()) + " values, not " +
                               std::to_string(mine * w));
    torch::Tensor local = torch::full({most * w}, -1, torch::kInt);
    std::copy(rows.begin(), rows.end(), local.data_ptr<int32_t>());
    const std::vector<torch::Tensor> all = impl_->allgather(local, "gathering the ranked lists");
    std::vector<int32_t> out(static_cast<size_t>(total * w));
    for (int64_t p = 0; p < total; ++p) {
        const int32_t* from = all[static_cast<size_t>(p % W)].data_ptr<int32_t>() + (p / W) * w;
        std::copy(from, from + w, out.data() + p * w);
    }
    return out;
}

void DataParallel::barrier(const std::string& what) {
    torch::Tensor t = torch::zeros({1}, torch::kInt);
    impl_->allreduce(t, c10d::ReduceOp::SUM, what.c_str());
}

}  // namespace rd
