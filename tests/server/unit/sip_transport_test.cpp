// The SIP transport on loopback, spoken to by plain sockets: OPTIONS over UDP and TCP, TCP framing, caps,
// malformed input, limits, outbound sends.

#include "server/sip/sip_transport.h"

#include "server/sip/options_responder.h"
#include "server/sip/sip_handler_chain.h"
#include "server/sip/sip_parse.h"
#include "server/sip/sip_request_builder.h"
#include "tests/server/unit/sip_test_sockets.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

namespace callvault::server::sip {
namespace {

using namespace std::chrono_literals;
using test::TcpPeer;
using test::UdpPeer;

std::string optionsFrom(std::uint16_t port, std::string_view transport, std::string_view branch, int cseq = 7,
                        bool rport = true) {
    std::string m = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n";
    m += "Via: SIP/2.0/" + std::string(transport) + " 127.0.0.1:" + std::to_string(port) +
         ";branch=" + std::string(branch) + (rport ? ";rport" : "") + "\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "From: <sip:tester@example.com>;tag=t1\r\n";
    m += "To: <sip:127.0.0.1>\r\n";
    m += "Call-ID: transport-test-" + std::string(branch) + "\r\n";
    m += "CSeq: " + std::to_string(cseq) + " OPTIONS\r\n";
    m += "Content-Length: 0\r\n\r\n";
    return m;
}

SipMessage parsed(const std::optional<std::string>& wire) {
    if (!wire) {
        return {};
    }
    auto result = parseSipMessage(*wire);
    EXPECT_TRUE(result.ok()) << (result.failure ? result.failure->reason : "") << "\n" << *wire;
    return std::move(result.message);
}

class SipTransportTest : public testing::Test {
protected:
    void startTransport(SipTransportConfig config = {}) {
        config.address = "127.0.0.1";
        config.port = 0;
        m_chain.add(m_options);
        m_transport = std::make_unique<SipTransport>(m_io, config, m_chain);
        m_transport->start();
        for (int i = 0; i < 2; ++i) {
            m_threads.emplace_back([this] { m_io.run(); });
        }
    }

    void TearDown() override {
        if (m_transport) {
            m_transport->stop();
        }
        m_work.reset();
        m_io.stop();
        for (auto& thread : m_threads) {
            thread.join();
        }
    }

    std::uint16_t port() const { return m_transport->port(); }

    /// An OPTIONS over UDP gets its 200 (the server still answers).
    void expectUdpOptionsAnswered(std::string_view branch) {
        UdpPeer peer;
        peer.sendTo(port(), optionsFrom(peer.port(), "UDP", branch));
        const auto response = parsed(peer.receive());
        ASSERT_FALSE(response.empty()) << "no answer to " << branch;
        EXPECT_EQ(response.status(), 200);
        EXPECT_EQ(response.topVia()->branch, branch);
    }

    boost::asio::io_context m_io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_work{
        boost::asio::make_work_guard(m_io)};
    OptionsResponder m_options;
    SipHandlerChain m_chain;
    std::unique_ptr<SipTransport> m_transport;
    std::vector<std::thread> m_threads;
};

TEST_F(SipTransportTest, UdpOptionsIsAnswered200WithItsViaAndCSeq) {
    startTransport();
    UdpPeer peer;
    peer.sendTo(port(), optionsFrom(peer.port(), "UDP", "z9hG4bK-udp-1", 41));
    const auto response = parsed(peer.receive());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 200);
    EXPECT_EQ(response.topVia()->branch, "z9hG4bK-udp-1");
    EXPECT_EQ(response.topVia()->received, "127.0.0.1");  // RFC 3581: received is added with rport
    EXPECT_EQ(response.topVia()->rportValue, peer.port());
    EXPECT_EQ(response.cseqNumber(), 41U);
    EXPECT_EQ(response.cseqMethod(), "OPTIONS");
    EXPECT_EQ(response.callId(), "transport-test-z9hG4bK-udp-1");
    EXPECT_EQ(response.fromTag(), "t1");
    EXPECT_FALSE(response.toTag().empty());
    EXPECT_NE(response.header("Allow")->find("INVITE"), std::string::npos);
    EXPECT_EQ(response.header("Accept"), "application/sdp");
    EXPECT_TRUE(response.header("Supported").has_value());
}

TEST_F(SipTransportTest, UdpResponseWithoutRportGoesToTheSentByPort) {
    startTransport();
    UdpPeer peer;
    peer.sendTo(port(), optionsFrom(peer.port(), "UDP", "z9hG4bK-udp-norport", 1, false));
    const auto response = parsed(peer.receive());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 200);
    EXPECT_FALSE(response.topVia()->rport);
}

