#include "server/sip/sip_message_checks.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace callvault::server::sip::checks {

namespace {

constexpr std::uint32_t kMaxCSeq = 0x7FFFFFFFu;  // RFC 3261 §8.1.1.5: "MUST be less than 2**31"
constexpr int kMaxMaxForwards = 255;             // RFC 3261 §20.22

SipParseFailure bad(std::string reason, int status = 400) {
    return SipParseFailure{status, std::move(reason)};
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text::iequals(text.substr(0, prefix.size()), prefix);
}

// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; "SIP" compares case-insensitively (RFC 3261 §7.1).
bool looksLikeVersion(std::string_view v) {
    if (!startsWithIgnoreCase(v, "SIP/")) {
        return false;
    }
    const auto numbers = v.substr(4);
    const auto dot = numbers.find('.');
    return dot != std::string_view::npos && text::isDigits(numbers.substr(0, dot)) &&
           text::isDigits(numbers.substr(dot + 1));
}

bool isSupportedVersion(std::string_view v) {
    return text::iequals(v, "SIP/2.0");
}

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool isScheme(std::string_view s) {
    if (s.empty() || std::isalpha(static_cast<unsigned char>(s.front())) == 0) {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
    });
}

std::optional<SipParseFailure> checkSipUri(std::string_view afterScheme) {
    // userinfo may hold '?', ';', ':' and ',' (RFC 3261 user-unreserved); it ends at the first '@'.
    const auto at = afterScheme.find('@');
    const auto hostPart = at == std::string_view::npos ? afterScheme : afterScheme.substr(at + 1);
    if (hostPart.find('?') != std::string_view::npos) {
        return bad("the Request-URI carries headers ('?'), which RFC 3261 §19.1.5 forbids there");
    }
    if (!isValidHostPort(hostPart.substr(0, hostPart.find(';')))) {
        return bad("bad host or port in the Request-URI");
    }
    return std::nullopt;
}

std::optional<SipParseFailure> checkRequestUri(std::string_view uri) {
    if (uri.find_first_of("<> \t\"") != std::string_view::npos) {
        return bad("the Request-URI holds '<', '>', '\"' or whitespace");
    }
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || !isScheme(uri.substr(0, colon))) {
        return bad("the Request-URI has no scheme");
    }
    const auto scheme = text::toLower(uri.substr(0, colon));
    if (scheme == "sip" || scheme == "sips") {
        return checkSipUri(uri.substr(colon + 1));
    }
    if (scheme == "tel") {
        if (colon + 1 == uri.size()) {
            return bad("empty tel URI");
        }
        return std::nullopt;
    }
    return bad("unsupported URI scheme " + scheme, 416);
}

std::size_t closingQuote(std::string_view value, std::size_t open) {
    for (std::size_t j = open + 1; j < value.size(); ++j) {
        if (value[j] == '\\') {
            ++j;
        } else if (value[j] == '"') {
            return j;
        }
    }
    return std::string_view::npos;
}

