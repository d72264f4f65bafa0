#pragma once

#include "server/api/json_body.h"
#include "server/api/request_context.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::api::controllers {

/// The company role named by `field` ("admin", "manager", "supervisor", "agent"). "provider" and unknown
/// names → validation_failed: a Provider account is never made or assigned through the API.
Role parseCompanyRole(std::string_view field, const std::string& name);

/// Throws validation_failed naming `field` unless every id is a group of the caller's company.
void requireCompanyGroups(const RequestContext& ctx, std::string_view field, const std::vector<std::int64_t>& ids);

/// Checks a recording start date: empty (record from now) or a real "YYYY-MM-DD".
void requireStartDate(const std::string& date);

/// The login information mail (§12: "reset password e-mails the user new login information") in English and
/// Traditional Chinese.
struct LoginMail {
    std::string subject;
    std::string body;
};
LoginMail loginInformationMail(const User& user, const std::string& oneTimePassword);

/// Sends the one-time password to the user when a mail server is configured and the user has an address;
/// returns whether it was e-mailed. Throws 503 service_unavailable when the mail server refuses or cannot
/// be reached (the caller has not committed anything yet).
bool mailOneTimePassword(const RequestContext& ctx, const User& user, const std::string& oneTimePassword);

std::string userTarget(std::int64_t id);

}  // namespace callvault::server::api::controllers
