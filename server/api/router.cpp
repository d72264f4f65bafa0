#include "server/api/router.h"

#include "common/formats/call_id.h"
#include "common/formats/hex.h"
#include "common/validation/validation.h"

#include <array>
#include <limits>

namespace callvault::server::api {
namespace {

struct RouteSpec {
    std::string_view method;
    std::string_view pattern;  ///< segments; "{id}" and "{number}" are parameters
    RouteId route;
};

// The order of rows with one pattern is the order of the Allow header.
constexpr std::array kRoutes{
    RouteSpec{"POST", "/api/v1/session", RouteId::Login},
    RouteSpec{"DELETE", "/api/v1/session", RouteId::Logout},
    RouteSpec{"GET", "/api/v1/me", RouteId::Me},
    RouteSpec{"PUT", "/api/v1/me/password", RouteId::ChangePassword},
    RouteSpec{"GET", "/api/v1/company", RouteId::Company},
    RouteSpec{"GET", "/api/v1/users", RouteId::ListUsers},
    RouteSpec{"POST", "/api/v1/users", RouteId::CreateUser},
    RouteSpec{"GET", "/api/v1/users/{id}", RouteId::GetUser},
    RouteSpec{"PATCH", "/api/v1/users/{id}", RouteId::UpdateUser},
    RouteSpec{"POST", "/api/v1/users/{id}/reset-password", RouteId::ResetUserPassword},
    RouteSpec{"GET", "/api/v1/groups", RouteId::ListGroups},
    RouteSpec{"POST", "/api/v1/groups", RouteId::CreateGroup},
    RouteSpec{"PATCH", "/api/v1/groups/{id}", RouteId::UpdateGroup},
    RouteSpec{"DELETE", "/api/v1/groups/{id}", RouteId::DeleteGroup},
    RouteSpec{"GET", "/api/v1/labels", RouteId::ListLabels},
    RouteSpec{"POST", "/api/v1/labels", RouteId::CreateLabel},
    RouteSpec{"PATCH", "/api/v1/labels/{id}", RouteId::UpdateLabel},
    RouteSpec{"DELETE", "/api/v1/labels/{id}", RouteId::DeleteLabel},
    RouteSpec{"GET", "/api/v1/numbers", RouteId::ListNumbers},
    RouteSpec{"GET", "/api/v1/numbers/{number}", RouteId::GetNumber},
    RouteSpec{"PUT", "/api/v1/numbers/{number}/pin", RouteId::SetNumberPin},
    RouteSpec{"GET", "/api/v1/audit", RouteId::ListAudit},
    RouteSpec{"GET", "/api/v1/audit/{id}", RouteId::GetAuditEntry},
    RouteSpec{"GET", "/api/v1/health", RouteId::Health},
    RouteSpec{"GET", "/metrics", RouteId::Metrics},
    RouteSpec{"GET", "/api/v1/recordings", RouteId::SearchRecordings},
    RouteSpec{"GET", "/api/v1/recordings/{call_id}", RouteId::GetRecording},
    RouteSpec{"PATCH", "/api/v1/recordings/{call_id}", RouteId::UpdateRecording},
    RouteSpec{"GET", "/api/v1/recordings/{call_id}/audio", RouteId::RecordingAudio},
    RouteSpec{"GET", "/api/v1/recordings/{call_id}/download", RouteId::DownloadRecording},
    RouteSpec{"GET", "/api/v1/recordings/{call_id}/peaks", RouteId::RecordingPeaks},
    RouteSpec{"GET", "/api/v1/recordings/{call_id}/bookmarks", RouteId::ListBookmarks},
    RouteSpec{"POST", "/api/v1/recordings/{call_id}/bookmarks", RouteId::CreateBookmark},
    RouteSpec{"DELETE", "/api/v1/recordings/{call_id}/bookmarks/{id}", RouteId::DeleteBookmark},
    RouteSpec{"PUT", "/api/v1/recordings/{call_id}/lock", RouteId::LockRecording},
    RouteSpec{"POST", "/api/v1/cdr/export", RouteId::ExportCdr},
    RouteSpec{"POST", "/api/v1/verify", RouteId::VerifyRecording},
    RouteSpec{"GET", "/api/v1/signing-key", RouteId::SigningKey},
    RouteSpec{"POST", "/api/v1/reassign", RouteId::ReassignRecordings},
    RouteSpec{"GET", "/api/v1/greetings", RouteId::ListGreetings},
    RouteSpec{"GET", "/api/v1/greetings/users/{number}/{direction}", RouteId::GetUserGreeting},
    RouteSpec{"PUT", "/api/v1/greetings/users/{number}/{direction}", RouteId::PutUserGreeting},
    RouteSpec{"DELETE", "/api/v1/greetings/users/{number}/{direction}", RouteId::DeleteUserGreeting},
    RouteSpec{"PATCH", "/api/v1/greetings/users/{number}/settings", RouteId::UpdateUserGreetingSettings},
    RouteSpec{"GET", "/api/v1/greetings/groups/{id}/{direction}", RouteId::GetGroupGreeting},
    RouteSpec{"PUT", "/api/v1/greetings/groups/{id}/{direction}", RouteId::PutGroupGreeting},
    RouteSpec{"DELETE", "/api/v1/greetings/groups/{id}/{direction}", RouteId::DeleteGroupGreeting},
    RouteSpec{"PATCH", "/api/v1/greetings/groups/{id}/settings", RouteId::UpdateGroupGreetingSettings},
    RouteSpec{"GET", "/api/v1/terms", RouteId::ListTerms},
    RouteSpec{"POST", "/api/v1/terms", RouteId::CreateTerm},
    RouteSpec{"PATCH", "/api/v1/terms/{id}", RouteId::UpdateTerm},
    RouteSpec{"DELETE", "/api/v1/terms/{id}", RouteId::DeleteTerm},
    RouteSpec{"GET", "/api/v1/terms/{id}/audio", RouteId::TermAudio},
    RouteSpec{"PUT", "/api/v1/terms/{id}/audio", RouteId::ReplaceTermAudio},
};

constexpr std::array<std::string_view, kRoutes.size()> kRouteNames{
    "login", "logout", "me", "change_password", "company", "list_users", "create_user", "get_user",
    "update_user", "reset_user_password", "list_groups", "create_group", "update_group", "delete_group",
    "list_labels", "create_label", "update_label", "delete_label", "list_numbers", "get_number",
    "set_number_pin", "list_audit", "get_audit_entry", "health", "metrics",
    "search_recordings", "get_recording", "update_recording", "recording_audio", "download_recording",
    "recording_peaks", "list_bookmarks", "create_bookmark", "delete_bookmark", "lock_recording", "export_cdr",
    "verify_recording", "signing_key", "reassign_recordings",
    "list_greetings", "get_user_greeting", "put_user_greeting", "delete_user_greeting",
    "update_user_greeting_settings", "get_group_greeting", "put_group_greeting", "delete_group_greeting",
    "update_group_greeting_settings", "list_terms", "create_term", "update_term", "delete_term", "term_audio",
    "replace_term_audio",
};

bool isDecodedControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

/// Percent-decodes one path segment or query component; empty optional (and `error`) when malformed.
std::optional<std::string> percentDecode(std::string_view text, std::string& error) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                error = "malformed percent-escape in the request target";
                return std::nullopt;
            }
            const int high = hexDigitValue(text[i + 1]);
            const int low = hexDigitValue(text[i + 2]);
            if (high < 0 || low < 0) {
                error = "malformed percent-escape in the request target";
                return std::nullopt;
            }
            c = static_cast<char>(high * 16 + low);
            i += 2;
        }
        if (isDecodedControl(static_cast<unsigned char>(c))) {
            error = "the request target contains a NUL or control character";
            return std::nullopt;
        }
        out.push_back(c);
    }
    if (!isValidUtf8(out)) {
        error = "the request target is not valid UTF-8";
        return std::nullopt;
    }
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

