#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/user_fields.h"
#include "server/api/responses.h"
#include "server/util/log.h"
#include "server/util/password_hash.h"

namespace callvault::server::api::controllers {
namespace {

/// The new user described by the body, validated field by field (400).
User parseNewUser(const RequestContext& ctx, const JsonBody& body) {
    User user;
    user.companyId = ctx.companyId();
    user.login = body.requiredString("login");
    requireValid("login", checkLogin(user.login));
    user.name = body.requiredString("name");
    requireValid("name", checkName(user.name));
    user.role = parseCompanyRole("role", body.requiredString("role"));
    user.email = body.optionalString("email").value_or("");
    requireValid("email", checkEmail(user.email));
    if (!body.isNull("group_id")) {
        user.groupId = body.optionalId("group_id");
    }
    if (user.groupId) {
        requireCompanyGroups(ctx, "group_id", {*user.groupId});
    }
    user.supervisedGroupIds = body.optionalIdList("supervised_group_ids").value_or(std::vector<std::int64_t>{});
    if (!user.supervisedGroupIds.empty() && user.role != Role::Supervisor) {
        throw ApiError(ErrorCode::ValidationFailed, "supervised_group_ids: only a supervisor supervises groups");
    }
    requireCompanyGroups(ctx, "supervised_group_ids", user.supervisedGroupIds);
    user.recordingStartDate = body.optionalString("recording_start_date").value_or("");
    requireStartDate(user.recordingStartDate);
    user.notify = body.optionalBool("notify").value_or(false);
    user.enabled = body.optionalBool("enabled").value_or(true);
    user.mustChangePassword = true;
    return user;
}

nlohmann::json createdDetails(const User& user, bool emailed) {
    return {{"login", user.login},
            {"name", user.name},
            {"role", toString(user.role)},
            {"email", user.email},
            {"group_id", user.groupId ? nlohmann::json(*user.groupId) : nlohmann::json(nullptr)},
            {"supervised_group_ids", user.supervisedGroupIds},
            {"recording_start_date", user.recordingStartDate},
            {"notify", user.notify},
            {"enabled", user.enabled},
            {"emailed", emailed}};
}

/// `{emailed: true}` or `{emailed: false, one_time_password}` merged into `response`.
void addPasswordOutcome(nlohmann::json& response, bool emailed, const std::string& oneTimePassword) {
    response["emailed"] = emailed;
    if (!emailed) {
        response["one_time_password"] = oneTimePassword;
    }
}

}  // namespace

ApiResponse createUser(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditUsers);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(),
                                          {"login", "name", "role", "email", "group_id", "supervised_group_ids",
                                           "recording_start_date", "notify", "enabled"});
    User user = parseNewUser(ctx, body);
    // Checked before the mail goes out, so a duplicate never receives a password.
    if (ctx.store().credentialsByLogin(user.login)) {
        throw ApiError(ErrorCode::Conflict, "a user with this login already exists");
    }
    const std::string oneTimePassword = generateOneTimePassword();
    const std::string hash = hashPassword(oneTimePassword);
    const bool emailed = mailOneTimePassword(ctx, user, oneTimePassword);
    try {
        user = ctx.store().createUser(user, hash);
    } catch (const std::exception& error) {
        if (emailed) {
            log::error("user '" + user.login + "' was e-mailed a password but could not be created: " + error.what());
        }
        throw;
    }
    writeAudit(ctx, "user.create", userTarget(user.id), createdDetails(user, emailed));
    nlohmann::json response{{"user", user}};
    addPasswordOutcome(response, emailed, oneTimePassword);
    return jsonResponse(201, response);
}

ApiResponse resetUserPassword(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ResetUserPassword);
    ctx.allowQuery({});
    const std::optional<User> user = ctx.store().user(ctx.companyId(), ctx.route().rowId);
    if (!user || !ctx.canSeeUser(*user, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such user");
    }
    const std::string oneTimePassword = generateOneTimePassword();
    const std::string hash = hashPassword(oneTimePassword);
    const bool emailed = mailOneTimePassword(ctx, *user, oneTimePassword);
    try {
        ctx.store().setPassword(user->id, hash, true);
    } catch (const std::exception& error) {
        if (emailed) {
            log::error("user " + std::to_string(user->id) + " was e-mailed a password that could not be stored: " +
                       error.what());
        }
        throw;
    }
    ctx.store().deleteUserSessions(user->id);
    writeAudit(ctx, "user.reset_password", userTarget(user->id), {{"emailed", emailed}});
    nlohmann::json response = nlohmann::json::object();
    addPasswordOutcome(response, emailed, oneTimePassword);
    return jsonResponse(200, response);
}

}  // namespace callvault::server::api::controllers
