#pragma once

// A real B2BUA on a real SIP transport (127.0.0.1, any port) with a real SQLite store holding number
// 21122560, and two raw UDP phones: A (the caller) and B (the callee, the number's contact). The phones are
// plain sockets speaking SIP text, so every header the B2BUA sends can be checked. Timers are shortened
// (T1 = 40 ms). The media is a fixed pair of endpoints that remembers what it was told (the relay itself is
// covered by the media tests and the telephony tests).

#include "server/sip/b2bua.h"
#include "server/sip/options_responder.h"
#include "server/sip/sip_handler_chain.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_transport.h"
#include "server/store/store.h"
#include "tests/server/unit/sip_test_sockets.h"
#include "tests/server/unit/store_fixture.h"

#include <gtest/gtest.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/thread_pool.hpp>
#pragma GCC diagnostic pop

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace callvault::server::sip::test {

using store::testing::TempDir;

inline constexpr const char* kUserNumber = "21122560";

/// What the B2BUA told the media of its calls.
struct MediaLog {
    std::mutex mutex;
    std::vector<MediaRemote> remotesA;
    std::vector<MediaRemote> remotesB;
    std::vector<record::RecordingMetadata> recordings;
    std::vector<bool> userIsLegA;
    int created = 0;
    int stopped = 0;
    bool refuse = false;  ///< createCall throws: "no ports"

    /// Waits (bounded) until the call's media has been stopped `count` times: the B2BUA stops it on its own
    /// strand, possibly just after the last message a test waits for.
    bool waitStopped(int count) {
        for (int i = 0; i < 400; ++i) {
            {
                const std::lock_guard lock(mutex);
                if (stopped >= count) {
                    return stopped == count;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }
};

class FixedMedia : public CallMediaPort {
public:
    explicit FixedMedia(MediaLog& log) : m_log(log) {}
    MediaEndpoint localEndpointA() const override { return {"127.0.0.1", 40000}; }
    MediaEndpoint localEndpointB() const override { return {"127.0.0.1", 40002}; }
    void setRemoteA(const MediaRemote& remote) override {
        const std::lock_guard lock(m_log.mutex);
        m_log.remotesA.push_back(remote);
    }
    void setRemoteB(const MediaRemote& remote) override {
        const std::lock_guard lock(m_log.mutex);
        m_log.remotesB.push_back(remote);
    }
    void startRecording(const record::RecordingMetadata& metadata, bool userIsLegA) override {
        const std::lock_guard lock(m_log.mutex);
        m_log.recordings.push_back(metadata);
        m_log.userIsLegA.push_back(userIsLegA);
        m_recording = true;
    }
    void stop(std::function<void(bool)> done) override {
        {
            const std::lock_guard lock(m_log.mutex);
            ++m_log.stopped;
        }
        done(m_recording);
    }

private:
    MediaLog& m_log;
    bool m_recording = false;
};

class FixedMediaFactory : public CallMediaFactory {
public:
    explicit FixedMediaFactory(MediaLog& log) : m_log(log) {}
    std::shared_ptr<CallMediaPort> createCall(const std::string&) override {
        const std::lock_guard lock(m_log.mutex);
        if (m_log.refuse) {
            throw std::runtime_error("no RTP port pair left");
        }
        ++m_log.created;
        return std::make_shared<FixedMedia>(m_log);
    }

private:
    MediaLog& m_log;
};

/// A phone: a UDP socket and what it received, parsed.
class Phone {
public:
    std::uint16_t port() const { return m_socket.port(); }
    void send(std::uint16_t to, const std::string& text) const { m_socket.sendTo(to, text); }
    void send(std::uint16_t to, const SipMessage& message) const { m_socket.sendTo(to, message.toString()); }
    /// The next message, parsed; empty after the timeout.
    SipMessage next(std::chrono::milliseconds timeout = kReplyTimeout) const {
        const auto wire = m_socket.receive(timeout);
        if (!wire) {
            return {};
        }
        auto parsed = parseSipMessage(*wire);
        return parsed.ok() ? std::move(parsed.message) : SipMessage();
    }
    /// The next request with `method` or response with `status`, skipping others; empty after the timeout.
    SipMessage nextRequest(std::string_view method, std::chrono::milliseconds timeout = kReplyTimeout) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto message = next(std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now()));
            if (message.empty()) {
                break;
            }
            if (message.isRequest() && message.method() == method) {
                return message;
            }
        }
        return {};
    }
    SipMessage nextResponse(int status, std::chrono::milliseconds timeout = kReplyTimeout) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto message = next(std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now()));
            if (message.empty()) {
                break;
            }
            if (message.isResponse() && message.status() == status) {
                return message;
            }
        }
        return {};
    }
    /// Drains everything that arrives within `quiet`.
    std::vector<SipMessage> drain(std::chrono::milliseconds quiet = kSilence) const {
        std::vector<SipMessage> messages;
        for (auto message = next(quiet); !message.empty(); message = next(quiet)) {
            messages.push_back(std::move(message));
        }
        return messages;
    }

