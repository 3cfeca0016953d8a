#include "store/store_exporter.h"

#include <sqlite3.h>

#include <filesystem>
#include <utility>
#include <vector>

#include "store/artifact_files.h"
#include "store/sql_interrupt.h"
#include "store/sql_statement.h"
#include "store/store_error.h"
#include "util/cancel_token.h"

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

/** folder and those of its parents that do not exist yet, deepest first. */
std::vector<fs::path> missingFolders(const fs::path& folder) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::path p = folder; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        out.push_back(p);
        if (p == p.parent_path()) break;
    }
    return out;
}

}  // namespace

void StoreExporter::exportStore(sqlite3* db, const std::string& folder, const std::string& path,
                                const CancelToken* cancel) {
    if (path.empty()) throw StoreError("export: no file name given");
    throwIfCancelled(cancel);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec)))
        throw StoreError(path +
                         ": already exists; the export writes a new file and overwrites none");
    const fs::path target = fs::absolute(path);
    const fs::path targetFolder = target.parent_path();
    // Folders this export creates go again when it fails or is cancelled (if still empty).
    std::vector<fs::path> created = missingFolders(targetFolder / "artifacts");
    fs::create_directories(targetFolder, ec);
    if (ec)
        throw StoreError(path + ": cannot create the folder " + targetFolder.string() + " (" +
                         ec.message() + ")");
    try {
        copyInto(db, folder, path, target, cancel);
    } catch (...) {
        for (const fs::path& f : created) fs::remove(f, ec);  // only empty ones
        throw;
    }
}

void StoreExporter::copyInto(sqlite3* db, const std::string& folder, const std::string& path,
                             const std::filesystem::path& target, const CancelToken* cancel) {
    std::error_code ec;
    const fs::path targetFolder = target.parent_path();
    ArtifactFiles files;
    files.adopt(target.string());  // removed again unless everything below succeeds
    try {
        SqlInterrupt interrupt(db, cancel);
        SqlStatement vacuum(db, "VACUUM INTO ?");
        vacuum.bind(1, target.string()).run();
    } catch (const StoreError&) {
        throwIfCancelled(cancel);  // interrupted: a cancel, not a failure
        throw;
    }
    // Check every artifact before copying any, so a conflict leaves nothing half exported.
    std::vector<std::pair<std::string, std::string>> copies;
    for (const std::string& relative : artifactPaths(target.string())) {
        // Not beside the store, missing, or not a plain file there (no link is followed): nothing
        // to copy.
        if (!ArtifactFiles::isPlainFileInside(folder, relative)) continue;
        const std::string from = (fs::path(folder) / relative).string();
        const std::string to = (targetFolder / relative).string();
        if (fs::exists(fs::symlink_status(to, ec))) {
            if (ArtifactFiles::sameContent(from, to)) continue;
            throw StoreError(path + ": the artifact " + relative +
                             " already exists beside it with "
                             "other content; nothing was exported (choose another folder)");
        }
        copies.emplace_back(from, to);
    }
    for (const auto& [from, to] : copies) {
        throwIfCancelled(cancel);
        files.copyNew(from, to);
    }
    throwIfCancelled(cancel);
    files.commit();
}

}  // namespace rd
