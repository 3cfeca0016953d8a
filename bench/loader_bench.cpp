// Loader throughput and peak memory on a large generic delimited file, against the goals in the
// design (>= 3 M lines/s, <= 400 MB peak for 10 M interactions).
//
// Usage: bench_loader [DIR] [--lines N] [--keep]
//   DIR      where the generated file goes (default $TMPDIR, else /tmp); an existing file is reused
//   --lines  lines to generate (default 10,000,000)
//   --keep   leave the generated file in place (it is deleted otherwise)

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "data/data_loader.h"
#include "util/rng.h"

namespace {

constexpr int64_t kUsers = 100000;
constexpr int64_t kItems = 50000;

char* putInt(char* p, uint64_t v) {
    char tmp[20];
    int n = 0;
    do tmp[n++] = static_cast<char>('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0) *p++ = tmp[--n];
    return p;
}

/** Rank in [1, n] with P(rank) ≈ ∝ 1/rank: log-uniform, one exp per draw instead of a CDF search.
 */
int64_t zipfRank(rd::Rng& rng, int64_t n) {
    const auto r =
        static_cast<int64_t>(std::exp(rng.uniform() * std::log(static_cast<double>(n) + 1.0)));
    return std::clamp<int64_t>(r, 1, n);
}

/**
 * user<TAB>item<TAB>rating<TAB>timestamp in random user order (like MovieLens 100K's u.data, the
 * harder case for the loader than files grouped by user), Zipf-like item popularity with the
 * popular ids scattered over the id range, half of the users' activity skewed too.
 */
bool generate(const std::string& path, int64_t lines) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    rd::Rng rng(2024);
    std::vector<int64_t> itemId(kItems), userId(kUsers);
    std::iota(itemId.begin(), itemId.end(), 1);
    std::iota(userId.begin(), userId.end(), 1);
    rng.shuffle(itemId.begin(), itemId.end());
    rng.shuffle(userId.begin(), userId.end());
    std::vector<char> buf(1 << 20);
    char* p = buf.data();
    for (int64_t k = 0; k < lines; ++k) {
        if (p - buf.data() > static_cast<std::ptrdiff_t>(buf.size()) - 64) {
            std::fwrite(buf.data(), 1, static_cast<size_t>(p - buf.data()), f);
            p = buf.data();
        }
        const int64_t user = rng.uniform() < 0.5 ? userId[zipfRank(rng, kUsers) - 1]
                                                 : static_cast<int64_t>(rng.below(kUsers)) + 1;
        p = putInt(p, static_cast<uint64_t>(user));
        *p++ = '\t';
        p = putInt(p, static_cast<uint64_t>(itemId[zipfRank(rng, kItems) - 1]));
        *p++ = '\t';
        *p++ = static_cast<char>('1' + rng.below(5));
        *p++ = '\t';
        p = putInt(p, 1400000000 + rng.below(300000000));
        *p++ = '\n';
    }
    std::fwrite(buf.data(), 1, static_cast<size_t>(p - buf.data()), f);
    return std::fclose(f) == 0;
}

/** A field of /proc/self/status in kB (VmHWM, VmRSS), or -1. */
long statusKb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(field);
    while (std::getline(in, line))
        if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
            return std::atol(line.c_str() + n + 1);
    return -1;
}

double mb(double bytes) {
    return bytes / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t lines = 10000000;
    bool keep = false;
    std::string dir;
    for (int k = 1; k < argc; ++k) {
        if (!std::strcmp(argv[k], "--lines") && k + 1 < argc)
            lines = std::max(1LL, std::atoll(argv[++k]));
        else if (!std::strcmp(argv[k], "--keep"))
            keep = true;
        else if (argv[k][0] != '-')
            dir = argv[k];
        else {
            std::fprintf(stderr, "usage: %s [DIR] [--lines N] [--keep]\n", argv[0]);
            return 2;
        }
    }
    if (dir.empty()) dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    const std::string path = dir + "/recdistill_loader_bench_" + std::to_string(lines) + ".tsv";

    if (std::ifstream(path).good()) {
        std::printf("reusing %s\n", path.c_str());
    } else {
        const auto t0 = std::chrono::steady_clock::now();
        if (!generate(path, lines)) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            return 1;
        }
        std::printf("generated %s (%lld lines) in %.1f s\n", path.c_str(),
                    static_cast<long long>(lines),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    // Mostly LibTorch's pages, which every RecDistill process carries; reported so the growth
    // shows.
    const double baseline = statusKb("VmRSS") * 1024.0;
    std::printf("RSS before loading: %.0f MB (mapped files %.0f MB, anonymous %.0f MB)\n",
                mb(baseline), mb(statusKb("RssFile") * 1024.0), mb(statusKb("RssAnon") * 1024.0));

    rd::LoadOptions opts;
    opts.format = "delimited";
    opts.delimited.separator = "\t";
    opts.delimited.userColumn = 0;
    opts.delimited.itemColumn = 1;
    opts.delimited.ratingColumn = 2;
    opts.delimited.timestampColumn = 3;

    std::vector<double> rates;
    int rc = 0;
    try {
        for (int rep = 0; rep < 3; ++rep) {
            const auto t0 = std::chrono::steady_clock::now();
            rd::LoadResult r = rd::loadDataset(path, opts);
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const rd::Dataset& d = r.dataset;
            rates.push_back(static_cast<double>(d.numInteractions()) / s);
            std::printf(
                "run %d: %.2f s, %.2f M lines/s; %d users, %d items, %lld interactions, "
                "interactionBytes %.0f MB\n",
                rep + 1, s, rates.back() * 1e-6, d.numUsers(), d.numItems(),
                static_cast<long long>(d.numInteractions()),
                mb(static_cast<double>(d.interactionBytes())));
            // r goes out of scope here, so each run starts from the same baseline.
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "load failed: %s\n", e.what());
        rc = 1;
    }

    if (!rates.empty()) {
        std::sort(rates.begin(), rates.end());
        const double median = rates[rates.size() / 2];
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        const double peak = static_cast<double>(ru.ru_maxrss) * 1024.0;  // Linux reports kB
        std::printf("median: %.2f M lines/s\n", median * 1e-6);
        std::printf("peak RSS: ru_maxrss %.0f MB, VmHWM %.0f MB (%.0f MB above the baseline)\n",
                    mb(peak), mb(statusKb("VmHWM") * 1024.0), mb(peak - baseline));
        std::printf("goal >= 3 M lines/s: %s\n", median >= 3e6 ? "met" : "MISSED");
        std::printf("goal <= 400 MB peak: %s%s\n", peak <= 400e6 ? "met" : "MISSED",
                    lines == 10000000 ? "" : " (the goal is for 10 M lines)");
    }
    if (!keep) std::remove(path.c_str());
    return rc;
}
