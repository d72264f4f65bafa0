#include "server/app/admin_commands.h"

#include "common/time/time_zone.h"
#include "common/validation/validation.h"
#include "server/store/store.h"
#include "server/util/password_hash.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <vector>

namespace callvault::server::admin {
namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const std::string& value(const Options& options, const std::string& name) {
    static const std::string kEmpty;
    const auto it = options.find(name);
    return it == options.end() ? kEmpty : it->second;
}

std::int64_t integer(const Options& options, const std::string& name, std::int64_t min, std::int64_t max) {
    const auto& text = value(options, name);
    std::int64_t result = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        throw UsageError("--" + name + ": '" + text + "' is not a whole number");
    }
    if (result < min || result > max) {
        throw UsageError("--" + name + ": " + text + " is out of range (" + std::to_string(min) + " to " +
                         std::to_string(max) + ")");
    }
    return result;
}

void check(const ValidationError& error, const std::string& name) {
    if (error) {
        throw UsageError("--" + name + ": " + *error);
    }
}

Company existingCompany(const Options& options, store::Store& store) {
    const auto id = integer(options, "company", 1, INT64_MAX);
    auto company = store.company(id);
    if (!company) {
        throw RefusedError("no company with id " + std::to_string(id));
    }
    return *company;
}

std::string today(const Company& company) {
    const auto seconds = nowMs() / 1000;
    const auto zone = TimeZone::load(company.timeZone);
    return zone ? zone->localDate(seconds) : utcDate(seconds);
}

void audit(store::Store& store, std::optional<std::int64_t> companyId, const std::string& operation,
           const std::string& target, nlohmann::json details) {
    AuditEntry entry;
    entry.companyId = companyId;
    entry.at = nowMs();
    entry.operatorLogin = "cli";
    entry.operation = operation;
    entry.target = target;
    entry.address = "local";
    entry.details = std::move(details);
    store.appendAudit(entry);
}

void createAccount(const Options& options, store::Store& store, std::ostream& out, Role role,
                   std::optional<std::int64_t> companyId) {
    User user;
    user.companyId = companyId;
    user.login = value(options, "login");
    user.name = value(options, "name");
    user.email = value(options, "email");
    user.role = role;
    user.mustChangePassword = true;
    check(checkLogin(user.login), "login");
    check(checkName(user.name), "name");
    check(checkEmail(user.email), "email");
    if (store.credentialsByLogin(user.login)) {
        throw RefusedError("the login '" + user.login + "' is already taken");
    }
    const auto password = generateOneTimePassword();
    const auto created = store.createUser(user, hashPassword(password));
    audit(store, companyId, "user.create", "user:" + std::to_string(created.id),
          {{"login", created.login}, {"name", created.name}, {"role", std::string(toString(role))}});
    out << "user_id: " << created.id << "\n"
        << "login: " << created.login << "\n"
        << "one_time_password: " << password << "\n";
}

std::string functionsText(const UserNumber& number) {
    if (number.inbound && number.outbound) {
        return "inbound,outbound";
    }
    return number.inbound ? "inbound" : "outbound";
}

/// Prints rows with columns padded to their widest cell, two spaces apart.
void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0);
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        out << line << "\n";
    }
}

}  // namespace

void createCompany(const Options& options, store::Store& store, std::ostream& out) {
    Company company;
    company.name = value(options, "name");
    check(checkName(company.name), "name");
    company.retentionDays = static_cast<int>(integer(options, "retention-days", 1, 3650));
    company.timeZone = value(options, "time-zone");
    if (!TimeZone::load(company.timeZone)) {
        throw UsageError("--time-zone: '" + company.timeZone + "' is not a known IANA time zone");
    }
    company.createdAt = nowMs() / 1000;
    const auto created = store.createCompany(company);
    audit(
        store, created.id, "company.create", "company:" + std::to_string(created.id),
        {{"name", created.name}, {"retention_days", created.retentionDays}, {"time_zone", created.timeZone}});
    out << "company_id: " << created.id << "\n";
}

void createAdmin(const Options& options, store::Store& store, std::ostream& out) {
    const auto company = existingCompany(options, store);
    createAccount(options, store, out, Role::Admin, company.id);
}

void createProvider(const Options& options, store::Store& store, std::ostream& out) {
    createAccount(options, store, out, Role::Provider, std::nullopt);
}

void addNumber(const Options& options, store::Store& store, std::ostream& out) {
    const auto company = existingCompany(options, store);
    UserNumber number;
    number.companyId = company.id;
    number.number = value(options, "number");
    check(checkPhoneNumber(number.number), "number");
    const auto& functions = value(options, "functions");
    if (functions == "inbound,outbound" || functions == "outbound,inbound") {
        number.inbound = number.outbound = true;
    } else if (functions == "inbound" || functions == "outbound") {
        number.inbound = functions == "inbound";
        number.outbound = functions == "outbound";
    } else {
        throw UsageError("--functions: '" + functions + "' is not inbound,outbound, inbound or outbound");
    }
    number.effectiveDate = value(options, "effective-date");
    check(checkDate(number.effectiveDate), "effective-date");
    number.activated = options.count("activated") != 0;
    if (options.count("user") != 0) {
        const auto& login = value(options, "user");
        const auto account = store.credentialsByLogin(login);
        if (!account || account->user.companyId != company.id) {
            throw RefusedError("no user '" + login + "' in company " + std::to_string(company.id));
        }
        number.userId = account->user.id;
    }
    if (store.number(company.id, number.number, today(company))) {
        throw RefusedError("the number " + number.number + " is already registered");
    }
    store.createNumber(number);
    audit(store, company.id, "number.create", "number:" + number.number,
          {{"number", number.number},
           {"functions", functionsText(number)},
           {"effective_date", number.effectiveDate},
           {"activated", number.activated}});
    const auto created = store.number(company.id, number.number, today(company));
    if (!created) {
        throw store::StoreError("the new number cannot be read back");
    }
    out << "number: " << created->number << "\n"
        << "status: " << toString(created->status) << "\n";
}

void activateNumber(const Options& options, store::Store& store, std::ostream& out) {
    const auto company = existingCompany(options, store);
    const auto& number = value(options, "number");
    if (!store.setNumberActivated(company.id, number, true)) {
        throw RefusedError("no number " + number + " in company " + std::to_string(company.id));
    }
    audit(store, company.id, "number.activate", "number:" + number, {{"number", number}});
    const auto updated = store.number(company.id, number, today(company));
    if (!updated) {
        throw store::StoreError("the number cannot be read back");
    }
    out << "status: " << toString(updated->status) << "\n";
}

void listNumbers(const Options& options, store::Store& store, std::ostream& out) {
    const auto company = existingCompany(options, store);
    std::vector<std::vector<std::string>> rows{{"NUMBER", "FUNCTIONS", "USER", "EFFECTIVE", "STATUS"}};
    for (const auto& number : store.numbers(company.id, today(company))) {
        rows.push_back({number.number, functionsText(number), number.userName.empty() ? "-" : number.userName,
                        number.effectiveDate, std::string(toString(number.status))});
    }
    printTable(out, rows);
}

void listCompanies(const Options& /*options*/, store::Store& store, std::ostream& out) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& company : store.companies()) {
        rows.push_back({std::to_string(company.id), company.name, std::to_string(company.retentionDays),
                        company.timeZone});
    }
    printTable(out, rows);
}

}  // namespace callvault::server::admin
