#pragma once

#include <cstdint>
#include <string>

namespace rd {

/**
 * Which process wrote a run: pid and host name. At open the store asks whether a run's writer is
 * still alive; only runs written on this host can be judged (a shared file may hold runs of
 * others).
 */
class ProcessIdentity {
public:
    static int64_t currentPid();
    static std::string currentHost();
    /** false only when the pid is known to be gone on this host (a zombie counts as alive). */
    static bool isAlive(int64_t pid);
};

}  // namespace rd
