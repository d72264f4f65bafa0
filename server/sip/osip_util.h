#pragma once

// Small adapters over libosip2's C API for the files of server/sip (not a public interface).

#include <osipparser2/osip_parser.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::sip::osip {

/// Calls parser_init() once for the process and silences libosip2's stderr trace. Thread safe.
void ensureInitialised();

/// Frees memory that libosip2 allocated (strings from *_to_str, osip_strdup...).
void freeString(char* text) noexcept;

/// A libosip2 string copy of `text` (to hand ownership to libosip2).
char* duplicate(std::string_view text);

/// Text on its way into libosip2. libosip2 unescapes URIs into C strings, so an escaped NUL ("%00", legal in
/// a user part, RFC 4475 §3.1.1.4) would cut them short: it travels as "%C0%80" (the overlong UTF-8 form of
/// NUL, never valid UTF-8 otherwise), which unescapes to two non-NUL octets and escapes back unchanged. A raw
/// NUL octet (legal only as a quoted-pair) becomes SP.
std::string toOsip(std::string_view text);
/// Text on its way out of libosip2: "%C0%80" back to "%00".
std::string fromOsip(std::string text);

/// Serialises any libosip2 header or URI with its `*_to_str` function; nullopt when it fails.
template <typename T>
std::optional<std::string> toString(const T* value, int (*toStr)(const T*, char**)) {
    if (value == nullptr) {
        return std::nullopt;
    }
    char* text = nullptr;
    if (toStr(value, &text) != 0 || text == nullptr) {
        freeString(text);
        return std::nullopt;
    }
    std::string result(text);
    freeString(text);
    return fromOsip(std::move(result));
}

/// The parameter `name` in a libosip2 generic/URI parameter list (case-insensitive), or nullptr.
osip_uri_param_t* findParam(const osip_list_t* list, std::string_view name);

/// Typed access to element `index` of a libosip2 list.
template <typename T>
T* listAt(const osip_list_t* list, int index) {
    return static_cast<T*>(osip_list_get(list, index));
}

std::string orEmpty(const char* text);

}  // namespace callvault::server::sip::osip
