#include "api_test_fixture.h"

#include "server/api/mail_message.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include <chrono>
#include <fstream>
#include <cctype>
#include <sstream>
#include <thread>

extern char** environ;

namespace callvault::server::api::testing {
namespace {

using nlohmann::json;

// (No std::regex here: GCC 12 warns inside it under the sanitizers.)
std::string decodeWords(const std::string& header) {
    std::string out;
    constexpr std::string_view kOpen = "=?UTF-8?B?";
    std::size_t pos = 0;
    while ((pos = header.find(kOpen, pos)) != std::string::npos) {
        const std::size_t start = pos + kOpen.size();
        const std::size_t end = header.find("?=", start);
        if (end == std::string::npos) {
            ADD_FAILURE() << "unterminated encoded word";
            break;
        }
        const std::string b64 = header.substr(start, end - start);
        std::string bin(b64.size(), '\0');
        std::size_t length = 0;
        EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.c_str(), b64.size(),
                                    nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
                  0);
        out += bin.substr(0, length);
        pos = end + 2;
    }
    return out;
}

/// The alphanumeric word after `label` in `text`, or "".
std::string wordAfter(const std::string& text, const std::string& label) {
    const std::size_t pos = text.find(label);
    if (pos == std::string::npos) {
        return {};
    }
    std::size_t end = pos + label.size();
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])) != 0) {
        ++end;
    }
    return text.substr(pos + label.size(), end - pos - label.size());
}

TEST(ApiMailMessageTest, AsciiSubjectsStayPlain) { EXPECT_EQ(encodeHeaderWord("Hello there"), "Hello there"); }

TEST(ApiMailMessageTest, NonAsciiSubjectsBecomeShortEncodedWords) {
    const std::string subject = "CallVault login information / CallVault 登入資料 — 一次性密碼與首次登入說明";
    const std::string encoded = encodeHeaderWord(subject);
    EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0U);
    std::istringstream lines(encoded);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        EXPECT_LE(line.size(), 76U) << line;  // a folding space plus a 75-character word
    }
    EXPECT_EQ(decodeWords(encoded), subject);
}

