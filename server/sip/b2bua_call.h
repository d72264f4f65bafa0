#pragma once

#include "server/sip/call_id_generator.h"
#include "server/sip/call_media_port.h"
#include "server/sip/call_router.h"
#include "server/sip/sip_client_transaction.h"
#include "server/sip/sip_dialog.h"
#include "server/sip/sip_request_builder.h"
#include "server/sip/sip_server_transaction.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace callvault::server {
class Metrics;
}

namespace callvault::server::sip {

class B2buaCall;

/// The leg a message belongs to: A toward the caller, B toward the callee.
enum class LegSide { A, B };

/// What every call of a B2BUA shares. Everything referenced must outlive the calls.
struct B2buaEnvironment {
    SipSender* sender = nullptr;
    NumberDirectory* directory = nullptr;
    CallMediaFactory* media = nullptr;
    CallIdGenerator* callIds = nullptr;
    Metrics* metrics = nullptr;  ///< optional
    RoutingConfig routing;
    SipTimers timers;
    std::string contactHost;  ///< host[:port] of our Contact URIs
    std::function<SipViaSpec(SipTransportKind)> via;
    /// Runs blocking work (the number lookup) off the network threads.
    std::function<void(std::function<void()>)> runBlocking;
    /// Leg B got its Call-ID: messages with it go to `call`.
    std::function<void(const std::string& callIdB, const std::shared_ptr<B2buaCall>& call)> registerLegB;
    /// The call's media is stopped and its recording finished (the shutdown waits for this).
    std::function<void(const B2buaCall& call)> onFinished;
    /// The call may be forgotten: late retransmissions are no longer absorbed.
    std::function<void(const B2buaCall& call)> onReleased;
};

/// One call through the B2BUA: leg A (we are its UAS) and leg B (we are its UAC), separate dialogs with
/// their own tags, Call-IDs and CSeq, media anchored by a CallMediaPort, recorded from answer to hang-up
/// when the route says so. Lives on its own strand: every method posts there or must be called there.
class B2buaCall : public std::enable_shared_from_this<B2buaCall> {
public:
    enum class State { Routing, Calling, Cancelling, Answered, Ended };

    B2buaCall(boost::asio::io_context& io, const B2buaEnvironment& env);
    B2buaCall(const B2buaCall&) = delete;
    B2buaCall& operator=(const B2buaCall&) = delete;

    /// The initial INVITE (posts to the strand).
    void start(SipIncoming invite);
    /// A later message of either leg (posts to the strand).
    void receive(LegSide side, SipIncoming incoming);
    /// Ends the call now, as at shutdown: BYE to both legs once answered, 503 to A (and CANCEL to B) before
    /// (posts to the strand).
    void terminate(int status = 503);

    const std::string& callIdA() const { return m_callIdA; }
    const std::string& callIdB() const { return m_callIdB; }
    /// Our §5 call ID (set at answer, or at the end for an unanswered call).
    const std::string& callId() const { return m_callId; }
    State state() const { return m_state; }
    CallStrand& strand() { return m_strand; }

private:
    friend struct B2buaCallDialog;

    struct Leg {
        SipDialog dialog;
        SipPeer peer;            ///< where requests toward this leg go
        std::uint32_t cseq = 0;  ///< the last CSeq we used toward this leg
        std::vector<std::shared_ptr<SipServerTransaction>> servers;
        std::vector<std::shared_ptr<SipClientTransaction>> clients;
        SipMessage ack;  ///< our ACK of the latest 2xx to an INVITE of ours
    };

    // setup (b2bua_call.cpp)
    void onStart(SipIncoming invite);
    void onRouted(RouteDecision decision);
    void sendInviteB(const std::string& body);
    void onInviteResponse(const SipMessage& response);
    void onAnswered(const SipMessage& response);
    void onCancel(const SipIncoming& cancel);
    void sendCancelB();
    SipMessage responseToA(int status, std::string_view reason = {}) const;

    // in-dialog (b2bua_call_dialog.cpp)
    void onMessage(LegSide side, SipIncoming incoming);
    void onRequest(LegSide side, SipIncoming incoming);
    void onAck(LegSide side, const SipMessage& ack);
    void onBye(LegSide side, SipIncoming incoming);
    void relayRequest(LegSide side, SipIncoming incoming);
    void onRelayedResponse(LegSide from, const std::shared_ptr<SipServerTransaction>& server,
                           const std::shared_ptr<SipClientTransaction>& client, const SipMessage& response);
    std::shared_ptr<SipClientTransaction> sendInDialog(LegSide to, SipMessage request,
                                                       SipClientTransaction::ResponseHandler onResponse,
                                                       SipClientTransaction::TimeoutHandler onTimeout);
    SipMessage newRequest(LegSide to, std::string_view method, int maxForwards = 70);
    std::optional<std::string> anchorFor(LegSide to, LegSide from, const SipMessage& message);

    // ending (b2bua_call_end.cpp)
    void hangUp(LegSide by, std::string why);
    void onTerminate(int status);
    void finish(std::string outcome);
    void release();
    void startRecording();
    void recordParty(const std::string& callId, const NumberRecord& number, const std::string& userNumber,
                     const std::string& otherNumber, record::CallDirection direction, bool userIsLegA);
    void logSummary(bool recorded) const;

    Leg& leg(LegSide side) { return side == LegSide::A ? m_legA : m_legB; }
    static LegSide other(LegSide side) { return side == LegSide::A ? LegSide::B : LegSide::A; }
    std::string contactFor(LegSide side) const;
    SipPeer peerFor(const SipDialog& dialog, const SipPeer& fallback) const;

    boost::asio::io_context& m_io;
    CallStrand m_strand;
    const B2buaEnvironment& m_env;
    State m_state = State::Routing;

    std::string m_callIdA;
    std::string m_callIdB;
    std::string m_callId;
    std::string m_tagA;  ///< our To tag toward A
    std::shared_ptr<SipServerTransaction> m_inviteA;
    std::shared_ptr<SipClientTransaction> m_inviteB;
    bool m_cancelPending = false;
    Leg m_legA;
    Leg m_legB;
    std::optional<RouteDecision> m_route;
    std::shared_ptr<CallMediaPort> m_media;
    boost::asio::steady_timer m_guard;  ///< bounds the Cancelling state and the linger after the end

    std::int64_t m_inviteUnixMs = 0;
    std::optional<std::chrono::steady_clock::time_point> m_answeredAt;
    std::int64_t m_answerUnixMs = 0;
    std::chrono::steady_clock::time_point m_endedAt;
    int m_finalStatus = 0;
    std::string m_outcome;
    std::vector<std::string> m_recordedCallIds;  ///< the callee's and/or (§29) the caller's recording
    bool m_finished = false;
};

}  // namespace callvault::server::sip
