#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callvault {

/// §18: Normal, Pending effective (effective date in the future), Pending activation (§28).
enum class NumberStatus { Normal, PendingEffective, PendingActivation };
std::string_view toString(NumberStatus status);
std::optional<NumberStatus> numberStatusFromString(std::string_view name);

/// A subscriber's phone number whose calls are recorded.
struct UserNumber {
    std::int64_t id = 0;
    std::int64_t companyId = 0;
    std::string number;       ///< digits, optionally with a leading '+'
    bool inbound = true;      ///< function: record inbound calls
    bool outbound = true;     ///< function: record outbound calls
    std::optional<std::int64_t> userId;
    std::string userName;     ///< read only, joined from the user
    std::optional<std::int64_t> groupId;  ///< read only: the user's group
    std::string effectiveDate;  ///< "YYYY-MM-DD" in the company's time zone
    bool activated = false;     ///< §28: the user called the activation hotline
    bool hasPin = false;        ///< §22: a PIN is set (the PIN itself never leaves the server)
    NumberStatus status = NumberStatus::PendingActivation;  ///< derived, see numberStatus()

    bool operator==(const UserNumber&) const = default;
};

/// The status of §18 on `today` ("YYYY-MM-DD", in the company's time zone).
NumberStatus numberStatus(bool activated, std::string_view effectiveDate, std::string_view today);

void to_json(nlohmann::json& j, const UserNumber& v);
void from_json(const nlohmann::json& j, UserNumber& v);

}  // namespace callvault
