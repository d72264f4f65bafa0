#include "tests/server/api/https_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace callvault::test {
namespace {

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

/// curl_global_init once per process, before the first handle.
void initCurlOnce() {
    static const bool done = [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("curl_global_init failed");
        }
        return true;
    }();
    (void)done;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    const std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();  // a new response (after a redirect or 100 Continue) starts
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        (*headers)[name] = value;
    }
    return size * count;
}

}  // namespace

nlohmann::json HttpResponse::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpResponse::errorCode() const {
    const auto j = json();
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
        j["error"]["code"].is_string()) {
        return j["error"]["code"].get<std::string>();
    }
    return {};
}

std::string HttpResponse::errorMessage() const {
    const auto j = json();
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("message") &&
        j["error"]["message"].is_string()) {
        return j["error"]["message"].get<std::string>();
    }
    return {};
}

std::string HttpResponse::header(const std::string& lowerCaseName) const {
    const auto it = headers.find(lowerCaseName);
    return it == headers.end() ? std::string() : it->second;
}

std::ostream& operator<<(std::ostream& out, const HttpResponse& response) {
    out << "HTTP " << response.status;
    if (!response.transportError.empty()) {
        out << " (" << response.transportError << ")";
    }
    constexpr std::size_t kShown = 600;
    out << " body: " << response.body.substr(0, kShown) << (response.body.size() > kShown ? "…" : "");
    return out;
}

struct HttpsClient::Handle {
    CurlPtr curl;
};

HttpsClient::HttpsClient(std::uint16_t port, std::filesystem::path caFile)
    : m_port(port), m_caFile(std::move(caFile)), m_handle(std::make_unique<Handle>()) {
    initCurlOnce();
    m_handle->curl.reset(curl_easy_init());
    if (!m_handle->curl) {
        throw std::runtime_error("curl_easy_init failed");
    }
}

HttpsClient::~HttpsClient() = default;

HttpResponse HttpsClient::request(std::string_view method, std::string_view path,
                                  const RequestOptions& options) {
    CURL* curl = m_handle->curl.get();
    // Reset keeps the connection cache, so requests reuse one TLS connection where the server allows.
    curl_easy_reset(curl);

    HttpResponse response;
    const std::string url = "https://127.0.0.1:" + std::to_string(m_port) + std::string(path);
    const std::string methodText(method);
    const std::string caFile = m_caFile.string();
    std::string body;
    std::vector<std::string> headerLines;
    if (options.json) {
        body = options.json->dump();
        headerLines.emplace_back("Content-Type: application/json");
    } else if (options.rawBody) {
        body = *options.rawBody;
    }
    const bool hasBody = options.json || options.rawBody;
    if (!options.token.empty()) {
        headerLines.push_back("Authorization: Bearer " + options.token);
    }
    // Send the whole body at once: the server does not answer "Expect: 100-continue".
    headerLines.emplace_back("Expect:");
    headerLines.insert(headerLines.end(), options.headers.begin(), options.headers.end());

    SlistPtr headerList;
    for (const auto& line : headerLines) {
        curl_slist* appended = curl_slist_append(headerList.get(), line.c_str());
        if (appended == nullptr) {
            throw std::runtime_error("curl_slist_append failed");
        }
        static_cast<void>(headerList.release());
        headerList.reset(appended);
    }

    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList.get());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    if (methodText == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (hasBody) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, methodText.c_str());
    } else if (methodText != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, methodText.c_str());
    }

    const CURLcode result = curl_easy_perform(curl);
    if (result != CURLE_OK) {
        response.transportError = curl_easy_strerror(result);
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;
    return response;
}

namespace {

RequestOptions withToken(const std::string& token, const std::optional<nlohmann::json>& body = std::nullopt) {
    RequestOptions options;
    options.token = token;
    options.json = body;
    return options;
}

}  // namespace

HttpResponse HttpsClient::get(std::string_view path, const std::string& token) {
    return request("GET", path, withToken(token));
}

HttpResponse HttpsClient::del(std::string_view path, const std::string& token) {
    return request("DELETE", path, withToken(token));
}

HttpResponse HttpsClient::post(std::string_view path, const nlohmann::json& body, const std::string& token) {
    return request("POST", path, withToken(token, body));
}

HttpResponse HttpsClient::put(std::string_view path, const nlohmann::json& body, const std::string& token) {
    return request("PUT", path, withToken(token, body));
}

HttpResponse HttpsClient::patch(std::string_view path, const nlohmann::json& body, const std::string& token) {
    return request("PATCH", path, withToken(token, body));
}

}  // namespace callvault::test
