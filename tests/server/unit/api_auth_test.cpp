#include "api_test_fixture.h"

#include "server/api/auth_service.h"

namespace callvault::server::api::testing {
namespace {

using nlohmann::json;

class ApiAuthTest : public ApiFixture {};

TEST_F(ApiAuthTest, LoginGivesATokenThatIsStoredOnlyHashed) {
    const ApiResponse response = loginRequest("agenta", kPassword);
    ASSERT_EQ(response.status, 200) << response.body;
    const json body = json::parse(response.body);
    const std::string token = body.at("token");
    EXPECT_EQ(token.size(), 64U);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(body.at("expires_in"), config.sessionIdleSeconds);
    EXPECT_EQ(body.at("must_change_password"), false);
    EXPECT_EQ(body.at("user").at("login"), "agenta");
    EXPECT_FALSE(body.at("user").contains("password_hash"));

    EXPECT_FALSE(store->session(token).has_value());
    const auto session = store->session(tokenHash(token));
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->userId, agentA.id);
    EXPECT_EQ(session->address, "192.0.2.7");

    const auto entries = auditOf();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.front().operation, "login");
    EXPECT_EQ(entries.front().operatorId, agentA.id);
    EXPECT_EQ(entries.front().operatorLogin, "agenta");
    EXPECT_EQ(entries.front().address, "192.0.2.7");
    EXPECT_EQ(entries.front().at, nowMs);
    EXPECT_EQ(metrics.value("callvault_logins_total", "result=\"ok\""), 1);

    EXPECT_EQ(call("GET", "/api/v1/me", token).status, 200);
}

TEST_F(ApiAuthTest, UnknownLoginAnswersLikeAWrongPassword) {
    const ApiResponse wrong = loginRequest("agenta", "Wrong12345");
    const ApiResponse unknown = loginRequest("nobody", kPassword);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(errorCode(wrong), "invalid_credentials");
    EXPECT_EQ(wrong.body, unknown.body);
    EXPECT_EQ(metrics.value("callvault_logins_total", "result=\"failed\""), 2);

    const auto entries = auditOf();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.front().operation, "login_failed");
    EXPECT_EQ(entries.front().operatorId, agentA.id);
    EXPECT_EQ(entries.front().details.dump().find("Wrong12345"), std::string::npos);

}

TEST_F(ApiAuthTest, LoginBodyIsValidated) {
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "", json{{"login", "agenta"}})), "validation_failed");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "", json{{"login", 5}, {"password", "x"}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "",
                             json{{"login", "agenta"}, {"password", kPassword}, {"extra", 1}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "", std::string("{\"login\":"))), "invalid_json");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "", std::string("[1,2]"))), "invalid_json");
    EXPECT_EQ(errorCode(call("POST", "/api/v1/session", "", std::string(""))), "invalid_json");
    const ApiResponse wrongType = call("POST", "/api/v1/session", "",
                                       json{{"login", "agenta"}, {"password", kPassword}}.dump(), "text/plain");
    EXPECT_EQ(wrongType.status, 415);
    EXPECT_EQ(call("POST", "/api/v1/session", "", json{{"login", "agenta"}, {"password", kPassword}}.dump(),
                   "application/json; charset=UTF-8")
                  .status,
              200);
    // A type-checked but unused machine id and otp are accepted.
    EXPECT_EQ(call("POST", "/api/v1/session", "",
                   json{{"login", "agenta"}, {"password", kPassword}, {"machine_id", "m-1"}, {"otp", "123456"}})
                  .status,
              200);
}

TEST_F(ApiAuthTest, ConsecutiveFailuresLockTheAccountUntilTimePasses) {
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    const ApiResponse third = loginRequest("agenta", "Wrong12345");
    EXPECT_EQ(third.status, 429);
    EXPECT_EQ(errorCode(third), "account_locked");
    // Locked: even the right password is refused.
    EXPECT_EQ(errorCode(loginRequest("agenta", kPassword)), "account_locked");
    EXPECT_EQ(auditOf().front().operation, "login_locked");
    EXPECT_EQ(metrics.value("callvault_logins_total", "result=\"locked\""), 2);

    nowMs += 59'000;
    EXPECT_EQ(errorCode(loginRequest("agenta", kPassword)), "account_locked");
    nowMs += 2'000;
    EXPECT_EQ(loginRequest("agenta", kPassword).status, 200);
    // Success cleared the count: two more failures do not lock.
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    EXPECT_EQ(loginRequest("agenta", kPassword).status, 200);
}

