#pragma once

#include "common/time/time_zone.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

/// Shared field codecs of the value types in common/types (not part of the public API of any type).
namespace callvault::json_fields {

/// Empty optional ↔ JSON null.
inline nlohmann::json optionalId(const std::optional<std::int64_t>& id) {
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

/// Throws nlohmann::json::out_of_range if the key is missing, type_error if neither null nor an integer.
inline std::optional<std::int64_t> readOptionalId(const nlohmann::json& j, const char* key) {
    const nlohmann::json& value = j.at(key);
    if (value.is_null()) {
        return std::nullopt;
    }
    return value.get<std::int64_t>();
}

/// Throws nlohmann::json::type_error when the value is not a string of the expected form.
inline void throwBadTime(const nlohmann::json& value) {
    throw nlohmann::json::type_error::create(302, "expected an ISO 8601 UTC time, got " + value.dump(),
                                             &value);
}

inline std::int64_t readUtcSeconds(const nlohmann::json& j, const char* key) {
    const nlohmann::json& value = j.at(key);
    const auto seconds = parseUtc(value.get<std::string>());
    if (!seconds) {
        throwBadTime(value);
    }
    return *seconds;
}

inline std::int64_t readUtcMilliseconds(const nlohmann::json& j, const char* key) {
    const nlohmann::json& value = j.at(key);
    const auto millis = parseUtcMs(value.get<std::string>());
    if (!millis) {
        throwBadTime(value);
    }
    return *millis;
}

}  // namespace callvault::json_fields
