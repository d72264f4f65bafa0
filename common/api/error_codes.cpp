#include "common/api/error_codes.h"

#include <array>
#include <cstddef>

namespace callvault {
namespace {

constexpr std::array kErrors{
    ErrorInfo{ErrorCode::BadRequest, 400, "bad_request"},
    ErrorInfo{ErrorCode::InvalidJson, 400, "invalid_json"},
    ErrorInfo{ErrorCode::ValidationFailed, 400, "validation_failed"},
    ErrorInfo{ErrorCode::Unauthorized, 401, "unauthorized"},
    ErrorInfo{ErrorCode::SessionExpired, 401, "session_expired"},
    ErrorInfo{ErrorCode::InvalidCredentials, 401, "invalid_credentials"},
    ErrorInfo{ErrorCode::Forbidden, 403, "forbidden"},
    ErrorInfo{ErrorCode::PasswordChangeRequired, 403, "password_change_required"},
    ErrorInfo{ErrorCode::AccountDisabled, 403, "account_disabled"},
    ErrorInfo{ErrorCode::NotFound, 404, "not_found"},
    ErrorInfo{ErrorCode::MethodNotAllowed, 405, "method_not_allowed"},
    ErrorInfo{ErrorCode::RequestTimeout, 408, "request_timeout"},
    ErrorInfo{ErrorCode::Conflict, 409, "conflict"},
    ErrorInfo{ErrorCode::PayloadTooLarge, 413, "payload_too_large"},
    ErrorInfo{ErrorCode::UnsupportedMediaType, 415, "unsupported_media_type"},
    ErrorInfo{ErrorCode::AccountLocked, 429, "account_locked"},
    ErrorInfo{ErrorCode::HeadersTooLarge, 431, "headers_too_large"},
    ErrorInfo{ErrorCode::InternalError, 500, "internal_error"},
    ErrorInfo{ErrorCode::ServiceUnavailable, 503, "service_unavailable"},
    ErrorInfo{ErrorCode::RangeNotSatisfiable, 416, "range_not_satisfiable"},
    ErrorInfo{ErrorCode::DateRangeTooLong, 400, "date_range_too_long"},
};

constexpr bool tableFollowsEnumOrder() {
    for (std::size_t i = 0; i < kErrors.size(); ++i) {
        if (static_cast<std::size_t>(kErrors[i].code) != i) {
            return false;
        }
    }
    return true;
}
static_assert(tableFollowsEnumOrder(), "one row per ErrorCode, in enum order");
static_assert(static_cast<std::size_t>(ErrorCode::DateRangeTooLong) + 1 == kErrors.size());

}  // namespace

std::span<const ErrorInfo> errorTable() { return kErrors; }

const ErrorInfo& errorInfo(ErrorCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kErrors.size() ? kErrors[index] : kErrors[static_cast<std::size_t>(ErrorCode::InternalError)];
}

}  // namespace callvault