TEST_F(SipTransportTest, TcpOptionsIsAnswered200OnTheSameConnection) {
    startTransport();
    TcpPeer peer(port());
    peer.send(optionsFrom(peer.port(), "TCP", "z9hG4bK-tcp-1", 5));
    const auto response = parsed(peer.receiveMessage());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 200);
    EXPECT_EQ(response.topVia()->branch, "z9hG4bK-tcp-1");
    EXPECT_EQ(response.topVia()->transport, "TCP");
    EXPECT_EQ(response.cseqNumber(), 5U);
    EXPECT_EQ(m_transport->stats().tcpOpen, 1U);
}

TEST_F(SipTransportTest, TcpTwoMessagesInOneSegmentAreBothAnswered) {
    startTransport();
    TcpPeer peer(port());
    peer.send(optionsFrom(peer.port(), "TCP", "z9hG4bK-two-a", 1) +
              optionsFrom(peer.port(), "TCP", "z9hG4bK-two-b", 2));
    const auto first = parsed(peer.receiveMessage());
    const auto second = parsed(peer.receiveMessage());
    ASSERT_FALSE(first.empty());
    ASSERT_FALSE(second.empty());
    EXPECT_EQ(first.topVia()->branch, "z9hG4bK-two-a");
    EXPECT_EQ(second.topVia()->branch, "z9hG4bK-two-b");
    EXPECT_EQ(second.cseqNumber(), 2U);
}

TEST_F(SipTransportTest, TcpMessageSplitOverThreeWritesIsAnsweredOnce) {
    startTransport();
    TcpPeer peer(port());
    const std::string message = optionsFrom(peer.port(), "TCP", "z9hG4bK-split", 3);
    const std::size_t third = message.size() / 3;
    peer.send(message.substr(0, third));
    EXPECT_FALSE(peer.receiveMessage(test::kSilence).has_value());  // nothing for a partial header section
    peer.send(message.substr(third, third));
    EXPECT_FALSE(peer.receiveMessage(test::kSilence).has_value());
    peer.send(message.substr(2 * third));
    const auto response = parsed(peer.receiveMessage());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.topVia()->branch, "z9hG4bK-split");
    EXPECT_FALSE(peer.receiveMessage(test::kSilence).has_value());
}

TEST_F(SipTransportTest, TcpBodySplitAcrossWritesIsReassembled) {
    startTransport();
    TcpPeer peer(port());
    std::string message = optionsFrom(peer.port(), "TCP", "z9hG4bK-body", 4);
    message.replace(message.find("Content-Length: 0"), 17, "Content-Type: text/plain\r\nContent-Length: 10");
    message += "0123456789";
    peer.send(message.substr(0, message.size() - 4));
    EXPECT_FALSE(peer.receiveMessage(test::kSilence).has_value());  // the body is not complete yet
    peer.send(message.substr(message.size() - 4));
    const auto response = parsed(peer.receiveMessage());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.topVia()->branch, "z9hG4bK-body");
}

TEST_F(SipTransportTest, UdpGarbageIsDroppedOrAnswered400AndTheServerKeepsAnswering) {
    startTransport();
    UdpPeer peer;
    std::string binary(512, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) {
        binary[i] = static_cast<char>((i * 7919) & 0xFF);
    }
    for (const std::string& garbage : {binary, std::string("hello world"), std::string("\r\n\r\n"),
                                       std::string("SIP/2.0 200 OK\r\n\r\n"), std::string(60000, 'A')}) {
        peer.sendTo(port(), garbage);
        EXPECT_FALSE(peer.receive(test::kSilence).has_value()) << "answered garbage";
        expectUdpOptionsAnswered("z9hG4bK-after-garbage");
    }
    // Parses far enough to be answered: a request with a bad CSeq gets 400 naming the problem.
    std::string bad = optionsFrom(peer.port(), "UDP", "z9hG4bK-badcseq", 9);
    bad.replace(bad.find("CSeq: 9 OPTIONS"), 15, "CSeq: 9 INVITE");
    peer.sendTo(port(), bad);
    const auto response = parsed(peer.receive());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 400);
    EXPECT_EQ(response.topVia()->branch, "z9hG4bK-badcseq");
    EXPECT_NE(response.header("Warning")->find("CSeq method INVITE does not match"), std::string::npos);
    expectUdpOptionsAnswered("z9hG4bK-after-400");
    const auto stats = m_transport->stats();
    EXPECT_EQ(stats.dropped, 5U);
    EXPECT_EQ(stats.rejected, 1U);
}

