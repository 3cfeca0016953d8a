#include "cli_data_parallel.h"

#include <cmath>
#include <stdexcept>

#include "cli_args.h"

const std::set<std::string>& dataParallelOptionNames() {
    static const std::set<std::string> names{"dist-sync", "dist-timeout", "dist-check-every"};
    return names;
}

std::unique_ptr<rd::DataParallel> connectDataParallel(const CliArgs& args) {
    rd::DataParallelOptions o;
    o.sync = rd::DataParallelOptions::syncFromName(args.value("dist-sync", "sparse"));
    const std::string timeout = args.value("dist-timeout", "60");
    const std::string every = args.value("dist-check-every", "50");
    try {
        size_t used = 0;
        o.timeoutSeconds = std::stod(timeout, &used);
        if (used != timeout.size() || !(o.timeoutSeconds > 0) || !std::isfinite(o.timeoutSeconds))
            throw std::invalid_argument(timeout);
        o.checkEvery = std::stoi(every, &used);
        if (used != every.size() || o.checkEvery < 0) throw std::invalid_argument(every);
    } catch (const std::logic_error&) {
        throw std::invalid_argument(
            "--dist-timeout takes seconds above 0 and --dist-check-every "
            "steps from 0 (never) up (got " +
            timeout + " and " + every + ")");
    }
    const rd::LaunchEnv env = rd::LaunchEnv::fromProcess();
    if (!env.distributed()) return nullptr;
    return rd::DataParallel::connect(env, o);
}
