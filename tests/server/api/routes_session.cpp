#include "common/roles/permissions.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

namespace callvault::test {
namespace {

RouteDef postSession() {
    return {"POST_session",
            [](RouteContext& c) {
                nlohmann::json body{{"login", "nobody"}, {"password", "Whatever123"}};
                if (!c.actorKey().empty()) {
                    const Account& me = c.world.account(c.actorKey());
                    body = {{"login", me.login}, {"password", me.password}};
                }
                return PreparedCall{"POST", "/api/v1/session", body};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto j = response.json();
                EXPECT_EQ(j["must_change_password"], false) << response;
                EXPECT_TRUE(j["expires_in"].is_number_integer()) << response;
                EXPECT_EQ(j["user"]["login"], c.world.account(c.actorKey()).login) << response;
                ASSERT_TRUE(j["token"].is_string()) << response;
                EXPECT_EQ(c.world.client().get("/api/v1/me", j["token"].get<std::string>()).status, 200);
            }};
}

RouteDef deleteSession() {
    return {"DELETE_session",
            [](RouteContext& c) {
                PreparedCall call{"DELETE", "/api/v1/session"};
                if (!c.actorKey().empty()) {
                    call.token = c.world.freshToken(c.actorKey());  // keep the shared session alive
                }
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse&, bool succeeded) {
                if (succeeded) {
                    const auto after = c.world.client().get("/api/v1/me", *call.token);
                    EXPECT_EQ(after.status, 401) << "the ended session still works: " << after;
                    EXPECT_EQ(after.errorCode(), "unauthorized") << after;
                }
            }};
}

RouteDef getMe() {
    return {"GET_me",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/me"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto j = response.json();
                const Account& me = c.world.account(c.actorKey());
                EXPECT_EQ(j["user"]["id"], me.id) << response;
                EXPECT_EQ(j["user"]["login"], me.login) << response;
                EXPECT_EQ(j["user"]["role"], me.role) << response;
                EXPECT_FALSE(j["user"].contains("password_hash")) << response;
                if (c.role == "provider") {
                    EXPECT_TRUE(j["company"].is_null()) << response;
                } else {
                    EXPECT_EQ(j["company"]["id"], c.world.world().companyA) << response;
                }
                const auto role = roleFromString(me.role);
                ASSERT_TRUE(role.has_value());
                ASSERT_TRUE(j["permissions"].is_object()) << response;
                for (const Grant& grant : permissionTable()) {
                    const std::string name(toString(grant.permission));
                    const Scope scope = scopeOf(*role, grant.permission);
                    if (scope == Scope::None) {
                        EXPECT_TRUE(!j["permissions"].contains(name) || j["permissions"][name] == "none")
                            << name << " is not the role's; got " << j["permissions"].dump();
                    } else {
                        EXPECT_EQ(j["permissions"].value(name, ""), std::string(toString(scope))) << name;
                    }
                }
            }};
}

RouteDef putMyPassword() {
    return {"PUT_me_password",
            [](RouteContext& c) {
                const std::string current = c.actorKey().empty() ? std::string("Whatever123")
                                                                 : c.world.account(c.actorKey()).password;
                const std::string next = strongPassword(uniqueName("new"));
                PreparedCall call{"PUT", "/api/v1/me/password",
                                  nlohmann::json{{"current_password", current}, {"new_password", next}}};
                call.state["new_password"] = next;
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse&, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                Account& me = c.world.account(c.actorKey());
                me.password = call.state["new_password"].get<std::string>();
                EXPECT_EQ(c.world.client().get("/api/v1/me", c.world.token(c.actorKey())).status, 200)
                    << "the session that changed the password must go on";
                const auto login = c.world.client().post("/api/v1/session",
                                                         {{"login", me.login}, {"password", me.password}});
                EXPECT_EQ(login.status, 200) << "the new password must work: " << login;
            }};
}

RouteDef getCompany() {
    return {"GET_company",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/company"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    const auto j = response.json();
                    EXPECT_EQ(j["id"], c.world.world().companyA) << response;
                    EXPECT_EQ(j["retention_days"], 90) << response;
                    EXPECT_EQ(j["time_zone"], "Asia/Hong_Kong") << response;
                }
            }};
}

RouteDef getHealth() {
    return {"GET_health",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/health"};
            },
            [](RouteContext&, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.json()["status"], "ok") << response;
                    EXPECT_TRUE(response.json()["version"].is_string()) << response;
                }
            }};
}

RouteDef getMetrics() {
    return {"GET_metrics",
            [](RouteContext&) {
                return PreparedCall{"GET", "/metrics"};
            },
            [](RouteContext&, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.header("content-type").rfind("text/plain", 0), 0u) << response;
                    EXPECT_FALSE(response.body.empty());
                }
            }};
}

RouteDef getAudit() {
    return {"GET_audit",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/audit?" + auditSinceLongAgo()};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto j = response.json();
                ASSERT_TRUE(j["entries"].is_array()) << response;
                ASSERT_TRUE(j["total"].is_number_integer()) << response;
                EXPECT_GE(j["total"].get<std::size_t>(), j["entries"].size());
                EXPECT_FALSE(j["entries"].empty()) << "provisioning left entries";
                const std::string otherAdmin = c.world.account("adminB").login;
                EXPECT_TRUE(findBy(j["entries"], "operator_login", otherAdmin).is_null())
                    << "company B's audit trail leaked into company A's";
            }};
}

RouteDef getAuditEntry() {
    return {"GET_audit_id",
            [](RouteContext& c) {
                const auto page =
                    readAs(c.world, c.ownerKey(), "/api/v1/audit?limit=1&" + auditSinceLongAgo());
                const std::int64_t id = page.at("entries").at(0).at("id").get<std::int64_t>();
                PreparedCall call{"GET", "/api/v1/audit/" + std::to_string(id)};
                call.state["id"] = id;
                return call;
            },
            [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.json()["id"], call.state["id"]) << response;
                    EXPECT_TRUE(response.json()["operation"].is_string()) << response;
                }
            }};
}

}  // namespace

std::vector<RouteDef> sessionRoutes() {
    return {postSession(), deleteSession(), getMe(),    putMyPassword(), getCompany(),
            getHealth(),   getMetrics(),    getAudit(), getAuditEntry()};
}

}  // namespace callvault::test
