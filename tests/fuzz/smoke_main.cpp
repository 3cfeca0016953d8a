// The deterministic driver of a fuzz target for the normal test suite (no libFuzzer needed): every
// seed, then a fixed number of mutated inputs drawn with a fixed seed (bit flips, interesting bytes
// and tokens, insertions, deletions, duplicated ranges, splices of two seeds; up to four at once,
// stacked on an earlier mutant now and then). A crash or abort writes the input to
// TARGET-crash.bin in the working folder before dying; an input running past the time limit is a
// hang (written to TARGET-hang.bin, exit 1).
//   fuzz_loaders [--runs N] [--seed S] [--max-len BYTES] [--time-limit-ms MS] [--write-seeds DIR]
//   fuzz_loaders FILE        runs that one input (a saved crash or hang) and nothing else
// --write-seeds writes the seeds as files (the start of a libFuzzer corpus) and exits.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "fuzz_target.h"

namespace {

std::string g_current;  // the input being executed (for the crash handler)
char g_crashFile[512] = "crash.bin";

void onCrash(int sig) {
    const int fd = ::open(g_crashFile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = ::write(fd, g_current.data(), g_current.size());
        (void)ignored;
        ::close(fd);
    }
    const char msg[] = "fuzz smoke: crashed; the input is in ";
    ssize_t ignored = ::write(2, msg, sizeof msg - 1);
    ignored = ::write(2, g_crashFile, std::strlen(g_crashFile));
    ignored = ::write(2, "\n", 1);
    (void)ignored;
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

const char* const kTokens[] = {"\n",
                               "\t",
                               ",",
                               "::",
                               "|",
                               " ",
                               "\r\n",
                               "\"",
                               "-1",
                               "0",
                               "1e39",
                               "nan",
                               "inf",
                               "-0",
                               "+1",
                               "\xff",
                               "\xc3",
                               "{",
                               "}",
                               "[",
                               "]",
                               "null",
                               "99999999999999999999",
                               "\n@@\n",
                               "2147483648",
                               "\\u0000",
                               ":token",
                               "\"a\":",
                               "1e400"};

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng,
                   size_t maxLen) {
    const auto below = [&](size_t n) { return n == 0 ? size_t(0) : size_t(rng() % n); };
    const int count = 1 + static_cast<int>(below(4));
    for (int m = 0; m < count; ++m) {
        switch (below(8)) {
            case 0:  // flip a bit
                if (!s.empty()) s[below(s.size())] ^= static_cast<char>(1u << below(8));
                break;
            case 1:  // an interesting byte
                if (!s.empty()) {
                    const char bytes[] = {0, '\n', '\t', ',', ':', '|', '-', '9', '\x7f', '\xff'};
                    s[below(s.size())] = bytes[below(sizeof bytes)];
                }
                break;
            case 2: {  // a token inserted
                const char* t = kTokens[below(sizeof kTokens / sizeof kTokens[0])];
                s.insert(below(s.size() + 1), t);
                break;
            }
            case 3:  // a range deleted
                if (!s.empty()) {
                    const size_t at = below(s.size());
                    s.erase(at, 1 + below(std::min<size_t>(s.size() - at, 64)));
                }
                break;
            case 4:  // a range duplicated (long lines, repeated keys, deep nesting)
                if (!s.empty()) {
                    const size_t at = below(s.size());
                    const size_t len = 1 + below(std::min<size_t>(s.size() - at, 256));
                    const std::string piece = s.substr(at, len);
                    const size_t times = 1 + below(8);
                    for (size_t i = 0; i < times; ++i) s.insert(below(s.size() + 1), piece);
                }
                break;
            case 5: {  // spliced with another seed
                const std::string& other = corpus[below(corpus.size())];
                if (!other.empty()) {
                    const size_t cut = below(s.size() + 1);
                    s = s.substr(0, cut) + other.substr(below(other.size()));
                }
                break;
            }
            case 6:  // random bytes
                for (size_t i = 0, n = 1 + below(16); i < n; ++i)
                    s.insert(below(s.size() + 1), 1, static_cast<char>(rng()));
                break;
            default:  // a number changed
                for (size_t i = 0; i < s.size(); ++i) {
                    const size_t at = below(s.size());
                    if (s[at] >= '0' && s[at] <= '9') {
                        s[at] = static_cast<char>('0' + below(10));
                        break;
                    }
                }
                break;
        }
    }
    if (s.size() > maxLen) s.resize(maxLen);
    return s;
}

}  // namespace

int main(int argc, char* argv[]) {
    const std::string target = std::filesystem::path(argv[0]).filename().string();
    long runs = 2000, timeLimitMs = 5000;
    unsigned long long seed = 2026;
    size_t maxLen = 1 << 16;
    std::string seedsDir;
    if (argc == 2 && argv[1][0] != '-') {
        const std::string input = rdfuzz::readFile(argv[1]);
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
        std::printf("%s: %s ran (%zu bytes), %s\n", target.c_str(), argv[1], input.size(),
                    rdfuzz::accepted ? "accepted" : "refused");
        return 0;
    }
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--runs")
            runs = std::atol(value.c_str());
        else if (key == "--seed")
            seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--max-len")
            maxLen = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "--time-limit-ms")
            timeLimitMs = std::atol(value.c_str());
        else if (key == "--write-seeds")
            seedsDir = value;
        else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            return 2;
        }
    }
    const std::vector<std::string> corpus = rdfuzz::seeds();
    if (!seedsDir.empty()) {
        std::filesystem::create_directories(seedsDir);
        for (size_t i = 0; i < corpus.size(); ++i)
            rdfuzz::writeFile(seedsDir + "/seed-" + std::to_string(i), corpus[i]);
        std::printf("%s: %zu seeds written to %s\n", target.c_str(), corpus.size(),
                    seedsDir.c_str());
        return 0;
    }
    std::snprintf(g_crashFile, sizeof g_crashFile, "%s-crash.bin", target.c_str());
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::signal(sig, onCrash);

    std::mt19937_64 rng(seed);
    std::vector<std::string> recent;  // earlier mutants, mutated further now and then
    double longestMs = 0;
    const auto started = std::chrono::steady_clock::now();
    const long total = static_cast<long>(corpus.size()) + runs;
    for (long n = 0; n < total; ++n) {
        if (n < static_cast<long>(corpus.size())) {
            g_current = corpus[static_cast<size_t>(n)];
        } else {
            const bool stack = !recent.empty() && rng() % 4 == 0;
            const std::string& base =
                stack ? recent[rng() % recent.size()] : corpus[rng() % corpus.size()];
            g_current = mutate(base, corpus, rng, maxLen);
            if (recent.size() < 64)
                recent.push_back(g_current);
            else
                recent[rng() % recent.size()] = g_current;
        }
        const auto t0 = std::chrono::steady_clock::now();
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(g_current.data()),
                               g_current.size());
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        longestMs = std::max(longestMs, ms);
        if (ms > static_cast<double>(timeLimitMs)) {
            rdfuzz::writeFile(target + "-hang.bin", g_current);
            std::printf("%s: input %ld took %.0f ms (limit %ld): a hang, written to %s-hang.bin\n",
                        target.c_str(), n, ms, timeLimitMs, target.c_str());
            return 1;
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "%s: %ld inputs (%zu seeds + %ld mutants, seed %llu) in %.1f s, %.0f/s; %ld "
        "accepted, %ld refused; 0 crashes, 0 hangs; longest input %.1f ms\n",
        target.c_str(), total, corpus.size(), runs, seed, seconds, total / seconds,
        rdfuzz::accepted, total - rdfuzz::accepted, longestMs);
    return 0;
}
