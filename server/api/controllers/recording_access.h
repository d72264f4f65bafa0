#pragma once

#include "server/api/json_body.h"
#include "server/api/request_context.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace callvault::server::api::controllers {

/// docs/api.md "Recording scopes": Company — every recording of the caller's company; Supervised — those of
/// the groups he supervises and his own; Own — his own (the recording's user, i.e. the number's user at call
/// time); Unlocked — the Provider: every unlocked recording of any company.
bool recordingInScope(const User& caller, const Recording& recording, Scope scope);

/// The store's form of the caller's scope for searching.
store::RecordingScope recordingScope(const User& caller, Scope scope);

/// The recording the route's {call_id} names, if the caller's role has `permission` (else 403) and the
/// recording is in his scope (else 404).
store::RecordingRow requireRecording(const RequestContext& ctx, Permission permission);

/// A recording as the API sends it: the fields of common/types/recording.h plus group_name, label_name and
/// status ("downloaded", "listened" or "").
nlohmann::json recordingJson(const store::RecordingRow& row);

/// An audit line about `recording`, in the recording's company's trail (also when a Provider acts).
void auditRecording(const RequestContext& ctx, const Recording& recording, std::string operation,
                    nlohmann::json details = nlohmann::json::object());

/// The array of strings `field` of `body`: 1 to `maxCount` elements (400 validation_failed otherwise, the
/// message naming the field and `what` an element must be).
std::vector<std::string> requiredStringArray(const JsonBody& body, std::string_view field,
                                             std::size_t maxCount, std::string_view what);

/// "recording:<call id>".
std::string recordingTarget(const std::string& callId);

/// The query parameter `name`, or nullptr.
const std::string* queryParameter(const RequestContext& ctx, std::string_view name);

/// An ISO 8601 UTC time in a query parameter or body field (400 bad_request / validation_failed otherwise).
std::int64_t requireUtcMs(const std::string& text, std::string_view name, ErrorCode code);

/// Refuses (400 date_range_too_long) a range over one month: 31 days and 1 hour, so that a calendar month
/// between two local midnights fits in every time zone, across a daylight-saving change too. to > from.
void requireAtMostOneMonth(std::int64_t fromMs, std::int64_t toMs, std::string_view fromName, ErrorCode code);

}  // namespace callvault::server::api::controllers