// Splits at `separator` outside quoted strings and <...>; nullopt on an unterminated quoted string.
std::optional<std::vector<std::string_view>> splitTopLevel(std::string_view value, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    bool inAngle = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"') {
            const auto end = closingQuote(value, i);
            if (end == std::string_view::npos) {
                return std::nullopt;
            }
            i = end;
        } else if (c == '<') {
            inAngle = true;
        } else if (c == '>') {
            inAngle = false;
        } else if (c == separator && !inAngle) {
            parts.push_back(value.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(value.substr(start));
    return parts;
}

std::optional<std::string> displayNameProblem(std::string_view display) {
    display = text::trim(display);
    if (display.empty()) {
        return std::nullopt;
    }
    if (display.front() == '"') {
        const auto end = closingQuote(display, 0);
        if (end != display.size() - 1) {
            return std::string("text after the quoted display name");
        }
        return std::nullopt;
    }
    std::size_t i = 0;
    while (i < display.size()) {
        if (text::isWhitespace(display[i])) {
            ++i;
            continue;
        }
        const auto wordEnd = std::min(display.find_first_of(" \t", i), display.size());
        if (!text::isToken(display.substr(i, wordEnd - i))) {
            return std::string("display name is neither tokens nor a quoted string");
        }
        i = wordEnd;
    }
    return std::nullopt;
}

bool hasSingleValue(std::string_view canonical) {
    static constexpr std::array<std::string_view, 10> kSingle{
        "to",           "from",    "call-id", "cseq",        "max-forwards", "content-length",
        "content-type", "expires", "date",    "mime-version"};
    return std::find(kSingle.begin(), kSingle.end(), canonical) != kSingle.end();
}

std::string displayName(std::string_view canonical) {
    static const std::map<std::string_view, std::string_view> kNames{{"to", "To"},
                                                                     {"from", "From"},
                                                                     {"call-id", "Call-ID"},
                                                                     {"cseq", "CSeq"},
                                                                     {"max-forwards", "Max-Forwards"},
                                                                     {"content-length", "Content-Length"},
                                                                     {"content-type", "Content-Type"},
                                                                     {"expires", "Expires"},
                                                                     {"date", "Date"},
                                                                     {"mime-version", "MIME-Version"},
                                                                     {"contact", "Contact"},
                                                                     {"route", "Route"},
                                                                     {"record-route", "Record-Route"},
                                                                     {"via", "Via"}};
    const auto it = kNames.find(canonical);
    return it == kNames.end() ? std::string(canonical) : std::string(it->second);
}

}  // namespace

bool isValidHostPort(std::string_view hostport) {
    std::string_view host;
    std::string_view rest;
    if (!hostport.empty() && hostport.front() == '[') {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        const auto address = hostport.substr(1, close - 1);
        const bool chars = std::all_of(address.begin(), address.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
        });
        if (address.empty() || !chars || address.find(':') == std::string_view::npos) {
            return false;
        }
        rest = hostport.substr(close + 1);
    } else {
        const auto colon = hostport.find(':');
        host = hostport.substr(0, colon);
        rest = colon == std::string_view::npos ? std::string_view() : hostport.substr(colon);
        const bool chars = std::all_of(host.begin(), host.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
        });
        if (host.empty() || !chars) {
            return false;
        }
    }
    if (rest.empty()) {
        return true;
    }
    return rest.front() == ':' && rest.size() <= 6 && text::parseUnsigned<std::uint16_t>(rest.substr(1));
}

bool isSipDate(std::string_view value) {
    // "Www, DD Mmm YYYY HH:MM:SS GMT"
    static constexpr std::array<std::string_view, 7> kDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (value.size() != 29) {
        return false;
    }
    const auto digitsAt = [&](std::size_t pos, std::size_t n) {
        return text::isDigits(value.substr(pos, n));
    };
    return std::find(kDays.begin(), kDays.end(), value.substr(0, 3)) != kDays.end() &&
           value.substr(3, 2) == ", " && digitsAt(5, 2) && value[7] == ' ' &&
           std::find(kMonths.begin(), kMonths.end(), value.substr(8, 3)) != kMonths.end() &&
           value[11] == ' ' && digitsAt(12, 4) && value[16] == ' ' && digitsAt(17, 2) && value[19] == ':' &&
           digitsAt(20, 2) && value[22] == ':' && digitsAt(23, 2) && value.substr(25) == " GMT";
}

