#include "common/types/audit_entry.h"

#include "common/types/json_helpers.h"

namespace callvault {

void to_json(nlohmann::json& j, const AuditEntry& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", json_fields::optionalId(v.companyId)},
        {"at", formatUtcMs(v.at)},
        {"operator_id", json_fields::optionalId(v.operatorId)},
        {"operator_login", v.operatorLogin},
        {"operation", v.operation},
        {"target", v.target},
        {"address", v.address},
        {"details", v.details},
    };
}

void from_json(const nlohmann::json& j, AuditEntry& v) {
    j.at("id").get_to(v.id);
    v.companyId = json_fields::readOptionalId(j, "company_id");
    v.at = json_fields::readUtcMilliseconds(j, "at");
    v.operatorId = json_fields::readOptionalId(j, "operator_id");
    j.at("operator_login").get_to(v.operatorLogin);
    j.at("operation").get_to(v.operation);
    j.at("target").get_to(v.target);
    j.at("address").get_to(v.address);
    v.details = j.at("details");
}

}  // namespace callvault