TEST_F(SipTransportTest, EveryTortureMessageOverUdpAndTcpLeavesTheServerAnswering) {
    startTransport();
    UdpPeer udp;
    std::size_t files = 0;
    for (const char* folder : {"rfc4475", "rfc5118"}) {
        for (const auto& entry : std::filesystem::directory_iterator(test::tortureDir() + "/" + folder)) {
            if (entry.path().extension() != ".dat") {
                continue;
            }
            const auto message =
                test::tortureMessage(std::string(folder) + "/" + entry.path().filename().string());
            udp.sendTo(port(), message);
            TcpPeer tcp(port());
            tcp.send(message);
            ++files;
        }
    }
    EXPECT_EQ(files, 61U);
    expectUdpOptionsAnswered("z9hG4bK-after-torture");
    TcpPeer tcp(port());
    tcp.send(optionsFrom(tcp.port(), "TCP", "z9hG4bK-after-torture-tcp"));
    const auto response = parsed(tcp.receiveMessage());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 200);
}

TEST_F(SipTransportTest, TcpMessageOverTheCapClosesTheConnection) {
    SipTransportConfig config;
    config.limits.maxMessageBytes = 4096;
    startTransport(config);
    {
        // Announced body over the cap: answered 513, then closed.
        TcpPeer peer(port());
        std::string message = optionsFrom(peer.port(), "TCP", "z9hG4bK-big", 1);
        message.replace(message.find("Content-Length: 0"), 17, "Content-Length: 100000");
        peer.send(message);
        EXPECT_TRUE(peer.closedByPeer());
        const auto response = parseSipMessage(peer.pending().substr(0, peer.pending().find("\r\n\r\n") + 4));
        EXPECT_TRUE(response.ok());
        EXPECT_EQ(response.message.status(), 513);
        EXPECT_EQ(response.message.topVia()->branch, "z9hG4bK-big");
    }
    {
        // A header section that never ends: closed without an answer.
        TcpPeer peer(port());
        std::string endless = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n";
        while (endless.size() < 6000) {
            endless += "X-Filler: 0123456789012345678901234567890123456789\r\n";
        }
        peer.send(endless);
        EXPECT_TRUE(peer.closedByPeer());
        EXPECT_TRUE(peer.pending().empty());
    }
    TcpPeer again(port());
    again.send(optionsFrom(again.port(), "TCP", "z9hG4bK-after-cap"));
    EXPECT_EQ(parsed(again.receiveMessage()).status(), 200);
}

TEST_F(SipTransportTest, TcpMessageWithoutContentLengthIsAnswered400AndClosed) {
    startTransport();
    TcpPeer peer(port());
    std::string message = optionsFrom(peer.port(), "TCP", "z9hG4bK-nolength", 1);
    message.erase(message.find("Content-Length: 0\r\n"), 19);
    peer.send(message);
    EXPECT_TRUE(peer.closedByPeer());
    const auto response = parseSipMessage(peer.pending());
    ASSERT_TRUE(response.ok()) << peer.pending();
    EXPECT_EQ(response.message.status(), 400);
    EXPECT_NE(response.message.header("Warning")->find("Content-Length is required"), std::string::npos);
    expectUdpOptionsAnswered("z9hG4bK-after-nolength");
}

TEST_F(SipTransportTest, TcpIdleConnectionIsClosed) {
    SipTransportConfig config;
    config.tcpIdleTimeout = 200ms;
    startTransport(config);
    TcpPeer peer(port());
    EXPECT_TRUE(peer.closedByPeer());
}

