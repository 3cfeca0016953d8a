#include "store/artifact_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/store_error.h"

namespace rd {

namespace fs = std::filesystem;

ArtifactFiles::~ArtifactFiles() {
    rollback();
}

bool ArtifactFiles::isInside(const std::string& relativePath) {
    const fs::path p(relativePath);
    if (relativePath.empty() || p.is_absolute() || p.has_root_name()) return false;
    for (const auto& part : p)
        if (part == "..") return false;
    return true;
}

bool ArtifactFiles::isPlainFileInside(const std::string& folder, const std::string& relativePath) {
    if (!isInside(relativePath)) return false;
    std::error_code ec;
    fs::path at(folder);
    const fs::path relative(relativePath);
    for (auto part = relative.begin(); part != relative.end(); ++part) {
        at /= *part;
        const fs::file_status status = fs::symlink_status(at, ec);
        if (ec || fs::is_symlink(status)) return false;
        if (std::next(part) == relative.end()) return fs::is_regular_file(status);
        if (!fs::is_directory(status)) return false;
    }
    return false;
}

bool ArtifactFiles::sameContent(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (!fs::is_regular_file(a, ec) || !fs::is_regular_file(b, ec)) return false;
    if (fs::equivalent(a, b, ec)) return true;
    if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::vector<char> ba(1 << 16), bb(1 << 16);
    while (fa && fb) {
        fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
        fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
        if (fa.gcount() != fb.gcount() ||
            !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin()))
            return false;
    }
    return fa.eof() && fb.eof();
}

void ArtifactFiles::copyNew(const std::string& from, const std::string& to) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(to, ec)))
        throw StoreError(to + ": already exists; it was not overwritten");
    const fs::path parent = fs::path(to).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    // copy_file without overwrite fails rather than replace a file that appeared meanwhile.
    if (ec || !fs::copy_file(from, to, fs::copy_options::none, ec) || ec)
        throw StoreError(to + ": cannot copy the artifact " + from + " there (" + ec.message() +
                         ")");
    created_.push_back(to);
}

void ArtifactFiles::rename(const std::string& from, const std::string& to) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(to, ec)))
        throw StoreError(to + ": already exists; it was not overwritten");
    fs::rename(from, to, ec);
    if (ec) throw StoreError(to + ": cannot move " + from + " there (" + ec.message() + ")");
    std::replace(created_.begin(), created_.end(), from, to);
}

void ArtifactFiles::adopt(const std::string& path) {
    created_.push_back(path);
}

void ArtifactFiles::rollback() {
    std::error_code ec;
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) fs::remove(*it, ec);
    created_.clear();
}

}  // namespace rd
