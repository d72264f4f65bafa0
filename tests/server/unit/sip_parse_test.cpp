// parseSipMessage beyond the torture files: caps, framing rules, NUL handling, each added check.

#include "server/sip/sip_parse.h"

#include "server/sip/sip_message_checks.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace callvault::server::sip {
namespace {

using test::optionsRequest;

std::string withHeader(std::string message, std::string_view from, std::string_view to) {
    const auto at = message.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return message.replace(at, from.size(), to);
}

TEST(SipParse, AcceptsAPlainOptions) {
    const auto result = parseSipMessage(optionsRequest());
    ASSERT_TRUE(result.ok()) << result.failure->reason;
    EXPECT_EQ(result.message.method(), "OPTIONS");
    EXPECT_EQ(result.message.requestUri(), "sip:192.0.2.10");
}

TEST(SipParse, DisplayNameWithCommaIsRefused) {
    // RFC 4475 §3.1.2.15 (baddn) with the empty line its archived file lacks.
    const auto result = parseSipMessage(test::tortureMessage("rfc4475/baddn.dat") + "\r\n");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.failure->reason.find("display name"), std::string::npos) << result.failure->reason;
    EXPECT_TRUE(result.canAnswer());
}

TEST(SipParse, MessageOverTheSizeCapIsRefused513) {
    SipParseLimits limits;
    limits.maxMessageBytes = 1000;
    const std::string big = withHeader(optionsRequest(), "Content-Length: 0",
                                       "X-Pad: " + std::string(1200, 'p') + "\r\nContent-Length: 0");
    const auto result = parseSipMessage(big, limits);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.failure->status, 513);
    EXPECT_TRUE(result.canAnswer());
    EXPECT_TRUE(parseSipMessage(optionsRequest(), limits).ok());
}

TEST(SipParse, HeaderCountCapCountsFieldsNotLines) {
    std::string extra;
    for (int i = 0; i < 121; ++i) {  // 7 fields in optionsRequest + 121 = 128
        extra += "X-H" + std::to_string(i) + ": v\r\n";
    }
    EXPECT_TRUE(parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1", extra)).ok());
    const auto folded = extra + "X-Folded: a\r\n b\r\n";
    const auto result = parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1", folded));
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.failure->reason.find("more than 128 header fields"), std::string::npos);
    SipParseLimits roomy;
    roomy.maxHeaders = 200;
    EXPECT_TRUE(parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1", folded), roomy).ok());
}

TEST(SipParse, ContentLengthFramesTheBody) {
    const std::string head =
        withHeader(optionsRequest(), "Content-Length: 0", "Content-Type: text/plain\r\nContent-Length: 5");
    const auto exact = parseSipMessage(head + "hello");
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact.message.body(), "hello");
    const auto trailing = parseSipMessage(head + "hello, and more octets");  // RFC 3261 §18.3: ignored
    ASSERT_TRUE(trailing.ok());
    EXPECT_EQ(trailing.message.body(), "hello");
    const auto shortBody = parseSipMessage(head + "hel");
    ASSERT_FALSE(shortBody.ok());
    EXPECT_NE(shortBody.failure->reason.find("larger than the body"), std::string::npos);
}

TEST(SipParse, WithoutContentLengthTheDatagramIsTheBody) {
    const std::string head =
        withHeader(optionsRequest(), "Content-Length: 0\r\n", "Content-Type: text/plain\r\n");
    const auto result = parseSipMessage(head + "all of it");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.message.body(), "all of it");
}

TEST(SipParse, BodyKeepsEveryOctet) {
    std::string body("a\0b\r\n\r\n--\xff", 10);
    const std::string head = withHeader(optionsRequest(), "Content-Length: 0",
                                        "Content-Type: application/octet-stream\r\nContent-Length: 10");
    const auto result = parseSipMessage(head + body);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.message.body(), body);
    EXPECT_TRUE(result.message.toString().ends_with("Content-Length: 10\r\n\r\n" + body));
}

