// Bad input of every kind gets a clear 4xx (or a closed connection for what is not HTTP at all); after each
// the server still answers and nothing changed.
#include "tests/server/api/api_fixture.h"
#include "tests/server/api/raw_connection.h"

#include <gtest/gtest.h>

namespace callvault::test {
namespace {

using namespace std::chrono_literals;

class BadInputTest : public WorldTest {
protected:
    void SetUp() override {
        startWorld({"--max-body-bytes", "4096", "--read-timeout-seconds", "2"});
        m_before = fingerprint();
    }

    void TearDown() override {
        const auto health = client().get("/api/v1/health");
        EXPECT_EQ(health.status, 200) << "the server must still serve: " << health;
        EXPECT_EQ(fingerprint(), m_before) << "bad input changed the stored state";
    }

    /// What the admin can see of company A, plus the size of its audit trail.
    nlohmann::json fingerprint() {
        nlohmann::json state;
        for (const char* path : {"/api/v1/users", "/api/v1/groups", "/api/v1/labels", "/api/v1/numbers"}) {
            state[path] = client().get(path, token("admin")).json();
        }
        state["audit_total"] =
            client().get("/api/v1/audit?" + auditSinceLongAgo() + "&limit=1", token("admin")).json()["total"];
        return state;
    }

    HttpResponse sendRaw(const std::string& method, const std::string& path, const std::string& body,
                         std::vector<std::string> headers = {"Content-Type: application/json"}) {
        RequestOptions options;
        options.rawBody = body;
        options.headers = std::move(headers);
        options.token = token("admin");
        return client().request(method, path, options);
    }

    std::string labelPath() { return "/api/v1/labels/" + std::to_string(m_world->world().labelA); }
    std::string userPath() { return "/api/v1/users/" + std::to_string(m_world->account("agent1").id); }

    nlohmann::json m_before;
};

#define EXPECT_ERROR(response, status_, code_)                                       \
    do {                                                                             \
        const auto& r_ = (response);                                                 \
        EXPECT_EQ(r_.status, status_) << r_;                                         \
        EXPECT_EQ(r_.errorCode(), code_) << r_;                                      \
        EXPECT_FALSE(r_.errorMessage().empty()) << "errors carry a message: " << r_; \
    } while (false)

TEST_F(BadInputTest, MalformedJsonIsRefused) {
    for (const std::string body :
         {"{\"name\": ", "not json at all", "", "{\"name\":\"x\"} trailing", "{'name': 'single quotes'}",
          "{\"name\":\"\xff\xfe\"}", "{\"name\":\"x\",}"}) {
        SCOPED_TRACE("body: " + body);
        EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body), 400, "invalid_json");
    }
    EXPECT_ERROR(sendRaw("PATCH", labelPath(), "{\"remark\":"), 400, "invalid_json");
    const std::string deep = std::string(2000, '[') + std::string(2000, ']');  // under --max-body-bytes
    EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", deep), 400,
                 "invalid_json");  // nested deeper than 32 levels
}

TEST_F(BadInputTest, ABodyMustBeAJsonObject) {
    for (const std::string body : {"[1, 2]", "[{\"name\":\"G9\"}]", "\"G9\"", "42", "null", "true"}) {
        SCOPED_TRACE("body: " + body);
        EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body), 400, "invalid_json");
    }
}