TEST_F(SipTransportTest, TcpKeepAlivePingGetsAPong) {
    startTransport();
    TcpPeer peer(port());
    peer.send("\r\n\r\n");
    EXPECT_FALSE(peer.closedByPeer(test::kSilence));
    EXPECT_EQ(peer.pending(), "\r\n");
}

TEST_F(SipTransportTest, ConnectionsOverTheLimitAreRefused) {
    SipTransportConfig config;
    config.maxTcpConnections = 2;
    startTransport(config);
    TcpPeer first(port());
    TcpPeer second(port());
    for (TcpPeer* peer : {&first, &second}) {
        peer->send(optionsFrom(peer->port(), "TCP", "z9hG4bK-limit"));
        ASSERT_EQ(parsed(peer->receiveMessage()).status(), 200);
    }
    TcpPeer third(port());
    EXPECT_TRUE(third.closedByPeer());
    EXPECT_EQ(m_transport->stats().tcpRefused, 1U);
    first.send(optionsFrom(first.port(), "TCP", "z9hG4bK-limit-again", 8));
    EXPECT_EQ(parsed(first.receiveMessage()).status(), 200);
}

TEST_F(SipTransportTest, UnhandledRequestIsAnswered501) {
    startTransport();
    UdpPeer peer;
    std::string invite = optionsFrom(peer.port(), "UDP", "z9hG4bK-invite", 1);
    invite.replace(0, 7, "INVITE");
    invite.replace(invite.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INVITE");
    peer.sendTo(port(), invite);
    const auto response = parsed(peer.receive());
    ASSERT_FALSE(response.empty());
    EXPECT_EQ(response.status(), 501);
    EXPECT_EQ(response.cseqMethod(), "INVITE");
}

SipMessage testRequest(const SipViaSpec& via) {
    SipDialog dialog;
    dialog.callId = "outbound-1@127.0.0.1";
    dialog.localUri = "sip:callvault@127.0.0.1";
    dialog.localTag = "ours";
    dialog.remoteUri = "sip:peer@127.0.0.1";
    dialog.remoteTarget = "sip:peer@127.0.0.1";
    return buildRequest(dialog, "OPTIONS", 1, via);
}

TEST_F(SipTransportTest, SendsRequestsOverUdpAndOpensTcpConnections) {
    startTransport();
    UdpPeer udp;
    SipPeer udpTarget{SipTransportKind::Udp, boost::asio::ip::make_address("127.0.0.1"), udp.port(), 0};
    ASSERT_TRUE(m_transport->send(testRequest(m_transport->viaFor(SipTransportKind::Udp)), udpTarget));
    const auto overUdp = parsed(udp.receive());
    ASSERT_FALSE(overUdp.empty());
    EXPECT_EQ(overUdp.method(), "OPTIONS");
    EXPECT_EQ(overUdp.topVia()->port, port());
    EXPECT_TRUE(overUdp.topVia()->rport);

    test::TcpListener listener;
    SipPeer tcpTarget{SipTransportKind::Tcp, boost::asio::ip::make_address("127.0.0.1"), listener.port(), 0};
    ASSERT_TRUE(m_transport->send(testRequest(m_transport->viaFor(SipTransportKind::Tcp)), tcpTarget));
    auto accepted = listener.accept();
    ASSERT_TRUE(accepted.has_value());
    const auto overTcp = parsed(accepted->receiveMessage());
    ASSERT_FALSE(overTcp.empty());
    EXPECT_EQ(overTcp.topVia()->transport, "TCP");
    // A second send reuses the connection.
    ASSERT_TRUE(m_transport->send(testRequest(m_transport->viaFor(SipTransportKind::Tcp)), tcpTarget));
    EXPECT_FALSE(parsed(accepted->receiveMessage()).empty());
    EXPECT_FALSE(listener.accept(test::kSilence).has_value());
}

TEST_F(SipTransportTest, SendToAClosedConnectionFails) {
    startTransport();
    SipPeer gone{SipTransportKind::Tcp, boost::asio::ip::make_address("127.0.0.1"), 5060, 987654};
    EXPECT_FALSE(m_transport->send(testRequest(m_transport->viaFor(SipTransportKind::Tcp)), gone));
}

}  // namespace
}  // namespace callvault::server::sip
