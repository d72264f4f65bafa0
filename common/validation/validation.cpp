#include "common/validation/validation.h"

#include <cstddef>
#include <cstdint>

namespace callvault {
namespace {

bool isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/// Decodes the code point starting at `pos`; returns its length in bytes, 0 when the sequence is invalid.
std::size_t decodeUtf8(std::string_view text, std::size_t pos, char32_t& codePoint) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(pos);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        codePoint = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1Fu;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0Fu;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return 0;  // continuation byte, overlong 2-byte lead (C0/C1) or beyond U+10FFFF (F5..FF)
    }
    if (pos + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const std::uint8_t next = byte(pos + i);
        if ((next & 0xC0u) != 0x80u) {
            return 0;
        }
        value = (value << 6) | (next & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    codePoint = value;
    return length;
}

bool isControl(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

struct TextScan {
    bool valid = true;
    std::size_t codePoints = 0;
    bool hasControl = false;
};

TextScan scanText(std::string_view text) {
    TextScan scan;
    std::size_t pos = 0;
    while (pos < text.size()) {
        char32_t c = 0;
        const std::size_t length = decodeUtf8(text, pos, c);
        if (length == 0) {
            scan.valid = false;
            return scan;
        }
        ++scan.codePoints;
        scan.hasControl = scan.hasControl || isControl(c);
        pos += length;
    }
    return scan;
}

bool allDigits(std::string_view text) {
    for (char c : text) {
        if (!isAsciiDigit(c)) {
            return false;
        }
    }
    return true;
}

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int toNumber(std::string_view digits) {
    int value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

bool isValidUtf8(std::string_view text) {
    return scanText(text).valid;
}

ValidationError checkPassword(std::string_view password) {
    const TextScan scan = scanText(password);
    if (!scan.valid) {
        return "The password is not valid UTF-8 text.";
    }
    if (scan.codePoints < 8) {
        return "The password must be at least 8 characters long.";
    }
    if (scan.codePoints > 128) {
        return "The password must be at most 128 characters long.";
    }
    bool hasLetter = false;
    bool hasDigit = false;
    for (char c : password) {
        hasLetter = hasLetter || isAsciiLetter(c);
        hasDigit = hasDigit || isAsciiDigit(c);
    }
    if (!hasLetter || !hasDigit) {
        return "The password must contain both letters and digits.";
    }
    return std::nullopt;
}

ValidationError checkPin(std::string_view pin) {
    if (pin.empty() || pin.size() > 6 || !allDigits(pin)) {
        return "The PIN must be 1 to 6 digits.";
    }
    return std::nullopt;
}

ValidationError checkPhoneNumber(std::string_view number) {
    std::string_view digits = number;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    if (digits.size() < 3 || digits.size() > 20 || !allDigits(digits)) {
        return "The phone number must be 3 to 20 digits, optionally after a leading '+'.";
    }
    return std::nullopt;
}

ValidationError checkName(std::string_view name) {
    const TextScan scan = scanText(name);
    if (!scan.valid) {
        return "The name is not valid UTF-8 text.";
    }
    if (scan.codePoints == 0) {
        return "The name must not be empty.";
    }
    if (scan.codePoints > 100) {
        return "The name must be at most 100 characters long.";
    }
    if (scan.hasControl) {
        return "The name must not contain control characters.";
    }
    if (name.front() == ' ' || name.back() == ' ') {
        return "The name must not start or end with a space.";
    }
    return std::nullopt;
}

ValidationError checkLogin(std::string_view login) {
    if (login.size() < 3 || login.size() > 64) {
        return "The login name must be 3 to 64 characters long.";
    }
    for (char c : login) {
        if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != '.' && c != '_' && c != '@' && c != '-') {
            return "The login name may only contain letters, digits and . _ @ -.";
        }
    }
    return std::nullopt;
}

ValidationError checkEmail(std::string_view email) {
    if (email.empty()) {
        return std::nullopt;
    }
    if (email.size() > 254) {
        return "The e-mail address must be at most 254 characters long.";
    }
    if (!isValidUtf8(email)) {
        return "The e-mail address is not valid UTF-8 text.";
    }
    const std::size_t at = email.find('@');
    const bool oneAt = at != std::string_view::npos && email.find('@', at + 1) == std::string_view::npos;
    if (!oneAt) {
        return "The e-mail address must contain exactly one '@'.";
    }
    for (char c : email) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
            return "The e-mail address must not contain spaces or control characters.";
        }
    }
    const std::string_view local = email.substr(0, at);
    const std::string_view domain = email.substr(at + 1);
    if (local.empty()) {
        return "The e-mail address needs a name before the '@'.";
    }
    const std::size_t dot = domain.find('.');
    if (domain.empty() || dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos) {
        return "The e-mail address needs a domain such as example.com after the '@'.";
    }
    return std::nullopt;
}

ValidationError checkDate(std::string_view date) {
    const bool shapeOk = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                         allDigits(date.substr(0, 4)) && allDigits(date.substr(5, 2)) &&
                         allDigits(date.substr(8, 2));
    if (!shapeOk) {
        return "The date must be written as YYYY-MM-DD.";
    }
    const int year = toNumber(date.substr(0, 4));
    const int month = toNumber(date.substr(5, 2));
    const int day = toNumber(date.substr(8, 2));
    static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || month < 1 || month > 12) {
        return "The date is not a real calendar date.";
    }
    const int daysInMonth = kDaysInMonth[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0);
    if (day < 1 || day > daysInMonth) {
        return "The date is not a real calendar date.";
    }
    return std::nullopt;
}

ValidationError checkRemark(std::string_view remark) {
    const TextScan scan = scanText(remark);
    if (!scan.valid) {
        return "The remark is not valid UTF-8 text.";
    }
    if (scan.codePoints > 500) {
        return "The remark must be at most 500 characters long.";
    }
    if (scan.hasControl) {
        return "The remark must not contain control characters.";
    }
    return std::nullopt;
}

}  // namespace callvault
