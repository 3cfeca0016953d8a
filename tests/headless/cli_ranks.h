#pragma once

// recdistill-cli started as ranks of a job on 127.0.0.1, for the Qt-free tests of data-parallel
// training and of studies spread over ranks: a free port, a child process with torchrun's
// variables, its output files, and waiting for a line in them.

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "check.h"

namespace {

const std::string kSource = RECDISTILL_SOURCE_DIR;
const std::string kCli = RECDISTILL_BINARY_DIR "/app/recdistill-cli";

/** A port that was free a moment ago on 127.0.0.1 (the kernel's pick). */
int freePort() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        throw std::runtime_error("bind failed");
    socklen_t len = sizeof a;
    getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    close(s);
    return ntohs(a.sin_port);
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

struct Proc {
    pid_t pid = -1;
    std::string outFile, errFile;
};

std::string tempDir() {
    static const std::string dir = [] {
        char tmpl[] = "/tmp/recdistill-dist-XXXXXX";
        const char* d = mkdtemp(tmpl);
        if (!d) throw std::runtime_error("mkdtemp failed");
        return std::string(d);
    }();
    return dir;
}

/** recdistill-cli with args, as rank `rank` of `world` (no variables when world is 0). */
Proc spawnCli(const std::vector<std::string>& args, int rank, int world, int port,
              const std::string& tag) {
    Proc p;
    p.outFile = tempDir() + "/" + tag + ".out";
    p.errFile = tempDir() + "/" + tag + ".err";
    std::fflush(stdout);  // or the child's freopen writes our buffered lines a second time
    p.pid = fork();
    if (p.pid == 0) {
        if (world > 0) {
            setenv("RANK", std::to_string(rank).c_str(), 1);
            setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
            setenv("WORLD_SIZE", std::to_string(world).c_str(), 1);
            setenv("MASTER_ADDR", "127.0.0.1", 1);
            setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
        }
        if (!freopen(p.outFile.c_str(), "w", stdout) || !freopen(p.errFile.c_str(), "w", stderr))
            _exit(127);
        std::vector<char*> argv{const_cast<char*>(kCli.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(kCli.c_str(), argv.data());
        _exit(127);
    }
    return p;
}

int waitExit(const Proc& p) {
    int status = 0;
    waitpid(p.pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string readFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

/** The demo MF config: 8 epochs, fixed seed, one thread, --json, no store unless db given. */
nlohmann::json lastJson(const std::string& out) {
    const size_t at = out.find('{');
    if (at == std::string::npos) throw std::runtime_error("no JSON in: " + out);
    return nlohmann::json::parse(out.substr(at));
}

/** Polls until ready() holds (every 20 ms), failing the test after two minutes. */
void waitUntil(const std::function<bool()>& ready) {
    const auto begin = std::chrono::steady_clock::now();
    while (!ready()) {
        RD_CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(120));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace
