#pragma once

#include "server/api/request_context.h"
#include "server/store/media_records.h"

#include <nlohmann/json.hpp>

#include <string>

namespace callvault::server::api::controllers {

/// The owner a greeting route names, once the caller's role (403) and scope (404) allow it.
struct GreetingSlotOwner {
    store::GreetingOwner owner;
    std::string auditTarget;  ///< "number:21110001" or "group:3"
    std::string fileStem;     ///< "greeting-21110001" or "greeting-group-3"
};

/// True for the /greetings/users/{number}/… routes, false for /greetings/groups/{id}/….
bool isUserGreetingRoute(const RequestContext& ctx);

/// §10: ManageUserGreetings for a user number, §11: ManageGroupGreetings for a group; throws 403.
Scope requireGreetingPermission(const RequestContext& ctx);

/// The number or group of the path, in the caller's scope; throws 404 not_found otherwise.
GreetingSlotOwner resolveGreetingOwner(const RequestContext& ctx, Scope scope);

/// The `{direction}` of the path.
store::GreetingDirection routeDirection(const RequestContext& ctx);

nlohmann::json greetingJson(const store::Greeting& greeting);

}  // namespace callvault::server::api::controllers
