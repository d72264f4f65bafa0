// Client and server transactions (RFC 3261 §17) with short timers, over a recording SipSender.

#include "server/sip/sip_client_transaction.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_request_builder.h"
#include "server/sip/sip_response_builder.h"
#include "server/sip/sip_server_transaction.h"

#include <gtest/gtest.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#pragma GCC diagnostic pop

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace callvault::server::sip {
namespace {

using namespace std::chrono_literals;

/// Keeps what would have gone on the wire, with when.
class RecordingSender : public SipSender {
public:
    bool send(const SipMessage& message, const SipPeer&) override { return keep(message); }
    bool sendResponse(const SipMessage& response, const SipPeer&) override { return keep(response); }
    std::vector<std::string> firstLines() {
        const std::lock_guard lock(mutex);
        return lines;
    }
    std::vector<std::chrono::steady_clock::time_point> times() {
        const std::lock_guard lock(mutex);
        return at;
    }

private:
    bool keep(const SipMessage& message) {
        const std::lock_guard lock(mutex);
        const auto text = message.toString();
        lines.push_back(text.substr(0, text.find("\r\n")));
        at.push_back(std::chrono::steady_clock::now());
        return true;
    }
    std::mutex mutex;
    std::vector<std::string> lines;
    std::vector<std::chrono::steady_clock::time_point> at;
};

SipTimers shortTimers() {
    SipTimers timers;
    timers.t1 = 20ms;
    timers.t2 = 80ms;
    return timers;
}

SipMessage request(std::string_view method) {
    SipDialog dialog;
    dialog.callId = "t@x";
    dialog.localUri = "sip:a@127.0.0.1";
    dialog.localTag = "la";
    dialog.remoteUri = "sip:b@127.0.0.1";
    dialog.remoteTarget = "sip:b@127.0.0.1:5999";
    SipViaSpec via;
    via.host = "127.0.0.1";
    via.port = 5060;
    return buildRequest(dialog, method, 1, via);
}

class TransactionTest : public testing::Test {
protected:
    void SetUp() override { m_thread = std::thread([this] { m_io.run(); }); }
    void TearDown() override {
        m_work.reset();
        m_io.stop();
        m_thread.join();
    }
    /// Runs `f` on the strand and waits for it.
    template <typename F>
    void onStrand(F&& f) {
        std::promise<void> done;
        boost::asio::post(m_strand, [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    boost::asio::io_context m_io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_work{
        boost::asio::make_work_guard(m_io)};
    CallStrand m_strand{boost::asio::make_strand(m_io)};
    std::thread m_thread;
    RecordingSender m_sender;
    SipPeer m_peer{SipTransportKind::Udp, boost::asio::ip::make_address("127.0.0.1"), 5999, 0};
};

TEST_F(TransactionTest, NonInviteIsRetransmittedDoublingUpToT2ThenTimesOut) {
    std::atomic<bool> timedOut{false};
    std::shared_ptr<SipClientTransaction> client;
    onStrand([&] {
        client = std::make_shared<SipClientTransaction>(m_strand, m_sender, m_peer, request("BYE"), shortTimers());
        client->start({}, [&] { timedOut = true; });
    });
    std::this_thread::sleep_for(64 * 20ms + 300ms);  // Timer F = 64·T1
    EXPECT_TRUE(timedOut);
    const auto times = m_sender.times();
    ASSERT_GE(times.size(), 6U);
    // Intervals 20, 40, 80, 80, ... ms: never more than T2 (with scheduling slack).
    for (std::size_t i = 3; i + 1 < times.size(); ++i) {
        EXPECT_LT(times[i + 1] - times[i], 200ms);
    }
    EXPECT_LT(times.size(), 25U);
}

TEST_F(TransactionTest, InviteStopsRetransmittingOnAProvisionalAndAcknowledgesAFailure) {
    std::vector<int> seen;
    std::shared_ptr<SipClientTransaction> client;
    onStrand([&] {
        client = std::make_shared<SipClientTransaction>(m_strand, m_sender, m_peer, request("INVITE"),
                                                        shortTimers());
        client->start([&](const SipMessage& r) { seen.push_back(r.status()); }, {});
    });
    std::this_thread::sleep_for(70ms);  // sent at 0, 20, 60 ms
    const auto before = m_sender.firstLines().size();
    EXPECT_GE(before, 2U);
    onStrand([&] { client->receive(buildResponse(client->request(), 180, {}, "bt")); });
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(m_sender.firstLines().size(), before);  // no more INVITEs after 180
    onStrand([&] {
        const auto busy = buildResponse(client->request(), 486, {}, "bt");
        EXPECT_TRUE(client->matches(busy));
        client->receive(busy);
        client->receive(busy);  // a retransmission: ACKed again, not reported again
    });
    const auto lines = m_sender.firstLines();
    ASSERT_EQ(lines.size(), before + 2);
    EXPECT_EQ(lines[before].rfind("ACK ", 0), 0U);
    EXPECT_EQ(lines[before + 1].rfind("ACK ", 0), 0U);
    EXPECT_EQ(seen, (std::vector<int>{180, 486}));
    onStrand([&] { client->terminate(); });
}

TEST_F(TransactionTest, ServerRetransmitsAFinalInviteResponseUntilTheAck) {
    auto incoming = std::make_shared<SipIncoming>(SipIncoming{request("INVITE"), m_peer});
    std::shared_ptr<SipServerTransaction> server;
    onStrand([&] {
        server = std::make_shared<SipServerTransaction>(m_strand, m_sender, std::move(*incoming), shortTimers());
        server->respond(buildResponse(server->request(), 200, {}, "ours"));
    });
    std::this_thread::sleep_for(100ms);
    const auto sent = m_sender.firstLines().size();
    EXPECT_GE(sent, 3U);  // 0, 20, 60 ms
    onStrand([&] {
        auto ack = request("ACK");
        EXPECT_TRUE(server->matchesAck(ack));  // same CSeq number: the ACK of a 2xx
        server->acknowledged();
    });
    const auto afterAck = m_sender.firstLines().size();
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(m_sender.firstLines().size(), afterAck);
    onStrand([&] {
        EXPECT_TRUE(server->matches(server->request()));
        server->retransmit();  // a retransmitted INVITE is answered with the last response
    });
    EXPECT_EQ(m_sender.firstLines().size(), afterAck + 1);
    EXPECT_EQ(m_sender.firstLines().back(), "SIP/2.0 200 OK");
}

}  // namespace
}  // namespace callvault::server::sip
