// A password reset e-mails new login information through a real SMTP server (aiosmtpd), or returns the
// one-time password once when no mail server is configured; a mail server that is down changes nothing.
#include "tests/server/api/api_fixture.h"
#include "tests/server/api/smtp_sink.h"

#include <gtest/gtest.h>

#include <regex>

namespace callvault::test {
namespace {

class SmtpResetTest : public WorldTest {
protected:
    HttpResponse reset(const std::string& key) {
        return client().post("/api/v1/users/" + std::to_string(m_world->account(key).id) + "/reset-password",
                             nlohmann::json::object(), token("admin"));
    }
    HttpResponse login(const std::string& loginName, const std::string& password) {
        return client().post("/api/v1/session", {{"login", loginName}, {"password", password}});
    }
};

TEST_F(SmtpResetTest, AResetIsEmailedAndThePasswordIsNotAnswered) {
    ServerProcess scratch;  // only a folder for the sink's output, removed at the end
    SmtpSink sink(scratch.dataDir());
    ASSERT_TRUE(sink.started()) << "aiosmtpd did not start: " << sink.output();
    startWorld({"--smtp-url", sink.url(), "--smtp-from", "callvault@alpha.test"});
    const Account agent = m_world->account("agent2");

    const auto response = reset("agent2");
    ASSERT_EQ(response.status, 200) << response;
    EXPECT_EQ(response.json(), nlohmann::json({{"emailed", true}})) << response;
    EXPECT_FALSE(response.json().contains("one_time_password"));

    const auto message = sink.waitForMessage(agent.email);
    ASSERT_TRUE(message.has_value()) << "no mail to " << agent.email << "; the sink printed:\n"
                                     << sink.output();
    EXPECT_NE(message->find("To: "), std::string::npos) << *message;
    EXPECT_NE(message->find(agent.login), std::string::npos) << "the mail names the login:\n" << *message;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(*message, match, std::regex(R"(password: *([A-Za-z0-9]{8,}))")))
        << "no one-time password in:\n"
        << *message;
    const std::string oneTime = match[1];
    EXPECT_EQ(response.body.find(oneTime), std::string::npos);

    EXPECT_EQ(login(agent.login, agent.password).status, 401) << "the old password is replaced";
    const auto first = login(agent.login, oneTime);
    ASSERT_EQ(first.status, 200) << first;
    EXPECT_EQ(first.json()["must_change_password"], true) << first;
    const std::string session = first.json()["token"].get<std::string>();
    EXPECT_EQ(client().get("/api/v1/me", session).errorCode(), "password_change_required");
}

TEST_F(SmtpResetTest, WithoutAMailServerTheOneTimePasswordIsAnsweredOnce) {
    startWorld();
    const Account agent = m_world->account("agent1");
    const auto response = reset("agent1");
    ASSERT_EQ(response.status, 200) << response;
    EXPECT_EQ(response.json()["emailed"], false) << response;
    ASSERT_TRUE(response.json()["one_time_password"].is_string()) << response;
    const std::string oneTime = response.json()["one_time_password"].get<std::string>();
    EXPECT_GE(oneTime.size(), 8u);

    const auto user = client().get("/api/v1/users/" + std::to_string(agent.id), token("admin"));
    EXPECT_EQ(user.body.find(oneTime), std::string::npos)
        << "the password is shown once, never stored in clear";
    const auto first = login(agent.login, oneTime);
    ASSERT_EQ(first.status, 200) << first;
    EXPECT_EQ(first.json()["must_change_password"], true) << first;
}

TEST_F(SmtpResetTest, AMailServerThatIsDownChangesNothing) {
    const std::uint16_t closedPort = pickFreePort();  // nothing listens there
    startWorld({"--smtp-url", "smtp://127.0.0.1:" + std::to_string(closedPort), "--smtp-from",
                "callvault@alpha.test"});
    const Account agent = m_world->account("agent1");
    const std::string session = token("agent1");

    const auto response = reset("agent1");
    EXPECT_EQ(response.status, 503) << response;
    EXPECT_EQ(response.errorCode(), "service_unavailable") << response;
    EXPECT_FALSE(response.json().contains("one_time_password"));

    EXPECT_EQ(client().get("/api/v1/me", session).status, 200) << "the user's session goes on";
    const auto old = login(agent.login, agent.password);
    EXPECT_EQ(old.status, 200) << "the old password still works: " << old;
    EXPECT_EQ(old.json()["must_change_password"], false) << old;

    const auto audit = client().get("/api/v1/audit?" + auditSinceLongAgo() + "&operation=user.reset_password",
                                    token("admin"));
    ASSERT_EQ(audit.status, 200) << audit;
    EXPECT_EQ(audit.json()["total"], 0) << "a failed reset is not recorded as done: " << audit;
}

}  // namespace
}  // namespace callvault::test
