#pragma once

#include "tests/server/api/api_fixture.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace callvault::test {

/// Which row a request reaches, seen from the caller.
enum class Target {
    InScope,       ///< a row the caller's scope covers (or would cover, were the role allowed)
    OutOfScope,    ///< same company, outside the caller's scope: a user/group/number outside G1 for the
                   ///< supervisor, a number not his for the agent
    OtherCompany,  ///< a row of company B
};

/// The caller of one table row.
struct RouteContext {
    ApiWorld& world;
    std::string role;  ///< admin, manager, supervisor, agent, provider or anonymous (no token)
    Target target = Target::InScope;

    /// The world's account that plays `role` (agent1 for agent); empty for anonymous.
    std::string actorKey() const;
    /// The admin that owns the target row: adminB for OtherCompany, else admin.
    std::string ownerKey() const;
};

/// One request, made ready by a route's prepare step.
struct PreparedCall {
    PreparedCall(std::string method_, std::string path_, std::optional<nlohmann::json> body_ = std::nullopt)
        : method(std::move(method_)), path(std::move(path_)), body(std::move(body_)) {}

    std::string method;
    std::string path;
    std::optional<nlohmann::json> body;
    std::optional<std::string> rawBody;  ///< sent instead of `body` as Content-Type: audio/mpeg (uploads)
    std::optional<std::string> token;  ///< replaces the caller's token (e.g. a fresh session to end)
    nlohmann::json state = nlohmann::json::object();  ///< what verify needs (ids, values before the call)
};

/// One route of docs/api.md: how to call it for a row, and how to check its effect afterwards by
/// re-reading as the row's owner (a refused call must have changed nothing).
struct RouteDef {
    std::string id;  ///< e.g. "PATCH_users_id"
    std::function<PreparedCall(RouteContext&)> prepare;
    std::function<void(RouteContext&, const PreparedCall&, const HttpResponse&, bool succeeded)> verify;
};

/// Every route of docs/api.md, each exactly once.
const std::vector<RouteDef>& allRoutes();
const RouteDef& findRoute(const std::string& id);

std::vector<RouteDef> sessionRoutes();  // session, me, password, company, health, metrics, audit
std::vector<RouteDef> userRoutes();     // users
std::vector<RouteDef> catalogRoutes();  // groups, labels, numbers
std::vector<RouteDef> greetingRoutes();  // greetings and playback terms (routes_greetings.cpp)
std::vector<RouteDef> recordingRoutes();  // recordings, CDR, verify, reassign (routes_recordings.cpp)

// Helpers shared by the route files.

/// GET `path` as the account `key`; a test failure (and a null value) unless it answers 200.
nlohmann::json readAs(ApiWorld& world, const std::string& key, const std::string& path);
/// The element of `list` whose `field` equals `value`, or null.
nlohmann::json findBy(const nlohmann::json& list, const std::string& field, const nlohmann::json& value);

struct ThrowawayUser {
    std::int64_t id = 0;
    std::string login;
    std::string oneTimePassword;
};
/// A new agent made by the account `ownerKey` through POST /api/v1/users (in `groupId` when given).
ThrowawayUser createThrowawayUser(ApiWorld& world, const std::string& ownerKey,
                                  std::optional<std::int64_t> groupId);
/// A new group or label (POST /api/v1/groups or /labels) made by `ownerKey`; its id.
std::int64_t createThrowawayGroup(ApiWorld& world, const std::string& ownerKey);
std::int64_t createThrowawayLabel(ApiWorld& world, const std::string& ownerKey);

}  // namespace callvault::test
