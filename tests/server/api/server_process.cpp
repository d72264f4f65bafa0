#include "tests/server/api/server_process.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef CALLVAULTD_PATH
#error "CALLVAULTD_PATH must name the callvaultd binary under test"
#endif

namespace callvault::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kStartTimeout = 15s;
constexpr auto kStopTimeout = 10s;
constexpr auto kPollStep = 10ms;

/// An owned file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(Fd&& other) noexcept : m_fd(other.release()) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    int get() const { return m_fd; }
    int release() {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset(int fd = -1) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }

private:
    int m_fd = -1;
};

std::vector<char*> argvPointers(std::vector<std::string>& args) {
    std::vector<char*> pointers;
    pointers.reserve(args.size() + 1);
    for (auto& arg : args) {
        pointers.push_back(arg.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

int decodeStatus(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

/// Waits for `pid` until `deadline`; the decoded exit status, or nullopt if it is still running.
std::optional<int> waitUntil(pid_t pid, Clock::time_point deadline) {
    for (;;) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return decodeStatus(status);
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(kPollStep);
    }
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::filesystem::path callvaultdPath() {
    return CALLVAULTD_PATH;
}

CommandResult runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    CommandResult result;
    if (argv.empty()) {
        return result;
    }
    std::array<int, 2> outPipe{};
    std::array<int, 2> errPipe{};
    if (::pipe2(outPipe.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
    }
    Fd outRead(outPipe[0]);
    Fd outWrite(outPipe[1]);
    if (::pipe2(errPipe.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
    }
    Fd errRead(errPipe[0]);
    Fd errWrite(errPipe[1]);
    Fd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));

    std::vector<std::string> args = argv;
    std::vector<char*> pointers = argvPointers(args);
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::dup2(devNull.get(), STDIN_FILENO);
        ::dup2(outWrite.get(), STDOUT_FILENO);
        ::dup2(errWrite.get(), STDERR_FILENO);
        ::execv(pointers[0], pointers.data());
        ::_exit(127);
    }
    outWrite.reset();
    errWrite.reset();

    const auto deadline = Clock::now() + timeout;
    bool killed = false;
    std::array<pollfd, 2> fds{pollfd{outRead.get(), POLLIN, 0}, pollfd{errRead.get(), POLLIN, 0}};
    std::array<std::string*, 2> sinks{&result.out, &result.err};
    int open = 2;
    while (open > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left <= 0ms) {
            if (killed) {
                break;
            }
            ::kill(pid, SIGKILL);
            killed = true;
            continue;
        }
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::min(left, 200ms).count()));
        if (ready < 0 && errno != EINTR) {
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            std::array<char, 4096> buffer{};
            const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) {
                sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open;
            }
        }
    }
    if (auto code = waitUntil(pid, Clock::now() + (killed ? 5s : timeout))) {
        result.exitCode = *code;
    } else {
        ::kill(pid, SIGKILL);
        result.exitCode = waitUntil(pid, Clock::now() + 5s).value_or(-1);
    }
    return result;
}

std::map<std::string, std::string> parseKeyValues(const std::string& text) {
    std::map<std::string, std::string> values;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto colon = line.find(": ");
        if (colon == std::string::npos || colon == 0) {
            continue;
        }
        std::string value = line.substr(colon + 2);
        while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) {
            value.pop_back();
        }
        values[line.substr(0, colon)] = value;
    }
    return values;
}

