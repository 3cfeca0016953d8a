// Fuzz target: every data loader with format detection. The first byte picks a scenario (format,
// file names, forced or detected, skip mode, encoding); the rest is one or two files separated by
// "\n@@\n". A load either succeeds with a data set whose every index is in range and whose texts
// are UTF-8, or throws LoadError; anything else is a finding.

#include <cstdlib>
#include <filesystem>
#include <string>

#include "data/data_loader.h"
#include "data/field_parser.h"
#include "data/load_error.h"
#include "fuzz_target.h"

namespace {

struct Scenario {
    const char* folder;  ///< "" = files directly in the scratch folder
    const char* first;   ///< first file's name
    const char* second;  ///< second file's name ("" = none)
    const char* open;    ///< what is loaded, relative to the scratch folder
    const char* format;  ///< "auto" or forced
};

const Scenario kScenarios[] = {
    {"ml100k", "u.data", "u.item", "ml100k", "auto"},
    {"ml100k-forced", "u.data", "u.item", "ml100k-forced/u.data", "ml-100k"},
    {"ml1m", "ratings.dat", "movies.dat", "ml1m", "auto"},
    {"mllatest", "ratings.csv", "movies.csv", "mllatest", "auto"},
    {"recbole", "x.inter", "x.item", "recbole/x.inter", "auto"},
    {"lightgcn", "train.txt", "test.txt", "lightgcn", "auto"},
    {"delimited", "data.txt", "", "delimited/data.txt", "auto"},
    {"delimited-forced", "data.csv", "", "delimited-forced/data.csv", "delimited"},
};
constexpr size_t kCount = sizeof kScenarios / sizeof kScenarios[0];

void checkInvariants(const rd::Dataset& d) {
    rdfuzz::require(d.userOffsets.size() == static_cast<size_t>(d.numUsers()) + 1, "user offsets");
    rdfuzz::require(d.userOffsets.back() == static_cast<int64_t>(d.items.size()), "offsets end");
    for (int32_t i : d.items) rdfuzz::require(i >= 0 && i < d.numItems(), "item index in range");
    rdfuzz::require(d.ratings.empty() || d.ratings.size() == d.items.size(), "ratings size");
    for (float r : d.ratings) rdfuzz::require(r == r && r - r == 0, "finite rating");
    rdfuzz::require(
        d.itemTitles.empty() || d.itemTitles.size() == static_cast<size_t>(d.numItems()),
        "titles size");
    for (const std::string& t : d.itemTitles)
        rdfuzz::require(rd::fields::isValidUtf8(t), "UTF-8 title");
    for (int32_t c : d.itemCategories)
        rdfuzz::require(c >= 0 && c < d.numCategories(), "category index");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const uint8_t pick = data[0];
    const Scenario& s = kScenarios[pick % kCount];
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t cut = body.find("\n@@\n");
    const std::string first = body.substr(0, cut);
    const std::string second = cut == std::string::npos ? std::string() : body.substr(cut + 4);

    namespace fs = std::filesystem;
    const fs::path root = rdfuzz::scratchFolder();
    const fs::path folder = root / s.folder;
    std::error_code ec;
    fs::remove_all(folder, ec);
    fs::create_directories(folder);
    rdfuzz::writeFile((folder / s.first).string(), first);
    if (*s.second && cut != std::string::npos)
        rdfuzz::writeFile((folder / s.second).string(), second);

    rd::LoadOptions options;
    options.format = s.format;
    options.skipBadLines = (pick / kCount) & 1;
    options.encoding = ((pick / kCount) & 2) ? "latin-1" : "auto";
    options.maxLineBytes = 1 << 16;
    try {
        const rd::LoadResult r = rd::loadDataset((root / s.open).string(), options);
        checkInvariants(r.dataset);
        ++rdfuzz::accepted;
    } catch (const rd::LoadError& e) {
        rdfuzz::require(!e.file().empty(), "a LoadError names its file");
    }
    return 0;
}

namespace rdfuzz {

std::vector<std::string> seeds() {
    const std::string uData =
        "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n"
        "196\t377\t4\t881250950\n22\t242\t5\t878887117\n";
    const std::string uItem =
        "242|Kolya (1996)|24-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        "302|L.A. Confidential (1997)|01-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        "377|Heavyweights (1994)|01-Jan-1994||http://x|0|0|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n";
    const std::string ratingsDat =
        "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n";
    const std::string moviesDat =
        "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach "
        "(1996)::Animation|Children's|Musical\n";
    const std::string ratingsCsv =
        "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n2,1,3.5,"
        "964982224\n";
    const std::string moviesCsv =
        "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n"
        "3,\"Grumpier Old Men, The (1995)\",Comedy|Romance\n";
    const std::string inter =
        "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        "1\t10\t5\t100\n1\t11\t3\t101\n2\t10\t4\t102\n";
    const std::string item =
        "item_id:token\ttitle:token_seq\tgenre:token_seq\n10\tA film\tDrama "
        "Comedy\n11\tAnother\tAction\n";
    const std::string train = "0 1 2 3\n1 2 4\n2 0 1\n";
    const std::string test = "0 4\n1 0\n2 3\n";
    const std::string delimited = "u1,i1,5\nu1,i2,3\nu2,i1,4\nu3,i3,1\n";
    std::vector<std::string> out;
    const auto add = [&](size_t scenario, const std::string& a, const std::string& b) {
        for (int variant = 0; variant < 4; ++variant)
            out.push_back(std::string(1, static_cast<char>(scenario + kCount * variant)) + a +
                          (b.empty() ? "" : "\n@@\n" + b));
    };
    add(0, uData, uItem);
    add(1, uData, uItem);
    add(2, ratingsDat, moviesDat);
    add(3, ratingsCsv, moviesCsv);
    add(4, inter, item);
    add(5, train, test);
    add(6, delimited, "");
    add(7, "user\titem\trating\ttime\nA\tB\t1\t5\nA\tC\t2\t6\n", "");
    return out;
}

}  // namespace rdfuzz
