#include "server/api/http_range.h"

#include <algorithm>

namespace callvault::server::api {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

/// A decimal number of at most 18 digits (no overflow), or empty.
std::optional<std::uint64_t> number(std::string_view text) {
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
               return lower(x) == lower(y);
           });
}

}  // namespace

RangeRequest parseRange(std::optional<std::string_view> header, std::uint64_t size, std::uint64_t maxLength) {
    RangeRequest result;
    if (!header)
        return result;
    const std::string_view text = trim(*header);
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        result.kind = RangeRequest::Kind::Unsatisfiable;
        return result;
    }
    if (!equalsIgnoringCase(trim(text.substr(0, equals)), "bytes"))
        return result;  // a unit we do not serve: the whole file

    result.kind = RangeRequest::Kind::Unsatisfiable;
    std::string_view first = text.substr(equals + 1);
    first = trim(first.substr(0, first.find(',')));
    const std::size_t dash = first.find('-');
    if (dash == std::string_view::npos || size == 0)
        return result;
    const std::string_view startText = trim(first.substr(0, dash));
    const std::string_view endText = trim(first.substr(dash + 1));
    ByteRange range;
    if (startText.empty()) {
        const std::optional<std::uint64_t> suffix = number(endText);  // the last N bytes
        if (!suffix || *suffix == 0)
            return result;
        range.first = size - std::min(*suffix, size);
        range.last = size - 1;
    } else {
        const std::optional<std::uint64_t> start = number(startText);
        const std::optional<std::uint64_t> end =
            endText.empty() ? std::optional<std::uint64_t>(size - 1) : number(endText);
        if (!start || !end || *end < *start || *start >= size)
            return result;
        range.first = *start;
        range.last = std::min(*end, size - 1);
    }
    if (maxLength > 0 && range.length() > maxLength)
        range.last = range.first + maxLength - 1;
    result.kind = RangeRequest::Kind::Partial;
    result.range = range;
    return result;
}

}  // namespace callvault::server::api
