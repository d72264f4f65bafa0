#pragma once

#include "common/roles/permissions.h"
#include "common/types/company.h"
#include "common/types/user.h"
#include "common/types/user_number.h"
#include "server/api/api_request.h"
#include "server/api/api_service.h"
#include "server/api/router.h"
#include "server/store/store.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::api {

/// The authenticated caller of one request: his account (as read for this request), his company (empty for a
/// Provider) and the session his bearer token names.
struct Caller {
    User user;
    std::optional<Company> company;
    store::Session session;
};

/// Scope rules of docs/api.md "Scopes", as pure functions of the caller and the row.
/// Company: every row of the caller's company (the store only returns those). Supervised: the caller himself,
/// the users whose group he supervises, those groups and those users' numbers. Own: the caller himself and
/// the numbers assigned to him (no group). None and Unlocked reach none of these rows.
bool userInScope(const User& caller, const User& row, Scope scope);
bool groupInScope(const User& caller, std::int64_t groupId, Scope scope);
bool numberInScope(const User& caller, const UserNumber& row, Scope scope);

/// Everything a controller needs for one request. Lives on the handling thread for the request's duration.
class RequestContext {
public:
    RequestContext(const ApiContext& api, const ApiRequest& request, RouteMatch match, std::optional<Caller> caller,
                   std::int64_t nowMs);

    const ApiContext& api() const { return m_api; }
    store::Store& store() const { return m_api.store; }
    const ApiRequest& request() const { return m_request; }
    const RouteMatch& route() const { return m_match; }
    const std::string& address() const { return m_request.remoteAddress; }
    /// The request's clock, read once when it arrived (Unix ms / s).
    std::int64_t nowMs() const { return m_nowMs; }
    std::int64_t nowSeconds() const { return m_nowMs / 1000; }

    bool authenticated() const { return m_caller.has_value(); }
    /// The caller; throws 401 unauthorized on a route served without a session (a bug if ever reached).
    const Caller& caller() const;
    const User& user() const { return caller().user; }
    /// The caller's company id; throws 403 forbidden for a Provider (who has none).
    std::int64_t companyId() const;
    const Company& company() const;

    /// The caller's scope for `permission` (Scope::None when his role may not).
    Scope scopeFor(Permission permission) const;
    /// The caller's scope for `permission`; throws 403 forbidden when it is Scope::None.
    Scope requirePermission(Permission permission) const;

    bool canSeeUser(const User& row, Scope scope) const { return userInScope(user(), row, scope); }
    bool canSeeGroup(std::int64_t groupId, Scope scope) const { return groupInScope(user(), groupId, scope); }
    bool canSeeNumber(const UserNumber& row, Scope scope) const { return numberInScope(user(), row, scope); }

    /// Throws 400 bad_request naming the first query parameter not in `names`.
    void allowQuery(std::initializer_list<std::string_view> names) const;

private:
    const ApiContext& m_api;
    const ApiRequest& m_request;
    RouteMatch m_match;
    std::optional<Caller> m_caller;
    std::int64_t m_nowMs = 0;
};

}  // namespace callvault::server::api
