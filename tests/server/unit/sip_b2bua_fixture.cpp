#include "tests/server/unit/sip_b2bua_fixture.h"

#include "server/sip/sip_response_builder.h"

namespace callvault::server::sip::test {

std::string B2buaTest::sdp(std::uint16_t port, const std::string& direction, int version) {
    return "v=0\r\no=p 7 " + std::to_string(version) + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
           "m=audio " + std::to_string(port) + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n" +
           "a=rtpmap:101 telephone-event/8000\r\na=" + direction + "\r\n";
}

SipMessage B2buaTest::answer(const SipMessage& request, int status, const std::string& body) const {
    auto response = buildResponse(request, status, {}, "b-tag");
    if (status > 100 && status < 300) {
        response.addHeader("Contact", "<sip:" + std::string(kUserNumber) + "@127.0.0.1:" +
                                          std::to_string(m_b.port()) + ">");
    }
    if (!body.empty()) {
        response.setBody(body, "application/sdp");
    }
    return response;
}

std::string B2buaTest::inDialog(const std::string& method, const std::string& requestUri, const std::string& from,
                                const std::string& to, const std::string& callId, int cseq,
                                std::uint16_t phonePort, const std::string& branch, const std::string& body) {
    std::string text = method + " " + requestUri + " SIP/2.0\r\n" + "Via: SIP/2.0/UDP 127.0.0.1:" +
                       std::to_string(phonePort) + ";branch=" + branch + ";rport\r\n" +
                       "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + callId +
                       "\r\nCSeq: " + std::to_string(cseq) + " " + method + "\r\n" +
                       "Contact: <sip:phone@127.0.0.1:" + std::to_string(phonePort) + ">\r\n";
    if (!body.empty()) {
        text += "Content-Type: application/sdp\r\n";
    }
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return text;
}

std::pair<SipMessage, SipMessage> B2buaTest::answeredCall() {
    m_a.send(port(), invite());
    auto atB = m_b.nextRequest("INVITE");
    if (atB.empty()) {
        ADD_FAILURE() << "no INVITE at B";
        return {};
    }
    m_b.send(port(), answer(atB, 180));
    m_b.send(port(), answer(atB, 200, sdp(31000)));
    auto ok = m_a.nextResponse(200);
    if (ok.empty()) {
        ADD_FAILURE() << "no 200 at A";
        return {};
    }
    m_a.send(port(), inDialog("ACK", ok.contactUri(), *ok.header("From"), *ok.header("To"), ok.callId(), 1,
                              m_a.port(), "z9hG4bK-a-ack-1"));
    if (m_b.nextRequest("ACK").empty()) {
        ADD_FAILURE() << "no ACK at B";
    }
    return {std::move(atB), std::move(ok)};
}

}  // namespace callvault::server::sip::test
