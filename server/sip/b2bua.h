#pragma once

#include "server/sip/b2bua_call.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace callvault::server::sip {

/// The B2BUA's message handler: new INVITEs become calls (B2buaCall), every later message goes to its call
/// by Call-ID (leg A's or leg B's). Out-of-dialog requests it does not know are left to the next handler
/// (OPTIONS responder, 501); stray responses and ACKs are dropped. Thread safe: `handle` runs on the
/// transport's strands, each call on its own.
class B2bua : public SipMessageHandler {
public:
    /// `env` is copied; its callbacks for registration are set here.
    B2bua(boost::asio::io_context& io, B2buaEnvironment env);

    /// What depends on the started transport: the sender of the calls' messages, host:port of our Contact,
    /// our Via. Until this is called, INVITEs are answered 503.
    void attachTransport(SipSender& sender, std::string contactHost,
                         std::function<SipViaSpec(SipTransportKind)> via);

    bool handle(SipIncoming& incoming, SipSender& sender) override;

    /// Stops taking calls (new INVITEs get 503), ends every call (BYE / CANCEL / 503) and calls `done` on
    /// some thread once every call's media is stopped and its recording finished. Call once.
    void shutdown(std::function<void()> done);

    /// Calls whose media is not stopped yet.
    std::size_t activeCalls() const;
    /// Calls still known (including those lingering after their end).
    std::size_t knownCalls() const;

private:
    void finished(const B2buaCall& call);
    void released(const B2buaCall& call);
    void publishGauge();

    boost::asio::io_context& m_io;
    B2buaEnvironment m_env;
    mutable std::mutex m_mutex;
    std::map<std::string, std::pair<std::shared_ptr<B2buaCall>, LegSide>> m_byCallId;
    std::size_t m_active = 0;
    bool m_stopping = false;
    bool m_attached = false;
    std::function<void()> m_onIdle;
};

}  // namespace callvault::server::sip
