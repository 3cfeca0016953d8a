#pragma once

#include <string>
#include <string_view>

namespace rd {

/**
 * Checks that a ZIP archive is whole and undamaged before anything parses what is inside it. A
 * LibTorch checkpoint is such an archive; LibTorch 1.13's own reader trusts it and crashes on some
 * damaged ones (found by fuzz_checkpoint: a SIGSEGV deep in its TorchScript parser), so RecDistill
 * checks the container first: the end-of-central-directory record (ZIP64 too), each central entry
 * against its local header, every size and offset within the file, no encryption, stored or
 * deflated data only, and each entry's CRC-32 over its (inflated) bytes. Any damage that flips a
 * bit of an entry is then caught by its checksum. Throws std::runtime_error: "NAME: not an intact
 * archive (…)". Bounds: at most 65,536 entries, 256 MiB inflated per deflated entry.
 */
class ZipArchiveCheck {
public:
    /** The file at path (memory-mapped, read only). */
    static void verifyFile(const std::string& path);
    /** bytes held in memory; name is used in messages. */
    static void verify(std::string_view bytes, const std::string& name);
};

}  // namespace rd