TEST_F(ApiAuthTest, FailuresAfterAnExpiredLockLockAgainAtTheLimit) {
    for (int i = 0; i < 3; ++i) {
        loginRequest("agenta", "Wrong12345");
    }
    nowMs += 61'000;
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 401);
    EXPECT_EQ(loginRequest("agenta", "Wrong12345").status, 429);
    EXPECT_EQ(loginRequest("agenta", kPassword).status, 429);
    // Other accounts are not affected.
    EXPECT_EQ(loginRequest("agentb", kPassword).status, 200);
}

TEST_F(ApiAuthTest, DisabledUserIsRefusedOnlyWithTheRightPassword) {
    store::UserUpdate update;
    update.enabled = false;
    ASSERT_TRUE(store->updateUser(company.id, agentA.id, update));
    const ApiResponse right = loginRequest("agenta", kPassword);
    EXPECT_EQ(right.status, 403);
    EXPECT_EQ(errorCode(right), "account_disabled");
    EXPECT_EQ(auditOf().front().operation, "login_failed");
    EXPECT_EQ(auditOf().front().details.value("reason", ""), "disabled");
    EXPECT_EQ(errorCode(loginRequest("agenta", "Wrong12345")), "invalid_credentials");
}

TEST_F(ApiAuthTest, BearerTokenIsRequired) {
    ApiResponse response = call("GET", "/api/v1/me");
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(errorCode(response), "unauthorized");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", std::string(64, 'a'))), "unauthorized");
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", "short")), "unauthorized");
    ApiRequest request;
    request.method = "GET";
    request.target = "/api/v1/me";
    request.headers["authorization"] = "Basic YWdlbnRhOlNlY3JldDEyMw==";
    EXPECT_EQ(errorCode(api().handle(request)), "unauthorized");
    request.headers["authorization"] = "bearer " + tokenFor("agenta");
    EXPECT_EQ(api().handle(request).status, 200);
}

TEST_F(ApiAuthTest, IdleSessionsExpireAndActivityKeepsThemAlive) {
    config.sessionIdleSeconds = 100;
    const std::string token = tokenFor("agenta");
    nowMs += 90'000;
    EXPECT_EQ(call("GET", "/api/v1/me", token).status, 200);
    nowMs += 90'000;
    EXPECT_EQ(call("GET", "/api/v1/me", token).status, 200);
    nowMs += 101'000;
    const ApiResponse expired = call("GET", "/api/v1/me", token);
    EXPECT_EQ(expired.status, 401);
    EXPECT_EQ(errorCode(expired), "session_expired");
    EXPECT_FALSE(store->session(tokenHash(token)).has_value());
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", token)), "unauthorized");
}

TEST_F(ApiAuthTest, LastSeenIsTouchedAtMostEvery30Seconds) {
    const std::string token = tokenFor("agenta");
    const std::int64_t loginSeconds = nowMs / 1000;
    nowMs += 10'000;
    call("GET", "/api/v1/me", token);
    EXPECT_EQ(store->session(tokenHash(token))->lastSeenAt, loginSeconds);
    nowMs += 25'000;
    call("GET", "/api/v1/me", token);
    EXPECT_EQ(store->session(tokenHash(token))->lastSeenAt, loginSeconds + 35);
}

TEST_F(ApiAuthTest, LogoutEndsTheSession) {
    const std::string token = tokenFor("agenta");
    const std::string other = tokenFor("agenta");
    EXPECT_EQ(call("DELETE", "/api/v1/session", token).status, 204);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", token)), "unauthorized");
    EXPECT_EQ(call("GET", "/api/v1/me", other).status, 200);
    EXPECT_EQ(auditOf().front().operation, "logout");
    EXPECT_EQ(auditOf().front().target, "user:" + std::to_string(agentA.id));
}

TEST_F(ApiAuthTest, DisablingAUserEndsHisSessions) {
    const std::string agentToken = tokenFor("agenta");
    const std::string adminToken = tokenFor("admin");
    EXPECT_EQ(call("PATCH", "/api/v1/users/" + std::to_string(agentA.id), adminToken, json{{"enabled", false}}).status,
              200);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", agentToken)), "unauthorized");
}