TEST(SipParse, LeadingCrlfsAreSkipped) {
    EXPECT_TRUE(parseSipMessage("\r\n\r\n" + optionsRequest()).ok());
}

TEST(SipParse, NulOctetOnlyInsideAQuotedPair) {
    std::string quoted = withHeader(optionsRequest(), "From: <sip:alice@example.com>",
                                    std::string("From: \"A\\\0B\" <sip:alice@example.com>", 36));
    EXPECT_TRUE(parseSipMessage(quoted).ok());
    std::string bare =
        withHeader(optionsRequest(), "Call-ID: options-1", std::string("Call-ID: opt\0ions-1", 19));
    const auto result = parseSipMessage(bare);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.failure->reason.find("NUL"), std::string::npos);
}

TEST(SipParse, EscapedNulInUserPartKeepsUrisDistinct) {
    // RFC 4475 §3.1.1.4: "take special care ... so as to not prematurely shorten the username".
    const auto result = parseSipMessage(test::tortureMessage("rfc4475/escnull.dat"));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.message.toUri(), "sip:null-%00-null@example.com");
    const std::vector<std::string> contacts{"<sip:%00@host5.example.com>", "<sip:%00%00@host5.example.com>"};
    EXPECT_EQ(result.message.headers("Contact"), contacts);
    EXPECT_NE(result.message.toString().find("To: <sip:null-%00-null@example.com>"), std::string::npos);
}

TEST(SipParse, BareLineFeedsAreRefused) {
    std::string lf = optionsRequest();
    for (auto at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at)) {
        lf.erase(at, 1);
    }
    const auto result = parseSipMessage(lf);
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.canAnswer());
}

TEST(SipParse, NothingUsableIsDroppedNotAnswered) {
    for (const std::string& garbage : {std::string(), std::string("\r\n"), std::string("hello\r\n\r\n"),
                                       std::string("SIP/2.0 200 OK\r\n\r\n"), std::string(3000, '\xff')}) {
        const auto result = parseSipMessage(garbage);
        EXPECT_FALSE(result.ok());
        EXPECT_FALSE(result.canAnswer());
    }
}

TEST(SipParse, MaxForwardsRules) {
    const auto over = parseSipMessage(withHeader(optionsRequest(), "Max-Forwards: 70", "Max-Forwards: 256"));
    ASSERT_FALSE(over.ok());
    EXPECT_NE(over.failure->reason.find("Max-Forwards"), std::string::npos);
    EXPECT_TRUE(parseSipMessage(withHeader(optionsRequest(), "Max-Forwards: 70", "Max-Forwards: 255")).ok());
    const auto missing = parseSipMessage(withHeader(optionsRequest(), "Max-Forwards: 70\r\n", ""));
    ASSERT_FALSE(missing.ok());  // an RFC 3261 branch: the sender must include it
    EXPECT_NE(missing.failure->reason.find("Max-Forwards"), std::string::npos);
    const auto rfc2543 =
        parseSipMessage(withHeader(optionsRequest("old-branch-1"), "Max-Forwards: 70\r\n", ""));
    EXPECT_TRUE(rfc2543.ok());
}

TEST(SipParse, CSeqRange) {
    EXPECT_TRUE(parseSipMessage(withHeader(optionsRequest(), "CSeq: 7", "CSeq: 2147483647")).ok());
    EXPECT_FALSE(parseSipMessage(withHeader(optionsRequest(), "CSeq: 7", "CSeq: 2147483648")).ok());
    EXPECT_FALSE(parseSipMessage(withHeader(optionsRequest(), "CSeq: 7", "CSeq: -7")).ok());
}

