#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

namespace callvault::server::api::controllers {
namespace {

std::string labelTarget(std::int64_t id) { return "label:" + std::to_string(id); }

Label existingLabel(const RequestContext& ctx) {
    std::optional<Label> label = ctx.store().label(ctx.companyId(), ctx.route().rowId);
    if (!label) {
        throw ApiError(ErrorCode::NotFound, "no such label");
    }
    return std::move(*label);
}

}  // namespace

ApiResponse listLabels(RequestContext& ctx) {
    ctx.requirePermission(Permission::ViewLabels);
    ctx.allowQuery({});
    return jsonResponse(200, nlohmann::json{{"labels", ctx.store().labels(ctx.companyId())}});
}

ApiResponse createLabel(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditLabels);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"name", "remark"});
    Label label;
    label.companyId = ctx.companyId();
    label.name = body.requiredString("name");
    requireValid("name", checkName(label.name));
    label.remark = body.optionalString("remark").value_or("");
    requireValid("remark", checkRemark(label.remark));
    label.modifiedBy = ctx.user().id;
    label.modifiedAt = ctx.nowSeconds();
    label = ctx.store().createLabel(label);
    writeAudit(ctx, "label.create", labelTarget(label.id), {{"name", label.name}, {"remark", label.remark}});
    return jsonResponse(201, nlohmann::json(label));
}

ApiResponse updateLabel(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditLabels);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"name", "remark"});
    const std::optional<std::string> name = body.optionalString("name");
    if (name) {
        requireValid("name", checkName(*name));
    }
    const std::optional<std::string> remark = body.optionalString("remark");
    if (remark) {
        requireValid("remark", checkRemark(*remark));
    }
    const Label before = existingLabel(ctx);
    Label label = before;
    label.name = name.value_or(before.name);
    label.remark = remark.value_or(before.remark);
    label.modifiedBy = ctx.user().id;
    label.modifiedAt = ctx.nowSeconds();
    const std::optional<Label> after = ctx.store().updateLabel(label);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such label");
    }
    nlohmann::json changes = nlohmann::json::object();
    if (before.name != after->name) {
        changes["name"] = {{"from", before.name}, {"to", after->name}};
    }
    if (before.remark != after->remark) {
        changes["remark"] = {{"from", before.remark}, {"to", after->remark}};
    }
    writeAudit(ctx, "label.update", labelTarget(after->id), {{"changes", std::move(changes)}});
    return jsonResponse(200, nlohmann::json(*after));
}

ApiResponse deleteLabel(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditLabels);
    ctx.allowQuery({});
    const Label label = existingLabel(ctx);
    if (!ctx.store().deleteLabel(ctx.companyId(), label.id)) {
        throw ApiError(ErrorCode::NotFound, "no such label");
    }
    writeAudit(ctx, "label.delete", labelTarget(label.id), {{"name", label.name}});
    return noContent();
}

}  // namespace callvault::server::api::controllers
