#include "tests/server/api/api_fixture.h"

#include "tests/server/api/world_cache.h"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace callvault::test {

nlohmann::json World::toJson() const {
    nlohmann::json accountsJson = nlohmann::json::object();
    for (const auto& [key, a] : accounts) {
        accountsJson[key] = {{"login", a.login}, {"password", a.password}, {"role", a.role},
                             {"id", a.id},       {"email", a.email},       {"token", a.token}};
    }
    return {{"company_a", companyA}, {"company_b", companyB},   {"group_g1", groupG1},
            {"group_g2", groupG2},   {"group_b", groupB},       {"label_a", labelA},
            {"label_b", labelB},     {"number1", number1},      {"number2", number2},
            {"number_b", numberB},   {"accounts", accountsJson}};
}

World World::fromJson(const nlohmann::json& j) {
    World w;
    w.companyA = j.at("company_a").get<std::int64_t>();
    w.companyB = j.at("company_b").get<std::int64_t>();
    w.groupG1 = j.at("group_g1").get<std::int64_t>();
    w.groupG2 = j.at("group_g2").get<std::int64_t>();
    w.groupB = j.at("group_b").get<std::int64_t>();
    w.labelA = j.at("label_a").get<std::int64_t>();
    w.labelB = j.at("label_b").get<std::int64_t>();
    w.number1 = j.at("number1").get<std::string>();
    w.number2 = j.at("number2").get<std::string>();
    w.numberB = j.at("number_b").get<std::string>();
    for (const auto& [key, a] : j.at("accounts").items()) {
        w.accounts[key] = Account{a.at("login").get<std::string>(), a.at("password").get<std::string>(),
                                  a.at("role").get<std::string>(),  a.at("id").get<std::int64_t>(),
                                  a.at("email").get<std::string>(), a.at("token").get<std::string>()};
    }
    return w;
}

const HttpResponse& requireStatus(const HttpResponse& response, long status, const std::string& what) {
    if (response.status != status) {
        std::ostringstream message;
        message << what << ": expected HTTP " << status << ", got " << response;
        throw ProvisionError(message.str());
    }
    return response;
}

std::string loginOrThrow(HttpsClient& client, const std::string& login, const std::string& password) {
    const auto response = client.post("/api/v1/session", {{"login", login}, {"password", password}});
    requireStatus(response, 200, "login of " + login);
    const auto body = response.json();
    if (!body.is_object() || !body.contains("token") || !body["token"].is_string()) {
        throw ProvisionError("login of " + login + ": no token in " + response.body);
    }
    return body["token"].get<std::string>();
}

std::string firstLogin(HttpsClient& client, const std::string& login, const std::string& oneTimePassword,
                       const std::string& newPassword) {
    const std::string token = loginOrThrow(client, login, oneTimePassword);
    requireStatus(client.put("/api/v1/me/password",
                             {{"current_password", oneTimePassword}, {"new_password", newPassword}}, token),
                  204, "password change of " + login);
    return token;
}

std::string strongPassword(const std::string& seed) {
    std::string password = "Pw7";
    for (char c : seed) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            password += c;
        }
    }
    return password + "x2024kq";
}

std::string isoUtc(std::chrono::system_clock::time_point at) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm parts{};
    ::gmtime_r(&seconds, &parts);
    std::array<char, 32> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &parts);
    std::ostringstream out;
    out << text.data() << '.' << std::setw(3) << std::setfill('0') << ms % 1000 << 'Z';
    return out.str();
}

std::string auditSinceLongAgo() {
    return "from=" + isoUtc(std::chrono::system_clock::now() - std::chrono::hours(24 * 360));
}

std::string uniqueName(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return prefix + std::to_string(++counter) + "p" + std::to_string(::getpid());
}

std::unique_ptr<ApiWorld> ApiWorld::start(const std::vector<std::string>& extraFlags) {
    const CachedWorld cached = cachedWorld();
    std::unique_ptr<ApiWorld> world(new ApiWorld());
    world->m_world = cached.world;
    world->m_server = std::make_unique<ServerProcess>(cached.dataDir);
    if (!world->m_server->start(extraFlags)) {
        throw ProvisionError("callvaultd did not start on a copy of the world; log:\n" +
                             world->m_server->logTail());
    }
    world->m_client = std::make_unique<HttpsClient>(world->m_server->port(), world->m_server->certPath());
    return world;
}

Account& ApiWorld::account(const std::string& key) {
    const auto it = m_world.accounts.find(key);
    if (it == m_world.accounts.end()) {
        throw ProvisionError("no account '" + key + "' in the world");
    }
    return it->second;
}

const std::string& ApiWorld::token(const std::string& key) {
    Account& a = account(key);
    if (m_checkedTokens.count(key) != 0) {
        return a.token;
    }
    // A session from the provisioning run survives in the copied database unless it idled out.
    if (a.token.empty() || m_client->get("/api/v1/me", a.token).status != 200) {
        a.token = loginOrThrow(*m_client, a.login, a.password);
    }
    m_checkedTokens.insert(key);
    return a.token;
}

std::string ApiWorld::freshToken(const std::string& key) {
    const Account& a = account(key);
    return loginOrThrow(*m_client, a.login, a.password);
}

void ApiWorld::restart(const std::vector<std::string>& extraFlags) {
    m_client.reset();
    const int code = m_server->stop();
    if (code != 0) {
        throw ProvisionError("callvaultd exited with " + std::to_string(code) + " on SIGTERM; log:\n" +
                             m_server->logTail());
    }
    if (!m_server->start(extraFlags)) {
        throw ProvisionError("callvaultd did not restart; log:\n" + m_server->logTail());
    }
    m_client = std::make_unique<HttpsClient>(m_server->port(), m_server->certPath());
    m_checkedTokens.clear();
}

}  // namespace callvault::test
