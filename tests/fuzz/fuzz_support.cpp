#include "fuzz_target.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rdfuzz {

long accepted = 0;

namespace {

struct Scratch {
    std::string path;
    Scratch() {
        // In memory where there is /dev/shm: the store target's fsyncs then cost nothing.
        std::error_code ec;
        const std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                               ? std::filesystem::path("/dev/shm")
                                               : std::filesystem::temp_directory_path();
        std::string pattern = (base / "recdistill-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            std::abort();
        }
        path = pattern;
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz target breaks an invariant: %s\n", what);
    std::abort();
}

const std::string& scratchFolder() {
    static const Scratch scratch;
    return scratch.path;
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!(f << bytes) && !bytes.empty()) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::abort();
    }
}

std::string readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace rdfuzz

#ifdef RD_LIBFUZZER
// libFuzzer: RD_FUZZ_WRITE_SEEDS=DIR writes this target's seeds into DIR (the start of a corpus)
// and exits, so the long run needs no files kept in the repository.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (const char* dir = std::getenv("RD_FUZZ_WRITE_SEEDS")) {
        std::filesystem::create_directories(dir);
        const std::vector<std::string> all = rdfuzz::seeds();
        for (size_t i = 0; i < all.size(); ++i)
            rdfuzz::writeFile(std::string(dir) + "/seed-" + std::to_string(i), all[i]);
        std::printf("%zu seeds written to %s\n", all.size(), dir);
        std::exit(0);
    }
    return 0;
}
#endif
