#include "server/api/auth_service.h"

#include "common/formats/hex.h"
#include "common/time/time_zone.h"
#include "common/validation/validation.h"
#include "server/api/audit_writer.h"
#include "server/api/json_body.h"
#include "server/app/config.h"
#include "server/store/store.h"
#include "server/util/metrics.h"
#include "server/util/password_hash.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace callvault::server::api {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kMaxAuditedLogin = 64;

void ensureSodium() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

/// A hash to verify against when the login is unknown, so that answer takes as long as a wrong password.
const std::string& decoyHash() {
    static const std::string hash = hashPassword("decoy-password-1");
    return hash;
}

/// The login name as given, cut to a sane length on a UTF-8 boundary, for the audit trail.
std::string auditedLogin(const std::string& loginName) {
    if (loginName.size() <= kMaxAuditedLogin) {
        return loginName;
    }
    std::size_t end = kMaxAuditedLogin;
    while (end > 0 && (static_cast<unsigned char>(loginName[end]) & 0xC0u) == 0x80u) {
        --end;
    }
    return loginName.substr(0, end);
}

void countLogin(const ApiContext& api, std::string_view result) {
    api.metrics.add("callvault_logins_total", "result=\"" + std::string(result) + "\"");
}

std::string userTarget(std::int64_t id) { return "user:" + std::to_string(id); }

bool isHexToken(std::string_view token) {
    if (token.size() != kTokenBytes * 2) {
        return false;
    }
    for (const char c : token) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string_view bearerToken(const ApiRequest& request) {
    const auto header = request.headers.find("authorization");
    if (header == request.headers.end()) {
        throw ApiError(ErrorCode::Unauthorized, "this route needs Authorization: Bearer <token>");
    }
    std::string_view value = header->second;
    constexpr std::string_view kScheme = "bearer ";
    if (value.size() < kScheme.size()) {
        throw ApiError(ErrorCode::Unauthorized, "malformed Authorization header");
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = value[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != kScheme[i]) {
            throw ApiError(ErrorCode::Unauthorized, "the Authorization scheme must be Bearer");
        }
    }
    value.remove_prefix(kScheme.size());
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
    }
    while (!value.empty() && value.back() == ' ') {
        value.remove_suffix(1);
    }
    if (!isHexToken(value)) {
        throw ApiError(ErrorCode::Unauthorized, "malformed bearer token");
    }
    return value;
}

}  // namespace

std::string tokenHash(std::string_view token) {
    ensureSodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return toHex(digest);
}

std::string newToken() {
    ensureSodium();
    std::array<unsigned char, kTokenBytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return toHex(bytes);
}

LoginResult login(const ApiContext& api, const std::string& loginName, const std::string& password,
                  const std::string& address, std::int64_t nowMs) {
    const std::int64_t nowSeconds = nowMs / 1000;
    const std::optional<store::UserCredentials> credentials = api.store.credentialsByLogin(loginName);
    if (!credentials) {
        verifyPassword(decoyHash(), password);
        writeAudit(api, nowMs, address,
                   AuditEvent{.companyId = std::nullopt,
                              .operatorId = std::nullopt,
                              .operatorLogin = auditedLogin(loginName),
                              .operation = "login_failed",
                              .target = "",
                              .details = {{"reason", "unknown_login"}}});
        countLogin(api, "failed");
        throw ApiError(ErrorCode::InvalidCredentials, "wrong login name or password");
    }
    const User& user = credentials->user;
    const auto event = [&](std::string operation, nlohmann::json details) {
        return AuditEvent{.companyId = user.companyId,
                          .operatorId = user.id,
                          .operatorLogin = user.login,
                          .operation = std::move(operation),
                          .target = userTarget(user.id),
                          .details = std::move(details)};
    };
    if (user.lockedUntil > nowSeconds) {
        writeAudit(api, nowMs, address, event("login_locked", {{"locked_until", formatUtc(user.lockedUntil)}}));
        countLogin(api, "locked");
        throw ApiError(ErrorCode::AccountLocked, "too many failed logins: the account is locked for a while");
    }
    if (!verifyPassword(credentials->passwordHash, password)) {
        // Every maxFailedLogins-th consecutive failure locks again, so an expired lock needs no reset.
        const int limit = std::max(1, api.config.maxFailedLogins);
        const bool reachesLimit = (credentials->failedLogins + 1) % limit == 0;
        const std::int64_t lockedUntil = reachesLimit ? nowSeconds + api.config.lockoutSeconds : 0;
        const int failures = api.store.recordFailedLogin(user.id, lockedUntil);
        if (reachesLimit) {
            writeAudit(api, nowMs, address,
                       event("login_locked", {{"failed_logins", failures}, {"locked_until", formatUtc(lockedUntil)}}));
            countLogin(api, "locked");
            throw ApiError(ErrorCode::AccountLocked, "too many failed logins: the account is locked for a while");
        }
        writeAudit(api, nowMs, address, event("login_failed", {{"reason", "wrong_password"}, {"failed_logins", failures}}));
        countLogin(api, "failed");
        throw ApiError(ErrorCode::InvalidCredentials, "wrong login name or password");
    }
    if (!user.enabled) {
        writeAudit(api, nowMs, address, event("login_failed", {{"reason", "disabled"}}));
        countLogin(api, "failed");
        throw ApiError(ErrorCode::AccountDisabled, "this account may not log in");
    }

    api.store.recordSuccessfulLogin(user.id);
    api.store.deleteSessionsIdleSince(nowSeconds - api.config.sessionIdleSeconds);
    LoginResult result{newToken(), user};
    result.user.lockedUntil = 0;
    api.store.createSession(store::Session{.tokenHash = tokenHash(result.token),
                                           .userId = user.id,
                                           .createdAt = nowSeconds,
                                           .lastSeenAt = nowSeconds,
                                           .address = address});
    writeAudit(api, nowMs, address, event("login", nlohmann::json::object()));
    countLogin(api, "ok");
    return result;
}

