#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

namespace callvault::server::api::controllers {
namespace {

std::string groupTarget(std::int64_t id) { return "group:" + std::to_string(id); }

std::string parseGroupName(const RequestContext& ctx) {
    const JsonBody body = JsonBody::parse(ctx.request(), {"name"});
    std::string name = body.requiredString("name");
    requireValid("name", checkName(name));
    return name;
}

Group existingGroup(const RequestContext& ctx) {
    std::optional<Group> group = ctx.store().group(ctx.companyId(), ctx.route().rowId);
    if (!group) {
        throw ApiError(ErrorCode::NotFound, "no such group");
    }
    return std::move(*group);
}

}  // namespace

ApiResponse listGroups(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewGroups);
    ctx.allowQuery({});
    nlohmann::json list = nlohmann::json::array();
    for (const Group& group : ctx.store().groups(ctx.companyId())) {
        if (ctx.canSeeGroup(group.id, scope)) {
            list.push_back(group);
        }
    }
    return jsonResponse(200, nlohmann::json{{"groups", std::move(list)}});
}

ApiResponse createGroup(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditGroups);
    ctx.allowQuery({});
    Group group;
    group.companyId = ctx.companyId();
    group.name = parseGroupName(ctx);
    group = ctx.store().createGroup(group);
    writeAudit(ctx, "group.create", groupTarget(group.id), {{"name", group.name}});
    return jsonResponse(201, nlohmann::json(group));
}

ApiResponse updateGroup(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditGroups);
    ctx.allowQuery({});
    const std::string name = parseGroupName(ctx);
    const Group before = existingGroup(ctx);
    const std::optional<Group> after = ctx.store().renameGroup(ctx.companyId(), before.id, name);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such group");
    }
    if (before.name != after->name) {
        writeAudit(ctx, "group.update", groupTarget(after->id),
                   {{"changes", {{"name", {{"from", before.name}, {"to", after->name}}}}}});
    }
    return jsonResponse(200, nlohmann::json(*after));
}

ApiResponse deleteGroup(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditGroups);
    ctx.allowQuery({});
    const Group group = existingGroup(ctx);
    if (!ctx.store().deleteGroup(ctx.companyId(), group.id)) {
        throw ApiError(ErrorCode::NotFound, "no such group");
    }
    writeAudit(ctx, "group.delete", groupTarget(group.id), {{"name", group.name}});
    return noContent();
}

}  // namespace callvault::server::api::controllers
