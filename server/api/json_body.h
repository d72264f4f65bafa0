#pragma once

#include "common/validation/validation.h"
#include "server/api/api_request.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::api {

/// Deepest nesting of arrays/objects a body may have (our bodies are flat; this bounds the parser's work).
inline constexpr int kMaxJsonDepth = 32;

/// A request body that is a JSON object with only known fields. Every getter throws ApiError
/// validation_failed with a message naming the field when the value has the wrong type.
class JsonBody {
public:
    /// Checks the Content-Type (415 unsupported_media_type unless application/json, charset UTF-8 if given),
    /// parses the body (400 invalid_json unless one JSON object) and refuses a field not in `allowed`
    /// (400 validation_failed).
    static JsonBody parse(const ApiRequest& request, std::span<const std::string_view> allowed);
    static JsonBody parse(const ApiRequest& request, std::initializer_list<std::string_view> allowed) {
        return parse(request, std::span<const std::string_view>(allowed.begin(), allowed.size()));
    }

    bool has(std::string_view field) const;
    bool isNull(std::string_view field) const;

    std::string requiredString(std::string_view field) const;
    /// Absent → empty optional; present but null or not a string → validation_failed.
    std::optional<std::string> optionalString(std::string_view field) const;
    std::optional<bool> optionalBool(std::string_view field) const;
    /// A positive integer id.
    std::optional<std::int64_t> optionalId(std::string_view field) const;
    /// An array of positive integer ids, sorted, duplicates removed.
    std::optional<std::vector<std::int64_t>> optionalIdList(std::string_view field) const;

    const nlohmann::json& json() const { return m_json; }

private:
    explicit JsonBody(nlohmann::json json) : m_json(std::move(json)) {}
    const nlohmann::json* find(std::string_view field) const;

    nlohmann::json m_json;
};

/// Throws validation_failed "<field>: <reason>" when `error` holds a reason.
void requireValid(std::string_view field, const ValidationError& error);

/// True when the Content-Type header names JSON (application/json, optionally with charset=utf-8).
bool isJsonContentType(std::string_view contentType);

}  // namespace callvault::server::api
