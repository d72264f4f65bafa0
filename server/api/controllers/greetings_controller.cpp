#include "common/time/time_zone.h"
#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/greeting_slots.h"
#include "server/api/controllers/media_upload.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"
#include "server/record/media_files.h"

#include <map>

namespace callvault::server::api::controllers {
namespace {

using store::Greeting;
using store::GreetingDirection;
using store::GreetingOwner;

/// The slot object of the listing: `{barge_in, inbound, outbound}` (null for an empty slot).
nlohmann::json slotsJson(const std::vector<Greeting>& all,
                         const std::vector<store::GreetingSettings>& settings, const GreetingOwner& owner) {
    nlohmann::json slots{{"barge_in", false}, {"inbound", nullptr}, {"outbound", nullptr}};
    for (const Greeting& greeting : all) {
        if (greeting.owner == owner) {
            slots[std::string(store::toString(greeting.direction))] = greetingJson(greeting);
        }
    }
    for (const store::GreetingSettings& row : settings) {
        if (row.owner == owner) {
            slots["barge_in"] = row.bargeIn;
        }
    }
    return slots;
}

}  // namespace

ApiResponse listGreetings(RequestContext& ctx) {
    const Scope userScope = ctx.requirePermission(Permission::ManageUserGreetings);
    const Scope groupScope = ctx.scopeFor(Permission::ManageGroupGreetings);
    ctx.allowQuery({});
    const std::int64_t companyId = ctx.companyId();
    const std::vector<Greeting> all = ctx.store().greetings(companyId);
    const std::vector<store::GreetingSettings> settings = ctx.store().greetingSettings(companyId);
    nlohmann::json users = nlohmann::json::array();
    for (const UserNumber& number : ctx.store().numbers(companyId, utcDate(ctx.nowSeconds()))) {
        if (!ctx.canSeeNumber(number, userScope)) {
            continue;
        }
        nlohmann::json row = slotsJson(all, settings, GreetingOwner::ofNumber(number.number));
        row["number"] = number.number;
        row["user_id"] = number.userId ? nlohmann::json(*number.userId) : nlohmann::json(nullptr);
        row["user_name"] = number.userName;
        row["group_id"] = number.groupId ? nlohmann::json(*number.groupId) : nlohmann::json(nullptr);
        users.push_back(std::move(row));
    }
    nlohmann::json groups = nlohmann::json::array();
    if (groupScope != Scope::None) {
        for (const Group& group : ctx.store().groups(companyId)) {
            if (!ctx.canSeeGroup(group.id, groupScope)) {
                continue;
            }
            nlohmann::json row = slotsJson(all, settings, GreetingOwner::ofGroup(group.id));
            row["group_id"] = group.id;
            row["name"] = group.name;
            groups.push_back(std::move(row));
        }
    }
    return jsonResponse(200, nlohmann::json{{"users", std::move(users)}, {"groups", std::move(groups)}});
}

ApiResponse getGreeting(RequestContext& ctx) {
    const Scope scope = requireGreetingPermission(ctx);
    ctx.allowQuery({"download"});
    const bool download = downloadRequested(ctx);
    const GreetingSlotOwner owner = resolveGreetingOwner(ctx, scope);
    const GreetingDirection direction = routeDirection(ctx);
    const std::optional<Greeting> greeting = ctx.store().greeting(ctx.companyId(), owner.owner, direction);
    if (!greeting) {
        throw ApiError(ErrorCode::NotFound,
                       "no " + std::string(store::toString(direction)) + " greeting is set");
    }
    ApiResponse response =
        mp3FileResponse(record::greetingsDirectory(dataDirectory(ctx)) / greeting->file.fileName,
                        owner.fileStem + "-" + std::string(store::toString(direction)) + ".mp3", download);
    writeAudit(ctx, download ? "greeting.download" : "greeting.play", owner.auditTarget,
               {{"direction", store::toString(direction)}});
    return response;
}

ApiResponse putGreeting(RequestContext& ctx) {
    const Scope scope = requireGreetingPermission(ctx);
    ctx.allowQuery({});
    const CheckedMp3 upload = requireMp3Upload(ctx);
    const GreetingSlotOwner owner = resolveGreetingOwner(ctx, scope);
    const auto folder = record::greetingsDirectory(dataDirectory(ctx));
    Greeting greeting;
    greeting.companyId = ctx.companyId();
    greeting.owner = owner.owner;
    greeting.direction = routeDirection(ctx);
    greeting.file = saveUpload(folder, upload);
    greeting.uploadedBy = ctx.user().id;
    greeting.uploadedAt = ctx.nowSeconds();
    bool created = false;
    try {
        created = ctx.store().putGreeting(greeting);
    } catch (...) {
        discardUpload(folder, greeting.file);
        throw;
    }
    record::drainFileTrash(ctx.store(), dataDirectory(ctx));
    writeAudit(ctx, "greeting.upload", owner.auditTarget,
               {{"direction", store::toString(greeting.direction)},
                {"size", greeting.file.size},
                {"sha256", greeting.file.sha256Hex},
                {"duration_ms", greeting.file.durationMs},
                {"replaced", !created}});
    return jsonResponse(created ? 201 : 200, greetingJson(greeting));
}

ApiResponse deleteGreeting(RequestContext& ctx) {
    const Scope scope = requireGreetingPermission(ctx);
    ctx.allowQuery({});
    const GreetingSlotOwner owner = resolveGreetingOwner(ctx, scope);
    const GreetingDirection direction = routeDirection(ctx);
    if (!ctx.store().deleteGreeting(ctx.companyId(), owner.owner, direction)) {
        throw ApiError(ErrorCode::NotFound,
                       "no " + std::string(store::toString(direction)) + " greeting is set");
    }
    record::drainFileTrash(ctx.store(), dataDirectory(ctx));
    writeAudit(ctx, "greeting.delete", owner.auditTarget, {{"direction", store::toString(direction)}});
    return noContent();
}

ApiResponse updateGreetingSettings(RequestContext& ctx) {
    const Scope scope = requireGreetingPermission(ctx);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"barge_in"});
    const std::optional<bool> bargeIn = body.optionalBool("barge_in");
    if (!bargeIn) {
        throw ApiError(ErrorCode::ValidationFailed, "barge_in: is required");
    }
    const GreetingSlotOwner owner = resolveGreetingOwner(ctx, scope);
    const store::GreetingSettings before = ctx.store().greetingSettingsOf(ctx.companyId(), owner.owner);
    store::GreetingSettings after = before;
    after.bargeIn = *bargeIn;
    ctx.store().setGreetingSettings(after);
    writeAudit(ctx, "greeting.settings", owner.auditTarget,
               {{"changes", {{"barge_in", {{"from", before.bargeIn}, {"to", after.bargeIn}}}}}});
    return jsonResponse(200, nlohmann::json{
                                 {"owner", owner.owner.number ? "user" : "group"},
                                 {"number", owner.owner.number ? nlohmann::json(*owner.owner.number)
                                                               : nlohmann::json(nullptr)},
                                 {"group_id", owner.owner.groupId ? nlohmann::json(*owner.owner.groupId)
                                                                  : nlohmann::json(nullptr)},
                                 {"barge_in", after.bargeIn},
                             });
}

}  // namespace callvault::server::api::controllers
