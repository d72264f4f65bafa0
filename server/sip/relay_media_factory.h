#pragma once

#include "server/media/media_relay.h"
#include "server/sip/call_media_port.h"

namespace callvault::server::sip {

/// CallMediaFactory over the server's media relay (server/media): the B2BUA's calls get their RTP anchored,
/// relayed and recorded there.
class RelayMediaFactory : public CallMediaFactory {
public:
    explicit RelayMediaFactory(media::MediaRelay& relay) : m_relay(relay) {}
    /// Throws media::MediaError (a std::runtime_error) when no port pair is left.
    std::shared_ptr<CallMediaPort> createCall(const std::string& callTag) override;

private:
    media::MediaRelay& m_relay;
};

/// The relay's description of a leg's media from the SDP's.
media::RemoteMedia toRemoteMedia(const MediaRemote& remote);

}  // namespace callvault::server::sip
