#include "server/record/file_io.h"

#include "server/record/recording_error.h"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <vector>

namespace callvault::server::record {
namespace {

[[noreturn]] void fail(std::string_view what, const std::filesystem::path& path, int error) {
    throw RecordingError(std::string(what) + " " + path.string() + ": " + std::strerror(error));
}

void copyFileSynced(const std::filesystem::path& from, const std::filesystem::path& to) {
    const UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) {
        fail("cannot open", from, errno);
    }
    UniqueFd out = createNewFile(to);
    std::vector<std::uint8_t> block(64 * 1024);
    for (;;) {
        const ssize_t n = ::read(in.get(), block.data(), block.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("cannot read", from, errno);
        }
        if (n == 0) {
            break;
        }
        writeAll(out.get(), std::span(block.data(), static_cast<std::size_t>(n)), to);
    }
    syncFd(out.get(), to);
    out.close(to);
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

int UniqueFd::release() {
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void UniqueFd::close(const std::filesystem::path& pathForErrors) {
    const int fd = release();
    // Linux always releases the descriptor, even when close() reports an error, so it is never retried.
    if (fd >= 0 && ::close(fd) != 0 && errno != EINTR) {
        fail("cannot close", pathForErrors, errno);
    }
}

UniqueFd createNewFile(const std::filesystem::path& path, unsigned mode) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode)));
    if (!fd.valid()) {
        fail("cannot create", path, errno);
    }
    return fd;
}

UniqueFd openForAppend(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
    if (!fd.valid()) {
        fail("cannot open", path, errno);
    }
    return fd;
}

void writeAll(int fd, std::span<const std::uint8_t> bytes, const std::filesystem::path& pathForErrors) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("cannot write", pathForErrors, errno);
        }
        if (n == 0) {
            fail("cannot write", pathForErrors, ENOSPC);
        }
        done += static_cast<std::size_t>(n);
    }
}

void writeAllAt(int fd, std::span<const std::uint8_t> bytes, std::int64_t offset,
                const std::filesystem::path& pathForErrors) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                                   static_cast<off_t>(offset + static_cast<std::int64_t>(done)));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            fail("cannot write", pathForErrors, n < 0 ? errno : ENOSPC);
        }
        done += static_cast<std::size_t>(n);
    }
}

void syncFd(int fd, const std::filesystem::path& pathForErrors) {
    // EINVAL: the descriptor is a device or pipe that cannot be synced (e.g. /dev/full in tests).
    if (::fsync(fd) != 0 && errno != EINVAL) {
        fail("cannot sync", pathForErrors, errno);
    }
}

void syncDirectory(const std::filesystem::path& dir) {
    const UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid()) {
        fail("cannot open folder", dir, errno);
    }
    syncFd(fd.get(), dir);
}

void makeDirectories(const std::filesystem::path& dir, unsigned mode) {
    std::filesystem::path current;
    for (const auto& part : dir) {
        current /= part;
        if (current.empty() || current == current.root_path()) {
            continue;
        }
        if (::mkdir(current.c_str(), static_cast<mode_t>(mode)) != 0 && errno != EEXIST) {
            fail("cannot create folder", current, errno);
        }
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        fail("not a folder:", dir, ENOTDIR);
    }
}

void moveNoReplace(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
        return;
    }
    const int error = errno;
    if (error == EEXIST) {
        fail("refusing to replace existing file", to, EEXIST);
    }
    if (error == EXDEV) {
        copyFileSynced(from, to);
        if (::unlink(from.c_str()) != 0) {
            fail("cannot remove", from, errno);
        }
        return;
    }
    if (error == EINVAL || error == ENOSYS) {
        // File systems without RENAME_NOREPLACE: link() refuses an existing target just the same.
        if (::link(from.c_str(), to.c_str()) != 0) {
            fail("cannot move to", to, errno);
        }
        if (::unlink(from.c_str()) != 0) {
            fail("cannot remove", from, errno);
        }
        return;
    }
    fail("cannot move " + from.string() + " to", to, error);
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view text, unsigned mode) {
    std::filesystem::path temp = path;
    temp += ".tmp-write";
    ::unlink(temp.c_str());  // a leftover of a crash during an earlier attempt
    {
        UniqueFd fd = createNewFile(temp, mode);
        writeAll(fd.get(), std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), temp);
        syncFd(fd.get(), temp);
        fd.close(temp);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temp.c_str());
        fail("cannot rename to", path, error);
    }
    syncDirectory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
}

std::string readWholeFile(const std::filesystem::path& path) {
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        fail("cannot open", path, errno);
    }
    std::string bytes;
    char block[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd.get(), block, sizeof block);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("cannot read", path, errno);
        }
        if (n == 0) {
            return bytes;
        }
        bytes.append(block, static_cast<std::size_t>(n));
    }
}

std::array<std::uint8_t, 32> sha256OfFile(const std::filesystem::path& path) {
    if (sodium_init() < 0) {
        throw RecordingError("libsodium could not be initialised");
    }
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        fail("cannot open", path, errno);
    }
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<unsigned char> block(64 * 1024);
    for (;;) {
        const ssize_t n = ::read(fd.get(), block.data(), block.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            fail("cannot read", path, errno);
        }
        if (n == 0) {
            break;
        }
        crypto_hash_sha256_update(&state, block.data(), static_cast<unsigned long long>(n));
    }
    std::array<std::uint8_t, 32> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    return digest;
}

}  // namespace callvault::server::record
