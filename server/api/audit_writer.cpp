#include "server/api/audit_writer.h"

#include "server/api/request_context.h"
#include "server/store/store.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace callvault::server::api {
namespace {

constexpr std::array<std::string_view, 6> kSecretWords{"password", "token", "secret", "otp", "pin", "hash"};

bool namesSecret(std::string key) {
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(kSecretWords.begin(), kSecretWords.end(),
                       [&](std::string_view word) { return key.find(word) != std::string::npos; });
}

}  // namespace

nlohmann::json withoutSecrets(const nlohmann::json& details) {
    if (details.is_object()) {
        nlohmann::json clean = nlohmann::json::object();
        for (const auto& item : details.items()) {
            if (!namesSecret(item.key())) {
                clean[item.key()] = withoutSecrets(item.value());
            }
        }
        return clean;
    }
    if (details.is_array()) {
        nlohmann::json clean = nlohmann::json::array();
        for (const nlohmann::json& element : details) {
            clean.push_back(withoutSecrets(element));
        }
        return clean;
    }
    return details;
}

void writeAudit(const ApiContext& api, std::int64_t nowMs, const std::string& address, AuditEvent event) {
    AuditEntry entry;
    entry.companyId = event.companyId;
    entry.at = nowMs;
    entry.operatorId = event.operatorId;
    entry.operatorLogin = std::move(event.operatorLogin);
    entry.operation = std::move(event.operation);
    entry.target = std::move(event.target);
    entry.address = address;
    entry.details = withoutSecrets(event.details.is_object() ? event.details : nlohmann::json::object());
    api.store.appendAudit(entry);
}

void writeAudit(const RequestContext& ctx, std::string operation, std::string target, nlohmann::json details) {
    const User& user = ctx.user();
    writeAudit(ctx.api(), ctx.nowMs(), ctx.address(),
               AuditEvent{.companyId = user.companyId,
                          .operatorId = user.id,
                          .operatorLogin = user.login,
                          .operation = std::move(operation),
                          .target = std::move(target),
                          .details = std::move(details)});
}

}  // namespace callvault::server::api
