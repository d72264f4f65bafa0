#include "server/api/request_context.h"

#include <algorithm>

namespace callvault::server::api {
namespace {

bool supervises(const User& caller, std::optional<std::int64_t> groupId) {
    return groupId.has_value() && std::find(caller.supervisedGroupIds.begin(), caller.supervisedGroupIds.end(),
                                            *groupId) != caller.supervisedGroupIds.end();
}

bool sameCompany(const User& caller, std::int64_t companyId) {
    return caller.companyId.has_value() && *caller.companyId == companyId;
}

}  // namespace

bool userInScope(const User& caller, const User& row, Scope scope) {
    if (!caller.companyId.has_value() || row.companyId != caller.companyId) {
        return false;
    }
    switch (scope) {
    case Scope::Company: return true;
    case Scope::Supervised: return row.id == caller.id || supervises(caller, row.groupId);
    case Scope::Own: return row.id == caller.id;
    case Scope::None:
    case Scope::Unlocked: return false;
    }
    return false;
}

bool groupInScope(const User& caller, std::int64_t groupId, Scope scope) {
    switch (scope) {
    case Scope::Company: return caller.companyId.has_value();
    case Scope::Supervised: return supervises(caller, groupId);
    case Scope::Own:
    case Scope::None:
    case Scope::Unlocked: return false;
    }
    return false;
}

bool numberInScope(const User& caller, const UserNumber& row, Scope scope) {
    if (!sameCompany(caller, row.companyId)) {
        return false;
    }
    const bool own = row.userId.has_value() && *row.userId == caller.id;
    switch (scope) {
    case Scope::Company: return true;
    case Scope::Supervised: return own || supervises(caller, row.groupId);
    case Scope::Own: return own;
    case Scope::None:
    case Scope::Unlocked: return false;
    }
    return false;
}

RequestContext::RequestContext(const ApiContext& api, const ApiRequest& request, RouteMatch match,
                               std::optional<Caller> caller, std::int64_t nowMs)
    : m_api(api), m_request(request), m_match(std::move(match)), m_caller(std::move(caller)), m_nowMs(nowMs) {}

const Caller& RequestContext::caller() const {
    if (!m_caller) {
        throw ApiError(ErrorCode::Unauthorized, "this route needs a session");
    }
    return *m_caller;
}

std::int64_t RequestContext::companyId() const { return company().id; }

const Company& RequestContext::company() const {
    const Caller& current = caller();
    if (!current.company) {
        throw ApiError(ErrorCode::Forbidden, "this account does not belong to a company");
    }
    return *current.company;
}

Scope RequestContext::scopeFor(Permission permission) const {
    if (!m_caller) {
        return Scope::None;
    }
    return scopeOf(m_caller->user.role, permission);
}

Scope RequestContext::requirePermission(Permission permission) const {
    const Scope scope = scopeFor(permission);
    if (scope == Scope::None) {
        throw ApiError(ErrorCode::Forbidden, "your role may not do this");
    }
    return scope;
}

void RequestContext::allowQuery(std::initializer_list<std::string_view> names) const {
    for (const auto& [name, value] : m_match.query) {
        if (std::find(names.begin(), names.end(), std::string_view(name)) == names.end()) {
            throw ApiError(ErrorCode::BadRequest, "unknown query parameter '" + name.substr(0, 64) + "'");
        }
    }
}

}  // namespace callvault::server::api