TEST(SipParse, RequestUriSchemes) {
    EXPECT_TRUE(parseSipMessage(withHeader(optionsRequest(), "sip:192.0.2.10 ", "sips:192.0.2.10 ")).ok());
    EXPECT_TRUE(parseSipMessage(withHeader(optionsRequest(), "sip:192.0.2.10 ", "tel:+15551234567 ")).ok());
    const auto http =
        parseSipMessage(withHeader(optionsRequest(), "sip:192.0.2.10 ", "http://example.com/ "));
    ASSERT_FALSE(http.ok());
    EXPECT_EQ(http.failure->status, 416);
    const auto port =
        parseSipMessage(withHeader(optionsRequest(), "sip:192.0.2.10 ", "sip:192.0.2.10:70000 "));
    EXPECT_FALSE(port.ok());
}

TEST(SipParse, ViaChecks) {
    EXPECT_FALSE(parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1:99999")).ok());
    const auto version = parseSipMessage(withHeader(optionsRequest(), "SIP/2.0/UDP", "SIP/3.0/UDP"));
    ASSERT_FALSE(version.ok());
    EXPECT_NE(version.failure->reason.find("Via"), std::string::npos);
}

TEST(SipParse, ResponsesAreNeverAnswerable) {
    const std::string response =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
        "From: <sip:a@example.com>;tag=1\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
        "Content-Length: 0\r\n\r\n";
    const auto result = parseSipMessage(response);  // no To
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.canAnswer());
    EXPECT_FALSE(parseSipMessage(withHeader(response, "SIP/2.0 200 OK", "SIP/2.0 700 Odd")).ok());
}

TEST(SipParse, AckIsNeverAnswered) {
    std::string ack = withHeader(optionsRequest(), "OPTIONS sip", "ACK sip");
    ack = withHeader(ack, "CSeq: 7 OPTIONS", "CSeq: 7 INVITE");
    const auto result = parseSipMessage(ack);
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(result.canAnswer());
}

TEST(SipParse, DateMustBeRfc1123InGmt) {
    EXPECT_TRUE(
        parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1", "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"))
            .ok());
    EXPECT_FALSE(
        parseSipMessage(optionsRequest("z9hG4bK-1", "192.0.2.1", "Date: Sat, 13 Nov 2010 23:29:00 CET\r\n"))
            .ok());
}

TEST(SipParseChecks, NameAddr) {
    EXPECT_FALSE(checks::nameAddrProblem("<sip:a@example.com>;tag=1", false).has_value());
    EXPECT_FALSE(checks::nameAddrProblem("\"A \\\" B\" <sip:a@example.com>", false).has_value());
    EXPECT_FALSE(checks::nameAddrProblem("Alice Smith <sip:a@example.com>", false).has_value());
    EXPECT_FALSE(checks::nameAddrProblem("sip:a@example.com;tag=1", false).has_value());
    EXPECT_TRUE(checks::nameAddrProblem("sip:a@example.com", true).has_value());
    EXPECT_TRUE(checks::nameAddrProblem("< sip:a@example.com>", false).has_value());
    EXPECT_TRUE(checks::nameAddrProblem("\"open <sip:a@example.com>", false).has_value());
    EXPECT_TRUE(checks::nameAddrProblem("sip:a@example.com?Subject=x", false).has_value());
    EXPECT_TRUE(checks::nameAddrProblem("Smith, Alice <sip:a@example.com>", false).has_value());
}

TEST(SipParseChecks, HostPort) {
    EXPECT_TRUE(checks::isValidHostPort("example.com"));
    EXPECT_TRUE(checks::isValidHostPort("192.0.2.1:5060"));
    EXPECT_TRUE(checks::isValidHostPort("[2001:db8::1]:5061"));
    EXPECT_TRUE(checks::isValidHostPort("[2001:db8:::192.0.2.1]"));  // RFC 5118 §4.10: tolerated
    EXPECT_FALSE(checks::isValidHostPort("2001:db8::10"));
    EXPECT_FALSE(checks::isValidHostPort("[2001:db8::1"));
    EXPECT_FALSE(checks::isValidHostPort("example.com:65536"));
    EXPECT_FALSE(checks::isValidHostPort(""));
}

}  // namespace
}  // namespace callvault::server::sip
