#include "server/sip/osip_util.h"

#include <algorithm>
#include <cctype>
#include <cstdarg>
#include <mutex>

namespace callvault::server::sip::osip {

namespace {

constexpr std::string_view kEscapedNul = "%00";
constexpr std::string_view kNulStandIn = "%C0%80";

void discardTrace(const char* /*file*/, int /*line*/, osip_trace_level_t /*level*/, const char* /*format*/,
                  va_list /*args*/) {}

}  // namespace

void ensureInitialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        parser_init();
        // libosip2 prints every parse error to stderr; a refused message is reported by us instead.
        osip_trace_initialize_func(END_TRACE_LEVEL, &discardTrace);
        for (int level = TRACE_LEVEL0; level < END_TRACE_LEVEL; ++level) {
            osip_trace_disable_level(static_cast<osip_trace_level_t>(level));
        }
    });
}

void freeString(char* text) noexcept {
    osip_free(text);
}

char* duplicate(std::string_view text) {
    const std::string copy = toOsip(text);
    return osip_strdup(copy.c_str());
}

std::string toOsip(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\0') {
            out.push_back(' ');
        } else if (text.compare(i, kEscapedNul.size(), kEscapedNul) == 0) {
            out += kNulStandIn;
            i += kEscapedNul.size() - 1;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string fromOsip(std::string text) {
    for (auto pos = text.find(kNulStandIn); pos != std::string::npos; pos = text.find(kNulStandIn, pos)) {
        text.replace(pos, kNulStandIn.size(), kEscapedNul);
        pos += kEscapedNul.size();
    }
    return text;
}

osip_uri_param_t* findParam(const osip_list_t* list, std::string_view name) {
    if (list == nullptr) {
        return nullptr;
    }
    const int size = osip_list_size(list);
    for (int i = 0; i < size; ++i) {
        auto* param = listAt<osip_uri_param_t>(list, i);
        if (param == nullptr || param->gname == nullptr) {
            continue;
        }
        const std::string_view paramName(param->gname);
        if (paramName.size() == name.size() &&
            std::equal(paramName.begin(), paramName.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            return param;
        }
    }
    return nullptr;
}

std::string orEmpty(const char* text) {
    return text == nullptr ? std::string() : fromOsip(std::string(text));
}

}  // namespace callvault::server::sip::osip
