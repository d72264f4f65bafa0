#pragma once

#include "server/record/recording_metadata.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace callvault::server::media {

/// No RTP port pair is left in the configured range, or a socket could not be opened. The SIP layer answers
/// the INVITE with 503 (or 488) and the call is not set up.
class MediaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The two legs of a B2BUA call: A faces the caller, B the callee.
enum class Leg : std::uint8_t { A = 0, B = 1 };

/// RFC 3264 direction of a stream, as the remote party's SDP states it about itself.
enum class MediaDirection : std::uint8_t { SendRecv, SendOnly, RecvOnly, Inactive };

/// Where the server receives a leg's RTP: put it in the c= and m= lines of the SDP sent on that leg.
/// RTCP is on port + 1.
struct MediaEndpoint {
    std::string address;     ///< advertised address (IPv4 or IPv6 literal)
    std::uint16_t port = 0;  ///< even RTP port

    bool operator==(const MediaEndpoint&) const = default;
};

/// What a leg's SDP (offer or answer) says about its audio stream. Passed again on every re-INVITE/UPDATE.
struct RemoteMedia {
    std::string address;     ///< c= address; "0.0.0.0", "::" or "" mean "send nothing here" (RFC 2543 hold)
    std::uint16_t port = 0;  ///< m= port; 0 = stream disabled
    std::vector<std::uint8_t> audioPayloadTypes;            ///< negotiated codecs in order: 0 PCMU, 8 PCMA
    std::optional<std::uint8_t> telephoneEventPayloadType;  ///< RFC 4733 (e.g. 101), when negotiated
    MediaDirection direction = MediaDirection::SendRecv;    ///< sendonly/inactive = this party put us on hold

    bool operator==(const RemoteMedia&) const = default;
};

/// One RFC 4733 telephone-event, reported once at its end (E bit; the repeated end packets are ignored).
struct DtmfEvent {
    Leg from = Leg::A;                  ///< the leg it arrived on
    std::uint8_t event = 0;             ///< 0-9 digits, 10 '*', 11 '#', 12-15 A-D, others as sent
    char digit = '?';                   ///< '0'..'9', '*', '#', 'A'..'D'; '?' for other events
    std::uint16_t durationSamples = 0;  ///< at 8 kHz
    std::uint32_t rtpTimestamp = 0;     ///< the event's RTP timestamp (its start)

    bool operator==(const DtmfEvent&) const = default;
};

/// Counters of one leg's incoming stream (what arrived on the server's socket of that leg).
struct LegStats {
    std::uint64_t packetsIn = 0;   ///< valid RTP received
    std::uint64_t packetsOut = 0;  ///< relayed to this leg's remote (sent on this leg's socket)
    std::uint64_t badPackets = 0;  ///< not RTP (malformed header, wrong version, truncated): dropped
    std::uint64_t lost = 0;        ///< sequence gaps per SSRC
    std::uint64_t dtmfEvents = 0;
    bool latched = false;  ///< the remote address was learnt from a packet (symmetric RTP)
    MediaEndpoint source;  ///< where the leg's RTP comes from (after latching), else the SDP's
};

/// Everything known about a call's media at its end, handed to stop()'s completion.
struct CallMediaResult {
    LegStats a;
    LegStats b;
    std::vector<DtmfEvent> dtmf;
    std::vector<record::FinishedRecording> recordings;  ///< finished, CDR row inserted
    std::vector<std::string> recordingErrors;  ///< recordings that failed (kept in spool/ for recovery)
};

/// The media of one B2BUA call: two anchored RTP port pairs (one per leg). Every packet that arrives on a leg
/// is relayed unchanged to the other leg's remote and, while recording, fed to the recorder.
///
/// Made by MediaRelay::createCall(). All methods are thread safe (they hand the work to the call's strand)
/// and never block on the disk. The object lives until stop() has finished, even if the caller drops its
/// pointer.
class CallMedia {
public:
    virtual ~CallMedia() = default;

    /// The log tag given to createCall() (e.g. the SIP Call-ID of leg A).
    virtual const std::string& tag() const = 0;
    /// Where the server receives leg A's media: goes into the SDP sent to the caller. Fixed for the call.
    virtual MediaEndpoint localEndpointA() const = 0;
    /// Where the server receives leg B's media: goes into the SDP sent to the callee. Fixed for the call.
    virtual MediaEndpoint localEndpointB() const = 0;
    virtual MediaEndpoint localEndpoint(Leg leg) const = 0;

    /// The remote media of leg A (from the caller's offer, or its answer to a re-INVITE). Callable again at
    /// any time (hold/resume, new address): a new address or port drops the latch, so the next packet from
    /// the leg is latched again.
    virtual void setRemoteA(const RemoteMedia& remote) = 0;
    /// The same for leg B (the callee's answer, early media in 183, re-INVITEs).
    virtual void setRemoteB(const RemoteMedia& remote) = 0;
    virtual void setRemote(Leg leg, const RemoteMedia& remote) = 0;

    /// Starts a recording at the answer: channel 1 is `userLeg`'s audio, channel 2 the other leg's. May be
    /// called once per recorded user of the call (§29: a call between two user numbers is recorded twice,
    /// each with its own call ID). Returns false, logging why, when recordings are refused (recording alarm:
    /// disk full or failing; server stopping; call already stopped); the call goes on unrecorded. Creating
    /// the spool files runs on the blocking pool; packets in between are kept and fed once it is ready.
    virtual bool startRecording(const record::RecordingMetadata& metadata, Leg userLeg) = 0;
    /// Rewrites the recordings' sidecars (e.g. the other number after a transfer): matched by call ID.
    virtual void updateRecordingMetadata(const record::RecordingMetadata& metadata) = 0;

    /// Called on the call's strand for every telephone-event that ends (RFC 4733), in arrival order.
    virtual void setDtmfHandler(std::function<void(const DtmfEvent&)> handler) = 0;
    /// The telephone-events seen so far.
    virtual std::vector<DtmfEvent> dtmfEvents() const = 0;
    /// Counters as of the call's last tick (at most MediaSettings::tickInterval old); the final ones come
    /// with stop()'s result.
    virtual LegStats legStats(Leg leg) const = 0;

    /// Hang-up. Asynchronous and idempotent: stops relaying at once, closes the sockets and returns the port
    /// pairs to the relay; then on the blocking pool finishes every recording, inserts its CDR row
    /// (Store::insertRecording) and releases its spool entry, and finally calls `done` (on a pool thread)
    /// once. A later stop() only adds its `done`, called when the first finishes.
    virtual void stop(std::function<void(const CallMediaResult&)> done = {}) = 0;
    /// True once stop() was called.
    virtual bool stopped() const = 0;
};

}  // namespace callvault::server::media
