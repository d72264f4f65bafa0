#include "tests/server/api/smtp_sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace callvault::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kBegin = "---------- MESSAGE FOLLOWS ----------";
constexpr const char* kEnd = "------------ END MESSAGE ------------";

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool accepts(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    const sockaddr_in address = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

bool exited(pid_t pid) {
    int status = 0;
    return ::waitpid(pid, &status, WNOHANG) == pid;
}

void stopChild(pid_t pid) {
    ::kill(pid, SIGTERM);
    const auto deadline = Clock::now() + 5s;
    while (Clock::now() < deadline) {
        if (exited(pid)) {
            return;
        }
        std::this_thread::sleep_for(10ms);
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
}

}  // namespace

std::uint16_t pickFreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error("socket failed");
    }
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot bind a loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

SmtpSink::SmtpSink(std::filesystem::path workDir) : m_outputPath(workDir / "smtp-sink.out") {
    constexpr int kAttempts = 5;
    for (int attempt = 0; attempt < kAttempts && !started(); ++attempt) {
        const std::uint16_t port = pickFreePort();
        std::vector<std::string> args{kPython,
                                      "-u",
                                      "-m",
                                      "aiosmtpd",
                                      "-n",
                                      "-c",
                                      "aiosmtpd.handlers.Debugging",
                                      "-l",
                                      "127.0.0.1:" + std::to_string(port)};
        std::vector<char*> pointers;
        for (auto& arg : args) {
            pointers.push_back(arg.data());
        }
        pointers.push_back(nullptr);
        const int out = ::open(m_outputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const int err =
            ::open((workDir / "smtp-sink.err").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (out < 0 || err < 0 || devNull < 0) {
            for (int fd : {out, err, devNull}) {
                if (fd >= 0) {
                    ::close(fd);
                }
            }
            throw std::runtime_error("cannot open the SMTP sink's output files in " + workDir.string());
        }
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::dup2(devNull, STDIN_FILENO);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(err, STDERR_FILENO);
            ::execv(pointers[0], pointers.data());
            ::_exit(127);
        }
        ::close(out);
        ::close(err);
        ::close(devNull);
        if (pid < 0) {
            throw std::runtime_error("fork failed");
        }
        const auto deadline = Clock::now() + 10s;
        for (;;) {
            if (accepts(port)) {
                m_pid = pid;
                m_port = port;
                break;
            }
            if (exited(pid)) {
                break;  // most likely the port was taken meanwhile: try another one
            }
            if (Clock::now() >= deadline) {
                stopChild(pid);
                break;
            }
            std::this_thread::sleep_for(20ms);
        }
    }
}

SmtpSink::~SmtpSink() {
    if (m_pid > 0) {
        stopChild(m_pid);
    }
}

std::string SmtpSink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(m_port);
}

std::string SmtpSink::output() const {
    std::ifstream in(m_outputPath, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t SmtpSink::messageCount() const {
    const std::string text = output();
    std::size_t count = 0;
    for (auto pos = text.find(kEnd); pos != std::string::npos; pos = text.find(kEnd, pos + 1)) {
        ++count;
    }
    return count;
}

std::optional<std::string> SmtpSink::waitForMessage(const std::string& needle,
                                                    std::chrono::milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const std::string text = output();
        for (auto begin = text.find(kBegin); begin != std::string::npos;
             begin = text.find(kBegin, begin + 1)) {
            const auto end = text.find(kEnd, begin);
            if (end == std::string::npos) {
                break;  // still being written
            }
            std::string message = text.substr(begin, end + std::string(kEnd).size() - begin);
            if (message.find(needle) != std::string::npos) {
                return message;
            }
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(20ms);
    }
}

}  // namespace callvault::test
