#include "api_test_fixture.h"

namespace callvault::server::api::testing {
namespace {

using nlohmann::json;

class ApiUsersTest : public ApiFixture {
protected:
    std::string userPath(std::int64_t id) { return "/api/v1/users/" + std::to_string(id); }

    json newUser(const std::string& login) {
        return json{{"login", login}, {"name", "New " + login}, {"role", "agent"}, {"group_id", groupA.id}};
    }

    std::vector<std::int64_t> ids(const ApiResponse& response) {
        std::vector<std::int64_t> out;
        const json body = json::parse(response.body);
        for (const json& user : body.at("users")) {
            out.push_back(user.at("id"));
        }
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(ApiUsersTest, ListIsScopedByRole) {
    const std::vector<std::int64_t> everyone =
        ids(call("GET", "/api/v1/users", tokenFor("admin")));
    EXPECT_EQ(everyone.size(), 5U);  // the Provider and the other company's Admin are not listed
    EXPECT_EQ(ids(call("GET", "/api/v1/users", tokenFor("manager"))), everyone);
    std::vector<std::int64_t> supervised{supervisor.id, agentA.id};
    std::sort(supervised.begin(), supervised.end());
    EXPECT_EQ(ids(call("GET", "/api/v1/users", tokenFor("supervisor"))), supervised);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/users", tokenFor("agenta"))), "forbidden");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/users", tokenFor("provider"))), "forbidden");
}

TEST_F(ApiUsersTest, GetAnswers404OutsideTheScope) {
    const std::string supervisorToken = tokenFor("supervisor");
    EXPECT_EQ(call("GET", userPath(agentA.id), supervisorToken).status, 200);
    EXPECT_EQ(call("GET", userPath(supervisor.id), supervisorToken).status, 200);
    EXPECT_EQ(errorCode(call("GET", userPath(agentB.id), supervisorToken)), "not_found");
    EXPECT_EQ(errorCode(call("GET", userPath(admin.id), supervisorToken)), "not_found");
    // Another company's user is absent, even for an Admin.
    EXPECT_EQ(errorCode(call("GET", userPath(agentA.id), tokenFor("otheradmin"))), "not_found");
    EXPECT_EQ(errorCode(call("GET", userPath(999999), tokenFor("admin"))), "not_found");
    // Role before scope: an Agent is refused even for a row that does not exist.
    EXPECT_EQ(errorCode(call("GET", userPath(999999), tokenFor("agenta"))), "forbidden");
}

TEST_F(ApiUsersTest, AdminCreatesAUserWithAOneTimePassword) {
    const ApiResponse response = call("POST", "/api/v1/users", tokenFor("admin"), newUser("newbie"));
    ASSERT_EQ(response.status, 201) << response.body;
    const json body = json::parse(response.body);
    EXPECT_EQ(body.at("emailed"), false);
    const std::string oneTimePassword = body.at("one_time_password");
    EXPECT_EQ(body.at("user").at("login"), "newbie");
    EXPECT_EQ(body.at("user").at("group_id"), groupA.id);
    EXPECT_EQ(body.at("user").at("must_change_password"), true);

    const ApiResponse login = loginRequest("newbie", oneTimePassword);
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(json::parse(login.body).at("must_change_password"), true);

    bool audited = false;
    for (const AuditEntry& entry : auditOf()) {
        EXPECT_EQ(entry.details.dump().find(oneTimePassword), std::string::npos);
        if (entry.operation == "user.create") {
            audited = true;
            EXPECT_EQ(entry.operatorId, admin.id);
            EXPECT_EQ(entry.target, "user:" + body.at("user").at("id").dump());
            EXPECT_EQ(entry.details.at("login"), "newbie");
            EXPECT_EQ(entry.address, "192.0.2.7");
        }
    }
    EXPECT_TRUE(audited);
}

TEST_F(ApiUsersTest, OnlyAdminMayCreate) {
    for (const char* login : {"manager", "supervisor", "agenta", "provider"}) {
        EXPECT_EQ(errorCode(call("POST", "/api/v1/users", tokenFor(login), newUser("x-" + std::string(login)))),
                  "forbidden")
            << login;
    }
    EXPECT_EQ(store->users(company.id).size(), 5U);
}

TEST_F(ApiUsersTest, BadCreateBodiesChangeNothing) {
    const std::string token = tokenFor("admin");
    const std::size_t auditBefore = auditOf().size();
    json missing = newUser("bad1");
    missing.erase("login");
    json wrongType = newUser("bad2");
    wrongType["name"] = 5;
    json unknown = newUser("bad3");
    unknown["colour"] = "red";
    json providerRole = newUser("bad4");
    providerRole["role"] = "provider";
    json noGroup = newUser("bad5");
    noGroup["group_id"] = 999999;
    json foreignGroup = newUser("bad6");
    foreignGroup["group_id"] = otherGroup.id;
    json agentSupervises = newUser("bad7");
    agentSupervises["supervised_group_ids"] = {groupA.id};
    json badEmail = newUser("bad8");
    badEmail["email"] = "not-an-address";
    json badDate = newUser("bad9");
    badDate["recording_start_date"] = "2026-02-30";
    json badLogin = newUser("b d");
    json negativeGroup = newUser("bad10");
    negativeGroup["group_id"] = -3;

    for (const json& body :
         {missing, wrongType, unknown, providerRole, noGroup, foreignGroup, agentSupervises, badEmail, badDate, badLogin,
          negativeGroup}) {
        const ApiResponse response = call("POST", "/api/v1/users", token, body);
        EXPECT_EQ(response.status, 400) << body.dump();
        EXPECT_EQ(errorCode(response), "validation_failed") << body.dump();
    }
    EXPECT_NE(json::parse(call("POST", "/api/v1/users", token, missing).body)["error"]["message"].get<std::string>().find(
                  "login"),
              std::string::npos);
    EXPECT_EQ(errorCode(call("POST", "/api/v1/users", token, std::string("{not json"))), "invalid_json");
    EXPECT_EQ(call("POST", "/api/v1/users", token, newUser("bad11").dump(), "text/plain").status, 415);
    EXPECT_EQ(call("POST", "/api/v1/users", token, newUser("bad12").dump(), "").status, 415);

    EXPECT_EQ(store->users(company.id).size(), 5U);
    EXPECT_EQ(auditOf().size(), auditBefore);
}

TEST_F(ApiUsersTest, DuplicateLoginIsAConflict) {
    const ApiResponse response = call("POST", "/api/v1/users", tokenFor("admin"), newUser("otheradmin"));
    EXPECT_EQ(response.status, 409);
    EXPECT_EQ(errorCode(response), "conflict");
}

TEST_F(ApiUsersTest, PatchUpdatesAndAuditsChangedFields) {
    const std::string token = tokenFor("admin");
    const ApiResponse response = call("PATCH", userPath(agentB.id), token,
                                      json{{"name", "Bea"}, {"group_id", nullptr}, {"notify", true}});
    ASSERT_EQ(response.status, 200) << response.body;
    const json body = json::parse(response.body);
    EXPECT_EQ(body.at("name"), "Bea");
    EXPECT_TRUE(body.at("group_id").is_null());
    EXPECT_EQ(store->user(company.id, agentB.id)->name, "Bea");
    const AuditEntry entry = auditOf().front();
    EXPECT_EQ(entry.operation, "user.update");
    EXPECT_EQ(entry.details.at("changes").at("name").at("from"), "Name of agentb");
    EXPECT_EQ(entry.details.at("changes").at("name").at("to"), "Bea");
    EXPECT_TRUE(entry.details.at("changes").contains("group_id"));
    EXPECT_FALSE(entry.details.at("changes").contains("email"));

    EXPECT_EQ(call("PATCH", userPath(agentB.id), token, json{{"role", "supervisor"},
                                                             {"supervised_group_ids", {groupA.id, groupB.id}}})
                  .status,
              200);
    EXPECT_EQ(store->user(company.id, agentB.id)->supervisedGroupIds.size(), 2U);
    // Back to agent: the supervised groups go with the role.
    EXPECT_EQ(call("PATCH", userPath(agentB.id), token, json{{"role", "agent"}}).status, 200);
    EXPECT_TRUE(store->user(company.id, agentB.id)->supervisedGroupIds.empty());
}

TEST_F(ApiUsersTest, BadPatchesChangeNothing) {
    const std::string token = tokenFor("admin");
    const User before = *store->user(company.id, agentB.id);
    for (const json& body : {json{{"role", "provider"}}, json{{"name", ""}}, json{{"enabled", "no"}},
                             json{{"login", "renamed"}}, json{{"group_id", otherGroup.id}},
                             json{{"supervised_group_ids", {groupA.id}}}, json{{"supervised_group_ids", "1"}}}) {
        EXPECT_EQ(errorCode(call("PATCH", userPath(agentB.id), token, body)), "validation_failed") << body.dump();
    }
    EXPECT_EQ(*store->user(company.id, agentB.id), before);
    EXPECT_EQ(errorCode(call("PATCH", userPath(999999), token, json{{"name", "X"}})), "not_found");
    EXPECT_EQ(errorCode(call("PATCH", userPath(agentB.id), tokenFor("manager"), json{{"name", "X"}})), "forbidden");
}

TEST_F(ApiUsersTest, AdminCannotDisableOrDemoteHimselfOrTheLastAdmin) {
    const std::string token = tokenFor("admin");
    EXPECT_EQ(errorCode(call("PATCH", userPath(admin.id), token, json{{"enabled", false}})), "conflict");
    EXPECT_EQ(errorCode(call("PATCH", userPath(admin.id), token, json{{"role", "manager"}})), "conflict");
    EXPECT_EQ(store->user(company.id, admin.id)->role, Role::Admin);
    EXPECT_TRUE(store->user(company.id, admin.id)->enabled);
    // Renaming himself is fine.
    EXPECT_EQ(call("PATCH", userPath(admin.id), token, json{{"name", "Boss"}}).status, 200);
    // A second Admin may be demoted by the first.
    const User second = addUser("admin2", Role::Admin, company.id);
    EXPECT_EQ(call("PATCH", userPath(second.id), token, json{{"role", "manager"}}).status, 200);
}

TEST_F(ApiUsersTest, ResetPasswordGivesANewOneTimePasswordAndEndsSessions) {
    const std::string agentToken = tokenFor("agenta");
    const ApiResponse response =
        call("POST", userPath(agentA.id) + "/reset-password", tokenFor("admin"));
    ASSERT_EQ(response.status, 200) << response.body;
    const json body = json::parse(response.body);
    EXPECT_EQ(body.at("emailed"), false);
    const std::string oneTimePassword = body.at("one_time_password");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", agentToken)), "unauthorized");
    EXPECT_EQ(errorCode(loginRequest("agenta", kPassword)), "invalid_credentials");
    const ApiResponse login = loginRequest("agenta", oneTimePassword);
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(json::parse(login.body).at("must_change_password"), true);
    bool audited = false;
    for (const AuditEntry& entry : auditOf()) {
        EXPECT_EQ(entry.details.dump().find(oneTimePassword), std::string::npos);
        audited = audited || (entry.operation == "user.reset_password" && entry.operatorId == admin.id);
    }
    EXPECT_TRUE(audited);
    EXPECT_EQ(errorCode(call("POST", userPath(agentA.id) + "/reset-password", tokenFor("manager"))), "forbidden");
    EXPECT_EQ(errorCode(call("POST", userPath(otherAdmin.id) + "/reset-password", tokenFor("admin"))), "not_found");
}

TEST_F(ApiUsersTest, UnreachableMailServerIs503AndChangesNothing) {
    const std::string token = tokenFor("admin");
    useMailer(smtpTo("smtp://127.0.0.1:1"));
    json body = newUser("mailme");
    body["email"] = "mailme@example.com";
    const ApiResponse created = call("POST", "/api/v1/users", token, body);
    EXPECT_EQ(created.status, 503) << created.body;
    EXPECT_EQ(errorCode(created), "service_unavailable");
    EXPECT_FALSE(store->credentialsByLogin("mailme").has_value());

    const ApiResponse reset = call("POST", userPath(agentA.id) + "/reset-password", token);
    EXPECT_EQ(reset.status, 503);
    EXPECT_EQ(loginRequest("agenta", kPassword).status, 200);
    EXPECT_FALSE(store->userById(agentA.id)->mustChangePassword);

    // A user with no e-mail address gets the password in the answer even with a mail server configured.
    json noEmail = newUser("nomail");
    const ApiResponse plain = call("POST", "/api/v1/users", token, noEmail);
    EXPECT_EQ(plain.status, 201);
    EXPECT_TRUE(json::parse(plain.body).contains("one_time_password"));
}

}  // namespace
}  // namespace callvault::server::api::testing