Caller authenticate(const ApiContext& api, const ApiRequest& request, std::int64_t nowMs) {
    const std::int64_t nowSeconds = nowMs / 1000;
    const std::string hash = tokenHash(bearerToken(request));
    std::optional<store::Session> session = api.store.session(hash);
    if (!session) {
        throw ApiError(ErrorCode::Unauthorized, "unknown or ended session: log in again");
    }
    if (nowSeconds - session->lastSeenAt > api.config.sessionIdleSeconds) {
        api.store.deleteSession(hash);
        throw ApiError(ErrorCode::SessionExpired, "the session was idle too long: log in again");
    }
    std::optional<User> user = api.store.userById(session->userId);
    if (!user || !user->enabled) {
        api.store.deleteSession(hash);
        throw ApiError(ErrorCode::Unauthorized, "unknown or ended session: log in again");
    }
    if (nowSeconds - session->lastSeenAt >= kSessionTouchIntervalSeconds) {
        api.store.touchSession(hash, nowSeconds);
        session->lastSeenAt = nowSeconds;
    }
    Caller caller{std::move(*user), std::nullopt, std::move(*session)};
    if (caller.user.companyId) {
        caller.company = api.store.company(*caller.user.companyId);
        if (!caller.company) {
            throw store::StoreError("user " + std::to_string(caller.user.id) + " names a missing company");
        }
    }
    return caller;
}

void enforcePasswordChange(const User& user, RouteId route) {
    if (user.mustChangePassword && route != RouteId::ChangePassword && route != RouteId::Logout) {
        throw ApiError(ErrorCode::PasswordChangeRequired, "change your password first (PUT /api/v1/me/password)");
    }
}

void logout(const RequestContext& ctx) {
    ctx.store().deleteSession(ctx.caller().session.tokenHash);
    writeAudit(ctx, "logout", userTarget(ctx.user().id));
}

void changePassword(const RequestContext& ctx, const std::string& current, const std::string& next) {
    const User& user = ctx.user();
    const std::optional<store::UserCredentials> credentials = ctx.store().credentialsByLogin(user.login);
    if (!credentials || credentials->user.id != user.id) {
        throw store::StoreError("the credentials of user " + std::to_string(user.id) + " are missing");
    }
    if (!verifyPassword(credentials->passwordHash, current)) {
        throw ApiError(ErrorCode::ValidationFailed, "current_password: the current password is wrong");
    }
    requireValid("new_password", checkPassword(next));
    if (next == current) {
        throw ApiError(ErrorCode::ValidationFailed, "new_password: must differ from the current password");
    }
    ctx.store().setPassword(user.id, hashPassword(next), false);
    // The store can only end all of them; the caller's own session is put back at once.
    store::Session own = ctx.caller().session;
    ctx.store().deleteUserSessions(user.id);
    own.lastSeenAt = ctx.nowSeconds();
    ctx.store().createSession(own);
    writeAudit(ctx, "password.change", userTarget(user.id));
}

}  // namespace callvault::server::api