std::optional<std::string> nameAddrProblem(std::string_view value, bool requireAngleBrackets) {
    value = text::trim(value);
    if (value.empty()) {
        return std::string("empty value");
    }
    std::size_t lt = std::string_view::npos;
    bool sawQuoted = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"') {
            const auto end = closingQuote(value, i);
            if (end == std::string_view::npos) {
                return std::string("unterminated quoted string");
            }
            sawQuoted = true;
            i = end;
        } else if (c == '<') {
            lt = i;
            break;
        } else if (c == ';') {
            break;
        }
    }
    if (lt != std::string_view::npos) {
        if (auto problem = displayNameProblem(value.substr(0, lt))) {
            return problem;
        }
        const auto gt = value.find('>', lt);
        if (gt == std::string_view::npos) {
            return std::string("'<' without '>'");
        }
        if (gt == lt + 1 || text::isWhitespace(value[lt + 1]) || text::isWhitespace(value[gt - 1])) {
            return std::string("whitespace or nothing inside <...>");
        }
        const auto params = text::trim(value.substr(gt + 1));
        if (!params.empty() && params.front() != ';') {
            return std::string("text after '>'");
        }
        return std::nullopt;
    }
    if (requireAngleBrackets) {
        return std::string("the URI must be enclosed in <...>");
    }
    if (sawQuoted) {
        return std::string("a quoted display name needs the URI in <...>");
    }
    const auto uri = text::trim(value.substr(0, value.find(';')));
    if (uri.empty() || uri.find_first_of(" \t") != std::string_view::npos) {
        return std::string("whitespace inside the URI (or a display name without <...>)");
    }
    if (uri.find('?') != std::string_view::npos || uri.find(',') != std::string_view::npos) {
        return std::string("a URI with '?' or ',' must be enclosed in <...> (RFC 3261 §20)");
    }
    return std::nullopt;
}

std::optional<SipParseFailure> checkStartLine(std::string_view line, StartLine& out) {
    if (startsWithIgnoreCase(line, "SIP/")) {
        out.request = false;
        const auto sp = line.find(' ');
        const auto version = line.substr(0, sp);
        if (sp == std::string_view::npos || !looksLikeVersion(version)) {
            return bad("malformed Status-Line");
        }
        out.recognised = true;
        const auto codeText = line.substr(sp + 1, 3);
        const auto afterCode = line.substr(std::min(line.size(), sp + 4));
        const auto code = text::parseUnsigned<int>(codeText);
        if (codeText.size() != 3 || !code || *code < 100 || *code > 699 ||
            (!afterCode.empty() && afterCode.front() != ' ')) {
            return bad("status code is not three digits from 100 to 699");
        }
        out.status = *code;
        if (!isSupportedVersion(version)) {
            return bad("unsupported SIP version", 505);
        }
        return std::nullopt;
    }

    out.request = true;
    const auto firstSp = line.find(' ');
    out.method = line.substr(0, firstSp);
    const auto lastSp = line.rfind(' ');
    const auto version = lastSp == std::string_view::npos ? std::string_view() : line.substr(lastSp + 1);
    // Recognisable (hence answerable) even with stray whitespace around the version.
    const auto trimmed = text::trim(line);
    out.recognised = text::isToken(out.method) && looksLikeVersion(trimmed.substr(trimmed.rfind(' ') + 1));
    if (firstSp == std::string_view::npos || lastSp == firstSp) {
        return bad("malformed Request-Line");
    }
    out.uri = line.substr(firstSp + 1, lastSp - firstSp - 1);
    if (!text::isToken(out.method)) {
        return bad("the method is not a token");
    }
    if (!looksLikeVersion(version)) {
        return bad("the Request-Line does not end in SP SIP-Version (extra or trailing whitespace?)");
    }
    if (out.uri.empty() || out.uri.find_first_of(" \t") != std::string_view::npos) {
        return bad("the Request-Line elements must be separated by exactly one SP");
    }
    if (!isSupportedVersion(version)) {
        return bad("unsupported SIP version " + std::string(version), 505);
    }
    return checkRequestUri(out.uri);
}

