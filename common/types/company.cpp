#include "common/types/company.h"

#include "common/types/json_helpers.h"

namespace callvault {

void to_json(nlohmann::json& j, const Company& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"name", v.name},
        {"retention_days", v.retentionDays},
        {"time_zone", v.timeZone},
        {"created_at", formatUtc(v.createdAt)},
    };
}

void from_json(const nlohmann::json& j, Company& v) {
    j.at("id").get_to(v.id);
    j.at("name").get_to(v.name);
    j.at("retention_days").get_to(v.retentionDays);
    j.at("time_zone").get_to(v.timeZone);
    v.createdAt = json_fields::readUtcSeconds(j, "created_at");
}

}  // namespace callvault
