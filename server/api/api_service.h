#pragma once

#include "server/api/api_request.h"

#include <functional>
#include <memory>

namespace callvault::server {
struct Config;
class Metrics;
namespace store { class Store; }
}  // namespace callvault::server

namespace callvault::server::api {

class Mailer;

/// Everything the handlers reach. Owned by the application; outlives every request.
struct ApiContext {
    const Config& config;
    store::Store& store;
    Metrics& metrics;
    Mailer& mailer;
    std::function<std::int64_t()> nowMs;  ///< Unix ms; injectable for tests
};

/// The whole HTTPS/JSON API as one pure-ish function: request in, response out. Routing, authentication,
/// the forced password change, permissions and scope, and the mapping of ApiError / store errors to JSON
/// errors all happen here. Thread safe. May block (SQLite, Argon2id): call it off the network threads.
class ApiService {
public:
    explicit ApiService(ApiContext context);
    ~ApiService();
    ApiResponse handle(const ApiRequest& request) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace callvault::server::api
