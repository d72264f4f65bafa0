#include "common/types/label.h"

#include "common/types/json_helpers.h"

namespace callvault {

void to_json(nlohmann::json& j, const Label& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", v.companyId},
        {"name", v.name},
        {"remark", v.remark},
        {"modified_by", json_fields::optionalId(v.modifiedBy)},
        {"modified_by_name", v.modifiedByName},
        {"modified_at", formatUtc(v.modifiedAt)},
    };
}

void from_json(const nlohmann::json& j, Label& v) {
    j.at("id").get_to(v.id);
    j.at("company_id").get_to(v.companyId);
    j.at("name").get_to(v.name);
    j.at("remark").get_to(v.remark);
    v.modifiedBy = json_fields::readOptionalId(j, "modified_by");
    j.at("modified_by_name").get_to(v.modifiedByName);
    v.modifiedAt = json_fields::readUtcSeconds(j, "modified_at");
}

}  // namespace callvault