std::optional<SipParseFailure> checkRawHeaders(const std::vector<SipRawHeader>& headers) {
    std::map<std::string, int> counts;
    for (const auto& h : headers) {
        if (hasSingleValue(h.canonical) && ++counts[h.canonical] > 1) {
            return bad("more than one " + displayName(h.canonical) + " header field");
        }
    }
    for (const auto& h : headers) {
        const auto& name = h.canonical;
        const bool nameAddr = name == "to" || name == "from";
        const bool listOfNameAddr = name == "contact" || name == "route" || name == "record-route";
        if (!nameAddr && !listOfNameAddr) {
            if (name == "date" && !isSipDate(h.value)) {
                return bad("the Date header field is not an RFC 1123 date in GMT");
            }
            continue;
        }
        const auto values = splitTopLevel(h.value, ',');
        if (!values) {
            return bad("unterminated quoted string in the " + displayName(name) + " header field");
        }
        if (nameAddr) {
            // Checked whole first: an unquoted display name with a comma is a bad display name (RFC 4475
            // §3.1.2.15), not two values.
            if (auto problem = nameAddrProblem(h.value, false)) {
                return bad("malformed " + displayName(name) + " header field: " + *problem);
            }
            if (values->size() > 1) {
                return bad("more than one value in the " + displayName(name) + " header field");
            }
            continue;
        }
        for (const auto value : *values) {
            if (name == "contact" && text::trim(value) == "*") {
                continue;
            }
            if (auto problem = nameAddrProblem(value, name != "contact")) {
                return bad("malformed " + displayName(name) + " header field: " + *problem);
            }
        }
    }
    return std::nullopt;
}

std::optional<SipParseFailure> checkParsedMessage(const SipMessage& message) {
    const auto* m = message.raw();
    std::string missing;
    const auto need = [&missing](bool present, std::string_view name) {
        if (!present) {
            missing += missing.empty() ? "" : ", ";
            missing += name;
        }
    };
    need(osip_list_size(&m->vias) > 0, "Via");
    need(m->from != nullptr, "From");
    need(m->to != nullptr, "To");
    need(m->call_id != nullptr && m->call_id->number != nullptr && *m->call_id->number != '\0', "Call-ID");
    need(m->cseq != nullptr, "CSeq");
    const auto top = message.topVia();
    const bool rfc3261Branch = top && top->branch.starts_with("z9hG4bK");
    const auto maxForwards = message.header("Max-Forwards");
    if (message.isRequest()) {
        need(maxForwards.has_value() || !rfc3261Branch, "Max-Forwards");
    }
    if (!missing.empty()) {
        return bad("missing header field(s): " + missing);
    }

    for (std::size_t i = 0; i < message.viaCount(); ++i) {
        const auto* via = osip::listAt<osip_via_t>(&m->vias, static_cast<int>(i));
        if (via->version == nullptr || std::string_view(via->version) != "2.0") {
            return bad("a Via header field is not SIP/2.0");
        }
        if (via->host == nullptr || *via->host == '\0') {
            return bad("a Via header field has no host");
        }
        if (via->port != nullptr && !text::parseUnsigned<std::uint16_t>(via->port)) {
            return bad("a Via header field has a bad port");
        }
    }

    const auto number = text::parseUnsigned<std::uint32_t>(osip::orEmpty(m->cseq->number));
    if (!number || *number > kMaxCSeq) {
        return bad("CSeq number is not a number below 2^31");
    }
    const auto cseqMethod = osip::orEmpty(m->cseq->method);
    if (!text::isToken(cseqMethod)) {
        return bad("CSeq method is not a token");
    }
    if (message.isRequest()) {
        if (cseqMethod != message.method()) {
            return bad("CSeq method " + cseqMethod + " does not match the request method " +
                       message.method());
        }
        if (maxForwards) {
            const auto hops = text::parseUnsigned<int>(text::trim(*maxForwards));
            if (!hops || *hops > kMaxMaxForwards) {
                return bad("Max-Forwards is not a number from 0 to 255");
            }
        }
    }
    return std::nullopt;
}

}  // namespace callvault::server::sip::checks
