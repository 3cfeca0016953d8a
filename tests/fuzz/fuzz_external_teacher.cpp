// Fuzz target: an external teacher's files (issue 17) read against a small data set. The first byte
// picks what is read: a text score list (`user<TAB>item<TAB>score`), a dense .npy score matrix with
// its users.txt / items.txt, or a .npy embedding matrix with its id map; the rest holds the files,
// separated by "\n@@\n". Each read either succeeds with sizes and ids inside the data set and
// finite scores, or throws LoadError naming a file; anything else is a finding.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "data/dataset_builder.h"
#include "data/external_scores.h"
#include "data/load_error.h"
#include "data/npy_file.h"
#include "fuzz_target.h"

namespace {

const rd::Dataset& dataset() {
    static const rd::Dataset d = [] {
        rd::DatasetBuilder b(false, false);
        const char* pairs[][2] = {{"u1", "i1"}, {"u1", "i2"}, {"u2", "i2"},
                                  {"u2", "i3"}, {"u3", "i4"}, {"u3", "i1"}};
        for (const auto& p : pairs) b.add(b.user(p[0]), b.item(p[1]));
        return b.build("fuzz", "fuzz", "fuzz");
    }();
    return d;
}

std::vector<std::string> parts(const std::string& body) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t cut = body.find("\n@@\n", start);
        out.push_back(
            body.substr(start, cut == std::string::npos ? std::string::npos : cut - start));
        if (cut == std::string::npos || out.size() == 3) break;
        start = cut + 4;
    }
    out.resize(3);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const int mode = data[0] % 3;
    const std::vector<std::string> files =
        parts(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(rdfuzz::scratchFolder()) / "teacher";
    std::error_code ec;
    fs::remove_all(folder, ec);
    fs::create_directories(folder);
    const rd::Dataset& d = dataset();
    try {
        if (mode == 0) {
            const std::string path = (folder / "scores.tsv").string();
            rdfuzz::writeFile(path, files[0]);
            const rd::ExternalScores s = rd::ExternalScores::read(path, d);
            rdfuzz::require(!s.dense && s.offsets.size() == static_cast<size_t>(d.numUsers()) + 1,
                            "offsets");
            for (int32_t i : s.items) rdfuzz::require(i >= 0 && i < d.numItems(), "item in range");
            for (float v : s.scores) rdfuzz::require(std::isfinite(v), "finite score");
        } else if (mode == 1) {
            const std::string path = (folder / "scores.npy").string();
            rdfuzz::writeFile(path, files[0]);
            rdfuzz::writeFile((folder / "users.txt").string(), files[1]);
            rdfuzz::writeFile((folder / "items.txt").string(), files[2]);
            const rd::ExternalScores s = rd::ExternalScores::read(path, d);
            rdfuzz::require(s.dense && s.matrix.size() == static_cast<size_t>(d.numUsers()) *
                                                              static_cast<size_t>(d.numItems()),
                            "matrix size");
            for (float v : s.matrix)
                rdfuzz::require(!std::isnan(v) && v != INFINITY, "score or -inf");
        } else {
            const std::string path = (folder / "user_embeddings.npy").string();
            rdfuzz::writeFile(path, files[0]);
            rdfuzz::writeFile((folder / "users.txt").string(), files[1]);
            const rd::ExternalEmbeddings e = rd::ExternalEmbeddings::read(path, d, true);
            rdfuzz::require(
                e.rows == d.numUsers() && e.values.size() == static_cast<size_t>(e.rows * e.dim),
                "embedding size");
        }
        ++rdfuzz::accepted;
    } catch (const rd::LoadError& e) {
        rdfuzz::require(!e.file().empty(), "a LoadError names its file");
    }
    return 0;
}

namespace rdfuzz {

std::vector<std::string> seeds() {
    const std::string npyPath = scratchFolder() + "/seed.npy";
    const auto npy = [&](const std::vector<float>& values, int64_t rows, int64_t cols) {
        rd::NpyArray::write(npyPath, values.data(), rows, cols);
        return readFile(npyPath);
    };
    const std::string users = "u1\nu2\nu3\n", items = "i1\ni2\ni3\ni4\n";
    return {
        std::string(1, '\0') +
            "user\titem\tscore\nu1\ti3\t0.9\nu1\ti4\t0.1\nu2\ti1\t2\nu3\ti2\t-1\n",
        std::string(1, '\0') + "u2\ti4\t1e-3\nu1\ti3\t5\nu3\ti3\t0\n",
        std::string(1, '\1') + npy(std::vector<float>(12, 0.5f), 3, 4) + "\n@@\n" + users +
            "\n@@\n" + items,
        std::string(1, '\1') + npy({1, 2, 3, 4, 5, 6}, 3, 2) + "\n@@\n" + users + "\n@@\ni4\ni1\n",
        std::string(1, '\2') + npy({0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 3, 2) + "\n@@\n" + users,
    };
}

}  // namespace rdfuzz
