#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/user_fields.h"
#include "server/api/responses.h"

#include <algorithm>
#include <array>

namespace callvault::server::api::controllers {
namespace {

constexpr std::array<std::string_view, 8> kPatchFields{
    "name", "email", "role", "group_id", "supervised_group_ids", "recording_start_date", "notify", "enabled"};

/// The requested update, validated field by field (400) before any row is looked up.
store::UserUpdate parseUpdate(const RequestContext& ctx, const JsonBody& body) {
    store::UserUpdate update;
    if ((update.name = body.optionalString("name"))) {
        requireValid("name", checkName(*update.name));
    }
    if ((update.email = body.optionalString("email"))) {
        requireValid("email", checkEmail(*update.email));
    }
    if (const auto role = body.optionalString("role")) {
        update.role = parseCompanyRole("role", *role);
    }
    if (body.isNull("group_id")) {
        update.groupId = std::optional<std::int64_t>{};
    } else if (const auto groupId = body.optionalId("group_id")) {
        requireCompanyGroups(ctx, "group_id", {*groupId});
        update.groupId = groupId;
    }
    if ((update.supervisedGroupIds = body.optionalIdList("supervised_group_ids"))) {
        requireCompanyGroups(ctx, "supervised_group_ids", *update.supervisedGroupIds);
    }
    if ((update.recordingStartDate = body.optionalString("recording_start_date"))) {
        requireStartDate(*update.recordingStartDate);
    }
    update.notify = body.optionalBool("notify");
    update.enabled = body.optionalBool("enabled");
    return update;
}

/// 409 when the update would leave the company without an enabled Admin, or an Admin would lock himself out.
void protectAdmins(const RequestContext& ctx, const User& target, const store::UserUpdate& update) {
    const bool staysAdmin = update.role.value_or(target.role) == Role::Admin && update.enabled.value_or(target.enabled);
    if (target.role != Role::Admin || !target.enabled || staysAdmin) {
        return;
    }
    if (target.id == ctx.user().id) {
        throw ApiError(ErrorCode::Conflict, "you cannot disable or demote your own Admin account");
    }
    const std::vector<User> users = ctx.store().users(ctx.companyId());
    const bool another = std::any_of(users.begin(), users.end(), [&](const User& u) {
        return u.id != target.id && u.role == Role::Admin && u.enabled;
    });
    if (!another) {
        throw ApiError(ErrorCode::Conflict, "the company must keep at least one enabled Admin");
    }
}

/// {"field": {"from": old, "to": new}} for every patchable field that changed.
nlohmann::json changes(const User& before, const User& after) {
    const nlohmann::json old = before;
    const nlohmann::json now = after;
    nlohmann::json diff = nlohmann::json::object();
    for (const std::string_view field : kPatchFields) {
        const std::string key(field);
        if (old.at(key) != now.at(key)) {
            diff[key] = {{"from", old.at(key)}, {"to", now.at(key)}};
        }
    }
    return diff;
}

User visibleUser(const RequestContext& ctx, Scope scope) {
    std::optional<User> user = ctx.store().user(ctx.companyId(), ctx.route().rowId);
    if (!user || !ctx.canSeeUser(*user, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such user");
    }
    return std::move(*user);
}

}  // namespace

ApiResponse listUsers(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewUsers);
    ctx.allowQuery({});
    nlohmann::json list = nlohmann::json::array();
    for (const User& user : ctx.store().users(ctx.companyId())) {
        if (ctx.canSeeUser(user, scope)) {
            list.push_back(user);
        }
    }
    return jsonResponse(200, nlohmann::json{{"users", std::move(list)}});
}

ApiResponse getUser(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewUsers);
    ctx.allowQuery({});
    return jsonResponse(200, nlohmann::json(visibleUser(ctx, scope)));
}

ApiResponse updateUser(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::EditUsers);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), std::span<const std::string_view>(kPatchFields));
    store::UserUpdate update = parseUpdate(ctx, body);
    const User before = visibleUser(ctx, scope);

    // Supervised groups only mean something for a Supervisor; other roles keep none.
    if (update.role.value_or(before.role) != Role::Supervisor) {
        if (update.supervisedGroupIds && !update.supervisedGroupIds->empty()) {
            throw ApiError(ErrorCode::ValidationFailed, "supervised_group_ids: only a supervisor supervises groups");
        }
        if (!before.supervisedGroupIds.empty()) {
            update.supervisedGroupIds = std::vector<std::int64_t>{};
        }
    }
    protectAdmins(ctx, before, update);

    const std::optional<User> after = ctx.store().updateUser(ctx.companyId(), before.id, update);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such user");
    }
    if (before.enabled && !after->enabled) {
        ctx.store().deleteUserSessions(after->id);
    }
    if (nlohmann::json diff = changes(before, *after); !diff.empty()) {
        writeAudit(ctx, "user.update", userTarget(after->id), {{"changes", std::move(diff)}});
    }
    return jsonResponse(200, nlohmann::json(*after));
}

}  // namespace callvault::server::api::controllers
