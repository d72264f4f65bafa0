#include "common/types/group.h"

#include "common/types/json_helpers.h"

namespace callvault {

void to_json(nlohmann::json& j, const Group& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", v.companyId},
        {"name", v.name},
        {"created_at", formatUtc(v.createdAt)},
    };
}

void from_json(const nlohmann::json& j, Group& v) {
    j.at("id").get_to(v.id);
    j.at("company_id").get_to(v.companyId);
    j.at("name").get_to(v.name);
    v.createdAt = json_fields::readUtcSeconds(j, "created_at");
}

}  // namespace callvault
