#include "common/types/user.h"

#include "common/types/json_helpers.h"

namespace callvault {

void to_json(nlohmann::json& j, const User& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", json_fields::optionalId(v.companyId)},
        {"login", v.login},
        {"name", v.name},
        {"email", v.email},
        {"role", toString(v.role)},
        {"group_id", json_fields::optionalId(v.groupId)},
        {"supervised_group_ids", v.supervisedGroupIds},
        {"recording_start_date", v.recordingStartDate},
        {"notify", v.notify},
        {"enabled", v.enabled},
        {"must_change_password", v.mustChangePassword},
        {"locked_until",
         v.lockedUntil == 0 ? nlohmann::json(nullptr) : nlohmann::json(formatUtc(v.lockedUntil))},
        {"created_at", formatUtc(v.createdAt)},
        {"updated_at", formatUtc(v.updatedAt)},
    };
}

void from_json(const nlohmann::json& j, User& v) {
    j.at("id").get_to(v.id);
    v.companyId = json_fields::readOptionalId(j, "company_id");
    j.at("login").get_to(v.login);
    j.at("name").get_to(v.name);
    j.at("email").get_to(v.email);
    const nlohmann::json& role = j.at("role");
    const auto parsedRole = roleFromString(role.get<std::string>());
    if (!parsedRole) {
        throw nlohmann::json::type_error::create(302, "unknown role " + role.dump(), &role);
    }
    v.role = *parsedRole;
    v.groupId = json_fields::readOptionalId(j, "group_id");
    j.at("supervised_group_ids").get_to(v.supervisedGroupIds);
    j.at("recording_start_date").get_to(v.recordingStartDate);
    j.at("notify").get_to(v.notify);
    j.at("enabled").get_to(v.enabled);
    j.at("must_change_password").get_to(v.mustChangePassword);
    v.lockedUntil = j.at("locked_until").is_null() ? 0 : json_fields::readUtcSeconds(j, "locked_until");
    v.createdAt = json_fields::readUtcSeconds(j, "created_at");
    v.updatedAt = json_fields::readUtcSeconds(j, "updated_at");
}

}  // namespace callvault