bool parseQuery(std::string_view raw, QueryParams& query, std::string& error) {
    for (const std::string_view piece : split(raw, '&')) {
        if (piece.empty()) {
            continue;  // "a=1&&b=2" and a trailing '&' are harmless
        }
        const std::size_t equals = piece.find('=');
        auto name = percentDecode(piece.substr(0, equals), error);
        auto value = percentDecode(equals == std::string_view::npos ? std::string_view{} : piece.substr(equals + 1),
                                   error);
        if (!name || !value) {
            return false;
        }
        if (name->empty()) {
            error = "a query parameter has no name";
            return false;
        }
        if (!query.emplace(std::move(*name), std::move(*value)).second) {
            error = "a query parameter is given more than once";
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view toString(RouteId route) {
    const auto index = static_cast<std::size_t>(route);
    return index < kRouteNames.size() ? kRouteNames[index] : "unknown";
}

std::optional<std::int64_t> parsePositiveId(std::string_view text) {
    if (text.empty() || text.size() > 19 || text.front() == '0') {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        const int digit = c - '0';
        if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

std::optional<ParsedTarget> parseTarget(std::string_view target, std::string* error) {
    std::string reason;
    const auto fail = [&](std::string message) -> std::optional<ParsedTarget> {
        if (error != nullptr) {
            *error = std::move(message);
        }
        return std::nullopt;
    };
    if (target.size() > kMaxTargetLength) {
        return fail("the request target is longer than 2048 bytes");
    }
    if (target.empty() || target.front() != '/') {
        return fail("the request target must be an absolute path");
    }
    for (const char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '#') {
            return fail("the request target contains a character that must be percent-encoded");
        }
    }
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    ParsedTarget parsed;
    // Split before decoding so that "%2F" stays inside its segment.
    const std::vector<std::string_view> rawSegments = split(path.substr(1), '/');
    for (const std::string_view raw : rawSegments) {
        auto segment = percentDecode(raw, reason);
        if (!segment) {
            return fail(reason);
        }
        parsed.segments.push_back(std::move(*segment));
    }
    if (question != std::string_view::npos && !parseQuery(target.substr(question + 1), parsed.query, reason)) {
        return fail(reason);
    }
    return parsed;
}

bool acceptsUpload(std::string_view method, std::string_view target) {
    const RouteResult routed = routeRequest(method, target);
    if (!routed.ok()) {
        return false;
    }
    switch (routed.match->route) {
    case RouteId::VerifyRecording: return true;
    case RouteId::PutUserGreeting:
    case RouteId::PutGroupGreeting:
    case RouteId::CreateTerm:
    case RouteId::ReplaceTermAudio: return true;
    default: return false;
    }
}

RouteResult routeRequest(std::string_view method, std::string_view target) {
    RouteResult result;
    std::string reason;
    std::optional<ParsedTarget> parsed = parseTarget(target, &reason);
    if (!parsed) {
        result.error = ErrorCode::BadRequest;
        result.message = std::move(reason);
        return result;
    }

    bool badParameter = false;
    for (const RouteSpec& spec : kRoutes) {
        const std::vector<std::string_view> pattern = split(spec.pattern.substr(1), '/');
        if (pattern.size() != parsed->segments.size()) {
            continue;
        }
        // Literal segments first, so a bad parameter is only reported for a path that names a resource.
        bool same = true;
        for (std::size_t i = 0; i < pattern.size() && same; ++i) {
            same = pattern[i].front() == '{' || pattern[i] == parsed->segments[i];
        }
        RouteMatch match;
        for (std::size_t i = 0; i < pattern.size() && same; ++i) {
            const std::string& segment = parsed->segments[i];
            if (pattern[i] == "{id}") {
                const auto id = parsePositiveId(segment);
                same = id.has_value();
                match.rowId = id.value_or(0);
            } else if (pattern[i] == "{number}") {
                same = !checkPhoneNumber(segment).has_value();
                match.number = segment;
            } else if (pattern[i] == "{call_id}") {
                same = isValidCallId(segment);
                match.callId = segment;
            } else if (pattern[i] == "{direction}") {
                same = segment == "inbound" || segment == "outbound";
                match.direction = segment;
            }
            badParameter = badParameter || !same;
        }
        if (!same) {
            continue;
        }
        if (spec.method == method) {
            match.route = spec.route;
            match.query = std::move(parsed->query);
            result.match = std::move(match);
            return result;
        }
        result.allow += result.allow.empty() ? "" : ", ";
        result.allow += spec.method;
    }
    if (!result.allow.empty()) {
        result.error = ErrorCode::MethodNotAllowed;
        result.message = "this resource does not support the method " + std::string(method.substr(0, 16));
        return result;
    }
    result.error = ErrorCode::NotFound;
    result.message = badParameter ? "no such resource" : "no such route";
    return result;
}

}  // namespace callvault::server::api
