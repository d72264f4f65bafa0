#include "server/app/config_loader.h"

// Boost.Program_options' typed_value::notify trips GCC 12's flow-based -Wnull-dereference once inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/program_options.hpp>
#pragma GCC diagnostic pop

#include "server/sip/sip_uri_target.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>

#ifndef CALLVAULT_VERSION
#define CALLVAULT_VERSION "0.1.0"
#endif

namespace po = boost::program_options;

namespace callvault::server {
namespace {

/// An error in a value, without the option's name (the caller adds it and where it came from).
using ValueError = std::optional<std::string>;

struct OptionSpec {
    const char* flag;     ///< long flag without "--"
    const char* fileKey;  ///< key in callvaultd.conf, section-qualified
    const char* valueName;
    const char* help;
    std::function<ValueError(Config&, const std::string&)> apply;
    std::function<std::string(const Config&)> show;  ///< current value, for the help's defaults
};

template <typename T>
std::optional<T> parseNumber(const std::string& text) {
    T value{};
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

/// Parses an integer in [min, max] into `out`.
template <typename T>
ValueError setNumber(T& out, const std::string& text, long long min, long long max) {
    const auto value = parseNumber<long long>(text);
    if (!value) {
        return "'" + text + "' is not a whole number";
    }
    if (*value < min || *value > max) {
        return std::to_string(*value) + " is out of range (" + std::to_string(min) + " to " +
               std::to_string(max) + ")";
    }
    out = static_cast<T>(*value);
    return std::nullopt;
}

ValueError setBool(bool& out, const std::string& text) {
    if (text == "true" || text == "yes" || text == "on" || text == "1") {
        out = true;
    } else if (text == "false" || text == "no" || text == "off" || text == "0") {
        out = false;
    } else {
        return "'" + text + "' is not true or false";
    }
    return std::nullopt;
}

ValueError setNonEmpty(std::string& out, const std::string& text) {
    if (text.empty()) {
        return std::string("must not be empty");
    }
    out = text;
    return std::nullopt;
}

bool isIpAddress(const std::string& text) {
    std::array<unsigned char, 16> buffer{};
    return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

constexpr long long kMaxSeconds = 365LL * 24 * 3600;

/// A leg-B target: a sip: URI whose host is an IP literal (no DNS on the call path).
ValueError checkSipTarget(const std::string& uri) {
    if (!sip::peerForUri(uri)) {
        return "'" + uri + "' is not a sip: URI with an IP address (sip:192.0.2.1:5060;transport=udp)";
    }
    return std::nullopt;
}

/// One `NUMBER=URI` of --sip-contact / [sip] contact.
ValueError addSipContact(SipConfig& sip, const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0) {
        return "'" + text + "' is not NUMBER=URI";
    }
    const std::string number = text.substr(0, equals);
    const std::string uri = text.substr(equals + 1);
    if (number.find_first_of(" \t;@:") != std::string::npos) {
        return "'" + number + "' is not a number";
    }
    if (auto problem = checkSipTarget(uri)) {
        return problem;
    }
    sip.contacts[number] = uri;
    return std::nullopt;
}

ValueError setNodeId(std::string& out, const std::string& text) {
    const auto ok = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); };
    if (text.size() != 2 || !ok(text[0]) || !ok(text[1])) {
        return "'" + text + "' is not two of 0-9 A-Z";
    }
    out = text;
    return std::nullopt;
}

const std::vector<OptionSpec>& optionSpecs() {
    static const std::vector<OptionSpec> specs{
        {"data-dir", "data-dir", "DIR", "data directory (database, certificate, recordings)",
         [](Config& c, const std::string& v) { return setNonEmpty(c.dataDir, v); },
         [](const Config& c) { return c.dataDir; }},
        {"api-address", "api.address", "IP", "IP address the HTTPS API listens on (0.0.0.0 or :: for all)",
         [](Config& c, const std::string& v) -> ValueError {
             if (!isIpAddress(v)) {
                 return "'" + v + "' is not an IPv4 or IPv6 address";
             }
             c.apiAddress = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.apiAddress; }},
        {"api-port", "api.port", "PORT", "TCP port of the HTTPS API (0 = any free port)",
         [](Config& c, const std::string& v) { return setNumber(c.apiPort, v, 0, 65535); },
         [](const Config& c) { return std::to_string(c.apiPort); }},
        {"tls-cert", "api.tls-cert", "FILE",
         "PEM certificate (chain); empty = <data-dir>/tls/server.crt, made on first start",
         [](Config& c, const std::string& v) -> ValueError {
             c.tlsCert = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.tlsCert; }},
        {"tls-key", "api.tls-key", "FILE", "PEM private key of --tls-cert",
         [](Config& c, const std::string& v) -> ValueError {
             c.tlsKey = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.tlsKey; }},
        {"max-body-bytes", "api.max-body-bytes", "N", "largest accepted request body; larger ones get 413",
         [](Config& c, const std::string& v) { return setNumber(c.maxBodyBytes, v, 1024, 1LL << 30); },
         [](const Config& c) { return std::to_string(c.maxBodyBytes); }},
        {"read-timeout-seconds", "api.read-timeout-seconds", "S",
         "a request must arrive completely within S seconds",
         [](Config& c, const std::string& v) { return setNumber(c.readTimeoutSeconds, v, 1, 3600); },
         [](const Config& c) { return std::to_string(c.readTimeoutSeconds); }},
        {"threads", "threads", "N", "network threads (0 = one per core)",
         [](Config& c, const std::string& v) { return setNumber(c.threads, v, 0, 256); },
         [](const Config& c) { return std::to_string(c.threads); }},
        {"session-idle-seconds", "auth.session-idle-seconds", "S", "a session unused for S seconds ends",
         [](Config& c, const std::string& v) { return setNumber(c.sessionIdleSeconds, v, 1, kMaxSeconds); },
         [](const Config& c) { return std::to_string(c.sessionIdleSeconds); }},
        {"max-failed-logins", "auth.max-failed-logins", "N",
         "consecutive failed logins before the account is locked",
         [](Config& c, const std::string& v) { return setNumber(c.maxFailedLogins, v, 1, 1000); },
         [](const Config& c) { return std::to_string(c.maxFailedLogins); }},
        {"lockout-seconds", "auth.lockout-seconds", "S", "how long a locked account stays locked",
         [](Config& c, const std::string& v) { return setNumber(c.lockoutSeconds, v, 1, kMaxSeconds); },
         [](const Config& c) { return std::to_string(c.lockoutSeconds); }},
        {"smtp-url", "smtp.url", "URL", "mail server, smtp://host:port or smtps://host; empty = no e-mail",
         [](Config& c, const std::string& v) -> ValueError {
             if (!v.empty() && v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0) {
                 return "'" + v + "' does not start with smtp:// or smtps://";
             }
             c.smtp.url = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.smtp.url; }},
        {"smtp-from", "smtp.from", "ADDRESS", "sender address of e-mail",
         [](Config& c, const std::string& v) -> ValueError {
             c.smtp.from = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.smtp.from; }},
        {"smtp-user", "smtp.user", "NAME", "SMTP user name (optional)",
         [](Config& c, const std::string& v) -> ValueError {
             c.smtp.username = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.smtp.username; }},
        {"smtp-password", "smtp.password", "SECRET", "SMTP password (optional)",
         [](Config& c, const std::string& v) -> ValueError {
             c.smtp.password = v;
             return std::nullopt;
         },
         [](const Config&) { return std::string(); }},
        {"smtp-require-tls", "smtp.require-tls", "BOOL", "refuse to send e-mail without STARTTLS",
         [](Config& c, const std::string& v) { return setBool(c.smtp.requireTls, v); },
         [](const Config& c) { return std::string(c.smtp.requireTls ? "true" : "false"); }},
        {"sip-enabled", "sip.enabled", "BOOL", "run the SIP B2BUA (calls are recorded only when it runs)",
         [](Config& c, const std::string& v) { return setBool(c.sip.enabled, v); },
         [](const Config& c) { return std::string(c.sip.enabled ? "true" : "false"); }},
        {"sip-address", "sip.address", "IP", "IP address of the SIP transport (UDP+TCP) and the RTP sockets",
         [](Config& c, const std::string& v) -> ValueError {
             if (!isIpAddress(v)) {
                 return "'" + v + "' is not an IPv4 or IPv6 address";
             }
             c.sip.address = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.sip.address; }},
        {"sip-port", "sip.port", "PORT", "SIP port, UDP and TCP (0 = any free port)",
         [](Config& c, const std::string& v) { return setNumber(c.sip.port, v, 0, 65535); },
         [](const Config& c) { return std::to_string(c.sip.port); }},
        {"sip-advertised-host", "sip.advertised-host", "HOST",
         "address put in our Via, Contact and SDP; empty = --sip-address (set it when binding 0.0.0.0)",
         [](Config& c, const std::string& v) -> ValueError {
             if (!v.empty() && !isIpAddress(v)) {
                 return "'" + v + "' is not an IPv4 or IPv6 address";
             }
             c.sip.advertisedHost = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.sip.advertisedHost; }},
        {"sip-downstream", "sip.downstream", "URI",
         "proxy/PBX/trunk for leg B of calls without a contact, sip:IP:PORT;transport=udp|tcp",
         [](Config& c, const std::string& v) -> ValueError {
             if (!v.empty()) {
                 if (auto problem = checkSipTarget(v)) {
                     return problem;
                 }
             }
             c.sip.downstream = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.sip.downstream; }},
        {"rtp-port-min", "sip.rtp-port-min", "PORT", "lowest RTP port of the media anchor",
         [](Config& c, const std::string& v) { return setNumber(c.sip.rtpPortMin, v, 1024, 65534); },
         [](const Config& c) { return std::to_string(c.sip.rtpPortMin); }},
        {"rtp-port-max", "sip.rtp-port-max", "PORT", "highest RTP port of the media anchor",
         [](Config& c, const std::string& v) { return setNumber(c.sip.rtpPortMax, v, 1025, 65535); },
         [](const Config& c) { return std::to_string(c.sip.rtpPortMax); }},
        {"node-id", "sip.node-id", "ID", "this node's two characters (0-9 A-Z) in call IDs",
         [](Config& c, const std::string& v) { return setNodeId(c.sip.nodeId, v); },
         [](const Config& c) { return c.sip.nodeId; }},
        {"ready-file", "ready-file", "FILE", "write \"<port>\\n\" here once the API listens",
         [](Config& c, const std::string& v) -> ValueError {
             c.readyFile = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.readyFile; }},
        {"log-level", "log-level", "LEVEL", "debug, info, warning or error",
         [](Config& c, const std::string& v) -> ValueError {
             if (v != "debug" && v != "info" && v != "warning" && v != "error") {
                 return "'" + v + "' is not debug, info, warning or error";
             }
             c.logLevel = v;
             return std::nullopt;
         },
         [](const Config& c) { return c.logLevel; }},
    };
    return specs;
}

std::string helpText(const po::options_description& flags) {
    std::ostringstream out;
    out << "Usage: callvaultd [options]\n"
           "       callvaultd admin <command> [--data-dir DIR | --config FILE] ...  (callvaultd admin "
           "--help)\n\n"
           "Runs the CallVault server in the foreground. Flags override the --config file; the file's keys\n"
           "are the flag names grouped in sections ([api] port=8443 is --api-port 8443).\n\n"
        << flags;
    return out.str();
}

/// Applies every value in `values` for which `keyOf(spec)` is present; the first bad value is returned.
std::string applyValues(Config& config, const po::variables_map& values,
                        const std::function<std::string(const OptionSpec&)>& keyOf,
                        const std::function<std::string(const OptionSpec&)>& describe) {
    for (const auto& spec : optionSpecs()) {
        const auto key = keyOf(spec);
        if (values.count(key) == 0) {
            continue;
        }
        if (const auto problem = spec.apply(config, values[key].as<std::string>())) {
            return describe(spec) + ": " + *problem;
        }
    }
    return {};
}

}  // namespace

