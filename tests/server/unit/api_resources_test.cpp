#include "api_test_fixture.h"

#include "common/time/time_zone.h"

namespace callvault::server::api::testing {
namespace {

using nlohmann::json;

class ApiGroupsTest : public ApiFixture {};
class ApiLabelsTest : public ApiFixture {};
class ApiNumbersTest : public ApiFixture {};
class ApiCompanyTest : public ApiFixture {};

std::vector<std::int64_t> idsOf(const json& list) {
    std::vector<std::int64_t> out;
    for (const json& row : list) {
        out.push_back(row.at("id"));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST_F(ApiGroupsTest, ListIsScopedAndEditingIsAdminOnly) {
    EXPECT_EQ(idsOf(json::parse(call("GET", "/api/v1/groups", tokenFor("manager")).body).at("groups")).size(), 2U);
    EXPECT_EQ(idsOf(json::parse(call("GET", "/api/v1/groups", tokenFor("supervisor")).body).at("groups")),
              std::vector<std::int64_t>{groupA.id});
    EXPECT_EQ(errorCode(call("GET", "/api/v1/groups", tokenFor("agenta"))), "forbidden");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/groups", tokenFor("manager"), json{{"name", "G"}})), "forbidden");
    EXPECT_EQ(errorCode(call("DELETE", "/api/v1/groups/" + std::to_string(groupB.id), tokenFor("supervisor"))),
              "forbidden");
    EXPECT_EQ(store->groups(company.id).size(), 2U);
}

TEST_F(ApiGroupsTest, CreateRenameDelete) {
    const std::string token = tokenFor("admin");
    const ApiResponse created = call("POST", "/api/v1/groups", token, json{{"name", "Sales"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t id = json::parse(created.body).at("id");
    EXPECT_EQ(auditOf().front().operation, "group.create");
    EXPECT_EQ(auditOf().front().target, "group:" + std::to_string(id));

    EXPECT_EQ(errorCode(call("POST", "/api/v1/groups", token, json{{"name", "Sales"}})), "conflict");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/groups", token, json{{"name", ""}})), "validation_failed");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/groups", token, json{{"name", 7}})), "validation_failed");

    const std::string path = "/api/v1/groups/" + std::to_string(id);
    const ApiResponse renamed = call("PATCH", path, token, json{{"name", "Support"}});
    ASSERT_EQ(renamed.status, 200);
    EXPECT_EQ(json::parse(renamed.body).at("name"), "Support");
    EXPECT_EQ(auditOf().front().operation, "group.update");
    EXPECT_EQ(errorCode(call("PATCH", path, token, json{{"name", "Group A"}})), "conflict");

    EXPECT_EQ(call("DELETE", path, token).status, 204);
    EXPECT_EQ(auditOf().front().operation, "group.delete");
    EXPECT_EQ(errorCode(call("DELETE", path, token)), "not_found");
    EXPECT_EQ(errorCode(call("PATCH", path, token, json{{"name", "Again"}})), "not_found");
    // Another company's group is absent.
    EXPECT_EQ(errorCode(call("DELETE", "/api/v1/groups/" + std::to_string(otherGroup.id), token)), "not_found");
}

TEST_F(ApiGroupsTest, GroupInUseCannotBeDeleted) {
    const ApiResponse response = call("DELETE", "/api/v1/groups/" + std::to_string(groupA.id), tokenFor("admin"));
    EXPECT_EQ(response.status, 409);
    EXPECT_TRUE(store->group(company.id, groupA.id).has_value());
}

TEST_F(ApiLabelsTest, EveryCompanyRoleReadsOnlyAdminEdits) {
    const std::string token = tokenFor("admin");
    const ApiResponse created = call("POST", "/api/v1/labels", token, json{{"name", "Urgent"}, {"remark", "call back"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const json label = json::parse(created.body);
    EXPECT_EQ(label.at("modified_by"), admin.id);
    EXPECT_EQ(label.at("remark"), "call back");
    const std::string path = "/api/v1/labels/" + label.at("id").dump();

    for (const char* login : {"manager", "supervisor", "agenta"}) {
        const ApiResponse list = call("GET", "/api/v1/labels", tokenFor(login));
        EXPECT_EQ(list.status, 200) << login;
        EXPECT_EQ(json::parse(list.body).at("labels").size(), 1U);
        EXPECT_EQ(errorCode(call("PATCH", path, tokenFor(login), json{{"name", "X"}})), "forbidden") << login;
    }
    EXPECT_EQ(errorCode(call("GET", "/api/v1/labels", tokenFor("provider"))), "forbidden");
    EXPECT_TRUE(json::parse(call("GET", "/api/v1/labels", tokenFor("otheradmin")).body).at("labels").empty());

    const User second = addUser("admin2", Role::Admin, company.id);
    const ApiResponse patched = call("PATCH", path, tokenFor("admin2"), json{{"remark", "today"}});
    ASSERT_EQ(patched.status, 200);
    EXPECT_EQ(json::parse(patched.body).at("name"), "Urgent");
    EXPECT_EQ(json::parse(patched.body).at("remark"), "today");
    EXPECT_EQ(json::parse(patched.body).at("modified_by"), second.id);
    EXPECT_EQ(auditOf().front().operation, "label.update");

    EXPECT_EQ(errorCode(call("PATCH", path, token, json{{"remark", std::string(501, 'x')}})), "validation_failed");
    EXPECT_EQ(errorCode(call("DELETE", path, tokenFor("otheradmin"))), "not_found");
    EXPECT_EQ(call("DELETE", path, token).status, 204);
    EXPECT_EQ(auditOf().front().operation, "label.delete");
    EXPECT_TRUE(store->labels(company.id).empty());
}

TEST_F(ApiNumbersTest, ListAndGetAreScoped) {
    addNumber("21000001", agentA.id);
    addNumber("21000002", agentB.id);
    addNumber("21000003", supervisor.id);
    addNumber("21000004", std::nullopt);
    const auto numbers = [&](const std::string& login) {
        std::vector<std::string> out;
        const json body = json::parse(call("GET", "/api/v1/numbers", tokenFor(login)).body);
        for (const json& row : body.at("numbers")) {
            out.push_back(row.at("number"));
        }
        return out;
    };
    EXPECT_EQ(numbers("admin").size(), 4U);
    EXPECT_EQ(numbers("manager").size(), 4U);
    EXPECT_EQ(numbers("supervisor"), (std::vector<std::string>{"21000001", "21000003"}));
    EXPECT_EQ(numbers("agenta"), std::vector<std::string>{"21000001"});
    EXPECT_EQ(errorCode(call("GET", "/api/v1/numbers", tokenFor("provider"))), "forbidden");

    const std::string agentToken = tokenFor("agenta");
    EXPECT_EQ(call("GET", "/api/v1/numbers/21000001", agentToken).status, 200);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/numbers/21000002", agentToken)), "not_found");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/numbers/21000002", tokenFor("supervisor"))), "not_found");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/numbers/21000001", tokenFor("otheradmin"))), "not_found");
}

TEST_F(ApiNumbersTest, StatusUsesTheCompanyTimeZone) {
    // 2026-11-25T20:00:00Z is already 2026-11-26 in Hong Kong (UTC+8).
    nowMs = 1'795'636'800'000;
    ASSERT_EQ(formatUtc(nowMs / 1000), "2026-11-25T20:00:00Z");
    addNumber("21000001", agentA.id, "2026-11-26", true);
    addNumber("21000002", agentA.id, "2026-11-27", true);
    addNumber("21000003", agentA.id, "2020-01-01", false);
    const std::string token = tokenFor("agenta");
    EXPECT_EQ(json::parse(call("GET", "/api/v1/numbers/21000001", token).body).at("status"), "normal");
    EXPECT_EQ(json::parse(call("GET", "/api/v1/numbers/21000002", token).body).at("status"), "pending_effective");
    EXPECT_EQ(json::parse(call("GET", "/api/v1/numbers/21000003", token).body).at("status"), "pending_activation");
}

TEST_F(ApiNumbersTest, PinIsSetWithinScopeAndNeverAudited) {
    addNumber("21000001", agentA.id);
    addNumber("21000002", agentB.id);
    const std::string token = tokenFor("agenta");
    const ApiResponse set = call("PUT", "/api/v1/numbers/21000001/pin", token, json{{"pin", "482913"}});
    EXPECT_EQ(set.status, 204) << set.body;
    EXPECT_TRUE(store->number(company.id, "21000001", "2026-01-01")->hasPin);
    const AuditEntry entry = auditOf().front();
    EXPECT_EQ(entry.operation, "number.set_pin");
    EXPECT_EQ(entry.target, "number:21000001");
    EXPECT_EQ(entry.details.dump().find("482913"), std::string::npos);

    EXPECT_EQ(errorCode(call("PUT", "/api/v1/numbers/21000002/pin", token, json{{"pin", "1234"}})), "not_found");
    EXPECT_FALSE(store->number(company.id, "21000002", "2026-01-01")->hasPin);
    for (const json& body : {json{{"pin", "12a4"}}, json{{"pin", "1234567"}}, json{{"pin", ""}}, json{{"pin", 1234}},
                             json::object()}) {
        EXPECT_EQ(errorCode(call("PUT", "/api/v1/numbers/21000001/pin", token, body)), "validation_failed")
            << body.dump();
    }
    EXPECT_EQ(call("PUT", "/api/v1/numbers/21000002/pin", tokenFor("manager"), json{{"pin", "1"}}).status, 204);
}

TEST_F(ApiCompanyTest, CompanyRolesReadTheirCompany) {
    const ApiResponse response = call("GET", "/api/v1/company", tokenFor("agenta"));
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(json::parse(response.body).at("retention_days"), 90);
    EXPECT_EQ(json::parse(response.body).at("time_zone"), "Asia/Hong_Kong");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/company", tokenFor("provider"))), "forbidden");
    EXPECT_EQ(json::parse(call("GET", "/api/v1/company", tokenFor("otheradmin")).body).at("name"), "Other");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/company?x=1", tokenFor("agenta"))), "bad_request");
}

TEST_F(ApiCompanyTest, HealthAndMetricsNeedNoSession) {
    const ApiResponse health = call("GET", "/api/v1/health");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(json::parse(health.body).at("status"), "ok");
    const std::string version = json::parse(health.body).at("version");
    EXPECT_FALSE(version.empty());
    EXPECT_NE(version, "unknown");  // PROJECT_VERSION reaches the build
    loginRequest("agenta", kPassword);
    const ApiResponse metricsText = call("GET", "/metrics");
    ASSERT_EQ(metricsText.status, 200);
    EXPECT_EQ(metricsText.contentType, "text/plain; version=0.0.4");
    EXPECT_NE(metricsText.body.find("callvault_logins_total{result=\"ok\"} 1"), std::string::npos) << metricsText.body;
}

TEST_F(ApiCompanyTest, RoutingErrorsComeBeforeAuthentication) {
    const ApiResponse unknown = call("GET", "/api/v1/nothing");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(errorCode(unknown), "not_found");
    const ApiResponse method = call("PUT", "/api/v1/users");
    EXPECT_EQ(method.status, 405);
    ASSERT_EQ(method.headers.size(), 1U);
    EXPECT_EQ(method.headers[0].first, "Allow");
    EXPECT_EQ(method.headers[0].second, "GET, POST");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/users/%zz")), "bad_request");
}

TEST_F(ApiCompanyTest, DeeplyNestedJsonIsRefused) {
    const std::string body = "{\"name\":" + std::string(10000, '[') + std::string(10000, ']') + "}";
    EXPECT_EQ(errorCode(call("POST", "/api/v1/groups", tokenFor("admin"), body)), "invalid_json");
}

}  // namespace
}  // namespace callvault::server::api::testing
