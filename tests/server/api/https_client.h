#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::test {

/// One answer of the server. `status` is 0 when no HTTP answer arrived (then `transportError` says why).
struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;  ///< names in lower case
    std::string body;
    std::string transportError;

    /// The body as JSON; a discarded value when it is not JSON.
    nlohmann::json json() const;
    /// `error.code` of a JSON error body, or "" when there is none.
    std::string errorCode() const;
    /// `error.message` of a JSON error body, or "".
    std::string errorMessage() const;
    std::string header(const std::string& lowerCaseName) const;
};

/// Prints status, error code and (shortened) body, for assertion messages.
std::ostream& operator<<(std::ostream& out, const HttpResponse& response);

/// What to send besides the method and path.
struct RequestOptions {
    std::optional<nlohmann::json> json;  ///< sent with Content-Type: application/json
    std::optional<std::string> rawBody;  ///< sent as is; give the Content-Type in `headers` (or none)
    std::vector<std::string> headers;    ///< "Name: value"; "Name:" removes a header curl would add
    std::string token;                   ///< bearer token; empty = no Authorization header
};

/// A small blocking HTTPS client for https://127.0.0.1:<port>. It trusts only `caFile` (the server's own
/// self-signed certificate), with peer and host verification on, and keeps its connection between requests.
/// Not thread safe: one client per thread.
class HttpsClient {
public:
    HttpsClient(std::uint16_t port, std::filesystem::path caFile);
    ~HttpsClient();
    HttpsClient(const HttpsClient&) = delete;
    HttpsClient& operator=(const HttpsClient&) = delete;

    HttpResponse request(std::string_view method, std::string_view path, const RequestOptions& options = {});

    HttpResponse get(std::string_view path, const std::string& token = {});
    HttpResponse del(std::string_view path, const std::string& token = {});
    HttpResponse post(std::string_view path, const nlohmann::json& body, const std::string& token = {});
    HttpResponse put(std::string_view path, const nlohmann::json& body, const std::string& token = {});
    HttpResponse patch(std::string_view path, const nlohmann::json& body, const std::string& token = {});

    std::uint16_t port() const { return m_port; }

private:
    struct Handle;
    std::uint16_t m_port;
    std::filesystem::path m_caFile;
    std::unique_ptr<Handle> m_handle;
};

}  // namespace callvault::test
