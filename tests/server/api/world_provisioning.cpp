#include "tests/server/api/api_fixture.h"

namespace callvault::test {
namespace {

std::int64_t requireInt(const std::map<std::string, std::string>& values, const std::string& key,
                        const std::string& what) {
    const auto it = values.find(key);
    if (it == values.end()) {
        throw ProvisionError(what + ": no '" + key + "' line in the CLI output");
    }
    try {
        return std::stoll(it->second);
    } catch (const std::exception&) {
        throw ProvisionError(what + ": '" + key + ": " + it->second + "' is not a number");
    }
}

std::string requireText(const std::map<std::string, std::string>& values, const std::string& key,
                        const std::string& what) {
    const auto it = values.find(key);
    if (it == values.end() || it->second.empty()) {
        throw ProvisionError(what + ": no '" + key + "' line in the CLI output");
    }
    return it->second;
}

std::map<std::string, std::string> runAdmin(const ServerProcess& server,
                                            const std::vector<std::string>& args) {
    const CommandResult result = server.adminRaw(args);
    if (result.exitCode != 0) {
        std::string joined;
        for (const auto& arg : args) {
            joined += " " + arg;
        }
        throw ProvisionError("callvaultd admin" + joined + " exited with " + std::to_string(result.exitCode) +
                             "\nstdout:\n" + result.out + "\nstderr:\n" + result.err);
    }
    return parseKeyValues(result.out);
}

std::int64_t createCompany(const ServerProcess& server, const std::string& name) {
    const auto out = runAdmin(server, {"create-company", "--name", name, "--retention-days", "90",
                                       "--time-zone", "Asia/Hong_Kong"});
    return requireInt(out, "company_id", "create-company " + name);
}

/// create-admin or create-provider; returns the account with its one-time password as `password`.
Account createByCli(const ServerProcess& server, std::vector<std::string> args, const std::string& login,
                    const std::string& role, const std::string& email) {
    args.insert(args.end(), {"--login", login});
    if (!email.empty()) {
        args.insert(args.end(), {"--email", email});
    }
    const auto out = runAdmin(server, args);
    Account a;
    a.login = login;
    a.role = role;
    a.email = email;
    a.id = requireInt(out, "user_id", args.front() + " " + login);
    a.password = requireText(out, "one_time_password", args.front() + " " + login);
    return a;
}

std::int64_t createGroup(HttpsClient& client, const std::string& token, const std::string& name) {
    const auto response = client.post("/api/v1/groups", {{"name", name}}, token);
    requireStatus(response, 201, "POST /api/v1/groups " + name);
    return response.json().at("id").get<std::int64_t>();
}

std::int64_t createLabel(HttpsClient& client, const std::string& token, const std::string& name) {
    const auto response =
        client.post("/api/v1/labels", {{"name", name}, {"remark", "made by the test world"}}, token);
    requireStatus(response, 201, "POST /api/v1/labels " + name);
    return response.json().at("id").get<std::int64_t>();
}

/// POST /api/v1/users; the account with its one-time password as `password`.
Account createUser(HttpsClient& client, const std::string& token, nlohmann::json body) {
    Account a;
    a.login = body.at("login").get<std::string>();
    a.role = body.at("role").get<std::string>();
    a.email = a.login + "@example.test";
    body["email"] = a.email;
    const auto response = client.post("/api/v1/users", body, token);
    requireStatus(response, 201, "POST /api/v1/users " + a.login);
    const auto j = response.json();
    a.id = j.at("user").at("id").get<std::int64_t>();
    a.password = j.at("one_time_password").get<std::string>();
    return a;
}

/// Logs in with the one-time password and changes it; keeps the session.
void activate(HttpsClient& client, Account& a) {
    const std::string newPassword = strongPassword(a.login);
    a.token = firstLogin(client, a.login, a.password, newPassword);
    a.password = newPassword;
}

void addNumber(const ServerProcess& server, std::int64_t company, const std::string& number,
               const std::string& login) {
    runAdmin(server, {"add-number", "--company", std::to_string(company), "--number", number, "--functions",
                      "inbound,outbound", "--effective-date", "2026-01-01", "--user", login, "--activated"});
}

}  // namespace

World provisionWorld(ServerProcess& server) {
    World w;
    w.companyA = createCompany(server, "Alpha Trading Ltd");
    w.companyB = createCompany(server, "Beta Holdings Ltd");
    const std::string a = std::to_string(w.companyA);
    const std::string b = std::to_string(w.companyB);
    w.accounts["admin"] = createByCli(server, {"create-admin", "--company", a, "--name", "Ada Admin"},
                                      "admin", "admin", "admin@alpha.test");
    w.accounts["adminB"] = createByCli(server, {"create-admin", "--company", b, "--name", "Bea Admin"},
                                       "badmin", "admin", "badmin@beta.test");
    w.accounts["provider"] =
        createByCli(server, {"create-provider", "--name", "Otto Operator"}, "operator", "provider", "");

    if (!server.start()) {
        throw ProvisionError("callvaultd did not start");
    }
    HttpsClient client(server.port(), server.certPath());

    Account& admin = w.accounts["admin"];
    activate(client, admin);
    w.groupG1 = createGroup(client, admin.token, "G1");
    w.groupG2 = createGroup(client, admin.token, "G2");
    w.labelA = createLabel(client, admin.token, "Alpha label");
    w.accounts["manager"] =
        createUser(client, admin.token, {{"login", "manager"}, {"name", "Max Manager"}, {"role", "manager"}});
    w.accounts["supervisor"] = createUser(client, admin.token,
                                          {{"login", "supervisor"},
                                           {"name", "Sue Supervisor"},
                                           {"role", "supervisor"},
                                           {"supervised_group_ids", {w.groupG1}}});
    w.accounts["agent1"] =
        createUser(client, admin.token,
                   {{"login", "agent1"}, {"name", "Al Agent"}, {"role", "agent"}, {"group_id", w.groupG1}});
    w.accounts["agent2"] =
        createUser(client, admin.token,
                   {{"login", "agent2"}, {"name", "Bo Agent"}, {"role", "agent"}, {"group_id", w.groupG2}});

    Account& adminB = w.accounts["adminB"];
    activate(client, adminB);
    w.groupB = createGroup(client, adminB.token, "Beta group");
    w.labelB = createLabel(client, adminB.token, "Beta label");
    w.accounts["userB"] =
        createUser(client, adminB.token,
                   {{"login", "buser"}, {"name", "Ben Beta"}, {"role", "agent"}, {"group_id", w.groupB}});

    // Numbers are provisioned by the operator's CLI; it shares the database with the running server.
    addNumber(server, w.companyA, w.number1, "agent1");
    addNumber(server, w.companyA, w.number2, "agent2");
    addNumber(server, w.companyB, w.numberB, "buser");

    for (const char* key : {"manager", "supervisor", "agent1", "agent2", "userB", "provider"}) {
        activate(client, w.accounts[key]);
    }
    return w;
}

}  // namespace callvault::test
