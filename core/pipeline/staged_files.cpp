#include "pipeline/staged_files.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace rd {

namespace {

std::string partOf(const std::string& finalPath) {
    return finalPath + ".part";
}

}  // namespace

StagedFiles::~StagedFiles() {
    if (committed_) return;
    std::error_code ec;
    for (const std::string& f : finals_) std::filesystem::remove(partOf(f), ec);
    // remove() leaves a folder that is not empty (someone else's files) alone.
    for (auto it = createdFolders_.rbegin(); it != createdFolders_.rend(); ++it)
        std::filesystem::remove(*it, ec);
}

void StagedFiles::createFolder(const std::string& folder) {
    namespace fs = std::filesystem;
    if (folder.empty()) return;
    std::vector<std::string> missing;  // the folders that do not exist yet, deepest first
    std::error_code ec;
    for (fs::path p = fs::absolute(folder, ec); !p.empty() && !fs::exists(p, ec);
         p = p.parent_path()) {
        missing.push_back(p.string());
        if (p == p.parent_path()) break;
    }
    fs::create_directories(folder, ec);
    if (ec) throw std::runtime_error(folder + ": cannot create the folder (" + ec.message() + ")");
    createdFolders_.insert(createdFolders_.end(), missing.rbegin(), missing.rend());
}

std::string StagedFiles::stage(const std::string& finalPath) {
    finals_.push_back(finalPath);
    return partOf(finalPath);
}

void StagedFiles::commit() {
    for (const std::string& f : finals_) {
        std::error_code ec;
        std::filesystem::rename(partOf(f), f, ec);
        if (ec) throw std::runtime_error(f + ": cannot write the file (" + ec.message() + ")");
    }
    committed_ = true;
}

}  // namespace rd