TEST(ApiMailMessageTest, DatesFollowRfc5322) {
    EXPECT_EQ(rfc5322Date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
    EXPECT_EQ(rfc5322Date(1'795'636'800), "Wed, 25 Nov 2026 20:00:00 +0000");
}

TEST(ApiMailMessageTest, MessageHasTheHeadersAndCrlfLines) {
    const std::string message =
        buildMailMessage("CallVault <cv@example.com>", "a@example.com", "Hi", "one\ntwo", 0, "id1@example.com");
    EXPECT_EQ(message.rfind("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n", 0), 0U);
    for (const char* header : {"From: CallVault <cv@example.com>\r\n", "To: a@example.com\r\n", "Subject: Hi\r\n",
                               "Message-ID: <id1@example.com>\r\n", "MIME-Version: 1.0\r\n",
                               "Content-Type: text/plain; charset=UTF-8\r\n", "Content-Transfer-Encoding: 8bit\r\n"}) {
        EXPECT_NE(message.find(header), std::string::npos) << header;
    }
    EXPECT_NE(message.find("\r\n\r\none\r\ntwo\r\n"), std::string::npos);
    EXPECT_THROW(buildMailMessage("cv@example.com", "a@example.com", "Hi\r\nBcc: x@y.z", "", 0, "i@x"),
                 std::invalid_argument);
    EXPECT_THROW(buildMailMessage("cv@example.com", "nobody", "Hi", "", 0, "i@x"), std::invalid_argument);
    EXPECT_EQ(bareAddress("CallVault <cv@example.com>"), "cv@example.com");
}

/// A real SMTP server (Debian's python3-aiosmtpd) that stores each message it receives in a folder.
class SmtpSink {
public:
    explicit SmtpSink(const std::filesystem::path& dir) : m_dir(dir) {
        m_port = freePort();
        const std::filesystem::path script = dir / "sink.py";
        std::ofstream(script) << R"(import asyncio, sys, pathlib
from aiosmtpd.controller import Controller
out = pathlib.Path(sys.argv[2])
class Handler:
    async def handle_DATA(self, server, session, envelope):
        n = len(list(out.glob('*.eml')))
        tmp = out / f'{n}.tmp'
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(out / f'{n}.eml')
        return '250 OK'
c = Controller(Handler(), hostname='127.0.0.1', port=int(sys.argv[1]))
c.start()
print('ready', flush=True)
import time
while True:
    time.sleep(3600)
)";
        const std::string port = std::to_string(m_port);
        const std::string folder = dir.string();
        const std::string scriptPath = script.string();
        std::vector<char*> argv{const_cast<char*>("/usr/bin/python3"), const_cast<char*>(scriptPath.c_str()),
                                const_cast<char*>(port.c_str()), const_cast<char*>(folder.c_str()), nullptr};
        if (posix_spawn(&m_pid, "/usr/bin/python3", nullptr, nullptr, argv.data(), environ) != 0) {
            m_pid = 0;
        }
    }

    ~SmtpSink() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
        }
    }

    bool waitUntilListening() const {
        for (int i = 0; i < 100 && m_pid > 0; ++i) {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address = loopback(m_port);
            const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
            close(fd);
            if (ok) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    /// The first message received, waiting up to 10 s for it.
    std::string firstMessage() const {
        for (int i = 0; i < 100; ++i) {
            std::ifstream in(m_dir / "0.eml", std::ios::binary);
            if (in) {
                std::ostringstream text;
                text << in.rdbuf();
                return text.str();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return {};
    }

    std::uint16_t port() const { return m_port; }

private:
    static sockaddr_in loopback(std::uint16_t port) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }

    static std::uint16_t freePort() {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = loopback(0);
        bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        socklen_t length = sizeof address;
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        close(fd);
        return ntohs(address.sin_port);
    }

    std::filesystem::path m_dir;
    std::uint16_t m_port = 0;
    pid_t m_pid = 0;
};

class ApiMailTest : public ApiFixture {};

TEST_F(ApiMailTest, NewUserReceivesTheOneTimePasswordByMailOnly) {
    const std::filesystem::path mailDir = std::filesystem::temp_directory_path() /
                                          ("callvault-mail-" + std::to_string(getpid()) + "-" +
                                           std::to_string(nowMs));
    std::filesystem::create_directories(mailDir);
    {
        SmtpSink sink(mailDir);
        ASSERT_TRUE(sink.waitUntilListening()) << "python3-aiosmtpd is needed for this test";
        const std::string token = tokenFor("admin");
        useMailer(smtpTo("smtp://127.0.0.1:" + std::to_string(sink.port()), "CallVault <callvault@example.com>"));

        const json body{{"login", "mailed"}, {"name", "陳大文"}, {"role", "agent"}, {"email", "mailed@example.com"}};
        const ApiResponse response = call("POST", "/api/v1/users", token, body);
        ASSERT_EQ(response.status, 201) << response.body;
        const json created = json::parse(response.body);
        EXPECT_EQ(created.at("emailed"), true);
        EXPECT_FALSE(created.contains("one_time_password"));

        const std::string mail = sink.firstMessage();
        ASSERT_FALSE(mail.empty());
        EXPECT_NE(mail.find("To: mailed@example.com"), std::string::npos);
        EXPECT_NE(mail.find("Subject: =?UTF-8?B?"), std::string::npos);
        EXPECT_NE(mail.find("Login name: mailed"), std::string::npos);
        EXPECT_NE(mail.find("陳大文"), std::string::npos);
        EXPECT_NE(mail.find("首次登入時必須更改此密碼"), std::string::npos);
        const std::string oneTimePassword = wordAfter(mail, "One-time password: ");
        ASSERT_EQ(oneTimePassword.size(), 12U) << mail;
        const ApiResponse login = loginRequest("mailed", oneTimePassword);
        ASSERT_EQ(login.status, 200) << login.body;
        EXPECT_EQ(json::parse(login.body).at("must_change_password"), true);
        for (const AuditEntry& entry : auditOf()) {
            EXPECT_EQ(entry.details.dump().find(oneTimePassword), std::string::npos);
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(mailDir, ignored);
}

}  // namespace
}  // namespace callvault::server::api::testing
