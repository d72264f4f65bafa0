#include "common/types/user_number.h"

#include "common/types/json_helpers.h"

#include <array>
#include <utility>

namespace callvault {
namespace {

constexpr std::array<std::pair<NumberStatus, std::string_view>, 3> kStatusNames{{
    {NumberStatus::Normal, "normal"},
    {NumberStatus::PendingEffective, "pending_effective"},
    {NumberStatus::PendingActivation, "pending_activation"},
}};

}  // namespace

std::string_view toString(NumberStatus status) {
    for (const auto& [value, name] : kStatusNames) {
        if (value == status) {
            return name;
        }
    }
    return "unknown";
}

std::optional<NumberStatus> numberStatusFromString(std::string_view name) {
    for (const auto& [value, text] : kStatusNames) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

NumberStatus numberStatus(bool activated, std::string_view effectiveDate, std::string_view today) {
    if (!activated) {
        return NumberStatus::PendingActivation;
    }
    // "YYYY-MM-DD" strings order like the dates they name.
    return effectiveDate > today ? NumberStatus::PendingEffective : NumberStatus::Normal;
}

void to_json(nlohmann::json& j, const UserNumber& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", v.companyId},
        {"number", v.number},
        {"inbound", v.inbound},
        {"outbound", v.outbound},
        {"user_id", json_fields::optionalId(v.userId)},
        {"user_name", v.userName},
        {"group_id", json_fields::optionalId(v.groupId)},
        {"effective_date", v.effectiveDate},
        {"activated", v.activated},
        {"has_pin", v.hasPin},
        {"status", toString(v.status)},
    };
}

void from_json(const nlohmann::json& j, UserNumber& v) {
    j.at("id").get_to(v.id);
    j.at("company_id").get_to(v.companyId);
    j.at("number").get_to(v.number);
    j.at("inbound").get_to(v.inbound);
    j.at("outbound").get_to(v.outbound);
    v.userId = json_fields::readOptionalId(j, "user_id");
    j.at("user_name").get_to(v.userName);
    v.groupId = json_fields::readOptionalId(j, "group_id");
    j.at("effective_date").get_to(v.effectiveDate);
    j.at("activated").get_to(v.activated);
    j.at("has_pin").get_to(v.hasPin);
    const nlohmann::json& status = j.at("status");
    const auto parsedStatus = numberStatusFromString(status.get<std::string>());
    if (!parsedStatus) {
        throw nlohmann::json::type_error::create(302, "unknown number status " + status.dump(), &status);
    }
    v.status = *parsedStatus;
}

}  // namespace callvault
