#pragma once

#include <string>
#include <vector>

namespace rd {

/**
 * The artifact files that an export or an import copies from one store's folder to another's. It
 * never overwrites a file: a copy onto an existing name fails, unless the file there already has
 * the same bytes. Every file it created is remembered, so rollback() leaves the destination as it
 * was when an export or import fails half-way; commit() keeps them.
 */
class ArtifactFiles {
public:
    ArtifactFiles() = default;
    ~ArtifactFiles();
    ArtifactFiles(const ArtifactFiles&) = delete;
    ArtifactFiles& operator=(const ArtifactFiles&) = delete;

    /** A path that stays inside a store's folder: relative, with no ".." part. */
    static bool isInside(const std::string& relativePath);
    /** Whether folder/relativePath is a plain file reached without following any symbolic link
     * (none of its parts below folder is a link) and inside folder (isInside): the only kind of
     * artifact a store reads, exports or imports, whatever its rows say (reliability review F5,
     * F12: a link planted in artifacts/ must not carry /etc/passwd into an export). */
    static bool isPlainFileInside(const std::string& folder, const std::string& relativePath);
    /** Whether two files hold the same bytes (false when either is missing). */
    static bool sameContent(const std::string& a, const std::string& b);

    /** Copies from to a new file to (creating its folders); throws StoreError if to exists or the
     * copy fails. */
    void copyNew(const std::string& from, const std::string& to);
    /** Moves a file this object created to a new name (which must not exist). */
    void rename(const std::string& from, const std::string& to);
    /** Marks a file created by someone else (e.g. VACUUM INTO) as ours to remove on rollback. */
    void adopt(const std::string& path);
    void commit() { created_.clear(); }
    void rollback();

private:
    std::vector<std::string> created_;
};

}  // namespace rd
