#include "server/api/json_body.h"

#include <algorithm>
#include <cctype>

namespace callvault::server::api {
namespace {

std::string lowerTrimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// Rejects nesting deeper than kMaxJsonDepth before nlohmann builds the tree.
bool nestingWithinLimit(std::string_view text) {
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                return false;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

[[noreturn]] void wrongType(std::string_view field, std::string_view expected) {
    throw ApiError(ErrorCode::ValidationFailed, std::string(field) + ": must be " + std::string(expected));
}

}  // namespace

bool isJsonContentType(std::string_view contentType) {
    const std::size_t semicolon = contentType.find(';');
    if (lowerTrimmed(contentType.substr(0, semicolon)) != "application/json") {
        return false;
    }
    if (semicolon == std::string_view::npos) {
        return true;
    }
    std::string_view rest = contentType.substr(semicolon + 1);
    while (!rest.empty()) {
        const std::size_t next = rest.find(';');
        const std::string parameter = lowerTrimmed(rest.substr(0, next));
        if (parameter.rfind("charset=", 0) == 0) {
            std::string charset = parameter.substr(8);
            charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
            if (charset != "utf-8" && charset != "utf8") {
                return false;
            }
        }
        rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    }
    return true;
}

JsonBody JsonBody::parse(const ApiRequest& request, std::span<const std::string_view> allowed) {
    if (request.body.empty()) {
        throw ApiError(ErrorCode::InvalidJson, "the request needs a JSON object as its body");
    }
    const auto header = request.headers.find("content-type");
    if (header == request.headers.end() || !isJsonContentType(header->second)) {
        throw ApiError(ErrorCode::UnsupportedMediaType, "the body must be sent as application/json");
    }
    if (!nestingWithinLimit(request.body)) {
        throw ApiError(ErrorCode::InvalidJson, "the JSON body is nested too deeply");
    }
    nlohmann::json json = nlohmann::json::parse(request.body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        throw ApiError(ErrorCode::InvalidJson, "the body is not a JSON object");
    }
    for (const auto& item : json.items()) {
        if (std::find(allowed.begin(), allowed.end(), std::string_view(item.key())) == allowed.end()) {
            throw ApiError(ErrorCode::ValidationFailed, "unknown field '" + item.key().substr(0, 64) + "'");
        }
    }
    return JsonBody(std::move(json));
}

const nlohmann::json* JsonBody::find(std::string_view field) const {
    const auto it = m_json.find(field);
    return it == m_json.end() ? nullptr : &*it;
}

bool JsonBody::has(std::string_view field) const { return find(field) != nullptr; }

bool JsonBody::isNull(std::string_view field) const {
    const nlohmann::json* value = find(field);
    return value != nullptr && value->is_null();
}

std::string JsonBody::requiredString(std::string_view field) const {
    auto value = optionalString(field);
    if (!value) {
        throw ApiError(ErrorCode::ValidationFailed, std::string(field) + ": is required");
    }
    return std::move(*value);
}

std::optional<std::string> JsonBody::optionalString(std::string_view field) const {
    const nlohmann::json* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        wrongType(field, "a string");
    }
    return value->get<std::string>();
}

std::optional<bool> JsonBody::optionalBool(std::string_view field) const {
    const nlohmann::json* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        wrongType(field, "true or false");
    }
    return value->get<bool>();
}

std::optional<std::int64_t> JsonBody::optionalId(std::string_view field) const {
    const nlohmann::json* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > 0 &&
        value->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return value->get<std::int64_t>();
    }
    if (value->is_number_integer() && value->get<std::int64_t>() > 0) {
        return value->get<std::int64_t>();
    }
    wrongType(field, "a positive integer id");
}

std::optional<std::vector<std::int64_t>> JsonBody::optionalIdList(std::string_view field) const {
    const nlohmann::json* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_array()) {
        wrongType(field, "an array of positive integer ids");
    }
    std::vector<std::int64_t> ids;
    for (const nlohmann::json& element : *value) {
        const bool positive = (element.is_number_unsigned() &&
                               element.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) ||
                              element.is_number_integer();
        if (!positive || element.get<std::int64_t>() <= 0) {
            wrongType(field, "an array of positive integer ids");
        }
        ids.push_back(element.get<std::int64_t>());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void requireValid(std::string_view field, const ValidationError& error) {
    if (error) {
        throw ApiError(ErrorCode::ValidationFailed, std::string(field) + ": " + *error);
    }
}

}  // namespace callvault::server::api
