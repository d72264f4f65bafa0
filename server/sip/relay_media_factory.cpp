#include "server/sip/relay_media_factory.h"

#include "server/util/log.h"

#include <cctype>

namespace callvault::server::sip {

namespace {

bool isTelephoneEvent(const SdpRtpMap& map) {
    std::string name = map.encoding;
    for (auto& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name == "telephone-event";
}

media::MediaDirection toDirection(SdpDirection direction) {
    switch (direction) {
    case SdpDirection::SendOnly:
        return media::MediaDirection::SendOnly;
    case SdpDirection::RecvOnly:
        return media::MediaDirection::RecvOnly;
    case SdpDirection::Inactive:
        return media::MediaDirection::Inactive;
    case SdpDirection::SendRecv:
        break;
    }
    return media::MediaDirection::SendRecv;
}

class RelayCallMedia : public CallMediaPort {
public:
    explicit RelayCallMedia(std::shared_ptr<media::CallMedia> media) : m_media(std::move(media)) {}

    MediaEndpoint localEndpointA() const override { return convert(m_media->localEndpointA()); }
    MediaEndpoint localEndpointB() const override { return convert(m_media->localEndpointB()); }
    void setRemoteA(const MediaRemote& remote) override { m_media->setRemoteA(toRemoteMedia(remote)); }
    void setRemoteB(const MediaRemote& remote) override { m_media->setRemoteB(toRemoteMedia(remote)); }

    void startRecording(const record::RecordingMetadata& metadata, bool userIsLegA) override {
        if (!m_media->startRecording(metadata, userIsLegA ? media::Leg::A : media::Leg::B)) {
            throw std::runtime_error("the media relay refused the recording");
        }
    }

    void stop(std::function<void(bool recorded)> done) override {
        const std::string tag = m_media->tag();
        m_media->stop([done = std::move(done), tag](const media::CallMediaResult& result) {
            std::string digits;
            for (const auto& event : result.dtmf) {
                digits += event.digit;
            }
            if (!digits.empty()) {
                log::debug("SIP call " + tag + ": DTMF " + digits);
            }
            if (done) {
                done(!result.recordings.empty());
            }
        });
    }

private:
    static MediaEndpoint convert(const media::MediaEndpoint& endpoint) {
        return MediaEndpoint{endpoint.address, endpoint.port};
    }

    std::shared_ptr<media::CallMedia> m_media;
};

}  // namespace

media::RemoteMedia toRemoteMedia(const MediaRemote& remote) {
    media::RemoteMedia media;
    media.address = remote.address;
    media.port = remote.port;
    for (const auto& map : remote.payloads) {
        if (isTelephoneEvent(map)) {
            continue;
        }
        if (map.payloadType >= 0 && map.payloadType < 128) {
            media.audioPayloadTypes.push_back(static_cast<std::uint8_t>(map.payloadType));
        }
    }
    if (remote.telephoneEvent && *remote.telephoneEvent >= 0 && *remote.telephoneEvent < 128) {
        media.telephoneEventPayloadType = static_cast<std::uint8_t>(*remote.telephoneEvent);
    }
    media.direction = toDirection(remote.direction);
    return media;
}

std::shared_ptr<CallMediaPort> RelayMediaFactory::createCall(const std::string& callTag) {
    return std::make_shared<RelayCallMedia>(m_relay.createCall(callTag));
}

}  // namespace callvault::server::sip
