#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace callvault::server::record {

/// Owns a POSIX file descriptor; closes it on destruction (errors on that close are ignored: callers that
/// care about them call close() themselves).
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    int release();
    /// Closes now; throws RecordingError when close() reports a deferred write error.
    void close(const std::filesystem::path& pathForErrors);

private:
    int m_fd = -1;
};

/// Every open/write/sync here throws RecordingError with the path and strerror on failure.
/// Creates a new file (O_EXCL: an existing file is an error, never overwritten), write-only.
UniqueFd createNewFile(const std::filesystem::path& path, unsigned mode = 0640);
/// Opens an existing file (or device) for appending.
UniqueFd openForAppend(const std::filesystem::path& path);
/// write(2) until all bytes are out; EINTR is retried, a short write of 0 bytes is an error.
void writeAll(int fd, std::span<const std::uint8_t> bytes, const std::filesystem::path& pathForErrors);
/// pwrite(2) of all bytes at `offset`.
void writeAllAt(int fd, std::span<const std::uint8_t> bytes, std::int64_t offset,
                const std::filesystem::path& pathForErrors);
void syncFd(int fd, const std::filesystem::path& pathForErrors);
/// fsync of a directory, so a rename or a new entry in it survives a power loss.
void syncDirectory(const std::filesystem::path& dir);
/// create_directories, each new level with `mode`.
void makeDirectories(const std::filesystem::path& dir, unsigned mode = 0750);
/// Renames without ever replacing an existing destination (renameat2 RENAME_NOREPLACE; across file systems a
/// copy + fsync + unlink). Throws RecordingError if `to` exists.
void moveNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);
/// Writes `text` to `path` atomically: a temp file beside it, fsync, rename over `path`, fsync the folder.
void writeFileAtomically(const std::filesystem::path& path, std::string_view text, unsigned mode = 0640);

/// Whole file; throws RecordingError when it cannot be read.
std::string readWholeFile(const std::filesystem::path& path);
/// SHA-256 of a file's bytes, read in blocks.
std::array<std::uint8_t, 32> sha256OfFile(const std::filesystem::path& path);

}  // namespace callvault::server::record