TEST_F(BadInputTest, WrongTypesAreRefused) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    const std::vector<std::pair<std::string, nlohmann::json>> groupBodies{
        {"/api/v1/groups", {{"name", 42}}},
        {"/api/v1/groups", {{"name", nullptr}}},
        {"/api/v1/groups", {{"name", {{"nested", true}}}}},
        {"/api/v1/labels", {{"name", "ok"}, {"remark", 3.5}}},
        {"/api/v1/users", {{"login", "typed1"}, {"name", "T"}, {"role", 5}}},
        {"/api/v1/users", {{"login", "typed2"}, {"name", "T"}, {"role", "agent"}, {"group_id", "1"}}},
        {"/api/v1/users", {{"login", "typed3"}, {"name", "T"}, {"role", "agent"}, {"enabled", "yes"}}},
        {"/api/v1/users", {{"login", "typed4"}, {"name", "T"}, {"role", "emperor"}}},
        {"/api/v1/users", {{"login", "typed5"}, {"name", "T"}, {"role", "provider"}}},
        {"/api/v1/users", {{"login", "typed6"}, {"name", "T"}, {"role", "agent"}, {"group_id", 1.5}}},
        {"/api/v1/users",
         {{"login", "typed7"}, {"name", "T"}, {"role", "agent"}, {"email", "not-an-address"}}},
        {"/api/v1/users",
         {{"login", "typed8"}, {"name", "T"}, {"role", "agent"}, {"recording_start_date", "2026-02-30"}}},
        {"/api/v1/users", {{"login", ""}, {"name", "T"}, {"role", "agent"}}},
    };
    for (const auto& [path, body] : groupBodies) {
        SCOPED_TRACE(path + " " + body.dump());
        EXPECT_ERROR(c.post(path, body, admin), 400, "validation_failed");
    }
    EXPECT_ERROR(c.patch(userPath(), {{"enabled", "false"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(c.patch(userPath(), {{"supervised_group_ids", "1,2"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(c.patch(userPath(), {{"role", "admin"}, {"notify", 1}}, admin), 400, "validation_failed");
    const std::string pin = "/api/v1/numbers/" + m_world->world().number1 + "/pin";
    for (const nlohmann::json& value :
         {nlohmann::json(1234), nlohmann::json("12a4"), nlohmann::json("1234567"), nlohmann::json(""),
          nlohmann::json(" 123"), nlohmann::json(nullptr)}) {
        SCOPED_TRACE("pin " + value.dump());
        EXPECT_ERROR(c.put(pin, {{"pin", value}}, admin), 400, "validation_failed");
    }
    EXPECT_ERROR(c.post("/api/v1/session", {{"login", 7}, {"password", "x"}}), 400, "validation_failed");
}

TEST_F(BadInputTest, MissingFieldsAreRefused) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    EXPECT_ERROR(c.post("/api/v1/groups", nlohmann::json::object(), admin), 400, "validation_failed");
    EXPECT_ERROR(c.post("/api/v1/labels", {{"remark", "no name"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(c.post("/api/v1/users", {{"login", "half"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(
        c.put("/api/v1/numbers/" + m_world->world().number1 + "/pin", nlohmann::json::object(), admin), 400,
        "validation_failed");
    EXPECT_ERROR(c.put("/api/v1/me/password", {{"new_password", "Better2026pass"}}, admin), 400,
                 "validation_failed");
    EXPECT_ERROR(c.post("/api/v1/session", {{"login", "admin"}}), 400, "validation_failed");
}

TEST_F(BadInputTest, UnknownFieldsAreRefusedByName) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    const auto group = c.post("/api/v1/groups", {{"name", "G9"}, {"colour", "blue"}}, admin);
    EXPECT_ERROR(group, 400, "validation_failed");
    EXPECT_NE(group.errorMessage().find("colour"), std::string::npos)
        << "the message names the field: " << group;
    EXPECT_ERROR(c.patch(labelPath(), {{"nmae", "typo"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(c.patch(userPath(), {{"name", "Fine"}, {"password", "Sneaky123"}}, admin), 400,
                 "validation_failed");
    EXPECT_ERROR(c.patch(userPath(), {{"login", "renamed"}}, admin), 400, "validation_failed");
    EXPECT_ERROR(c.post("/api/v1/session", {{"login", "admin"}, {"password", "x"}, {"remember", true}}), 400,
                 "validation_failed");
}

TEST_F(BadInputTest, UnknownIdsAreNotFound) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    EXPECT_ERROR(c.get("/api/v1/users/999999", admin), 404, "not_found");
    EXPECT_ERROR(c.patch("/api/v1/users/999999", {{"name", "Ghost"}}, admin), 404, "not_found");
    EXPECT_ERROR(c.post("/api/v1/users/999999/reset-password", nlohmann::json::object(), admin), 404,
                 "not_found");
    EXPECT_ERROR(c.patch("/api/v1/groups/999999", {{"name", "Ghost"}}, admin), 404, "not_found");
    EXPECT_ERROR(c.del("/api/v1/groups/999999", admin), 404, "not_found");
    EXPECT_ERROR(c.patch("/api/v1/labels/999999", {{"name", "Ghost"}}, admin), 404, "not_found");
    EXPECT_ERROR(c.del("/api/v1/labels/999999", admin), 404, "not_found");
    EXPECT_ERROR(c.get("/api/v1/numbers/29999999", admin), 404, "not_found");
    EXPECT_ERROR(c.put("/api/v1/numbers/29999999/pin", {{"pin", "1234"}}, admin), 404, "not_found");
    EXPECT_ERROR(c.get("/api/v1/audit/999999", admin), 404, "not_found");
    EXPECT_ERROR(c.get("/api/v1/nothing-here", admin), 404, "not_found");
    EXPECT_ERROR(c.get("/api/v1/users/1/extra", admin), 404, "not_found");
    EXPECT_ERROR(
        c.post("/api/v1/users",
               {{"login", "ghostgroup"}, {"name", "G"}, {"role", "agent"}, {"group_id", 999999}}, admin),
        400, "validation_failed");
}

/// A path id or number that cannot name a row is answered like an absent row (docs/api.md, "Path
/// parameters").
void expectMalformedParameter(const HttpResponse& response) {
    EXPECT_EQ(response.status, 404) << response;
    EXPECT_EQ(response.errorCode(), "not_found") << response;
}

TEST_F(BadInputTest, NonNumericIdsAreRefused) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    for (const std::string id :
         {"abc", "-1", "0", "1.5", "0x10", "99999999999999999999999", "%20", "1%2F2"}) {
        SCOPED_TRACE("id " + id);
        expectMalformedParameter(c.get("/api/v1/users/" + id, admin));
        expectMalformedParameter(c.del("/api/v1/labels/" + id, admin));
        expectMalformedParameter(c.patch("/api/v1/groups/" + id, {{"name", "Odd"}}, admin));
    }
    expectMalformedParameter(c.get("/api/v1/numbers/not-a-number", admin));
    expectMalformedParameter(c.put("/api/v1/numbers/12ab/pin", {{"pin", "1234"}}, admin));
    expectMalformedParameter(c.get("/api/v1/numbers/12", admin));  // fewer than 3 digits
    EXPECT_ERROR(c.get("/api/v1/users/1%00", admin), 400, "bad_request");
    EXPECT_ERROR(c.get("/api/v1/users/%zz", admin), 400, "bad_request");
    EXPECT_ERROR(c.get("/api/v1/users?colour=blue", admin), 400, "bad_request");
    EXPECT_ERROR(c.get("/api/v1/audit?limit=1&limit=2", admin), 400, "bad_request");
}

TEST_F(BadInputTest, AnOversizedBodyIsRefused) {
    const std::string remark(8000, 'x');
    const auto response =
        sendRaw("POST", "/api/v1/labels", nlohmann::json{{"name", "Big"}, {"remark", remark}}.dump());
    EXPECT_ERROR(response, 413, "payload_too_large");
    const auto small = client().get("/api/v1/labels", token("admin"));
    EXPECT_EQ(small.status, 200) << "a new request after the refusal works: " << small;
}

TEST_F(BadInputTest, ABodyMustBeSentAsJson) {
    const std::string body = R"({"name":"Typed group"})";
    EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body, {"Content-Type:"}), 415, "unsupported_media_type");
    EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body, {"Content-Type: text/plain"}), 415,
                 "unsupported_media_type");
    EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body, {"Content-Type: application/x-www-form-urlencoded"}),
                 415, "unsupported_media_type");
    EXPECT_ERROR(sendRaw("PATCH", labelPath(), R"({"remark":"r"})", {"Content-Type: application/xml"}), 415,
                 "unsupported_media_type");
    EXPECT_ERROR(sendRaw("POST", "/api/v1/groups", body, {"Content-Type: application/json; charset=latin1"}),
                 415, "unsupported_media_type");
}

TEST_F(BadInputTest, JsonWithACharsetIsAccepted) {
    const auto created = sendRaw("POST", "/api/v1/groups", R"({"name":"Charset group"})",
                                 {"Content-Type: application/json; charset=utf-8"});
    EXPECT_EQ(created.status, 201) << created;
    // The one deliberate change of this file: take it into the expected state.
    m_before = fingerprint();
}

TEST_F(BadInputTest, ValidationComesAfterTheRoleCheck) {
    RequestOptions options;
    options.rawBody = "{broken";
    options.headers = {"Content-Type: application/json"};
    options.token = token("agent1");
    const auto response = client().request("POST", "/api/v1/groups", options);
    EXPECT_ERROR(response, 403, "forbidden");
    options.token.clear();
    EXPECT_ERROR(client().request("POST", "/api/v1/groups", options), 401, "unauthorized");
}

TEST_F(BadInputTest, ConflictsAreRefused) {
    HttpsClient& c = client();
    const std::string& admin = token("admin");
    const World& w = m_world->world();
    EXPECT_ERROR(c.post("/api/v1/groups", {{"name", "G1"}}, admin), 409, "conflict");
    EXPECT_ERROR(c.patch("/api/v1/groups/" + std::to_string(w.groupG2), {{"name", "G1"}}, admin), 409,
                 "conflict");
    EXPECT_ERROR(c.del("/api/v1/groups/" + std::to_string(w.groupG1), admin), 409, "conflict");
    EXPECT_ERROR(c.post("/api/v1/users", {{"login", "agent1"}, {"name", "Twin"}, {"role", "agent"}}, admin),
                 409, "conflict");
    EXPECT_ERROR(
        c.post("/api/v1/users",
               {{"login", m_world->account("userB").login}, {"name", "Twin"}, {"role", "agent"}}, admin),
        409, "conflict");  // logins are unique across the service
    const std::string self = "/api/v1/users/" + std::to_string(m_world->account("admin").id);
    EXPECT_ERROR(c.patch(self, {{"enabled", false}}, admin), 409, "conflict");
    EXPECT_ERROR(c.patch(self, {{"role", "manager"}}, admin), 409, "conflict");
}

TEST_F(BadInputTest, TooManyHeaderLinesAreRefused) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath());
    ASSERT_TRUE(connection.ok()) << connection.error();
    std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < 200; ++i) {
        request += "X-Filler-" + std::to_string(i) + ": v\r\n";
    }
    request += "\r\n";
    connection.send(request);  // the server may stop reading early: what matters is its answer
    const RawReply reply = connection.readUntilClosed(10s);
    EXPECT_EQ(reply.httpStatus(), 431) << reply.data.substr(0, 300);
    EXPECT_NE(reply.data.find("headers_too_large"), std::string::npos) << reply.data.substr(0, 300);
}

TEST_F(BadInputTest, AHugeHeaderIsRefused) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath());
    ASSERT_TRUE(connection.ok()) << connection.error();
    connection.send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(20000, 'a') +
                    "\r\n\r\n");
    const RawReply reply = connection.readUntilClosed(10s);
    EXPECT_EQ(reply.httpStatus(), 431) << reply.data.substr(0, 300);
}

TEST_F(BadInputTest, AStalledRequestIsDropped) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath());
    ASSERT_TRUE(connection.ok()) << connection.error();
    ASSERT_TRUE(
        connection.send("POST /api/v1/groups HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":"));
    const RawReply reply = connection.readUntilClosed(10s);
    EXPECT_TRUE(reply.closed) << "still open after " << reply.elapsed.count() << " ms";
    EXPECT_LT(reply.elapsed, 6s) << "--read-timeout-seconds 2 must close it within a few seconds";
    const int status = reply.httpStatus();
    EXPECT_TRUE(status == 0 || status == 408) << reply.data.substr(0, 300);
}

TEST_F(BadInputTest, AStalledHeaderIsDropped) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath());
    ASSERT_TRUE(connection.ok()) << connection.error();
    ASSERT_TRUE(connection.send("GET /api/v1/heal"));
    const RawReply reply = connection.readUntilClosed(10s);
    EXPECT_TRUE(reply.closed) << "still open after " << reply.elapsed.count() << " ms";
    EXPECT_LT(reply.elapsed, 6s);
}

TEST_F(BadInputTest, AnIdleConnectionWithoutTlsIsDropped) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath(), false);
    ASSERT_TRUE(connection.ok()) << connection.error();
    // The TLS handshake has its own bound (10 s in http_server.h), independent of --read-timeout-seconds.
    const RawReply reply = connection.readUntilClosed(14s);
    EXPECT_TRUE(reply.closed) << "a connection that never starts TLS must not be kept forever";
    EXPECT_LT(reply.elapsed, 13s);
}

