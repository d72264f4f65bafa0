// Logging in and out, idle expiry, the forced password change and what a password change does to sessions.
#include "tests/server/api/api_fixture.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <thread>

namespace callvault::test {
namespace {

using namespace std::chrono_literals;

class SessionTest : public WorldTest {
protected:
    HttpResponse login(const std::string& loginName, const std::string& password) {
        return client().post("/api/v1/session", {{"login", loginName}, {"password", password}});
    }

    /// Every route but the password change and logout, as the forced change must refuse them.
    void expectOnlyPasswordChangeAnswers(const std::string& sessionToken) {
        for (const char* path : {"/api/v1/me", "/api/v1/labels", "/api/v1/numbers", "/api/v1/company"}) {
            const auto response = client().get(path, sessionToken);
            EXPECT_EQ(response.status, 403) << path << ": " << response;
            EXPECT_EQ(response.errorCode(), "password_change_required") << path << ": " << response;
        }
        const auto write = client().post("/api/v1/labels", {{"name", "sneaky"}}, sessionToken);
        EXPECT_EQ(write.errorCode(), "password_change_required") << write;
    }
};

TEST_F(SessionTest, LoginAnswersATokenAndTheUser) {
    startWorld();
    const Account& agent = m_world->account("agent1");
    const auto response = login(agent.login, agent.password);
    ASSERT_EQ(response.status, 200) << response;
    const auto j = response.json();
    ASSERT_TRUE(j["token"].is_string()) << response;
    EXPECT_GE(j["token"].get<std::string>().size(), 32u) << "a token must be long enough not to be guessed";
    EXPECT_EQ(j["expires_in"], 1800) << response;
    EXPECT_EQ(j["must_change_password"], false) << response;
    EXPECT_EQ(j["user"]["id"], agent.id) << response;
    EXPECT_EQ(j["user"]["role"], "agent") << response;
    EXPECT_FALSE(j["user"].contains("password_hash")) << response;
    EXPECT_EQ(client().get("/api/v1/me", j["token"].get<std::string>()).status, 200);

    const auto again = login(agent.login, agent.password);
    ASSERT_EQ(again.status, 200) << again;
    EXPECT_NE(again.json()["token"], j["token"]) << "each login makes its own session";
}

TEST_F(SessionTest, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
    startWorld();
    const auto wrong = login(m_world->account("agent1").login, "Wrong1234x");
    const auto unknown = login("nobody-like-this", "Wrong1234x");
    EXPECT_EQ(wrong.status, 401) << wrong;
    EXPECT_EQ(wrong.errorCode(), "invalid_credentials") << wrong;
    EXPECT_EQ(unknown.status, 401) << unknown;
    EXPECT_EQ(unknown.errorCode(), "invalid_credentials") << unknown;
    EXPECT_EQ(wrong.errorMessage(), unknown.errorMessage())
        << "the answer must not tell which part was wrong";
    EXPECT_FALSE(wrong.json().contains("token"));

    // The unknown name belongs to no company: it is in no company's report.
    const auto report = client().get("/api/v1/audit?operator=nobody-like-this", token("admin"));
    ASSERT_EQ(report.status, 200) << report;
    EXPECT_EQ(report.json()["total"], 0) << report;
    const auto failed = client().get(
        "/api/v1/audit?operation=login_failed&operator=" + m_world->account("agent1").login, token("admin"));
    ASSERT_EQ(failed.status, 200) << failed;
    ASSERT_EQ(failed.json()["total"], 1) << failed;
    EXPECT_EQ(failed.json()["entries"][0]["details"]["reason"], "wrong_password") << failed;
}

TEST_F(SessionTest, MissingOrMalformedTokensAreUnauthorized) {
    startWorld();
    for (const std::string header : {"Authorization: Bearer not-a-real-token", "Authorization: Bearer",
                                     "Authorization: Basic YWRtaW46YWRtaW4=", "Authorization: bearer"}) {
        RequestOptions options;
        options.headers = {header};
        const auto response = client().request("GET", "/api/v1/me", options);
        EXPECT_EQ(response.status, 401) << header << ": " << response;
        EXPECT_EQ(response.errorCode(), "unauthorized") << header << ": " << response;
    }
    const auto none = client().get("/api/v1/me");
    EXPECT_EQ(none.status, 401) << none;
    EXPECT_EQ(none.errorCode(), "unauthorized") << none;
}

TEST_F(SessionTest, LogoutMakesTheTokenUseless) {
    startWorld();
    const std::string session = m_world->freshToken("manager");
    ASSERT_EQ(client().get("/api/v1/me", session).status, 200);
    const auto logout = client().del("/api/v1/session", session);
    EXPECT_EQ(logout.status, 204) << logout;
    const auto after = client().get("/api/v1/me", session);
    EXPECT_EQ(after.status, 401) << after;
    EXPECT_EQ(after.errorCode(), "unauthorized") << after;
    EXPECT_EQ(client().del("/api/v1/session", session).status, 401) << "a session ends once";
    EXPECT_EQ(client().get("/api/v1/me", token("manager")).status, 200) << "other sessions go on";
}

TEST_F(SessionTest, AnIdleSessionExpires) {
    startWorld({"--session-idle-seconds", "2"});
    const std::string idle = m_world->freshToken("agent2");
    const auto fresh = client().get("/api/v1/me", idle);
    ASSERT_EQ(fresh.status, 200) << fresh;
    std::this_thread::sleep_for(3500ms);  // the one deliberate wait: idle for longer than 2 s
    const auto expired = client().get("/api/v1/me", idle);
    EXPECT_EQ(expired.status, 401) << expired;
    EXPECT_EQ(expired.errorCode(), "session_expired") << expired;
    const std::string renewed = m_world->freshToken("agent2");
    EXPECT_EQ(client().get("/api/v1/me", renewed).status, 200) << "logging in again works";
}

TEST_F(SessionTest, FirstLoginDemandsAPasswordChangeBeforeAnythingElse) {
    startWorld();
    const ThrowawayUser user = createThrowawayUser(*m_world, "admin", m_world->world().groupG1);
    const auto first = login(user.login, user.oneTimePassword);
    ASSERT_EQ(first.status, 200) << first;
    EXPECT_EQ(first.json()["must_change_password"], true) << first;
    const std::string session = first.json()["token"].get<std::string>();
    expectOnlyPasswordChangeAnswers(session);

    for (const std::string& weak : std::vector<std::string>{"short1", "Ab1", "lettersonlyhere", "1234567890",
                                                            "", std::string(130, 'a') + "1"}) {
        const auto refused =
            client().put("/api/v1/me/password",
                         {{"current_password", user.oneTimePassword}, {"new_password", weak}}, session);
        EXPECT_EQ(refused.status, 400) << "'" << weak << "': " << refused;
        EXPECT_EQ(refused.errorCode(), "validation_failed") << "'" << weak << "': " << refused;
    }
    const auto wrongCurrent =
        client().put("/api/v1/me/password",
                     {{"current_password", "NotIt12345"}, {"new_password", "Better2026pass"}}, session);
    EXPECT_GE(wrongCurrent.status, 400) << wrongCurrent;
    EXPECT_LT(wrongCurrent.status, 500) << wrongCurrent;
    expectOnlyPasswordChangeAnswers(session);  // refused changes lift nothing

    const auto changed = client().put(
        "/api/v1/me/password",
        {{"current_password", user.oneTimePassword}, {"new_password", "Better2026pass"}}, session);
    ASSERT_EQ(changed.status, 204) << changed;
    EXPECT_EQ(client().get("/api/v1/me", session).status, 200);
    EXPECT_EQ(client().get("/api/v1/labels", session).status, 200);
    const auto oldPassword = login(user.login, user.oneTimePassword);
    EXPECT_EQ(oldPassword.status, 401) << "the one-time password is used up: " << oldPassword;
    const auto next = login(user.login, "Better2026pass");
    ASSERT_EQ(next.status, 200) << next;
    EXPECT_EQ(next.json()["must_change_password"], false) << next;
}

TEST_F(SessionTest, LogoutAnswersDuringTheForcedChange) {
    startWorld();
    const ThrowawayUser user = createThrowawayUser(*m_world, "admin", std::nullopt);
    const auto first = login(user.login, user.oneTimePassword);
    ASSERT_EQ(first.status, 200) << first;
    const std::string session = first.json()["token"].get<std::string>();
    EXPECT_EQ(client().del("/api/v1/session", session).status, 204);
    EXPECT_EQ(client().get("/api/v1/me", session).errorCode(), "unauthorized");
}

TEST_F(SessionTest, AResetDemandsAPasswordChangeAgain) {
    startWorld();
    const Account agent = m_world->account("agent2");
    const auto reset = client().post("/api/v1/users/" + std::to_string(agent.id) + "/reset-password",
                                     nlohmann::json::object(), token("admin"));
    ASSERT_EQ(reset.status, 200) << reset;
    EXPECT_EQ(reset.json()["emailed"], false) << reset;
    const std::string oneTime = reset.json().value("one_time_password", "");
    ASSERT_FALSE(oneTime.empty()) << reset;

    EXPECT_EQ(login(agent.login, agent.password).status, 401) << "the old password is replaced";
    const auto first = login(agent.login, oneTime);
    ASSERT_EQ(first.status, 200) << first;
    EXPECT_EQ(first.json()["must_change_password"], true) << first;
    const std::string session = first.json()["token"].get<std::string>();
    expectOnlyPasswordChangeAnswers(session);
    const auto changed = client().put(
        "/api/v1/me/password", {{"current_password", oneTime}, {"new_password", "Again2026pass"}}, session);
    ASSERT_EQ(changed.status, 204) << changed;
    EXPECT_EQ(client().get("/api/v1/numbers", session).status, 200);
}

TEST_F(SessionTest, APasswordChangeEndsTheUsersOtherSessions) {
    startWorld();
    const Account agent = m_world->account("agent1");
    const std::string kept = m_world->freshToken("agent1");
    const std::string other = m_world->freshToken("agent1");
    const std::string someoneElse = token("agent2");
    const auto changed =
        client().put("/api/v1/me/password",
                     {{"current_password", agent.password}, {"new_password", "Fresh2026pass"}}, kept);
    ASSERT_EQ(changed.status, 204) << changed;
    EXPECT_EQ(client().get("/api/v1/me", kept).status, 200) << "the session that changed it goes on";
    const auto ended = client().get("/api/v1/me", other);
    EXPECT_EQ(ended.status, 401) << ended;
    EXPECT_EQ(client().get("/api/v1/me", someoneElse).status, 200) << "other users' sessions are untouched";
    EXPECT_EQ(login(agent.login, agent.password).status, 401);
    EXPECT_EQ(login(agent.login, "Fresh2026pass").status, 200);
}

}  // namespace
}  // namespace callvault::test
