#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace callvault::test {

std::string RouteContext::actorKey() const {
    if (role == "anonymous") {
        return {};
    }
    return role == "agent" ? "agent1" : role;
}

std::string RouteContext::ownerKey() const {
    return target == Target::OtherCompany ? "adminB" : "admin";
}

const std::vector<RouteDef>& allRoutes() {
    static const std::vector<RouteDef> routes = [] {
        std::vector<RouteDef> all = sessionRoutes();
        for (auto part : {userRoutes(), catalogRoutes(), greetingRoutes(), recordingRoutes()}) {
            all.insert(all.end(), part.begin(), part.end());
        }
        return all;
    }();
    return routes;
}

const RouteDef& findRoute(const std::string& id) {
    for (const auto& route : allRoutes()) {
        if (route.id == id) {
            return route;
        }
    }
    throw std::out_of_range("no route " + id + " in the table");
}

nlohmann::json readAs(ApiWorld& world, const std::string& key, const std::string& path) {
    const auto response = world.client().get(path, world.token(key));
    EXPECT_EQ(response.status, 200) << "re-reading " << path << " as " << key << ": " << response;
    return response.status == 200 ? response.json() : nlohmann::json();
}

nlohmann::json findBy(const nlohmann::json& list, const std::string& field, const nlohmann::json& value) {
    if (list.is_array()) {
        for (const auto& item : list) {
            if (item.is_object() && item.contains(field) && item[field] == value) {
                return item;
            }
        }
    }
    return nullptr;
}

ThrowawayUser createThrowawayUser(ApiWorld& world, const std::string& ownerKey,
                                  std::optional<std::int64_t> groupId) {
    ThrowawayUser user;
    user.login = uniqueName("tmpuser");
    nlohmann::json body{{"login", user.login},
                        {"name", "Temp " + user.login},
                        {"role", "agent"},
                        {"email", user.login + "@example.test"}};
    if (groupId) {
        body["group_id"] = *groupId;
    }
    const auto response = world.client().post("/api/v1/users", body, world.token(ownerKey));
    requireStatus(response, 201, "making a throw-away user as " + ownerKey);
    const auto j = response.json();
    user.id = j.at("user").at("id").get<std::int64_t>();
    user.oneTimePassword = j.at("one_time_password").get<std::string>();
    return user;
}

std::int64_t createThrowawayGroup(ApiWorld& world, const std::string& ownerKey) {
    const auto response =
        world.client().post("/api/v1/groups", {{"name", uniqueName("Temp group ")}}, world.token(ownerKey));
    requireStatus(response, 201, "making a throw-away group as " + ownerKey);
    return response.json().at("id").get<std::int64_t>();
}

std::int64_t createThrowawayLabel(ApiWorld& world, const std::string& ownerKey) {
    const auto response = world.client().post(
        "/api/v1/labels", {{"name", uniqueName("Temp label ")}, {"remark", "before"}}, world.token(ownerKey));
    requireStatus(response, 201, "making a throw-away label as " + ownerKey);
    return response.json().at("id").get<std::int64_t>();
}

}  // namespace callvault::test
