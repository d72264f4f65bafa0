// Five wrong passwords lock an account for a while; a disabled account cannot log in.
#include "tests/server/api/api_fixture.h"

#include <gtest/gtest.h>

#include <thread>

namespace callvault::test {
namespace {

using namespace std::chrono_literals;

class LockoutTest : public WorldTest {
protected:
    HttpResponse login(const std::string& loginName, const std::string& password) {
        return client().post("/api/v1/session", {{"login", loginName}, {"password", password}});
    }

    /// The audit entries of `operatorLogin` with `operation` (as company A's admin sees them).
    nlohmann::json auditEntries(const std::string& operatorLogin, const std::string& operation) {
        const auto response =
            client().get("/api/v1/audit?" + auditSinceLongAgo() + "&limit=200&operator=" + operatorLogin +
                             "&operation=" + operation,
                         token("admin"));
        EXPECT_EQ(response.status, 200) << response;
        return response.json()["entries"];
    }

    /// How often `operation` appears in the audit trail for `operatorLogin` (as company A's admin sees it).
    int auditCount(const std::string& operatorLogin, const std::string& operation) {
        const auto response =
            client().get("/api/v1/audit?" + auditSinceLongAgo() + "&limit=200&operator=" + operatorLogin +
                             "&operation=" + operation,
                         token("admin"));
        EXPECT_EQ(response.status, 200) << response;
        const auto entries = response.json()["entries"];
        int count = 0;
        for (const auto& entry : entries) {
            if (entry.value("operation", "") == operation &&
                entry.value("operator_login", "") == operatorLogin) {
                ++count;
            }
        }
        return count;
    }
};

TEST_F(LockoutTest, FiveWrongPasswordsLockTheAccount) {
    startWorld();
    token("admin");  // log in before the test so its own audit entries are out of the way
    const Account agent = m_world->account("agent1");
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const auto wrong = login(agent.login, "Wrong" + std::to_string(attempt) + "pass");
        EXPECT_EQ(wrong.status, 401) << "attempt " << attempt << ": " << wrong;
        EXPECT_EQ(wrong.errorCode(), "invalid_credentials") << wrong;
    }
    const auto fifth = login(agent.login, "Wrong5pass");
    EXPECT_EQ(fifth.status, 429) << fifth;
    EXPECT_EQ(fifth.errorCode(), "account_locked") << fifth;
    EXPECT_EQ(auditCount(agent.login, "login_failed"), 4);
    const nlohmann::json failed = auditEntries(agent.login, "login_failed");
    ASSERT_TRUE(failed.is_array());
    for (std::size_t i = 0; i < failed.size(); ++i) {
        EXPECT_EQ(failed.at(i).value("/details/reason"_json_pointer, ""), "wrong_password")
            << failed.at(i).dump();
        EXPECT_EQ(failed.at(i).value("operator_id", std::int64_t{0}), agent.id) << failed.at(i).dump();
    }
    EXPECT_EQ(auditCount(agent.login, "login_locked"), 1);

    const auto right = login(agent.login, agent.password);
    EXPECT_EQ(right.status, 429) << "the right password waits for the lock to end: " << right;
    EXPECT_EQ(right.errorCode(), "account_locked") << right;
    EXPECT_FALSE(right.json().contains("token"));

    const Account other = m_world->account("agent2");
    EXPECT_EQ(login(other.login, other.password).status, 200) << "one account's lock touches no other";
    EXPECT_EQ(client().get("/api/v1/me", token("agent1")).status, 200)
        << "a session made before the lock goes on";
}

TEST_F(LockoutTest, ASuccessfulLoginResetsTheCount) {
    startWorld();
    const Account agent = m_world->account("agent2");
    for (int attempt = 0; attempt < 4; ++attempt) {
        EXPECT_EQ(login(agent.login, "Wrong1pass").status, 401);
    }
    EXPECT_EQ(login(agent.login, agent.password).status, 200);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto wrong = login(agent.login, "Wrong2pass");
        EXPECT_EQ(wrong.status, 401) << "only consecutive failures count: " << wrong;
    }
    EXPECT_EQ(login(agent.login, agent.password).status, 200);
}

TEST_F(LockoutTest, TheLockEndsAfterItsTime) {
    startWorld({"--lockout-seconds", "2"});
    const Account agent = m_world->account("manager");
    for (int attempt = 0; attempt < 5; ++attempt) {
        login(agent.login, "Wrong9pass");
    }
    ASSERT_EQ(login(agent.login, agent.password).status, 429);
    std::this_thread::sleep_for(3s);  // the one deliberate wait: longer than --lockout-seconds 2
    const auto after = login(agent.login, agent.password);
    EXPECT_EQ(after.status, 200) << after;
}

TEST_F(LockoutTest, ADisabledAccountCannotLogIn) {
    startWorld();
    const Account agent = m_world->account("agent2");
    const std::string earlier = token("agent2");
    const std::string path = "/api/v1/users/" + std::to_string(agent.id);
    const auto disabled = client().patch(path, {{"enabled", false}}, token("admin"));
    ASSERT_EQ(disabled.status, 200) << disabled;
    EXPECT_EQ(disabled.json()["enabled"], false) << disabled;

    const auto refused = login(agent.login, agent.password);
    EXPECT_EQ(refused.status, 403) << refused;
    EXPECT_EQ(refused.errorCode(), "account_disabled") << refused;
    EXPECT_FALSE(refused.json().contains("token"));
    const auto old = client().get("/api/v1/me", earlier);
    EXPECT_EQ(old.status, 401) << "disabling ends the user's sessions at once: " << old;
    EXPECT_EQ(old.errorCode(), "unauthorized") << old;

    ASSERT_EQ(client().patch(path, {{"enabled", true}}, token("admin")).status, 200);
    EXPECT_EQ(login(agent.login, agent.password).status, 200) << "enabled again, the account logs in";
}

}  // namespace
}  // namespace callvault::test