ConfigLoadResult loadConfig(const std::vector<std::string>& args) {
    ConfigLoadResult result;
    const Config defaults;

    po::options_description flags("Options", 110, 60);
    flags.add_options()("help,h", "show this help and exit")("version", "show the version and exit")(
        "config", po::value<std::string>()->value_name("FILE"), "read settings from this INI file first");
    po::options_description fileKeys;
    // NUMBER=URI pairs may be given many times, so they are not one of the single-valued specs.
    flags.add_options()("sip-contact", po::value<std::vector<std::string>>()->composing()->value_name("NUMBER=URI"),
                        "leg B of calls to NUMBER goes to URI (repeatable) [sip.contact]");
    fileKeys.add_options()("sip.contact", po::value<std::vector<std::string>>()->composing());
    for (const auto& spec : optionSpecs()) {
        std::string help = spec.help;
        const auto shown = spec.show(defaults);
        help += " [" + std::string(spec.fileKey) + (shown.empty() ? "]" : "; default " + shown + "]");
        auto* value = po::value<std::string>()->value_name(spec.valueName);
        if (std::string_view(spec.flag) == "smtp-require-tls") {
            value->implicit_value("true");
        }
        flags.add_options()(spec.flag, value, help.c_str());
        fileKeys.add_options()(spec.fileKey, po::value<std::string>());
    }

    po::variables_map flagValues;
    try {
        const auto parsed =
            po::command_line_parser(args)
                .options(flags)
                .style(po::command_line_style::unix_style & ~po::command_line_style::allow_guessing)
                .run();
        for (const auto& option : parsed.options) {
            if (option.position_key != -1) {
                result.error = "unexpected argument '" + option.value.front() + "' (see callvaultd --help)";
                return result;
            }
        }
        po::store(parsed, flagValues);
    } catch (const po::error& e) {
        result.error = std::string(e.what()) + " (see callvaultd --help)";
        return result;
    }
    if (flagValues.count("help") != 0) {
        result.action = StartAction::ShowHelp;
        result.text = helpText(flags);
        return result;
    }
    if (flagValues.count("version") != 0) {
        result.action = StartAction::ShowVersion;
        result.text = "callvaultd " + std::string(versionString()) + "\n";
        return result;
    }

    if (flagValues.count("config") != 0) {
        const auto path = flagValues["config"].as<std::string>();
        std::ifstream file(path);
        if (!file) {
            result.error = "cannot read the config file '" + path + "'";
            return result;
        }
        po::variables_map fileValues;
        try {
            po::store(po::parse_config_file(file, fileKeys, false), fileValues);
        } catch (const po::error& e) {
            result.error = path + ": " + e.what();
            return result;
        }
        result.error = applyValues(
            result.config, fileValues, [](const OptionSpec& s) { return std::string(s.fileKey); },
            [&path](const OptionSpec& s) { return path + ": " + s.fileKey; });
        if (!result.error.empty()) {
            return result;
        }
        if (fileValues.count("sip.contact") != 0) {
            for (const auto& contact : fileValues["sip.contact"].as<std::vector<std::string>>()) {
                if (contact.empty()) {
                    continue;
                }
                if (auto problem = addSipContact(result.config.sip, contact)) {
                    result.error = path + ": sip.contact: " + *problem;
                    return result;
                }
            }
        }
    }
    result.error = applyValues(
        result.config, flagValues, [](const OptionSpec& s) { return std::string(s.flag); },
        [](const OptionSpec& s) { return "--" + std::string(s.flag); });
    if (!result.error.empty()) {
        return result;
    }
    if (flagValues.count("sip-contact") != 0) {
        for (const auto& contact : flagValues["sip-contact"].as<std::vector<std::string>>()) {
            if (auto problem = addSipContact(result.config.sip, contact)) {
                result.error = "--sip-contact: " + *problem;
                return result;
            }
        }
    }
    if (result.config.sip.rtpPortMin + 3 > result.config.sip.rtpPortMax) {
        result.error = "--rtp-port-min must be at least 4 below --rtp-port-max (two port pairs a call)";
        return result;
    }
    if (result.config.tlsCert.empty() != result.config.tlsKey.empty()) {
        result.error = "--tls-cert and --tls-key must be given together";
    }
    return result;
}

std::string configFileKey(std::string_view flag) {
    for (const auto& spec : optionSpecs()) {
        if (flag == spec.flag) {
            return spec.fileKey;
        }
    }
    return {};
}

std::vector<std::string> configFlags() {
    std::vector<std::string> names;
    for (const auto& spec : optionSpecs()) {
        names.emplace_back(spec.flag);
    }
    return names;
}

std::string_view versionString() {
    return CALLVAULT_VERSION;
}

}  // namespace callvault::server
