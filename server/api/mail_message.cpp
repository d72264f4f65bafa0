#include "server/api/mail_message.h"

#include "common/time/time_zone.h"

#include <array>
#include <cstdio>
#include <stdexcept>

namespace callvault::server::api {
namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// "=?UTF-8?B?" + "?=" leave 63 characters of base64 in a 75-character word: 45 bytes of text (15 groups).
constexpr std::size_t kWordBytes = 45;

std::string base64(std::string_view bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            group <<= 8;
            group |= k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u;
        }
        for (std::size_t k = 0; k < 4; ++k) {
            out.push_back(k <= n ? kBase64[(group >> (18 - 6 * k)) & 0x3Fu] : '=');
        }
    }
    return out;
}

bool isAscii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

/// Body lines end in CRLF whatever the caller used.
std::string crlfBody(std::string_view body) {
    std::string out;
    out.reserve(body.size() + body.size() / 40 + 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r') {
            continue;
        }
        if (body[i] == '\n') {
            out += "\r\n";
        } else {
            out.push_back(body[i]);
        }
    }
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) {
        out += "\r\n";
    }
    return out;
}

}  // namespace

std::string encodeHeaderWord(std::string_view text) {
    if (isAscii(text)) {
        return std::string(text);
    }
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = std::min(text.size(), pos + kWordBytes);
        // Never split a UTF-8 sequence between two words (RFC 2047 §5).
        while (end < text.size() && end > pos && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) {
            --end;
        }
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + base64(text.substr(pos, end - pos)) + "?=";
        pos = end;
    }
    return out;
}

std::string rfc5322Date(std::int64_t unixSeconds) {
    static constexpr std::array<const char*, 7> kDays{"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const CivilTime t = civilFromUnix(unixSeconds);
    std::int64_t days = unixSeconds / 86400 - (unixSeconds % 86400 < 0 ? 1 : 0);
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);  // 1970-01-01 was a Thursday
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04lld %02u:%02u:%02u +0000", kDays[weekday], t.day,
                  kMonths[(t.month - 1) % 12], static_cast<long long>(t.year), t.hour, t.minute, t.second);
    return buffer.data();
}

std::string bareAddress(std::string_view address) {
    const std::size_t open = address.rfind('<');
    const std::size_t close = address.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
        return std::string(address.substr(open + 1, close - open - 1));
    }
    return std::string(address);
}

std::string buildMailMessage(std::string_view from, std::string_view to, std::string_view subject,
                             std::string_view body, std::int64_t unixSeconds, std::string_view messageId) {
    if (hasLineBreak(from) || hasLineBreak(to) || hasLineBreak(subject) || hasLineBreak(messageId)) {
        throw std::invalid_argument("a mail header holds a line break");
    }
    if (bareAddress(from).find('@') == std::string::npos || bareAddress(to).find('@') == std::string::npos) {
        throw std::invalid_argument("a mail address has no '@'");
    }
    std::string message;
    message += "Date: " + rfc5322Date(unixSeconds) + "\r\n";
    message += "From: " + std::string(from) + "\r\n";
    message += "To: " + std::string(to) + "\r\n";
    message += "Subject: " + encodeHeaderWord(subject) + "\r\n";
    message += "Message-ID: <" + std::string(messageId) + ">\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=UTF-8\r\n";
    message += "Content-Transfer-Encoding: 8bit\r\n";
    message += "\r\n";
    message += crlfBody(body);
    return message;
}

}  // namespace callvault::server::api
