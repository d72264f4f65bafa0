#pragma once

#include "tests/server/api/https_client.h"
#include "tests/server/api/server_process.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace callvault::test {

/// A setup step that did not go as planned; its message quotes the server's answer.
class ProvisionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One login of the provisioned world.
struct Account {
    std::string login;
    std::string password;  ///< the current password (the forced change on first login is done)
    std::string role;      ///< wire name: admin, manager, supervisor, agent, provider
    std::int64_t id = 0;
    std::string email;
    std::string token;  ///< a session made while provisioning; may be stale in a fresh process
};

/// The ids of the provisioned world:
/// company A: groups G1 and G2, label "Alpha label"; admin (Admin), manager (Manager), supervisor (Supervisor
/// of G1, in no group), agent1 (Agent in G1, number 21110001), agent2 (Agent in G2, number 21110002);
/// company B: badmin (Admin), group "Beta group", label "Beta label", buser (Agent in it, number 21220001);
/// operator (Provider). Every password was changed once, so no account is in the forced-change state.
struct World {
    std::int64_t companyA = 0;
    std::int64_t companyB = 0;
    std::int64_t groupG1 = 0;
    std::int64_t groupG2 = 0;
    std::int64_t groupB = 0;
    std::int64_t labelA = 0;
    std::int64_t labelB = 0;
    std::string number1 = "21110001";  ///< agent1's
    std::string number2 = "21110002";  ///< agent2's
    std::string numberB = "21220001";  ///< buser's (company B)
    /// Keys: admin, manager, supervisor, agent1, agent2, provider, adminB, userB.
    std::map<std::string, Account> accounts;

    nlohmann::json toJson() const;
    static World fromJson(const nlohmann::json& j);
};

/// Throws ProvisionError unless `response` has `status`; `what` names the step.
const HttpResponse& requireStatus(const HttpResponse& response, long status, const std::string& what);

/// POST /api/v1/session; the token, or a ProvisionError.
std::string loginOrThrow(HttpsClient& client, const std::string& login, const std::string& password);

/// First login with a one-time password, then PUT /api/v1/me/password to `newPassword`. Returns the token.
std::string firstLogin(HttpsClient& client, const std::string& login, const std::string& oneTimePassword,
                       const std::string& newPassword);

/// A password that satisfies the rule (8+ characters, letters and digits), different for each `seed`.
std::string strongPassword(const std::string& seed);

/// "2026-11-25T10:56:05.123Z" for a point in time (UTC, milliseconds).
std::string isoUtc(std::chrono::system_clock::time_point at);
/// "from=<360 days ago>": an audit query reaching back to the world's provisioning (the API allows at most
/// 366 days between from and to).
std::string auditSinceLongAgo();

/// A name that is unique in this process (for throw-away rows): prefix + counter + pid.
std::string uniqueName(const std::string& prefix);

/// A running callvaultd on a private copy of the provisioned world, plus a client for it.
/// The world is built once per build of the tests and callvaultd (in the temp folder, under a file lock,
/// so parallel ctest processes share it) and copied for each ApiWorld, so every test starts from the same
/// state and no test sees another's changes.
class ApiWorld {
public:
    /// Starts callvaultd on a fresh copy with `extraFlags`; throws ProvisionError when it cannot.
    static std::unique_ptr<ApiWorld> start(const std::vector<std::string>& extraFlags = {});

    ServerProcess& server() { return *m_server; }
    HttpsClient& client() { return *m_client; }
    World& world() { return m_world; }
    Account& account(const std::string& key);

    /// A live session token of the account, logging in (once per ApiWorld) when the stored one is not valid.
    const std::string& token(const std::string& key);
    /// A new session of the account (a fresh login), independent of token().
    std::string freshToken(const std::string& key);

    /// Stops the server, starts it again on the same data with `extraFlags`, and makes a new client.
    void restart(const std::vector<std::string>& extraFlags = {});

private:
    ApiWorld() = default;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpsClient> m_client;
    World m_world;
    std::set<std::string> m_checkedTokens;
};

/// A test with its own callvaultd on a fresh copy of the world (started by the test, with its flags).
class WorldTest : public ::testing::Test {
protected:
    /// Starts the server with `extraFlags`; throws ProvisionError (failing the test) when it cannot.
    ApiWorld& startWorld(const std::vector<std::string>& extraFlags = {}) {
        m_world = ApiWorld::start(extraFlags);
        return *m_world;
    }
    HttpsClient& client() { return m_world->client(); }
    const std::string& token(const std::string& key) { return m_world->token(key); }

    std::unique_ptr<ApiWorld> m_world;
};

/// Builds the world on `server` (already provisioned nothing, not running); leaves it running.
World provisionWorld(ServerProcess& server);

}  // namespace callvault::test
