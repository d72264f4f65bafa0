// The operation report (§13): every change is recorded with who, what, when and from where; it can be
// filtered and paged; nothing can change or delete an entry.
#include "tests/server/api/api_fixture.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <regex>

namespace callvault::test {
namespace {

class AuditTest : public WorldTest {
protected:
    /// GET /api/v1/audit?<query> as company A's admin; the whole answer.
    nlohmann::json audit(const std::string& query) {
        const auto response = client().get("/api/v1/audit?" + query, token("admin"));
        EXPECT_EQ(response.status, 200) << query << ": " << response;
        return response.json();
    }

    /// The newest entry with this operation and target, or null.
    nlohmann::json entryFor(const nlohmann::json& entries, const std::string& operation,
                            const std::string& target) {
        for (const auto& entry : entries) {
            if (entry.value("operation", "") == operation && entry.value("target", "") == target) {
                return entry;
            }
        }
        return nullptr;
    }
};

TEST_F(AuditTest, EveryChangeIsRecordedWithWhoWhatAndWhere) {
    startWorld();
    const std::string since = "from=" + isoUtc(std::chrono::system_clock::now() - std::chrono::seconds(2));
    HttpsClient& c = client();
    const std::string& admin = token("admin");

    const auto group =
        c.post("/api/v1/groups", {{"name", "Audited group"}}, admin).json()["id"].get<std::int64_t>();
    const std::string groupPath = "/api/v1/groups/" + std::to_string(group);
    ASSERT_EQ(c.patch(groupPath, {{"name", "Audited group 2"}}, admin).status, 200);
    ASSERT_EQ(c.del(groupPath, admin).status, 204);
    const auto label =
        c.post("/api/v1/labels", {{"name", "Audited label"}}, admin).json()["id"].get<std::int64_t>();
    const std::string labelPath = "/api/v1/labels/" + std::to_string(label);
    ASSERT_EQ(c.patch(labelPath, {{"remark", "changed"}}, admin).status, 200);
    ASSERT_EQ(c.del(labelPath, admin).status, 204);
    const ThrowawayUser user = createThrowawayUser(*m_world, "admin", std::nullopt);
    const std::string userPath = "/api/v1/users/" + std::to_string(user.id);
    ASSERT_EQ(c.patch(userPath, {{"name", "Audited Name"}}, admin).status, 200);
    const auto reset = c.post(userPath + "/reset-password", nlohmann::json::object(), admin);
    ASSERT_EQ(reset.status, 200) << reset;
    const std::string pin = "908172";
    ASSERT_EQ(c.put("/api/v1/numbers/" + m_world->world().number1 + "/pin", {{"pin", pin}}, token("manager"))
                  .status,
              204);
    const std::string newPassword = "Audit2026pass";
    Account& agent = m_world->account("agent2");
    ASSERT_EQ(c.put("/api/v1/me/password",
                    {{"current_password", agent.password}, {"new_password", newPassword}}, token("agent2"))
                  .status,
              204);
    ASSERT_EQ(c.del("/api/v1/session", token("agent2")).status, 204);

    const auto page = audit(since + "&limit=500");
    const auto& entries = page["entries"];
    const std::string groupTarget = "group:" + std::to_string(group);
    const std::string labelTarget = "label:" + std::to_string(label);
    const std::string userTarget = "user:" + std::to_string(user.id);
    const std::string agentTarget = "user:" + std::to_string(agent.id);
    struct Expected {
        std::string operation, target, operatorKey;
    };
    const std::vector<Expected> expected{
        {"group.create", groupTarget, "admin"},
        {"group.update", groupTarget, "admin"},
        {"group.delete", groupTarget, "admin"},
        {"label.create", labelTarget, "admin"},
        {"label.update", labelTarget, "admin"},
        {"label.delete", labelTarget, "admin"},
        {"user.create", userTarget, "admin"},
        {"user.update", userTarget, "admin"},
        {"user.reset_password", userTarget, "admin"},
        {"password.change", agentTarget, "agent2"},
        {"logout", agentTarget, "agent2"},
    };
    const std::regex isoMs(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    for (const auto& e : expected) {
        const auto entry = entryFor(entries, e.operation, e.target);
        ASSERT_FALSE(entry.is_null())
            << e.operation << " on " << e.target << " is missing from " << page.dump(1);
        const Account& who = m_world->account(e.operatorKey);
        EXPECT_EQ(entry["operator_id"], who.id) << entry.dump();
        EXPECT_EQ(entry["operator_login"], who.login) << entry.dump();
        EXPECT_EQ(entry["address"], "127.0.0.1") << entry.dump();
        EXPECT_EQ(entry["company_id"], m_world->world().companyA) << entry.dump();
        EXPECT_TRUE(std::regex_match(entry.value("at", ""), isoMs)) << entry.dump();
        EXPECT_TRUE(entry["details"].is_object()) << entry.dump();
    }
    const auto update = entryFor(entries, "user.update", userTarget);
    EXPECT_EQ(update["details"]["changes"]["name"]["to"], "Audited Name") << update.dump();
    EXPECT_EQ(update["details"]["changes"]["name"]["from"], "Temp " + user.login) << update.dump();

    bool pinSeen = false;
    for (const auto& entry : entries) {
        if (entry.value("operation", "") == "number.set_pin") {
            pinSeen = true;
            EXPECT_EQ(entry["target"], "number:" + m_world->world().number1) << entry.dump();
            EXPECT_EQ(entry["operator_login"], m_world->account("manager").login) << entry.dump();
        }
    }
    EXPECT_TRUE(pinSeen) << "number.set_pin is missing";
    const std::string all = page.dump();
    EXPECT_EQ(all.find(pin), std::string::npos) << "a PIN must never be audited";
    EXPECT_EQ(all.find(newPassword), std::string::npos) << "a password must never be audited";
    EXPECT_EQ(all.find(reset.json().value("one_time_password", "-none-")), std::string::npos);
    EXPECT_EQ(all.find(user.oneTimePassword), std::string::npos);
    EXPECT_EQ(all.find("$argon2"), std::string::npos) << "no password hash either";
}

TEST_F(AuditTest, TheCliProvisioningIsRecordedToo) {
    startWorld();
    const auto page = audit(auditSinceLongAgo() + "&limit=500");
    const std::string company = "company:" + std::to_string(m_world->world().companyA);
    EXPECT_FALSE(entryFor(page["entries"], "company.create", company).is_null()) << page.dump(1);
    bool numberSeen = false;
    for (const auto& entry : page["entries"]) {
        numberSeen = numberSeen || entry.value("operation", "") == "number.create";
    }
    EXPECT_TRUE(numberSeen) << "add-number is audited as number.create";
}

TEST_F(AuditTest, FiltersByOperatorOperationAndTime) {
    startWorld();
    const std::string since = auditSinceLongAgo();
    const auto byOperation = audit(since + "&operation=user.create&limit=500");
    ASSERT_FALSE(byOperation["entries"].empty()) << byOperation.dump();
    EXPECT_EQ(byOperation["total"], byOperation["entries"].size());
    for (const auto& entry : byOperation["entries"]) {
        EXPECT_EQ(entry["operation"], "user.create") << entry.dump();
    }
    const std::string manager = m_world->account("manager").login;
    m_world->freshToken("manager");  // a login of the manager, so the filter has something to find
    const auto byOperator = audit(since + "&operator=" + manager + "&limit=500");
    ASSERT_FALSE(byOperator["entries"].empty()) << byOperator.dump();
    for (const auto& entry : byOperator["entries"]) {
        EXPECT_EQ(entry["operator_login"], manager) << entry.dump();
    }
    EXPECT_TRUE(audit(since + "&operator=nobody-at-all")["entries"].empty());

    // Two entries at different times: a window ending (exclusively) at the second holds only the first.
    const auto first = client().post("/api/v1/groups", {{"name", "Window one"}}, token("admin"));
    ASSERT_EQ(first.status, 201) << first;
    m_world->freshToken(
        "agent1");  // Argon2id takes a tenth of a second: the two creations get distinct times
    const auto second = client().post("/api/v1/groups", {{"name", "Window two"}}, token("admin"));
    ASSERT_EQ(second.status, 201) << second;
    const auto created = audit(since + "&operation=group.create&limit=500")["entries"];
    const auto one = entryFor(created, "group.create", "group:" + first.json()["id"].dump());
    const auto two = entryFor(created, "group.create", "group:" + second.json()["id"].dump());
    ASSERT_FALSE(one.is_null() || two.is_null()) << created.dump(1);
    ASSERT_NE(one["at"], two["at"]);
    const auto window = audit("from=" + one["at"].get<std::string>() + "&to=" + two["at"].get<std::string>() +
                              "&operation=group.create");
    EXPECT_EQ(window["total"], 1) << window.dump(1);
    EXPECT_FALSE(entryFor(window["entries"], "group.create", one["target"]).is_null()) << window.dump(1);
    const auto later = audit("from=" + two["at"].get<std::string>() + "&operation=group.create");
    EXPECT_TRUE(entryFor(later["entries"], "group.create", one["target"]).is_null()) << later.dump(1);
    EXPECT_FALSE(entryFor(later["entries"], "group.create", two["target"]).is_null()) << later.dump(1);

    for (const std::string bad :
         {"from=yesterday", "to=2026-13-45T00:00:00Z", "limit=-1", "offset=x", "limit=100000",
          "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "colour=blue"}) {
        const auto refused = client().get("/api/v1/audit?" + bad, token("admin"));
        EXPECT_EQ(refused.status, 400) << bad << ": " << refused;
        EXPECT_EQ(refused.errorCode(), "bad_request") << bad << ": " << refused;
    }
}

TEST_F(AuditTest, PagesShareOneTotal) {
    startWorld();
    const std::string since = auditSinceLongAgo();
    const auto whole = audit(since + "&limit=500");
    const auto total = whole["total"].get<std::size_t>();
    ASSERT_GE(total, 6u) << "the world's provisioning left at least this many entries";
    EXPECT_EQ(whole["entries"].size(), total);
    const auto firstPage = audit(since + "&limit=3&offset=0");
    const auto secondPage = audit(since + "&limit=3&offset=3");
    EXPECT_EQ(firstPage["total"], total);
    EXPECT_EQ(secondPage["total"], total);
    ASSERT_EQ(firstPage["entries"].size(), 3u);
    ASSERT_EQ(secondPage["entries"].size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(firstPage["entries"][i]["id"], whole["entries"][i]["id"]);
        EXPECT_EQ(secondPage["entries"][i]["id"], whole["entries"][i + 3]["id"]);
    }
    EXPECT_GE(whole["entries"][0]["at"].get<std::string>(),
              whole["entries"][total - 1]["at"].get<std::string>())
        << "newest first";
    const auto beyond = audit(since + "&offset=" + std::to_string(total + 10));
    EXPECT_TRUE(beyond["entries"].empty());
    EXPECT_EQ(beyond["total"], total);
    const auto defaultPage = audit(since);
    EXPECT_EQ(defaultPage["entries"].size(), std::min<std::size_t>(total, 50)) << "the default limit is 50";
}

TEST_F(AuditTest, NoRouteChangesOrDeletesAnEntry) {
    startWorld();
    const auto page = audit(auditSinceLongAgo() + "&limit=1");
    ASSERT_FALSE(page["entries"].empty());
    const auto entry = page["entries"][0];
    const std::string path = "/api/v1/audit/" + entry["id"].dump();
    for (const char* method : {"PATCH", "PUT", "DELETE", "POST"}) {
        RequestOptions options;
        options.token = token("admin");
        if (std::string(method) != "DELETE") {
            options.json = nlohmann::json{{"operation", "forged"}, {"operator_login", "nobody"}};
        }
        const auto response = client().request(method, path, options);
        EXPECT_TRUE(response.status == 405 || response.status == 404) << method << ": " << response;
        if (response.status == 405) {
            EXPECT_EQ(response.errorCode(), "method_not_allowed") << response;
            EXPECT_NE(response.header("allow").find("GET"), std::string::npos)
                << "Allow lists GET: " << response;
        }
    }
    for (const char* method : {"DELETE", "PUT", "PATCH"}) {
        RequestOptions options;
        options.token = token("admin");
        const auto response = client().request(method, "/api/v1/audit", options);
        EXPECT_TRUE(response.status == 405 || response.status == 404) << method << " /audit: " << response;
    }
    const auto after = client().get(path, token("admin"));
    ASSERT_EQ(after.status, 200) << after;
    EXPECT_EQ(after.json(), entry) << "the entry is unchanged";
    EXPECT_EQ(audit(auditSinceLongAgo() + "&limit=1")["total"], page["total"])
        << "nothing was added or removed";
}

}  // namespace
}  // namespace callvault::test
