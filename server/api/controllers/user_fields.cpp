#include "server/api/controllers/user_fields.h"

#include "server/api/mailer.h"
#include "server/util/log.h"

namespace callvault::server::api::controllers {

Role parseCompanyRole(std::string_view field, const std::string& name) {
    const std::optional<Role> role = roleFromString(name);
    if (!role || !isCompanyRole(*role)) {
        throw ApiError(ErrorCode::ValidationFailed,
                       std::string(field) + ": must be one of admin, manager, supervisor, agent");
    }
    return *role;
}

void requireCompanyGroups(const RequestContext& ctx, std::string_view field, const std::vector<std::int64_t>& ids) {
    for (const std::int64_t id : ids) {
        if (!ctx.store().group(ctx.companyId(), id)) {
            throw ApiError(ErrorCode::ValidationFailed,
                           std::string(field) + ": group " + std::to_string(id) + " does not exist");
        }
    }
}

void requireStartDate(const std::string& date) {
    if (!date.empty()) {
        requireValid("recording_start_date", checkDate(date));
    }
}

LoginMail loginInformationMail(const User& user, const std::string& oneTimePassword) {
    LoginMail mail;
    mail.subject = "CallVault login information / CallVault 登入資料";
    mail.body = "Hello " + user.name + ",\n\n"
                "Your CallVault login information:\n\n"
                "  Login name: " + user.login + "\n"
                "  One-time password: " + oneTimePassword + "\n\n"
                "You must change this password when you first log in.\n\n"
                "-----\n\n" +
                user.name + " 您好：\n\n"
                "以下是您的 CallVault 登入資料：\n\n"
                "  登入名稱：" + user.login + "\n"
                "  一次性密碼：" + oneTimePassword + "\n\n"
                "首次登入時必須更改此密碼。\n";
    return mail;
}

bool mailOneTimePassword(const RequestContext& ctx, const User& user, const std::string& oneTimePassword) {
    const Mailer& mailer = ctx.api().mailer;
    if (!mailer.configured() || user.email.empty()) {
        return false;
    }
    const LoginMail mail = loginInformationMail(user, oneTimePassword);
    try {
        mailer.send(user.email, mail.subject, mail.body);
    } catch (const MailError& error) {
        log::warning(std::string("login information mail failed: ") + error.what());
        throw ApiError(ErrorCode::ServiceUnavailable,
                       "the mail server could not be reached; nothing was changed, try again later");
    }
    return true;
}

std::string userTarget(std::int64_t id) { return "user:" + std::to_string(id); }

}  // namespace callvault::server::api::controllers
