#include "server/sip/call_media_port.h"

namespace callvault::server::sip {

std::optional<MediaRemote> mediaRemoteFromSdp(const SdpSession& sdp) {
    const SdpMedia* audio = sdp.activeAudio();
    if (audio == nullptr) {
        return std::nullopt;
    }
    MediaRemote remote;
    remote.address = sdp.connectionAddress(*audio);
    remote.port = audio->port;
    for (const int pt : audio->payloadTypes()) {
        if (auto map = audio->rtpMap(pt)) {
            remote.payloads.push_back(*map);
        }
    }
    remote.telephoneEvent = audio->telephoneEventPayload();
    remote.direction = sdp.effectiveDirection(*audio);
    remote.hold = sdp.isHold(*audio);
    return remote;
}

}  // namespace callvault::server::sip
