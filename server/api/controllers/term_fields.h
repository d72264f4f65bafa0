#pragma once

#include "server/api/request_context.h"
#include "server/store/media_records.h"

#include <nlohmann/json.hpp>

#include <string>

namespace callvault::server::api::controllers {

/// §19 ViewTerms scope for a group: Company sees all; Supervised the groups he supervises and his own group;
/// Own his own group only.
bool termGroupVisible(const RequestContext& ctx, std::int64_t groupId, Scope scope);

/// The term of the path, visible to the caller (ViewTerms scope); throws 404 not_found otherwise.
store::PlaybackTerm visibleTerm(const RequestContext& ctx, Scope scope);

/// 400 validation_failed unless 1–6 digits (keyed as *7 + number + # during a call).
void requireTermNumber(const std::string& number);

nlohmann::json termJson(const store::PlaybackTerm& term);
std::string termTarget(std::int64_t id);

}  // namespace callvault::server::api::controllers
