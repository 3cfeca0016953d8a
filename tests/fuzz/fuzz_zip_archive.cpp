// Fuzz target: the ZIP container check every checkpoint passes before LibTorch reads it
// (data/zip_archive_check). Plain C++ with zlib, so it runs in the sanitizer and libFuzzer builds,
// where the checkpoint target itself (LibTorch) cannot. The input is the archive: mutations of
// archives laid out as LibTorch writes them (stored entries padded to 64 bytes, a deflated code
// file, ZIP64 end records) and of a plain one. The check either accepts (then it accepts again:
// nothing depends on state) or throws std::runtime_error naming the input; a crash, a sanitizer
// report, another exception or a hang is a finding.

#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/zip_archive_check.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        rd::ZipArchiveCheck::verify(bytes, "input.pt");
        ++rdfuzz::accepted;
        rd::ZipArchiveCheck::verify(bytes, "input.pt");
    } catch (const std::runtime_error& e) {
        rdfuzz::require(std::string(e.what()).rfind("input.pt: not an intact archive (", 0) == 0,
                        "a refusal names the input and says why");
    }
    return 0;
}

namespace {

void put(std::string& out, uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

struct Entry {
    std::string name, content;
    bool deflate;
};

/** A ZIP archive as LibTorch's writer lays it out (or a plain one without padding and ZIP64). */
std::string archive(const std::vector<Entry>& entries, bool torchLayout) {
    std::string out, central;
    for (const Entry& e : entries) {
        std::string stored = e.content;
        if (e.deflate) {
            z_stream s{};
            deflateInit2(&s, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
            std::vector<unsigned char> buf(deflateBound(&s, e.content.size()));
            s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(e.content.data()));
            s.avail_in = static_cast<uInt>(e.content.size());
            s.next_out = buf.data();
            s.avail_out = static_cast<uInt>(buf.size());
            rdfuzz::require(deflate(&s, Z_FINISH) == Z_STREAM_END, "the seed deflates");
            stored.assign(reinterpret_cast<char*>(buf.data()), buf.size() - s.avail_out);
            deflateEnd(&s);
        }
        const uint32_t crc = static_cast<uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(e.content.data()), e.content.size()));
        const uint64_t offset = out.size();
        // LibTorch pads each local header's extra field so that the data starts at 64 bytes.
        std::string extra;
        if (torchLayout) {
            const size_t start = offset + 30 + e.name.size() + 4;
            const size_t pad = (64 - start % 64) % 64;
            put(extra, 0x4246, 2);  // "FB", LibTorch's padding id
            put(extra, pad, 2);
            extra.append(pad, 'Z');
        }
        const uint16_t method = e.deflate ? 8 : 0;
        put(out, 0x04034b50, 4);
        put(out, 20, 2);
        put(out, 0, 2);
        put(out, method, 2);
        put(out, 0, 4);
        put(out, crc, 4);
        put(out, stored.size(), 4);
        put(out, e.content.size(), 4);
        put(out, e.name.size(), 2);
        put(out, extra.size(), 2);
        out += e.name + extra + stored;
        put(central, 0x02014b50, 4);
        put(central, 20, 2);
        put(central, 20, 2);
        put(central, 0, 2);
        put(central, method, 2);
        put(central, 0, 4);
        put(central, crc, 4);
        put(central, stored.size(), 4);
        put(central, e.content.size(), 4);
        put(central, e.name.size(), 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 4);
        put(central, offset, 4);
        central += e.name;
    }
    const uint64_t cdOffset = out.size();
    out += central;
    if (torchLayout) {
        const uint64_t zip64End = out.size();
        put(out, 0x06064b50, 4);
        put(out, 44, 8);
        put(out, 45, 2);
        put(out, 45, 2);
        put(out, 0, 4);
        put(out, 0, 4);
        put(out, entries.size(), 8);
        put(out, entries.size(), 8);
        put(out, central.size(), 8);
        put(out, cdOffset, 8);
        put(out, 0x07064b50, 4);
        put(out, 0, 4);
        put(out, zip64End, 8);
        put(out, 1, 4);
    }
    put(out, 0x06054b50, 4);
    put(out, 0, 2);
    put(out, 0, 2);
    put(out, entries.size(), 2);
    put(out, entries.size(), 2);
    put(out, central.size(), 4);
    put(out, cdOffset, 4);
    put(out, 0, 2);
    return out;
}

}  // namespace

namespace rdfuzz {

std::vector<std::string> seeds() {
    std::string weights;
    for (int i = 0; i < 96; ++i) weights += static_cast<char>(i * 37);
    const std::vector<Entry> model = {
        {"model/data/0", weights, false},
        {"model/data.pkl", "\x80\x02}q\x00(X\x01\x00\x00\x00wq\x01tq\x02.", false},
        {"model/code/__torch__.py",
         "class Model(Module):\n  __parameters__ = [\"w\", ]\n  w : Tensor\n", true},
        {"model/constants.pkl", "\x80\x02).", false},
        {"model/version", "3\n", false},
    };
    return {archive(model, true), archive(model, false),
            archive({{"only", std::string(300, 'a'), true}}, true), archive({}, true)};
}

}  // namespace rdfuzz
