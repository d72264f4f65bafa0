#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace callvault::test {

/// What a finished child process left behind.
struct CommandResult {
    int exitCode = -1;  ///< the exit status, or 128 + signal number when killed
    std::string out;    ///< everything written to stdout
    std::string err;    ///< everything written to stderr
};

/// Runs `argv` (argv[0] an absolute path) to completion with stdin closed. A child that outlives
/// `timeout` is killed and the result says so (exit code 128 + SIGKILL).
CommandResult runCommand(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// The `key: value` lines of the provisioning CLI's stdout (other lines are ignored).
std::map<std::string, std::string> parseKeyValues(const std::string& text);

/// The path of the callvaultd under test (the CALLVAULTD_PATH compile definition).
std::filesystem::path callvaultdPath();

/// One callvaultd child process on a private temporary data directory.
/// Not thread safe; meant for the thread that runs the tests. The destructor stops the server (SIGTERM,
/// then SIGKILL after 10 s, which is reported as a test failure) and removes the directory.
class ServerProcess {
public:
    /// Makes a fresh empty data directory under the system temp folder.
    ServerProcess();
    /// Makes the data directory as a copy of `templateDir` (a data directory of a stopped server).
    explicit ServerProcess(const std::filesystem::path& templateDir);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    const std::filesystem::path& dataDir() const { return m_dataDir; }
    /// The server's stderr (its log), kept across restarts.
    std::filesystem::path logPath() const { return m_dataDir / "server.log"; }
    /// The self-signed certificate made on first start; the HTTPS client trusts it as its only CA.
    std::filesystem::path certPath() const { return m_dataDir / "tls" / "server.crt"; }

    /// Runs `callvaultd admin <args...> --data-dir D` and returns its result as is.
    CommandResult adminRaw(const std::vector<std::string>& args) const;
    /// Like adminRaw, but a non-zero exit is a test failure (and an empty map); returns the key/value lines.
    std::map<std::string, std::string> admin(const std::vector<std::string>& args) const;

    /// Starts callvaultd on 127.0.0.1 with a free port and `extraFlags`, and waits (15 s at most) for its
    /// ready file. Returns false (with a test failure that quotes the log) if it did not come up.
    bool start(const std::vector<std::string>& extraFlags = {});
    /// SIGTERM, then waits; returns the exit code (128 + signal when it had to be killed, -1 if not running).
    int stop();
    bool running() const { return m_pid > 0; }
    /// True while the child has not exited (reaps it if it has).
    bool alive();
    std::uint16_t port() const { return m_port; }

    /// The last `lines` lines of the log.
    std::string logTail(std::size_t lines = 60) const;
    /// Prints the log tail to stderr when the current test has failed.
    void printLogIfFailed() const;

private:
    std::filesystem::path m_dataDir;
    pid_t m_pid = -1;
    std::uint16_t m_port = 0;
};

}  // namespace callvault::test
