#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/media_upload.h"
#include "server/api/controllers/term_fields.h"
#include "server/api/controllers/user_fields.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"
#include "server/record/media_files.h"

namespace callvault::server::api::controllers {
namespace {

std::int64_t queryGroupId(const RequestContext& ctx, bool required) {
    const auto& query = ctx.route().query;
    const auto it = query.find("group_id");
    if (it == query.end()) {
        if (required) {
            throw ApiError(ErrorCode::ValidationFailed, "group_id: is required");
        }
        return 0;
    }
    const std::optional<std::int64_t> id = parsePositiveId(it->second);
    if (!id) {
        throw ApiError(ErrorCode::ValidationFailed, "group_id: must be a positive integer");
    }
    return *id;
}

}  // namespace

ApiResponse listTerms(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewTerms);
    ctx.allowQuery({"group_id"});
    const std::int64_t groupId = queryGroupId(ctx, false);
    nlohmann::json list = nlohmann::json::array();
    for (const store::PlaybackTerm& term : ctx.store().terms(ctx.companyId())) {
        if ((groupId == 0 || term.groupId == groupId) && termGroupVisible(ctx, term.groupId, scope)) {
            list.push_back(termJson(term));
        }
    }
    return jsonResponse(200, nlohmann::json{{"terms", std::move(list)}});
}

ApiResponse createTerm(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditTerms);
    ctx.allowQuery({"group_id", "number", "remark"});
    store::PlaybackTerm term;
    term.companyId = ctx.companyId();
    term.groupId = queryGroupId(ctx, true);
    const auto& query = ctx.route().query;
    const auto number = query.find("number");
    if (number == query.end()) {
        throw ApiError(ErrorCode::ValidationFailed, "number: is required");
    }
    term.number = number->second;
    requireTermNumber(term.number);
    const auto remark = query.find("remark");
    term.remark = remark == query.end() ? "" : remark->second;
    requireValid("remark", checkRemark(term.remark));
    const CheckedMp3 upload = requireMp3Upload(ctx);
    requireCompanyGroups(ctx, "group_id", {term.groupId});
    term.modifiedBy = ctx.user().id;
    term.modifiedAt = ctx.nowSeconds();
    const auto folder = record::termsDirectory(dataDirectory(ctx));
    term.file = saveUpload(folder, upload);
    try {
        term = ctx.store().createTerm(term);
    } catch (...) {
        discardUpload(folder, term.file);
        throw;
    }
    writeAudit(ctx, "term.create", termTarget(term.id),
               {{"group_id", term.groupId},
                {"number", term.number},
                {"remark", term.remark},
                {"size", term.file.size},
                {"sha256", term.file.sha256Hex}});
    return jsonResponse(201, termJson(term));
}

ApiResponse updateTerm(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::EditTerms);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"group_id", "number", "remark"});
    const std::optional<std::int64_t> groupId = body.optionalId("group_id");
    const std::optional<std::string> number = body.optionalString("number");
    if (number) {
        requireTermNumber(*number);
    }
    const std::optional<std::string> remark = body.optionalString("remark");
    if (remark) {
        requireValid("remark", checkRemark(*remark));
    }
    if (groupId) {
        requireCompanyGroups(ctx, "group_id", {*groupId});
    }
    const store::PlaybackTerm before = visibleTerm(ctx, scope);
    store::PlaybackTerm term = before;
    term.groupId = groupId.value_or(before.groupId);
    term.number = number.value_or(before.number);
    term.remark = remark.value_or(before.remark);
    term.modifiedBy = ctx.user().id;
    term.modifiedAt = ctx.nowSeconds();
    const std::optional<store::PlaybackTerm> after = ctx.store().updateTerm(term);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such term");
    }
    nlohmann::json changes = nlohmann::json::object();
    if (before.groupId != after->groupId) {
        changes["group_id"] = {{"from", before.groupId}, {"to", after->groupId}};
    }
    if (before.number != after->number) {
        changes["number"] = {{"from", before.number}, {"to", after->number}};
    }
    if (before.remark != after->remark) {
        changes["remark"] = {{"from", before.remark}, {"to", after->remark}};
    }
    writeAudit(ctx, "term.update", termTarget(after->id), {{"changes", std::move(changes)}});
    return jsonResponse(200, termJson(*after));
}

ApiResponse deleteTerm(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::EditTerms);
    ctx.allowQuery({});
    const store::PlaybackTerm term = visibleTerm(ctx, scope);
    if (!ctx.store().deleteTerm(ctx.companyId(), term.id)) {
        throw ApiError(ErrorCode::NotFound, "no such term");
    }
    record::drainFileTrash(ctx.store(), dataDirectory(ctx));
    writeAudit(ctx, "term.delete", termTarget(term.id),
               {{"group_id", term.groupId}, {"number", term.number}});
    return noContent();
}

ApiResponse termAudio(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewTerms);
    ctx.allowQuery({"download"});
    const bool download = downloadRequested(ctx);
    const store::PlaybackTerm term = visibleTerm(ctx, scope);
    ApiResponse response =
        mp3FileResponse(record::termsDirectory(dataDirectory(ctx)) / term.file.fileName,
                        "term-" + std::to_string(term.groupId) + "-" + term.number + ".mp3", download);
    writeAudit(ctx, download ? "term.download" : "term.play", termTarget(term.id));
    return response;
}

ApiResponse replaceTermAudio(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::EditTerms);
    ctx.allowQuery({});
    const CheckedMp3 upload = requireMp3Upload(ctx);
    const store::PlaybackTerm before = visibleTerm(ctx, scope);
    const auto folder = record::termsDirectory(dataDirectory(ctx));
    store::PlaybackTerm term = before;
    term.file = saveUpload(folder, upload);
    term.modifiedBy = ctx.user().id;
    term.modifiedAt = ctx.nowSeconds();
    std::optional<store::PlaybackTerm> after;
    try {
        after = ctx.store().updateTerm(term);
    } catch (...) {
        discardUpload(folder, term.file);
        throw;
    }
    if (!after) {
        discardUpload(folder, term.file);
        throw ApiError(ErrorCode::NotFound, "no such term");
    }
    record::drainFileTrash(ctx.store(), dataDirectory(ctx));
    writeAudit(ctx, "term.upload", termTarget(after->id),
               {{"size", after->file.size}, {"sha256", after->file.sha256Hex}});
    return jsonResponse(200, termJson(*after));
}

}  // namespace callvault::server::api::controllers
