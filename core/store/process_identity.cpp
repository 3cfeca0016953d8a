#include "store/process_identity.h"

#include <unistd.h>
#include <cerrno>
#include <csignal>

namespace rd {

int64_t ProcessIdentity::currentPid() {
    return static_cast<int64_t>(::getpid());
}

std::string ProcessIdentity::currentHost() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
    return name;
}

bool ProcessIdentity::isAlive(int64_t pid) {
    if (pid <= 0) return false;
    // Signal 0 probes without delivering anything; EPERM means it exists but belongs to another
    // user.
    if (::kill(static_cast<pid_t>(pid), 0) == 0) return true;
    return errno == EPERM;
}

}  // namespace rd
