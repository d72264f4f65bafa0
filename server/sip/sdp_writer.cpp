#include "server/sip/sdp_writer.h"

#include "server/sip/sdp_lines.h"
#include "server/sip/sip_text.h"

#include <array>

namespace callvault::server::sip {

namespace {

using text::kCrlf;

// Attributes that carry the peer's own transport addresses (RFC 3605 rtcp, RFC 8839 ICE): passed on, they
// would let the far end send around the anchor.
bool bypassesAnchor(std::string_view value) {
    static constexpr std::array<std::string_view, 7> kNames{
        "rtcp", "candidate", "remote-candidates", "end-of-candidates", "ice-ufrag", "ice-pwd", "ice-options"};
    const auto name = value.substr(0, value.find(':'));
    for (const auto candidate : kNames) {
        if (name == candidate) {
            return true;
        }
    }
    return false;
}

std::string connectionLine(const sdp::Connection& original, std::string_view address) {
    if (isNullAddress(original.address)) {
        return "c=" + original.networkType + " " + original.addressType + " " + original.address;
    }
    return "c=IN " + std::string(sdp::addressTypeOf(address)) + " " + std::string(address);
}

std::string mediaLine(const sdp::MediaLine& line, std::uint16_t port) {
    std::string out = "m=" + line.type + " " + std::to_string(port) + " " + line.protocol;
    for (const auto& format : line.formats) {
        out += " " + format;
    }
    return out;
}

}  // namespace

std::string buildAudioSdp(const SdpAudioDescription& d) {
    const std::string addressType(sdp::addressTypeOf(d.address));
    std::string out;
    out += "v=0\r\n";
    out += "o=" + d.originUser + " " + std::to_string(d.sessionId) + " " + std::to_string(d.sessionVersion) +
           " IN " + addressType + " " + d.address + "\r\n";
    out += "s=-\r\n";
    out += "c=IN " + addressType + " " + d.address + "\r\n";
    out += "t=0 0\r\n";
    out += "m=audio " + std::to_string(d.port) + " RTP/AVP";
    for (const auto& payload : d.payloads) {
        out += " " + std::to_string(payload.payloadType);
    }
    out += "\r\n";
    for (const auto& payload : d.payloads) {
        out += "a=rtpmap:" + std::to_string(payload.payloadType) + " " + payload.encoding + "/" +
               std::to_string(payload.clockRate);
        if (payload.channels != 1) {
            out += "/" + std::to_string(payload.channels);
        }
        out += "\r\n";
        if (const auto it = d.fmtp.find(payload.payloadType); it != d.fmtp.end()) {
            out += "a=fmtp:" + std::to_string(payload.payloadType) + " " + it->second + "\r\n";
        }
    }
    if (d.ptime) {
        out += "a=ptime:" + std::to_string(*d.ptime) + "\r\n";
    }
    out += "a=" + std::string(toString(d.direction)) + "\r\n";
    return out;
}

std::optional<std::string> anchorSdp(std::string_view body, const SdpAnchor& anchor) {
    if (!parseSdp(body)) {
        return std::nullopt;
    }
    const auto lines = sdp::splitLines(body);
    std::string out;
    out.reserve(body.size() + 64);
    bool audioAnchored = false;
    bool inAnchoredMedia = false;
    bool inMedia = false;
    for (const auto& line : *lines) {
        std::string replacement(line.text);
        if (line.type == 'm') {
            const auto m = sdp::parseMediaLine(line.value);
            inMedia = true;
            inAnchoredMedia = !audioAnchored && m->type == "audio" && m->port != 0;
            if (inAnchoredMedia) {
                audioAnchored = true;
                replacement = mediaLine(*m, anchor.audioPort);
            } else if (m->port != 0) {
                replacement = mediaLine(*m, 0);
            }
        } else if (line.type == 'c' && (!inMedia || inAnchoredMedia)) {
            replacement = connectionLine(*sdp::parseConnection(line.value), anchor.address);
        } else if (line.type == 'a' && (!inMedia || inAnchoredMedia) && bypassesAnchor(line.value)) {
            continue;
        }
        out += replacement;
        out += kCrlf;
    }
    return out;
}

}  // namespace callvault::server::sip