private:
    UdpPeer m_socket;
};

class B2buaTest : public testing::Test {
protected:
    void SetUp() override {
        m_store = store::openSqliteStore((m_dir.path() / "callvault.db").string());
        const auto company = m_store->createCompany(Company{0, "Acme", 365, "Asia/Hong_Kong", 0});
        m_companyId = company.id;
        UserNumber number;
        number.companyId = company.id;
        number.number = kUserNumber;
        number.effectiveDate = "2000-01-01";
        number.activated = activatedNumber();
        m_store->createNumber(number);
        m_directory = std::make_unique<StoreNumberDirectory>(*m_store);

        B2buaEnvironment env;
        env.directory = m_directory.get();
        env.media = &m_mediaFactory;
        env.callIds = &m_callIds;
        env.timers.t1 = std::chrono::milliseconds(40);
        env.timers.t2 = std::chrono::milliseconds(320);
        env.timers.t4 = std::chrono::milliseconds(400);
        env.routing.contacts[kUserNumber] = "sip:" + std::string(kUserNumber) + "@127.0.0.1:" +
                                            std::to_string(m_b.port());
        env.runBlocking = [this](std::function<void()> work) { boost::asio::post(m_pool, std::move(work)); };
        m_b2bua = std::make_unique<B2bua>(m_io, env);
        m_chain.add(m_options);
        m_chain.add(*m_b2bua);
        SipTransportConfig config;
        config.port = 0;
        m_transport = std::make_unique<SipTransport>(m_io, config, m_chain);
        m_transport->start();
        m_b2bua->attachTransport(*m_transport, "127.0.0.1:" + std::to_string(m_transport->port()),
                                 [this](SipTransportKind kind) { return m_transport->viaFor(kind); });
        for (int i = 0; i < 2; ++i) {
            m_threads.emplace_back([this] { m_io.run(); });
        }
    }

    void TearDown() override {
        m_work.reset();
        m_io.stop();
        for (auto& thread : m_threads) {
            thread.join();
        }
        m_pool.join();
    }

    virtual bool activatedNumber() const { return true; }

    std::uint16_t port() const { return m_transport->port(); }

    /// An INVITE from A (user 1001) to `user` with an SDP offer at 127.0.0.1:`rtpPort`.
    std::string invite(const std::string& user = kUserNumber, const std::string& callId = "call-1@a",
                       const std::string& branch = "z9hG4bK-a-inv-1", int maxForwards = 70,
                       std::uint16_t rtpPort = 30000) const {
        const std::string sdp = "v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                                "m=audio " + std::to_string(rtpPort) +
                                " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                                "a=fmtp:101 0-15\r\na=sendrecv\r\n";
        return "INVITE sip:" + user + "@127.0.0.1:" + std::to_string(port()) + " SIP/2.0\r\n" +
               "Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(m_a.port()) + ";branch=" + branch + ";rport\r\n" +
               "Max-Forwards: " + std::to_string(maxForwards) + "\r\n" +
               "From: <sip:1001@127.0.0.1>;tag=a-tag\r\n" + "To: <sip:" + user + "@127.0.0.1>\r\n" +
               "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + "Contact: <sip:1001@127.0.0.1:" +
               std::to_string(m_a.port()) + ">\r\n" + "Content-Type: application/sdp\r\n" +
               "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
    }

    /// A response of the callee B to `request` with To tag "b-tag", its Contact, and `body` as SDP.
    SipMessage answer(const SipMessage& request, int status, const std::string& body = {}) const;
    /// A request sent by a phone on `phonePort` in a dialog (From/To as that phone sees them).
    static std::string inDialog(const std::string& method, const std::string& requestUri, const std::string& from,
                                const std::string& to, const std::string& callId, int cseq, std::uint16_t phonePort,
                                const std::string& branch, const std::string& body = {});
    /// An SDP body at 127.0.0.1:`port` with `direction`.
    static std::string sdp(std::uint16_t port, const std::string& direction = "sendrecv", int version = 1);

    /// Sets up an answered call A → B; returns B's view of the INVITE and A's 200 OK.
    std::pair<SipMessage, SipMessage> answeredCall();

    TempDir m_dir;
    std::unique_ptr<store::Store> m_store;
    std::int64_t m_companyId = 0;
    std::unique_ptr<StoreNumberDirectory> m_directory;
    MediaLog m_media;
    FixedMediaFactory m_mediaFactory{m_media};
    CallIdGenerator m_callIds{"0T"};
    boost::asio::io_context m_io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_work{
        boost::asio::make_work_guard(m_io)};
    boost::asio::thread_pool m_pool{1};
    OptionsResponder m_options;
    SipHandlerChain m_chain;
    std::unique_ptr<B2bua> m_b2bua;
    std::unique_ptr<SipTransport> m_transport;
    std::vector<std::thread> m_threads;
    Phone m_a;
    Phone m_b;
};

}  // namespace callvault::server::sip::test
