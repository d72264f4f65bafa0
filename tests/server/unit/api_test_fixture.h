#pragma once

#include "server/api/api_service.h"
#include "server/api/mailer.h"
#include "server/app/config.h"
#include "server/store/store.h"
#include "server/util/metrics.h"
#include "server/util/password_hash.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace callvault::server::api::testing {

/// The password every seeded account starts with (one Argon2id hash, computed once for the whole run).
inline const std::string kPassword = "Secret123";

inline const std::string& seedHash() {
    static const std::string hash = hashPassword(kPassword);
    return hash;
}

/// A real SqliteStore in a fresh temp dir, an ApiService over it with an injectable clock, and one company
/// with two groups and an account of every role: admin, manager, supervisor (supervises group A), agentA (in
/// group A), agentB (in group B), plus a Provider and the Admin of a second company.
class ApiFixture : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "callvault-api-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
        store = store::openSqliteStore((m_dir / "callvault.db").string());
        config.maxFailedLogins = 3;
        config.lockoutSeconds = 60;
        config.sessionIdleSeconds = 600;
        seed();
    }

    void TearDown() override {
        service.reset();
        store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }

    /// (Re)creates the service; call after changing `config` or `mailer`.
    ApiService& api() {
        if (!service) {
            service = std::make_unique<ApiService>(
                ApiContext{config, *store, metrics, *mailer, [this] { return nowMs; }});
        }
        return *service;
    }

    static SmtpConfig smtpTo(const std::string& url, const std::string& from = "callvault@example.com") {
        SmtpConfig smtp;
        smtp.url = url;
        smtp.from = from;
        return smtp;
    }

    void useMailer(SmtpConfig smtp) {
        service.reset();
        mailer = std::make_unique<Mailer>(std::move(smtp));
    }

    User addUser(const std::string& login, Role role, std::optional<std::int64_t> companyId,
                 std::optional<std::int64_t> groupId = std::nullopt, std::vector<std::int64_t> supervised = {}) {
        User user;
        user.companyId = companyId;
        user.login = login;
        user.name = "Name of " + login;
        user.email = login + "@example.com";
        user.role = role;
        user.groupId = groupId;
        user.supervisedGroupIds = std::move(supervised);
        return store->createUser(user, seedHash());
    }

    UserNumber addNumber(const std::string& number, std::optional<std::int64_t> userId,
                         const std::string& effectiveDate = "2020-01-01", bool activated = true) {
        UserNumber row;
        row.companyId = company.id;
        row.number = number;
        row.userId = userId;
        row.effectiveDate = effectiveDate;
        row.activated = activated;
        return store->createNumber(row);
    }

    ApiResponse call(const std::string& method, const std::string& target, const std::string& token = "",
                     const std::string& body = "", const std::string& contentType = "application/json") {
        ApiRequest request;
        request.method = method;
        request.target = target;
        request.remoteAddress = "192.0.2.7";
        if (!token.empty()) {
            request.headers["authorization"] = "Bearer " + token;
        }
        if (!body.empty()) {
            request.body = body;
            if (!contentType.empty()) {
                request.headers["content-type"] = contentType;
            }
        }
        return api().handle(request);
    }

    ApiResponse call(const std::string& method, const std::string& target, const std::string& token,
                     const nlohmann::json& body) {
        return call(method, target, token, body.dump());
    }

    ApiResponse loginRequest(const std::string& login, const std::string& password) {
        return call("POST", "/api/v1/session", "", nlohmann::json{{"login", login}, {"password", password}});
    }

    /// Logs in and returns the bearer token (fails the test if the login fails).
    std::string tokenFor(const std::string& login, const std::string& password = kPassword) {
        const ApiResponse response = loginRequest(login, password);
        EXPECT_EQ(response.status, 200) << response.body;
        return response.status == 200 ? nlohmann::json::parse(response.body).at("token").get<std::string>() : "";
    }

    static nlohmann::json bodyOf(const ApiResponse& response) {
        return response.body.empty() ? nlohmann::json() : nlohmann::json::parse(response.body);
    }

    static std::string errorCode(const ApiResponse& response) {
        const nlohmann::json body = bodyOf(response);
        return body.contains("error") ? body["error"].value("code", "") : "";
    }

    /// Every audit entry of `companyId` (or of the main company), newest first.
    std::vector<AuditEntry> auditOf(std::optional<std::int64_t> companyId = std::nullopt) {
        store::AuditQuery query;
        query.companyId = companyId.value_or(company.id);
        query.fromMs = 0;
        query.toMs = nowMs + 1;
        query.limit = 500;
        return store->audit(query).entries;
    }

    std::unique_ptr<store::Store> store;
    Config config;
    Metrics metrics;
    std::unique_ptr<Mailer> mailer = std::make_unique<Mailer>(SmtpConfig{});
    std::unique_ptr<ApiService> service;
    std::int64_t nowMs = 1'795'000'000'000;  // 2026-11-18T...Z

    Company company;
    Company otherCompany;
    Group groupA;
    Group groupB;
    Group otherGroup;
    User admin;
    User manager;
    User supervisor;
    User agentA;
    User agentB;
    User provider;
    User otherAdmin;

private:
    void seed() {
        company = store->createCompany(Company{0, "Acme", 90, "Asia/Hong_Kong", 0});
        otherCompany = store->createCompany(Company{0, "Other", 30, "Europe/London", 0});
        groupA = store->createGroup(Group{0, company.id, "Group A", 0});
        groupB = store->createGroup(Group{0, company.id, "Group B", 0});
        otherGroup = store->createGroup(Group{0, otherCompany.id, "Other group", 0});
        admin = addUser("admin", Role::Admin, company.id);
        manager = addUser("manager", Role::Manager, company.id);
        supervisor = addUser("supervisor", Role::Supervisor, company.id, groupA.id, {groupA.id});
        agentA = addUser("agenta", Role::Agent, company.id, groupA.id);
        agentB = addUser("agentb", Role::Agent, company.id, groupB.id);
        provider = addUser("provider", Role::Provider, std::nullopt);
        otherAdmin = addUser("otheradmin", Role::Admin, otherCompany.id);
    }

    std::filesystem::path m_dir;
};

}  // namespace callvault::server::api::testing
