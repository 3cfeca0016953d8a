#include "store/store_exporter.h"

#include <sqlite3.h>

#include <filesystem>
#include <utility>
#include <vector>

#include "store/artifact_files.h"
#include "store/sql_statement.h"
#include "store/store_error.h"

namespace rd {

namespace fs = std::filesystem;

namespace {

// The artifacts of the snapshot just written, read from the copy itself so the files match its
// rows even if the live store changed meanwhile.
std::vector<std::string> artifactPaths(const std::string& copy) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(copy.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        throw StoreError(copy + ": cannot read back the exported store");
    }
    std::vector<std::string> out;
    try {
        SqlStatement s(db, "SELECT DISTINCT relative_path FROM artifacts ORDER BY relative_path");
        while (s.step()) out.push_back(s.text(0));
    } catch (...) {
        sqlite3_close_v2(db);
        throw;
    }
    sqlite3_close_v2(db);
    return out;
}

}  // namespace

void StoreExporter::exportStore(sqlite3* db, const std::string& folder, const std::string& path) {
    if (path.empty()) throw StoreError("export: no file name given");
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec)))
        throw StoreError(path +
                         ": already exists; the export writes a new file and overwrites none");
    const fs::path target = fs::absolute(path);
    const fs::path targetFolder = target.parent_path();
    fs::create_directories(targetFolder, ec);
    if (ec)
        throw StoreError(path + ": cannot create the folder " + targetFolder.string() + " (" +
                         ec.message() + ")");
    ArtifactFiles files;
    files.adopt(target.string());  // removed again unless everything below succeeds
    {
        SqlStatement vacuum(db, "VACUUM INTO ?");
        vacuum.bind(1, target.string()).run();
    }
    // Check every artifact before copying any, so a conflict leaves nothing half exported.
    std::vector<std::pair<std::string, std::string>> copies;
    for (const std::string& relative : artifactPaths(target.string())) {
        if (!ArtifactFiles::isInside(relative)) continue;  // not beside the store: nothing to copy
        const std::string from = (fs::path(folder) / relative).string();
        const std::string to = (targetFolder / relative).string();
        if (!fs::is_regular_file(from, ec)) continue;  // already missing in the store
        if (fs::exists(fs::symlink_status(to, ec))) {
            if (ArtifactFiles::sameContent(from, to)) continue;
            throw StoreError(path + ": the artifact " + relative +
                             " already exists beside it with "
                             "other content; nothing was exported (choose another folder)");
        }
        copies.emplace_back(from, to);
    }
    for (const auto& [from, to] : copies) files.copyNew(from, to);
    files.commit();
}

}  // namespace rd
