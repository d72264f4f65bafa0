#include "server/sip/sdp.h"

#include "server/sip/sdp_lines.h"
#include "server/sip/sip_text.h"

#include <algorithm>

namespace callvault::server::sip {

namespace {

std::optional<SdpDirection> directionAttribute(std::string_view attribute) {
    if (attribute == "sendrecv") {
        return SdpDirection::SendRecv;
    }
    if (attribute == "sendonly") {
        return SdpDirection::SendOnly;
    }
    if (attribute == "recvonly") {
        return SdpDirection::RecvOnly;
    }
    if (attribute == "inactive") {
        return SdpDirection::Inactive;
    }
    return std::nullopt;
}

// a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
std::optional<SdpRtpMap> parseRtpMap(std::string_view value) {
    const auto words = sdp::splitWords(value);
    if (words.size() != 2) {
        return std::nullopt;
    }
    const auto pt = text::parseUnsigned<int>(words[0]);
    const auto slash = words[1].find('/');
    if (!pt || *pt > 127 || slash == std::string_view::npos || slash == 0) {
        return std::nullopt;
    }
    SdpRtpMap map;
    map.payloadType = *pt;
    map.encoding = std::string(words[1].substr(0, slash));
    const auto rest = words[1].substr(slash + 1);
    const auto slash2 = rest.find('/');
    const auto clock = text::parseUnsigned<int>(rest.substr(0, slash2));
    if (!clock || *clock == 0) {
        return std::nullopt;
    }
    map.clockRate = *clock;
    if (slash2 != std::string_view::npos) {
        const auto channels = text::parseUnsigned<int>(rest.substr(slash2 + 1));
        if (!channels || *channels == 0) {
            return std::nullopt;
        }
        map.channels = *channels;
    }
    return map;
}

void applyAttribute(std::string_view value, SdpSession& session, SdpMedia* media) {
    const auto colon = value.find(':');
    const auto name = value.substr(0, colon);
    const auto rest = colon == std::string_view::npos ? std::string_view() : value.substr(colon + 1);
    if (const auto direction = directionAttribute(name)) {
        (media != nullptr ? media->direction : session.direction) = direction;
        return;
    }
    if (media == nullptr) {
        return;
    }
    if (name == "rtpmap") {
        if (auto map = parseRtpMap(rest)) {
            media->rtpMaps.push_back(std::move(*map));
        }
    } else if (name == "fmtp") {
        const auto space = rest.find(' ');
        if (const auto pt = text::parseUnsigned<int>(rest.substr(0, space));
            pt && space != std::string_view::npos) {
            media->fmtp[*pt] = std::string(text::trim(rest.substr(space + 1)));
        }
    } else if (name == "ptime") {
        media->ptime = text::parseUnsigned<int>(text::trim(rest));
    }
}

}  // namespace

std::string_view toString(SdpDirection direction) {
    switch (direction) {
        case SdpDirection::SendRecv:
            return "sendrecv";
        case SdpDirection::SendOnly:
            return "sendonly";
        case SdpDirection::RecvOnly:
            return "recvonly";
        case SdpDirection::Inactive:
            return "inactive";
    }
    return "sendrecv";
}

std::optional<SdpRtpMap> staticRtpMap(int payloadType) {
    switch (payloadType) {
        case 0:
            return SdpRtpMap{0, "PCMU", 8000, 1};
        case 8:
            return SdpRtpMap{8, "PCMA", 8000, 1};
        case 9:
            return SdpRtpMap{9, "G722", 8000, 1};
        case 13:
            return SdpRtpMap{13, "CN", 8000, 1};
        case 18:
            return SdpRtpMap{18, "G729", 8000, 1};
        default:
            return std::nullopt;
    }
}

std::vector<int> SdpMedia::payloadTypes() const {
    std::vector<int> types;
    for (const auto& format : formats) {
        if (const auto pt = text::parseUnsigned<int>(format); pt && *pt <= 127) {
            types.push_back(*pt);
        }
    }
    return types;
}

std::optional<SdpRtpMap> SdpMedia::rtpMap(int payloadType) const {
    const auto it = std::find_if(rtpMaps.begin(), rtpMaps.end(), [payloadType](const SdpRtpMap& map) {
        return map.payloadType == payloadType;
    });
    if (it != rtpMaps.end()) {
        return *it;
    }
    return staticRtpMap(payloadType);
}

std::optional<int> SdpMedia::telephoneEventPayload(int clockRate) const {
    for (const int pt : payloadTypes()) {
        const auto map = rtpMap(pt);
        if (map && text::iequals(map->encoding, "telephone-event") && map->clockRate == clockRate) {
            return pt;
        }
    }
    return std::nullopt;
}

const SdpMedia* SdpSession::activeAudio() const {
    const auto it = std::find_if(media.begin(), media.end(),
                                 [](const SdpMedia& m) { return m.type == "audio" && m.port != 0; });
    return it == media.end() ? nullptr : &*it;
}

std::string SdpSession::connectionAddress(const SdpMedia& m) const {
    return m.address.empty() ? address : m.address;
}

SdpDirection SdpSession::effectiveDirection(const SdpMedia& m) const {
    return m.direction.value_or(direction.value_or(SdpDirection::SendRecv));
}

bool SdpSession::isHold(const SdpMedia& m) const {
    const auto d = effectiveDirection(m);
    return d == SdpDirection::SendOnly || d == SdpDirection::Inactive || isNullAddress(connectionAddress(m));
}

bool isNullAddress(std::string_view address) {
    return address == "0.0.0.0" || address == "::";
}

std::optional<SdpSession> parseSdp(std::string_view body) {
    const auto lines = sdp::splitLines(body);
    if (!lines || lines->empty() || (*lines)[0].type != 'v' || (*lines)[0].value != "0") {
        return std::nullopt;
    }
    SdpSession session;
    SdpMedia* media = nullptr;
    for (const auto& line : *lines) {
        switch (line.type) {
            case 'o': {
                const auto origin = sdp::parseOrigin(line.value);
                if (!origin) {
                    return std::nullopt;
                }
                session.originUser = origin->user;
                session.sessionId = origin->sessionId;
                session.sessionVersion = origin->sessionVersion;
                session.originAddressType = origin->addressType;
                session.originAddress = origin->address;
                break;
            }
            case 'c': {
                const auto connection = sdp::parseConnection(line.value);
                if (!connection) {
                    return std::nullopt;
                }
                (media != nullptr ? media->address : session.address) = connection->address;
                (media != nullptr ? media->addressType : session.addressType) = connection->addressType;
                break;
            }
            case 'm': {
                const auto m = sdp::parseMediaLine(line.value);
                if (!m) {
                    return std::nullopt;
                }
                SdpMedia next;
                next.type = m->type;
                next.port = m->port;
                next.protocol = m->protocol;
                next.formats = m->formats;
                session.media.push_back(std::move(next));
                media = &session.media.back();
                break;
            }
            case 'a':
                applyAttribute(line.value, session, media);
                break;
            default:
                break;
        }
    }
    return session;
}

}  // namespace callvault::server::sip
