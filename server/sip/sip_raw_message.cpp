#include "server/sip/sip_raw_message.h"

#include "server/sip/sip_message.h"
#include "server/sip/sip_text.h"

namespace callvault::server::sip {

namespace {

using text::kCrlf;

bool hasBareLineEnd(std::string_view line) {
    return line.find_first_of("\r\n") != std::string_view::npos;
}

// A NUL octet is legal only as the second octet of a quoted-pair inside a quoted string.
bool nulOnlyInQuotedPairs(std::string_view value) {
    bool inQuotes = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (inQuotes) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inQuotes = false;
            } else if (c == '\0') {
                return false;
            }
        } else if (c == '"') {
            inQuotes = true;
        } else if (c == '\0') {
            return false;
        }
    }
    return true;
}

std::string unfold(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    std::size_t i = 0;
    while (i < field.size()) {
        if (field.compare(i, kCrlf.size(), kCrlf) == 0) {
            i += kCrlf.size();
            while (i < field.size() && text::isWhitespace(field[i])) {
                ++i;
            }
            out.push_back(' ');
            continue;
        }
        out.push_back(field[i]);
        ++i;
    }
    return std::string(text::trim(out));
}

}  // namespace

SipRawMessage scanSipMessage(std::string_view bytes, std::size_t maxHeaders) {
    SipRawMessage out;
    std::size_t pos = 0;
    while (bytes.substr(pos, kCrlf.size()) == kCrlf) {
        pos += kCrlf.size();
    }
    const auto emptyLine = bytes.find("\r\n\r\n", pos);
    if (emptyLine == std::string_view::npos) {
        out.error = "no empty line (CRLF CRLF) ends the header section";
        return out;
    }
    const std::string_view head = bytes.substr(pos, emptyLine + kCrlf.size() - pos);
    out.afterHeaders = bytes.substr(emptyLine + 2 * kCrlf.size());

    // Every line of `head` ends in CRLF.
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < head.size();) {
        const auto lineEnd = head.find(kCrlf, start);
        const auto line = head.substr(start, lineEnd - start);
        if (hasBareLineEnd(line)) {
            out.error = "bare CR or LF inside a line";
            return out;
        }
        lines.push_back(line);
        start = lineEnd + kCrlf.size();
    }
    if (lines.empty()) {
        out.error = "no start line";
        return out;
    }
    out.startLine = lines[0];
    if (out.startLine.empty() || text::isWhitespace(out.startLine.front())) {
        out.error = "the start line is empty or begins with whitespace";
        return out;
    }
    if (out.startLine.find('\0') != std::string_view::npos) {
        out.error = "NUL octet in the start line";
        return out;
    }

    // Fields: a line starting with SP or HTAB continues the previous one (RFC 3261 §7.3.1).
    std::size_t fieldStart = 0;  // offset in `head` of the current field's first line
    std::size_t fieldEnd = 0;
    auto finishField = [&]() -> bool {
        const std::string_view field = head.substr(fieldStart, fieldEnd - fieldStart);
        const auto colon = field.find(':');
        if (colon == std::string_view::npos) {
            out.error = "header field without a colon";
            return false;
        }
        const auto name = text::trim(field.substr(0, colon));
        if (!text::isToken(name)) {
            out.error = "header field name is not a token";
            return false;
        }
        const auto rawValue = field.substr(colon + 1);
        if (!nulOnlyInQuotedPairs(rawValue)) {
            out.error = "NUL octet in the " + std::string(name) + " header field";
            return false;
        }
        if (out.headers.size() >= maxHeaders) {
            out.error = "more than " + std::to_string(maxHeaders) + " header fields";
            out.tooManyHeaders = true;
            return false;
        }
        out.headers.push_back({name, canonicalHeaderName(name), unfold(rawValue), field});
        return true;
    };

    bool inField = false;
    std::size_t offset = lines[0].size() + kCrlf.size();
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto line = lines[i];
        if (!line.empty() && text::isWhitespace(line.front())) {
            if (!inField) {
                out.error = "continuation line without a header field";
                return out;
            }
            fieldEnd = offset + line.size();
        } else {
            if (inField && !finishField()) {
                return out;
            }
            inField = true;
            fieldStart = offset;
            fieldEnd = offset + line.size();
        }
        offset += line.size() + kCrlf.size();
    }
    if (inField && !finishField()) {
        return out;
    }
    return out;
}

}  // namespace callvault::server::sip