ServerProcess::ServerProcess() {
    std::string pattern = (std::filesystem::temp_directory_path() / "callvault-api-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    m_dataDir = pattern;
}

ServerProcess::ServerProcess(const std::filesystem::path& templateDir) : ServerProcess() {
    std::filesystem::copy(templateDir, m_dataDir, std::filesystem::copy_options::recursive);
    std::error_code ignored;
    std::filesystem::remove(m_dataDir / "ready", ignored);
    std::filesystem::remove(logPath(), ignored);
}

ServerProcess::~ServerProcess() {
    if (running()) {
        const int code = stop();
        EXPECT_EQ(code, 0) << "callvaultd did not exit cleanly on SIGTERM; log:\n" << logTail();
    }
    printLogIfFailed();
    if (std::getenv("CALLVAULT_KEEP_TEST_DIRS") != nullptr) {
        std::cerr << "kept " << m_dataDir << "\n";
        return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_dataDir, ignored);
}

CommandResult ServerProcess::adminRaw(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{callvaultdPath().string(), "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data-dir");
    argv.push_back(m_dataDir.string());
    return runCommand(argv);
}

std::map<std::string, std::string> ServerProcess::admin(const std::vector<std::string>& args) const {
    const CommandResult result = adminRaw(args);
    std::string joined;
    for (const auto& arg : args) {
        joined += " " + arg;
    }
    if (result.exitCode != 0) {
        ADD_FAILURE() << "callvaultd admin" << joined << " exited with " << result.exitCode << "\nstdout:\n"
                      << result.out << "\nstderr:\n"
                      << result.err;
        return {};
    }
    return parseKeyValues(result.out);
}

bool ServerProcess::start(const std::vector<std::string>& extraFlags) {
    if (running()) {
        ADD_FAILURE() << "callvaultd is already running";
        return false;
    }
    const auto readyFile = m_dataDir / "ready";
    std::error_code ignored;
    std::filesystem::remove(readyFile, ignored);

    std::vector<std::string> args{callvaultdPath().string(),
                                  "--data-dir",
                                  m_dataDir.string(),
                                  "--api-address",
                                  "127.0.0.1",
                                  "--api-port",
                                  "0",
                                  "--ready-file",
                                  readyFile.string(),
                                  "--sip-port",  // any free SIP port: several servers run at once
                                  "0"};
    args.insert(args.end(), extraFlags.begin(), extraFlags.end());
    std::vector<char*> pointers = argvPointers(args);
    Fd log(::open(logPath().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    Fd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (log.get() < 0 || devNull.get() < 0) {
        ADD_FAILURE() << "cannot open " << logPath();
        return false;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ADD_FAILURE() << "fork failed";
        return false;
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::dup2(devNull.get(), STDIN_FILENO);
        ::dup2(log.get(), STDOUT_FILENO);
        ::dup2(log.get(), STDERR_FILENO);
        ::execv(pointers[0], pointers.data());
        ::_exit(127);
    }
    m_pid = pid;

    const auto deadline = Clock::now() + kStartTimeout;
    for (;;) {
        const std::string text = readFile(readyFile);
        if (!text.empty() && text.back() == '\n') {
            try {
                const unsigned long port = std::stoul(text);
                if (port > 0 && port <= 65535) {
                    m_port = static_cast<std::uint16_t>(port);
                    return true;
                }
            } catch (const std::exception&) {
            }
            ADD_FAILURE() << "the ready file holds '" << text << "', not a port";
            stop();
            return false;
        }
        if (!alive()) {
            ADD_FAILURE() << "callvaultd exited before it was ready; log:\n" << logTail();
            return false;
        }
        if (Clock::now() >= deadline) {
            ADD_FAILURE() << "callvaultd was not ready after 15 s; log:\n" << logTail();
            stop();
            return false;
        }
        std::this_thread::sleep_for(kPollStep);
    }
}

bool ServerProcess::alive() {
    if (m_pid <= 0) {
        return false;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
    }
    return true;
}

int ServerProcess::stop() {
    if (m_pid <= 0) {
        return -1;
    }
    const pid_t pid = m_pid;
    m_pid = -1;
    m_port = 0;
    ::kill(pid, SIGTERM);
    if (auto code = waitUntil(pid, Clock::now() + kStopTimeout)) {
        return *code;
    }
    ::kill(pid, SIGKILL);
    ADD_FAILURE() << "callvaultd did not stop within 10 s of SIGTERM and was killed; log:\n" << logTail();
    return waitUntil(pid, Clock::now() + 5s).value_or(-1);
}

std::string ServerProcess::logTail(std::size_t lines) const {
    std::ifstream in(logPath());
    std::deque<std::string> tail;
    std::string line;
    while (std::getline(in, line)) {
        tail.push_back(std::move(line));
        if (tail.size() > lines) {
            tail.pop_front();
        }
    }
    std::string text;
    for (const auto& kept : tail) {
        text += kept + "\n";
    }
    return text;
}

void ServerProcess::printLogIfFailed() const {
    if (::testing::Test::HasFailure()) {
        std::cerr << "---- callvaultd log (" << logPath() << ", last lines) ----\n"
                  << logTail() << "---- end of log ----\n";
    }
}

}  // namespace callvault::test
