#pragma once

#include "server/api/api_service.h"
#include "server/api/request_context.h"
#include "server/api/router.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault::server::api {

/// Touch a session's last_seen at most this often (seconds), to spare the disk one write per request.
inline constexpr std::int64_t kSessionTouchIntervalSeconds = 30;

/// A fresh login: the bearer token (given out once) and the account as it is now.
struct LoginResult {
    std::string token;
    User user;
};

/// §1 login. Checks the password with Argon2id, counts consecutive failures (config.maxFailedLogins of them
/// lock the account for config.lockoutSeconds), audits login / login_failed / login_locked and counts
/// callvault_logins_total{result=…}. Throws ApiError: 401 invalid_credentials (unknown login or wrong
/// password, answered alike), 403 account_disabled, 429 account_locked.
LoginResult login(const ApiContext& api, const std::string& loginName, const std::string& password,
                  const std::string& address, std::int64_t nowMs);

/// The caller named by `Authorization: Bearer <token>`. Throws 401 unauthorized (no, malformed or unknown
/// token, or an account disabled since) or 401 session_expired (idle too long; the session is deleted).
Caller authenticate(const ApiContext& api, const ApiRequest& request, std::int64_t nowMs);

/// 403 password_change_required while the caller must change his password, except on the two routes that
/// stay open (PUT /api/v1/me/password and DELETE /api/v1/session).
void enforcePasswordChange(const User& user, RouteId route);

/// Ends the caller's session and audits "logout".
void logout(const RequestContext& ctx);

/// §26: verifies `current`, checks `next` (checkPassword, differs from current), stores it, ends the user's
/// other sessions and audits "password.change". Throws 400 validation_failed.
void changePassword(const RequestContext& ctx, const std::string& current, const std::string& next);

/// Hex SHA-256 of a bearer token: what the store keeps instead of the token.
std::string tokenHash(std::string_view token);

/// A new bearer token: 32 random bytes as 64 lower-case hex digits.
std::string newToken();

}  // namespace callvault::server::api
