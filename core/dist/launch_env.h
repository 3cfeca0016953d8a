#pragma once

#include <functional>
#include <string>

namespace rd {

/**
 * Where this process stands in a data-parallel job, as the launcher said in the environment:
 * torchrun (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK; with its agent's store,
 * TORCHELASTIC_USE_AGENT_STORE and TORCHELASTIC_RESTART_COUNT) or Slurm's srun (SLURM_PROCID,
 * SLURM_NTASKS, SLURM_LOCALID, with MASTER_ADDR and MASTER_PORT set by the job script). No
 * variable at all is a plain start: world size 1, nothing distributed. Plain C++: the CLI reads it
 * before deciding whether to load c10d at all.
 */
struct LaunchEnv {
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddr;
    int masterPort = 0;
    /// "torchrun", "slurm" or "" (a plain start)
    std::string launcher;
    /// torchrun's agent hosts the TCPStore (every rank is a client, keys under
    /// /worker/attempt_N as torch.distributed does); otherwise rank 0 hosts it.
    bool agentStore = false;
    std::string restartCount = "0";

    bool distributed() const { return worldSize > 1; }

    /** Reads the variables through get (nullptr = unset). Throws std::invalid_argument naming the
     *  variable for an inconsistent or malformed set (e.g. RANK without WORLD_SIZE, RANK >=
     *  WORLD_SIZE, no MASTER_ADDR for a world above 1, a port outside 1..65535). */
    static LaunchEnv read(const std::function<const char*(const char*)>& get);
    /** read() of the process environment. */
    static LaunchEnv fromProcess();
};

}  // namespace rd
