// The recording alarm's probe: while recordings are refused, try the disk every few seconds.

#include "server/media/media_relay_impl.h"

#include "server/record/file_io.h"
#include "server/record/recording_metadata.h"
#include "server/util/log.h"

#include "server/media/media_asio.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace callvault::server::media {
namespace {

constexpr std::size_t kProbeBytes = 256 * 1024;
/// Below this much free space the disk counts as full: an hour of one call is ~14 MB of MP3.
constexpr unsigned long long kMinFreeBytes = 64ULL * 1024 * 1024;

/// Empty when a file can be written and synced in spool/ and enough space is free, else why not.
std::string probeSpool(const std::filesystem::path& dataDir) {
    const auto spool = record::spoolDirectory(dataDir);
    try {
        record::makeDirectories(spool);
    } catch (const std::exception& e) {
        return e.what();
    }
    struct statvfs fs {};
    if (::statvfs(spool.c_str(), &fs) != 0) {
        return spool.string() + ": " + std::strerror(errno);
    }
    const auto freeBytes = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize;
    if (freeBytes < kMinFreeBytes) {
        return spool.string() + ": only " + std::to_string(freeBytes / (1024 * 1024)) + " MiB free";
    }
    const auto path = spool / ".alarm-probe";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return path.string() + ": " + std::strerror(errno);
    }
    const std::vector<char> bytes(kProbeBytes, 0);
    std::string error;
    if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) || ::fsync(fd) != 0) {
        error = path.string() + ": " + std::strerror(errno);
    }
    ::close(fd);
    ::unlink(path.c_str());
    return error;
}

}  // namespace

void MediaRelay::Impl::scheduleProbe() {
    const std::lock_guard lock(m_mutex);
    if (m_probeScheduled || m_stopping.load()) {
        return;
    }
    m_probeScheduled = true;
    m_probeTimer.expires_after(m_settings.alarmProbeInterval);
    auto self = shared_from_this();
    m_probeTimer.async_wait([self](const boost::system::error_code& ec) {
        if (ec) {
            const std::lock_guard innerLock(self->m_mutex);
            self->m_probeScheduled = false;
            return;
        }
        boost::asio::post(self->m_pool, [self] { self->probe(); });
    });
}

void MediaRelay::Impl::probe() {
    const auto error = probeSpool(m_settings.dataDir);
    {
        const std::lock_guard lock(m_mutex);
        m_probeScheduled = false;
    }
    if (!m_alarm.load()) {
        return;
    }
    if (error.empty()) {
        clearAlarm();
    } else {
        log::warning("recording alarm stays: " + error);
        scheduleProbe();
    }
}

}  // namespace callvault::server::media
