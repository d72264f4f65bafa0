#include "server/api/mailer.h"

#include "server/api/mail_message.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>

namespace callvault::server::api {
namespace {

struct CurlEasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTotalTimeoutSeconds = 30;

void initialiseCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw MailError("libcurl could not be initialised");
        }
    });
}

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* userData) {
    auto* upload = static_cast<Upload*>(userData);
    const std::size_t room = size * count;
    const std::size_t n = std::min(room, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

std::string randomHex(std::size_t bytes) {
    if (sodium_init() < 0) {
        throw MailError("libsodium could not be initialised");
    }
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    hex.pop_back();
    return hex;
}

/// Sets one option or throws with curl's reason.
template <typename T>
void setOption(CURL* handle, CURLoption option, T value) {
    const CURLcode code = curl_easy_setopt(handle, option, value);
    if (code != CURLE_OK) {
        throw MailError(std::string("libcurl refused an option: ") + curl_easy_strerror(code));
    }
}

}  // namespace

Mailer::Mailer(SmtpConfig config) : m_config(std::move(config)) {}

void Mailer::send(const std::string& to, const std::string& subject, const std::string& body) const {
    if (!configured()) {
        throw MailError("no SMTP server is configured");
    }
    initialiseCurlOnce();
    const std::string fromAddress = bareAddress(m_config.from);
    const std::string toAddress = bareAddress(to);
    const std::size_t at = fromAddress.rfind('@');
    const std::string domain = at == std::string::npos ? "callvault" : fromAddress.substr(at + 1);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    std::string message;
    try {
        message = buildMailMessage(m_config.from, to, subject, body, now, randomHex(16) + "@" + domain);
    } catch (const std::invalid_argument& e) {
        throw MailError(e.what());
    }

    CurlEasy handle(curl_easy_init());
    if (!handle) {
        throw MailError("libcurl could not create a handle");
    }
    CurlList recipients(curl_slist_append(nullptr, toAddress.c_str()));
    if (!recipients) {
        throw MailError("out of memory");
    }
    Upload upload{message, 0};
    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
    CURL* h = handle.get();
    setOption(h, CURLOPT_ERRORBUFFER, errorBuffer.data());
    setOption(h, CURLOPT_URL, m_config.url.c_str());
    setOption(h, CURLOPT_NOSIGNAL, 1L);  // timeouts must not raise SIGALRM in a multi-threaded server
    setOption(h, CURLOPT_MAIL_FROM, ("<" + fromAddress + ">").c_str());
    setOption(h, CURLOPT_MAIL_RCPT, recipients.get());
    setOption(h, CURLOPT_READFUNCTION, &readUpload);
    setOption(h, CURLOPT_READDATA, &upload);
    setOption(h, CURLOPT_UPLOAD, 1L);
    setOption(h, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
    setOption(h, CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
    if (!m_config.username.empty()) {
        setOption(h, CURLOPT_USERNAME, m_config.username.c_str());
        setOption(h, CURLOPT_PASSWORD, m_config.password.c_str());
    }
    if (m_config.requireTls) {
        setOption(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    }
    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        const std::string detail = errorBuffer[0] != '\0' ? errorBuffer.data() : curl_easy_strerror(code);
        throw MailError("the mail to " + toAddress + " could not be sent: " + detail);
    }
}

}  // namespace callvault::server::api