TEST_F(ApiAuthTest, ForcedPasswordChangeGatesEveryOtherRoute) {
    store->setPassword(agentA.id, seedHash(), true);
    const ApiResponse login = loginRequest("agenta", kPassword);
    ASSERT_EQ(login.status, 200);
    EXPECT_EQ(json::parse(login.body).at("must_change_password"), true);
    const std::string token = json::parse(login.body).at("token");
    const std::string other = tokenFor("agenta");

    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/v1/me"}, {"GET", "/api/v1/company"}, {"GET", "/api/v1/labels"}, {"GET", "/api/v1/numbers"}}) {
        const ApiResponse gated = call(method, target, token);
        EXPECT_EQ(gated.status, 403) << target;
        EXPECT_EQ(errorCode(gated), "password_change_required") << target;
    }
    // Health needs no session and is not gated.
    EXPECT_EQ(call("GET", "/api/v1/health", token).status, 200);

    const std::string path = "/api/v1/me/password";
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", "Wrong12345"}, {"new_password", "NewPass99"}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", kPassword}, {"new_password", "short1"}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", kPassword}, {"new_password", "lettersonly"}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", kPassword}, {"new_password", "12345678"}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", kPassword}, {"new_password", kPassword}})),
              "validation_failed");
    EXPECT_EQ(errorCode(call("PUT", path, token, json{{"current_password", kPassword}})), "validation_failed");
    // Nothing changed so far.
    EXPECT_TRUE(store->userById(agentA.id)->mustChangePassword);
    EXPECT_EQ(call("GET", "/api/v1/me", other).status, 403);

    EXPECT_EQ(call("PUT", path, token, json{{"current_password", kPassword}, {"new_password", "NewPass99"}}).status, 204);
    EXPECT_FALSE(store->userById(agentA.id)->mustChangePassword);
    EXPECT_EQ(call("GET", "/api/v1/me", token).status, 200);
    EXPECT_EQ(errorCode(call("GET", "/api/v1/me", other)), "unauthorized");  // other sessions ended
    EXPECT_EQ(errorCode(loginRequest("agenta", kPassword)), "invalid_credentials");
    EXPECT_EQ(loginRequest("agenta", "NewPass99").status, 200);

    bool found = false;
    for (const AuditEntry& entry : auditOf()) {
        EXPECT_EQ(entry.details.dump().find("NewPass99"), std::string::npos);
        EXPECT_EQ(entry.details.dump().find(kPassword), std::string::npos);
        if (entry.operation == "password.change") {
            found = true;
            EXPECT_EQ(entry.operatorId, agentA.id);
            EXPECT_EQ(entry.target, "user:" + std::to_string(agentA.id));
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(ApiAuthTest, LogoutStaysOpenDuringTheForcedChange) {
    store->setPassword(agentA.id, seedHash(), true);
    const std::string token = tokenFor("agenta");
    EXPECT_EQ(call("DELETE", "/api/v1/session", token).status, 204);
}

TEST_F(ApiAuthTest, MeListsPermissionsWithScopes) {
    const ApiResponse response = call("GET", "/api/v1/me", tokenFor("supervisor"));
    ASSERT_EQ(response.status, 200);
    const json body = json::parse(response.body);
    EXPECT_EQ(body.at("user").at("id"), supervisor.id);
    EXPECT_EQ(body.at("company").at("id"), company.id);
    EXPECT_EQ(body.at("permissions").at("view_users"), "supervised");
    EXPECT_EQ(body.at("permissions").at("edit_users"), "none");
    EXPECT_EQ(body.at("permissions").at("view_company"), "company");

    const json providerMe = json::parse(call("GET", "/api/v1/me", tokenFor("provider")).body);
    EXPECT_TRUE(providerMe.at("company").is_null());
    EXPECT_EQ(providerMe.at("permissions").at("search_recordings"), "unlocked");
}

TEST_F(ApiAuthTest, TokenHelpers) {
    EXPECT_EQ(tokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_NE(newToken(), newToken());
}

}  // namespace
}  // namespace callvault::server::api::testing