TEST_F(BadInputTest, GarbageInsteadOfTlsIsDropped) {
    RawConnection connection(m_world->server().port(), m_world->server().certPath(), false);
    ASSERT_TRUE(connection.ok()) << connection.error();
    connection.send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const RawReply reply = connection.readUntilClosed(10s);
    EXPECT_TRUE(reply.closed);
    EXPECT_EQ(reply.data.find("\"status\""), std::string::npos) << "plain HTTP is never served";
}

TEST_F(BadInputTest, GarbageInsteadOfHttpIsRefused) {
    std::string garbage;
    for (int i = 0; i < 512; ++i) {
        garbage.push_back(static_cast<char>((i * 37 + 11) % 256));
    }
    for (const std::string& bytes :
         {garbage + "\r\n\r\n", std::string("HELLO THERE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
          std::string("\r\n\r\n\r\n\r\n")}) {
        RawConnection connection(m_world->server().port(), m_world->server().certPath());
        ASSERT_TRUE(connection.ok()) << connection.error();
        connection.send(bytes);
        const RawReply reply = connection.readUntilClosed(10s);
        const int status = reply.httpStatus();
        EXPECT_TRUE(status == 400 || (status == 0 && reply.closed)) << reply.data.substr(0, 300);
        EXPECT_LT(reply.elapsed, 6s);
    }
}

}  // namespace
}  // namespace callvault::test
