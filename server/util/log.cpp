#include "server/util/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace callvault::server::log {
namespace {

std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;

std::string_view levelName(Level level) {
    switch (level) {
        case Level::Debug:
            return "DEBUG";
        case Level::Info:
            return "INFO ";
        case Level::Warning:
            return "WARN ";
        case Level::Error:
            return "ERROR";
    }
    return "?    ";
}

std::string timestamp() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[40];
    const auto n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                                 utc.tm_sec, static_cast<int>(ms % 1000));
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

void write(Level level, std::string_view message) {
    if (level < g_level.load(std::memory_order_relaxed)) {
        return;
    }
    std::string line = timestamp();
    line += ' ';
    line += levelName(level);
    line += ' ';
    line += message;
    line += '\n';
    // One fwrite under a lock so lines from several threads never interleave.
    const std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void setLevel(Level level) {
    g_level.store(level, std::memory_order_relaxed);
}

bool setLevel(std::string_view name) {
    if (name == "debug") {
        setLevel(Level::Debug);
    } else if (name == "info") {
        setLevel(Level::Info);
    } else if (name == "warning" || name == "warn") {
        setLevel(Level::Warning);
    } else if (name == "error") {
        setLevel(Level::Error);
    } else {
        return false;
    }
    return true;
}

}  // namespace callvault::server::log
