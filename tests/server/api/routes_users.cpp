#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

namespace callvault::test {
namespace {

std::string userPath(std::int64_t id) {
    return "/api/v1/users/" + std::to_string(id);
}

/// The user a row reaches: company B's agent, agent2 (outside G1), or one the caller's scope covers.
std::int64_t targetUser(RouteContext& c) {
    World& w = c.world.world();
    switch (c.target) {
        case Target::OtherCompany:
            return w.accounts.at("userB").id;
        case Target::OutOfScope:
            return w.accounts.at("agent2").id;
        case Target::InScope:
            break;
    }
    return c.role == "admin" || c.role == "manager" ? w.accounts.at("agent2").id : w.accounts.at("agent1").id;
}

/// The group a throw-away user of this row goes into, so it lands in (or outside) the caller's scope.
std::int64_t targetGroup(RouteContext& c) {
    World& w = c.world.world();
    switch (c.target) {
        case Target::OtherCompany:
            return w.groupB;
        case Target::OutOfScope:
            return w.groupG2;
        case Target::InScope:
            break;
    }
    return w.groupG1;
}

std::vector<std::string> loginsOf(const nlohmann::json& users) {
    std::vector<std::string> logins;
    if (users.is_array()) {
        for (const auto& user : users) {
            logins.push_back(user.value("login", ""));
        }
    }
    return logins;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

RouteDef getUsers() {
    return {"GET_users",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/users"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto logins = loginsOf(response.json()["users"]);
                auto login = [&](const char* key) { return c.world.account(key).login; };
                std::vector<std::string> seen{"agent1"};
                std::vector<std::string> unseen{"adminB", "userB", "provider"};
                if (c.role == "supervisor") {
                    seen.insert(seen.end(), {"supervisor"});
                    unseen.insert(unseen.end(), {"admin", "manager", "agent2"});
                } else {
                    seen.insert(seen.end(), {"admin", "manager", "supervisor", "agent2"});
                }
                for (const auto& key : seen) {
                    EXPECT_TRUE(contains(logins, login(key.c_str()))) << key << " missing: " << response;
                }
                for (const auto& key : unseen) {
                    EXPECT_FALSE(contains(logins, login(key.c_str())))
                        << key << " is out of scope: " << response;
                }
            }};
}

RouteDef postUsers() {
    return {"POST_users",
            [](RouteContext& c) {
                const std::string login = uniqueName("newuser");
                PreparedCall call{"POST", "/api/v1/users",
                                  nlohmann::json{{"login", login},
                                                 {"name", "New " + login},
                                                 {"role", "agent"},
                                                 {"email", login + "@example.test"},
                                                 {"group_id", c.world.world().groupG1}}};
                call.state["login"] = login;
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const auto list = readAs(c.world, "admin", "/api/v1/users")["users"];
                const auto row = findBy(list, "login", call.state["login"]);
                if (!succeeded) {
                    EXPECT_TRUE(row.is_null()) << "a refused POST made a user: " << row.dump();
                    return;
                }
                const auto j = response.json();
                EXPECT_EQ(j["user"]["login"], call.state["login"]) << response;
                EXPECT_EQ(j["emailed"], false) << response;
                EXPECT_TRUE(j["one_time_password"].is_string() && !j["one_time_password"].empty())
                    << response;
                EXPECT_FALSE(row.is_null()) << "the new user is not listed";
            }};
}

RouteDef getUser() {
    return {"GET_users_id",
            [](RouteContext& c) {
                const std::int64_t id = targetUser(c);
                PreparedCall call{"GET", userPath(id)};
                call.state["id"] = id;
                return call;
            },
            [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.json()["id"], call.state["id"]) << response;
                    EXPECT_FALSE(response.json().contains("password_hash")) << response;
                }
            }};
}

RouteDef patchUser() {
    return {
        "PATCH_users_id",
        [](RouteContext& c) {
            const ThrowawayUser user = createThrowawayUser(c.world, c.ownerKey(), targetGroup(c));
            PreparedCall call{"PATCH", userPath(user.id), nlohmann::json{{"name", "Renamed " + user.login}}};
            call.state = {{"id", user.id}, {"old", "Temp " + user.login}, {"new", "Renamed " + user.login}};
            return call;
        },
        [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
            const auto id = call.state["id"].get<std::int64_t>();
            const auto stored = readAs(c.world, c.ownerKey(), userPath(id));
            EXPECT_EQ(stored["name"], call.state[succeeded ? "new" : "old"]) << stored.dump();
            if (succeeded) {
                EXPECT_EQ(response.json()["name"], call.state["new"]) << response;
            }
        }};
}

RouteDef resetPassword() {
    return {"POST_users_id_reset_password",
            [](RouteContext& c) {
                const ThrowawayUser user = createThrowawayUser(c.world, c.ownerKey(), targetGroup(c));
                PreparedCall call{"POST", userPath(user.id) + "/reset-password", nlohmann::json::object()};
                call.state = {{"login", user.login}, {"old_password", user.oneTimePassword}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const auto login = call.state["login"].get<std::string>();
                std::string password = call.state["old_password"].get<std::string>();
                if (succeeded) {
                    const auto j = response.json();
                    EXPECT_EQ(j["emailed"], false) << response;
                    ASSERT_TRUE(j["one_time_password"].is_string()) << response;
                    password = j["one_time_password"].get<std::string>();
                    EXPECT_NE(password, call.state["old_password"].get<std::string>());
                }
                const auto session =
                    c.world.client().post("/api/v1/session", {{"login", login}, {"password", password}});
                EXPECT_EQ(session.status, 200) << (succeeded ? "the new one-time password must work: "
                                                             : "a refused reset changed the password: ")
                                               << session;
                EXPECT_EQ(session.json()["must_change_password"], true) << session;
            }};
}

}  // namespace

std::vector<RouteDef> userRoutes() {
    return {getUsers(), postUsers(), getUser(), patchUser(), resetPassword()};
}

}  // namespace callvault::test
