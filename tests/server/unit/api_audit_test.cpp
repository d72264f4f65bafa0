#include "api_test_fixture.h"

#include "common/time/time_zone.h"
#include "server/api/audit_writer.h"

namespace callvault::server::api::testing {
namespace {

using nlohmann::json;

class ApiAuditTest : public ApiFixture {
protected:
    void append(const std::string& operation, std::int64_t atMs, std::int64_t companyId, const std::string& login) {
        AuditEntry entry;
        entry.companyId = companyId;
        entry.at = atMs;
        entry.operatorLogin = login;
        entry.operation = operation;
        entry.target = "x:1";
        entry.address = "127.0.0.1";
        store->appendAudit(entry);
    }

    json list(const std::string& query, const std::string& token) {
        const ApiResponse response = call("GET", "/api/v1/audit" + query, token);
        EXPECT_EQ(response.status, 200) << query << ": " << response.body;
        return response.status == 200 ? json::parse(response.body) : json::object();
    }
};

TEST_F(ApiAuditTest, OnlyAdminReadsHisCompanysTrail) {
    for (const char* login : {"manager", "supervisor", "agenta", "provider"}) {
        EXPECT_EQ(errorCode(call("GET", "/api/v1/audit", tokenFor(login))), "forbidden") << login;
    }
    const std::string token = tokenFor("admin");
    const json page = list("", token);
    ASSERT_FALSE(page.at("entries").empty());
    for (const json& entry : page.at("entries")) {
        EXPECT_EQ(entry.at("company_id"), company.id);
    }
    EXPECT_EQ(page.at("total"), page.at("entries").size());

    const std::int64_t id = page.at("entries")[0].at("id");
    const ApiResponse one = call("GET", "/api/v1/audit/" + std::to_string(id), token);
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(json::parse(one.body).at("id"), id);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/audit/" + std::to_string(id), tokenFor("otheradmin"))), "not_found");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/audit/999999", token)), "not_found");
}

TEST_F(ApiAuditTest, DefaultsToTheLast24HoursAndFilters) {
    const std::string token = tokenFor("admin");
    append("user.create", nowMs - 2 * 3600'000, company.id, "admin");
    append("user.update", nowMs - 3600'000, company.id, "admin");
    append("group.create", nowMs - 1800'000, company.id, "manager");
    append("user.create", nowMs - 3 * 24 * 3600'000LL, company.id, "admin");  // outside the default window
    append("user.create", nowMs - 600'000, otherCompany.id, "otheradmin");

    EXPECT_EQ(list("?operation=user.", token).at("total"), 2);
    EXPECT_EQ(list("?operation=user.create", token).at("total"), 1);
    EXPECT_EQ(list("?operation=user", token).at("total"), 0);  // not a prefix without the dot
    EXPECT_EQ(list("?operator=manager", token).at("total"), 1);
    const std::string from = formatUtc(nowMs / 1000 - 4 * 24 * 3600);
    EXPECT_EQ(list("?operation=user.create&from=" + from, token).at("total"), 2);

    const json page = list("?limit=1&offset=1&operation=user.", token);
    EXPECT_EQ(page.at("total"), 2);
    ASSERT_EQ(page.at("entries").size(), 1U);
    EXPECT_EQ(page.at("entries")[0].at("operation"), "user.create");  // newest first: the update, then this
}

TEST_F(ApiAuditTest, BadQueriesAre400) {
    const std::string token = tokenFor("admin");
    const std::string now = formatUtc(nowMs / 1000);
    for (const std::string& query : std::vector<std::string>{"?from=yesterday", "?to=2026-13-01T00:00:00Z", "?from=" + now + "&to=" + now,
          "?from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "?limit=0", "?limit=501", "?limit=x", "?offset=-1",
          "?offset=1.5", "?operation=User.Create", "?operation=", "?operator=", "?colour=red"}) {
        const ApiResponse response = call("GET", "/api/v1/audit" + query, token);
        EXPECT_EQ(response.status, 400) << query;
        EXPECT_EQ(errorCode(response), "bad_request") << query;
    }
    EXPECT_EQ(list("?limit=500&offset=0", token).is_object(), true);
    EXPECT_EQ(list("?from=2026-01-01T00:00:00.000Z&to=2027-01-01T00:00:00Z", token).is_object(), true);
}

TEST_F(ApiAuditTest, EveryChangeIsAuditedWithOperatorAndAddress) {
    const std::string token = tokenFor("admin");
    call("POST", "/api/v1/groups", token, json{{"name", "Audited"}});
    const json page = list("?operation=group.", token);
    ASSERT_EQ(page.at("total"), 1);
    const json entry = page.at("entries")[0];
    EXPECT_EQ(entry.at("operator_id"), admin.id);
    EXPECT_EQ(entry.at("operator_login"), "admin");
    EXPECT_EQ(entry.at("address"), "192.0.2.7");
    EXPECT_EQ(entry.at("at"), formatUtcMs(nowMs));
    EXPECT_EQ(entry.at("details").at("name"), "Audited");
}

TEST(ApiAuditWriterTest, KeysNamingSecretsAreDropped) {
    const json details{{"name", "May"},
                       {"password", "x"},
                       {"new_password", "y"},
                       {"PIN", "1234"},
                       {"token", "t"},
                       {"one_time_password", "z"},
                       {"nested", {{"pin", "1"}, {"group_id", 3}}},
                       {"list", json::array({json{{"otp", "5"}, {"role", "agent"}}})}};
    const json clean = withoutSecrets(details);
    EXPECT_EQ(clean, (json{{"name", "May"},
                           {"nested", {{"group_id", 3}}},
                           {"list", json::array({json{{"role", "agent"}}})}}));
}

}  // namespace
}  // namespace callvault::server::api::testing
