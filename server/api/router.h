#pragma once

#include "common/api/error_codes.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::api {

/// Every route of docs/api.md. Append only (the names are used in tests and logs).
enum class RouteId {
    Login,              ///< POST /api/v1/session
    Logout,             ///< DELETE /api/v1/session
    Me,                 ///< GET /api/v1/me
    ChangePassword,     ///< PUT /api/v1/me/password
    Company,            ///< GET /api/v1/company
    ListUsers,          ///< GET /api/v1/users
    CreateUser,         ///< POST /api/v1/users
    GetUser,            ///< GET /api/v1/users/{id}
    UpdateUser,         ///< PATCH /api/v1/users/{id}
    ResetUserPassword,  ///< POST /api/v1/users/{id}/reset-password
    ListGroups,         ///< GET /api/v1/groups
    CreateGroup,        ///< POST /api/v1/groups
    UpdateGroup,        ///< PATCH /api/v1/groups/{id}
    DeleteGroup,        ///< DELETE /api/v1/groups/{id}
    ListLabels,         ///< GET /api/v1/labels
    CreateLabel,        ///< POST /api/v1/labels
    UpdateLabel,        ///< PATCH /api/v1/labels/{id}
    DeleteLabel,        ///< DELETE /api/v1/labels/{id}
    ListNumbers,        ///< GET /api/v1/numbers
    GetNumber,          ///< GET /api/v1/numbers/{number}
    SetNumberPin,       ///< PUT /api/v1/numbers/{number}/pin
    ListAudit,          ///< GET /api/v1/audit
    GetAuditEntry,      ///< GET /api/v1/audit/{id}
    Health,             ///< GET /api/v1/health
    Metrics,            ///< GET /metrics
    SearchRecordings,   ///< GET /api/v1/recordings
    GetRecording,       ///< GET /api/v1/recordings/{call_id}
    UpdateRecording,    ///< PATCH /api/v1/recordings/{call_id}
    RecordingAudio,     ///< GET /api/v1/recordings/{call_id}/audio
    DownloadRecording,  ///< GET /api/v1/recordings/{call_id}/download
    RecordingPeaks,     ///< GET /api/v1/recordings/{call_id}/peaks
    ListBookmarks,      ///< GET /api/v1/recordings/{call_id}/bookmarks
    CreateBookmark,     ///< POST /api/v1/recordings/{call_id}/bookmarks
    DeleteBookmark,     ///< DELETE /api/v1/recordings/{call_id}/bookmarks/{id}
    LockRecording,      ///< PUT /api/v1/recordings/{call_id}/lock
    ExportCdr,          ///< POST /api/v1/cdr/export
    VerifyRecording,    ///< POST /api/v1/verify
    SigningKey,         ///< GET /api/v1/signing-key
    ReassignRecordings, ///< POST /api/v1/reassign
    ListGreetings,                ///< GET /api/v1/greetings
    GetUserGreeting,              ///< GET /api/v1/greetings/users/{number}/{direction}
    PutUserGreeting,              ///< PUT /api/v1/greetings/users/{number}/{direction}
    DeleteUserGreeting,           ///< DELETE /api/v1/greetings/users/{number}/{direction}
    UpdateUserGreetingSettings,   ///< PATCH /api/v1/greetings/users/{number}/settings
    GetGroupGreeting,             ///< GET /api/v1/greetings/groups/{id}/{direction}
    PutGroupGreeting,             ///< PUT /api/v1/greetings/groups/{id}/{direction}
    DeleteGroupGreeting,          ///< DELETE /api/v1/greetings/groups/{id}/{direction}
    UpdateGroupGreetingSettings,  ///< PATCH /api/v1/greetings/groups/{id}/settings
    ListTerms,                    ///< GET /api/v1/terms
    CreateTerm,                   ///< POST /api/v1/terms
    UpdateTerm,                   ///< PATCH /api/v1/terms/{id}
    DeleteTerm,                   ///< DELETE /api/v1/terms/{id}
    TermAudio,                    ///< GET /api/v1/terms/{id}/audio
    ReplaceTermAudio,             ///< PUT /api/v1/terms/{id}/audio
};

std::string_view toString(RouteId route);

/// Query parameters, percent-decoded. A name given twice is refused by the parser.
using QueryParams = std::map<std::string, std::string, std::less<>>;

/// A request target split into its decoded path segments and query parameters.
struct ParsedTarget {
    std::vector<std::string> segments;  ///< "/api/v1/users/7" → {"api", "v1", "users", "7"}
    QueryParams query;
};

/// What the router found: the route and its path parameters.
struct RouteMatch {
    RouteId route = RouteId::Health;
    std::int64_t rowId = 0;  ///< the `{id}` segment, when the template has one (always > 0)
    std::string number;      ///< the `{number}` segment, when the template has one (passes checkPhoneNumber)
    std::string callId;      ///< the `{call_id}` segment, when the template has one (a valid call ID)
    std::string direction;   ///< the `{direction}` segment: "inbound" or "outbound"
    QueryParams query;
};

/// The router's answer: a match, or the error to send (405 carries the `Allow` header value).
struct RouteResult {
    std::optional<RouteMatch> match;
    ErrorCode error = ErrorCode::NotFound;
    std::string message;
    std::string allow;  ///< "GET, POST" for 405, else empty

    bool ok() const { return match.has_value(); }
};

/// Longest request target we accept, in bytes (longer → 400 bad_request).
inline constexpr std::size_t kMaxTargetLength = 2048;

/// Splits and percent-decodes an origin-form target ("/path?query"). Refuses (with the reason) targets
/// over kMaxTargetLength, raw bytes outside printable ASCII, malformed `%` escapes, a decoded NUL or
/// control character, text that is not UTF-8 once decoded, a fragment, and a query name given twice.
/// '+' is a literal plus everywhere (a space is "%20").
std::optional<ParsedTarget> parseTarget(std::string_view target, std::string* error = nullptr);

/// The route for (method, target). Pure: no I/O, no state. Unknown path → 404 not_found, known path with
/// another method → 405 method_not_allowed (+ Allow), malformed target → 400 bad_request, an `{id}` that is
/// not a positive 64-bit integer or a `{number}` that is not a phone number → 404 not_found.
RouteResult routeRequest(std::string_view method, std::string_view target);

/// True for the routes whose body is a file (their body limit is HttpLimits::uploadBodyBytes, every other
/// route keeps HttpLimits::bodyBytes). Pure; decided from the request line alone, before the body is read.
bool acceptsUpload(std::string_view method, std::string_view target);

/// Parses a positive decimal 64-bit integer with no sign and no leading zero; empty when it is not one.
std::optional<std::int64_t> parsePositiveId(std::string_view text);

}  // namespace callvault::server::api
