#pragma once

#include <span>
#include <string_view>

namespace callvault {

/// Stable API error codes, each with its HTTP status. Append only: clients rely on the codes.
enum class ErrorCode {
    BadRequest,              // 400 bad_request: malformed request line, path or query
    InvalidJson,             // 400 invalid_json: body is not JSON
    ValidationFailed,        // 400 validation_failed: a field is missing, of the wrong type or breaks a rule
    Unauthorized,            // 401 unauthorized: no or unknown bearer token
    SessionExpired,          // 401 session_expired: the token idled out
    InvalidCredentials,      // 401 invalid_credentials: wrong login or password
    Forbidden,               // 403 forbidden: the role may not use this route
    PasswordChangeRequired,  // 403 password_change_required: first login or after a reset
    AccountDisabled,         // 403 account_disabled
    NotFound,                // 404 not_found: absent or outside the caller's scope
    MethodNotAllowed,        // 405 method_not_allowed
    RequestTimeout,          // 408 request_timeout
    Conflict,                // 409 conflict: duplicate name, row still in use
    PayloadTooLarge,         // 413 payload_too_large
    UnsupportedMediaType,    // 415 unsupported_media_type
    AccountLocked,           // 429 account_locked: too many failed logins
    HeadersTooLarge,         // 431 headers_too_large
    InternalError,           // 500 internal_error
    ServiceUnavailable,      // 503 service_unavailable (e.g. mail server down)
    RangeNotSatisfiable,     // 416 range_not_satisfiable: a Range header outside the file
    DateRangeTooLong,        // 400 date_range_too_long: a search or reassign over more than one month
};

struct ErrorInfo {
    ErrorCode code;
    int httpStatus;
    std::string_view name;  ///< the `code` field of the JSON error
};

/// One row per ErrorCode, in enum order.
std::span<const ErrorInfo> errorTable();
const ErrorInfo& errorInfo(ErrorCode code);

}  // namespace callvault
