#include "dist/launch_env.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace rd {

namespace {

/** The variable as a whole number in [lo, hi]; throws naming it otherwise. */
long number(const char* name, const char* value, long lo, long hi) {
    errno = 0;
    char* end = nullptr;
    const long v = std::strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || v < lo || v > hi)
        throw std::invalid_argument(std::string(name) + "=\"" + value +
                                    "\" is not a whole number in [" + std::to_string(lo) + ", " +
                                    std::to_string(hi) + "]");
    return v;
}

}  // namespace

LaunchEnv LaunchEnv::read(const std::function<const char*(const char*)>& get) {
    const auto has = [&](const char* n) {
        const char* v = get(n);
        return v && *v;
    };
    LaunchEnv e;
    const bool torchrun = has("RANK") || has("WORLD_SIZE");
    const bool slurm = has("SLURM_PROCID") || has("SLURM_NTASKS");
    if (!torchrun && !slurm) return e;  // a plain start
    const char* rankVar = torchrun ? "RANK" : "SLURM_PROCID";
    const char* worldVar = torchrun ? "WORLD_SIZE" : "SLURM_NTASKS";
    const char* localVar = torchrun ? "LOCAL_RANK" : "SLURM_LOCALID";
    e.launcher = torchrun ? "torchrun" : "slurm";
    for (const char* v : {rankVar, worldVar})
        if (!has(v))
            throw std::invalid_argument(std::string(v) + " is not set but " +
                                        (std::string(v) == rankVar ? worldVar : rankVar) + " is (" +
                                        e.launcher + " sets both; a data-parallel run needs both)");
    e.worldSize = static_cast<int>(number(worldVar, get(worldVar), 1, 1 << 20));
    e.rank = static_cast<int>(number(rankVar, get(rankVar), 0, 1 << 20));
    if (e.rank >= e.worldSize)
        throw std::invalid_argument(std::string(rankVar) + "=" + std::to_string(e.rank) +
                                    " is not below " + worldVar + "=" +
                                    std::to_string(e.worldSize));
    if (has(localVar)) e.localRank = static_cast<int>(number(localVar, get(localVar), 0, 1 << 20));
    if (e.worldSize == 1) return e;  // one process: nothing to meet
    if (!has("MASTER_ADDR"))
        throw std::invalid_argument(std::string("MASTER_ADDR is not set: a data-parallel run (") +
                                    worldVar + "=" + std::to_string(e.worldSize) +
                                    ") needs the host of rank 0's store" +
                                    (slurm ? " (set it in the job script, e.g. from the first "
                                             "host of scontrol show hostnames)"
                                           : ""));
    if (!has("MASTER_PORT"))
        throw std::invalid_argument(std::string("MASTER_PORT is not set: a data-parallel run (") +
                                    worldVar + "=" + std::to_string(e.worldSize) +
                                    ") needs the port of rank 0's store");
    e.masterAddr = get("MASTER_ADDR");
    e.masterPort = static_cast<int>(number("MASTER_PORT", get("MASTER_PORT"), 1, 65535));
    if (torchrun && has("TORCHELASTIC_USE_AGENT_STORE"))
        e.agentStore = std::string(get("TORCHELASTIC_USE_AGENT_STORE")) == "True";
    if (has("TORCHELASTIC_RESTART_COUNT")) e.restartCount = get("TORCHELASTIC_RESTART_COUNT");
    return e;
}

LaunchEnv LaunchEnv::fromProcess() {
    return read([](const char* name) { return static_cast<const char*>(std::getenv(name)); });
}

}  // namespace rd
