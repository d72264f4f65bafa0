#include "tests/server/api/world_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <iomanip>
#include <optional>
#include <sstream>
#include <thread>

namespace callvault::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kLockTimeout = 180s;
constexpr auto kStaleAfter = std::chrono::hours(24);

/// Identifies one build: the world must be rebuilt when callvaultd (its schema) or this code changes.
std::string buildKey() {
    std::string identity;
    for (const std::string& path : {callvaultdPath().string(), std::string("/proc/self/exe")}) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0) {
            throw ProvisionError("cannot stat " + path);
        }
        identity += path + ":" + std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) +
                    "." + std::to_string(info.st_mtim.tv_nsec) + ";";
    }
    std::ostringstream key;
    key << std::hex << std::setw(16) << std::setfill('0') << std::hash<std::string>{}(identity);
    return key.str();
}

/// An exclusive flock on a file, released (and the file closed) on destruction.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path)
        : m_fd(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
        if (m_fd < 0) {
            throw ProvisionError("cannot open the lock file " + path.string());
        }
        const auto deadline = std::chrono::steady_clock::now() + kLockTimeout;
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                ::close(m_fd);
                throw ProvisionError("another test process held " + path.string() + " for too long");
            }
            std::this_thread::sleep_for(50ms);
        }
    }
    ~FileLock() {
        ::flock(m_fd, LOCK_UN);
        ::close(m_fd);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd;
};

void pruneStaleEntries(const std::filesystem::path& root, const std::string& keep) {
    std::error_code ec;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(keep, 0) == 0) {
            continue;
        }
        std::error_code timeError;
        const auto written = entry.last_write_time(timeError);
        if (!timeError && now - written > kStaleAfter) {
            std::error_code ignored;
            std::filesystem::remove_all(entry.path(), ignored);
        }
    }
}

CachedWorld buildWorld(const std::filesystem::path& entry) {
    ServerProcess builder;
    World world;
    try {
        world = provisionWorld(builder);
    } catch (const ProvisionError& e) {
        throw ProvisionError(std::string(e.what()) + "\n---- callvaultd log ----\n" + builder.logTail());
    }
    const int code = builder.stop();
    if (code != 0) {
        throw ProvisionError("callvaultd exited with " + std::to_string(code) + " on SIGTERM; log:\n" +
                             builder.logTail());
    }
    const auto partial = std::filesystem::path(entry.string() + ".partial");
    std::filesystem::remove_all(partial);
    std::filesystem::create_directories(partial);
    std::filesystem::copy(builder.dataDir(), partial / "data", std::filesystem::copy_options::recursive);
    std::error_code ignored;
    std::filesystem::remove(partial / "data" / "ready", ignored);
    std::filesystem::remove(partial / "data" / "server.log", ignored);
    {
        std::ofstream out(partial / "world.json");
        out << world.toJson().dump(2) << "\n";
        if (!out) {
            throw ProvisionError("cannot write " + (partial / "world.json").string());
        }
    }
    std::filesystem::rename(partial, entry);
    return CachedWorld{world, entry / "data"};
}

}  // namespace

CachedWorld cachedWorld() {
    static std::optional<CachedWorld> memo;
    if (memo) {
        return *memo;
    }
    const auto root =
        std::filesystem::temp_directory_path() / ("callvault-api-world-" + std::to_string(::getuid()));
    std::filesystem::create_directories(root);
    const std::string key = buildKey();
    const auto entry = root / key;

    FileLock lock(root / (key + ".lock"));
    if (std::filesystem::exists(entry / "world.json")) {
        std::ifstream in(entry / "world.json");
        const auto j = nlohmann::json::parse(in, nullptr, false);
        if (!j.is_discarded()) {
            memo = CachedWorld{World::fromJson(j), entry / "data"};
            return *memo;
        }
        std::filesystem::remove_all(entry);
    }
    pruneStaleEntries(root, key);
    memo = buildWorld(entry);
    return *memo;
}

}  // namespace callvault::test
