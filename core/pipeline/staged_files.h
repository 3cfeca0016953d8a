#pragma once

#include <string>
#include <vector>

namespace rd {

/**
 * Files of one export written under temporary names (NAME.part) and given their real names only
 * when every one of them is complete, so a failed or cancelled export leaves no half-written file
 * and does not replace a complete one from an earlier export. Parts not committed are removed
 * when the object goes away.
 */
class StagedFiles {
public:
    StagedFiles() = default;
    ~StagedFiles();
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;

    /** Creates folder (and its parents) for the files; those it created are removed again, if
     * empty, when the export does not commit. */
    void createFolder(const std::string& folder);
    /** The temporary name to write finalPath's content to. */
    std::string stage(const std::string& finalPath);
    /** Renames every part to its final name (replacing an older file of that name); throws
     * std::runtime_error naming the file when a rename fails. */
    void commit();

private:
    std::vector<std::string> finals_;
    std::vector<std::string> createdFolders_;  ///< deepest last
    bool committed_ = false;
};

}  // namespace rd
