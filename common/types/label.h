#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace callvault {

/// A company's label that users attach to recordings (§16).
struct Label {
    std::int64_t id = 0;
    std::int64_t companyId = 0;
    std::string name;
    std::string remark;
    std::optional<std::int64_t> modifiedBy;  ///< user id
    std::string modifiedByName;              ///< display name of that user (read only)
    std::int64_t modifiedAt = 0;             ///< Unix seconds, UTC

    bool operator==(const Label&) const = default;
};

void to_json(nlohmann::json& j, const Label& v);
void from_json(const nlohmann::json& j, Label& v);

}  // namespace callvault
