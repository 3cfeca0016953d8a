// Fuzz target: what the delimited-file import dialog proposes (separator, header, column roles)
// from a file's first lines, then a load with that mapping. The guess either succeeds with columns
// inside the file's width, or throws LoadError; the load the same as the loaders target.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "data/data_loader.h"
#include "data/load_error.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = rdfuzz::scratchFolder() + "/dialog.txt";
    rdfuzz::writeFile(path, std::string(reinterpret_cast<const char*>(data), size));
    try {
        const rd::DelimitedMapping m = rd::detectDelimitedMapping(path, 1 << 16);
        if (m.separator.empty() || m.userColumn < 0 || m.itemColumn < 0 ||
            m.userColumn == m.itemColumn) {
            std::fprintf(stderr, "detected mapping without separator or user/item columns\n");
            std::abort();
        }
        rd::LoadOptions options;
        options.format = "delimited";
        options.delimited = m;
        options.delimited.detect = false;
        options.maxLineBytes = 1 << 16;
        rd::loadDataset(path, options);
        ++rdfuzz::accepted;
    } catch (const rd::LoadError&) {
    }
    return 0;
}

namespace rdfuzz {

std::vector<std::string> seeds() {
    return {"user,item,rating,timestamp\n1,2,5,100\n1,3,4,101\n2,2,1,102\n",
            "u1\ti1\nu1\ti2\nu2\ti1\n",
            "1::10::5::978300760\n1::11::3::978302109\n",
            "\xef\xbb\xbfuserId;movieId;rating\r\n1;2;3.5\r\n2;2;4\r\n",
            "\"a, b\",x,1\n\"c\",y,2\n",
            "1 2\n3 4\n"};
}

}  // namespace rdfuzz
