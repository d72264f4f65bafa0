// Every RFC 4475 and RFC 5118 torture message through parseSipMessage, with the outcome the RFC asks for.

#include "server/sip/sip_parse.h"
#include "server/sip/sip_response_builder.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::sip {
namespace {

enum class Outcome { Accept, Refuse };

struct TortureCase {
    std::string_view file;
    std::string_view section;
    Outcome outcome;
    int answer;               ///< refused: the status a request is answered with; 0 = dropped
    std::string_view reason;  ///< refused: part of the failure reason
};

// Expected outcomes from the RFC text. RFC 4475 §3.1.1 are valid, §3.1.2 invalid. §3.2-3.4 are well formed
// but ask an element for a behaviour; where that behaviour is "400" we refuse here, where it is another
// answer the choice is given in the comment. RFC 5118 §4: all valid but ipv6-bad.
constexpr std::array<TortureCase, 61> kCases{{
    // RFC 4475 §3.1.1 valid messages
    {"rfc4475/wsinv.dat", "4475 3.1.1.1", Outcome::Accept, 0, ""},
    {"rfc4475/intmeth.dat", "4475 3.1.1.2", Outcome::Accept, 0, ""},  // unknown method: the B2BUA answers 501
    {"rfc4475/esc01.dat", "4475 3.1.1.3", Outcome::Accept, 0, ""},
    {"rfc4475/escnull.dat", "4475 3.1.1.4", Outcome::Accept, 0, ""},
    {"rfc4475/esc02.dat", "4475 3.1.1.5", Outcome::Accept, 0, ""},
    {"rfc4475/lwsdisp.dat", "4475 3.1.1.6", Outcome::Accept, 0, ""},
    {"rfc4475/longreq.dat", "4475 3.1.1.7", Outcome::Accept, 0, ""},
    {"rfc4475/dblreq.dat", "4475 3.1.1.8", Outcome::Accept, 0, ""},  // trailing octets ignored
    {"rfc4475/semiuri.dat", "4475 3.1.1.9", Outcome::Accept, 0, ""},
    {"rfc4475/transports.dat", "4475 3.1.1.10", Outcome::Accept, 0, ""},
    {"rfc4475/mpart01.dat", "4475 3.1.1.11", Outcome::Accept, 0, ""},
    {"rfc4475/unreason.dat", "4475 3.1.1.12", Outcome::Accept, 0, ""},
    {"rfc4475/noreason.dat", "4475 3.1.1.13", Outcome::Accept, 0, ""},
    // RFC 4475 §3.1.2 invalid messages
    {"rfc4475/badinv01.dat", "4475 3.1.2.1", Outcome::Refuse, 0, "Via"},  // its Via is the broken part
    {"rfc4475/clerr.dat", "4475 3.1.2.2", Outcome::Refuse, 400, "larger than the body"},
    {"rfc4475/ncl.dat", "4475 3.1.2.3", Outcome::Refuse, 400, "Content-Length"},
    {"rfc4475/scalar02.dat", "4475 3.1.2.4", Outcome::Refuse, 400, "CSeq number"},
    {"rfc4475/scalarlg.dat", "4475 3.1.2.5", Outcome::Refuse, 0, "CSeq number"},  // a response: dropped
    {"rfc4475/quotbal.dat", "4475 3.1.2.6", Outcome::Refuse, 400, "unterminated quoted string"},
    {"rfc4475/ltgtruri.dat", "4475 3.1.2.7", Outcome::Refuse, 400, "Request-URI"},
    {"rfc4475/lwsruri.dat", "4475 3.1.2.8", Outcome::Refuse, 400, "exactly one SP"},
    {"rfc4475/lwsstart.dat", "4475 3.1.2.9", Outcome::Refuse, 400, "exactly one SP"},
    {"rfc4475/trws.dat", "4475 3.1.2.10", Outcome::Refuse, 400, "SIP-Version"},
    {"rfc4475/escruri.dat", "4475 3.1.2.11", Outcome::Refuse, 400, "headers"},
    {"rfc4475/baddate.dat", "4475 3.1.2.12", Outcome::Refuse, 400, "Date"},
    {"rfc4475/regbadct.dat", "4475 3.1.2.13", Outcome::Refuse, 400, "Contact"},
    {"rfc4475/badaspec.dat", "4475 3.1.2.14", Outcome::Refuse, 400, "To"},
    // The archived file has no empty line after its headers; SipParse.DisplayNameWithComma checks the rest.
    {"rfc4475/baddn.dat", "4475 3.1.2.15", Outcome::Refuse, 0, "empty line"},
    {"rfc4475/badvers.dat", "4475 3.1.2.16", Outcome::Refuse, 505, "version"},
    {"rfc4475/mismatch01.dat", "4475 3.1.2.17", Outcome::Refuse, 400, "CSeq method"},
    {"rfc4475/mismatch02.dat", "4475 3.1.2.18", Outcome::Refuse, 400, "CSeq method"},
    {"rfc4475/bigcode.dat", "4475 3.1.2.19", Outcome::Refuse, 0, "status code"},  // a response: dropped
    // RFC 4475 §3.2 transaction layer
    {"rfc4475/badbranch.dat", "4475 3.2.1", Outcome::Accept, 0, ""},  // chosen: RFC 2543 matching, not 400
    // RFC 4475 §3.3 application layer
    {"rfc4475/insuf.dat", "4475 3.3.1", Outcome::Refuse, 400, "missing header field"},
    {"rfc4475/unkscm.dat", "4475 3.3.2", Outcome::Refuse, 416, "scheme"},   // RFC: 416, answered here
    {"rfc4475/novelsc.dat", "4475 3.3.3", Outcome::Refuse, 416, "scheme"},  // RFC: 416 (we handle no im:)
    {"rfc4475/unksm2.dat", "4475 3.3.4", Outcome::Accept, 0, ""},
    {"rfc4475/bext01.dat", "4475 3.3.5", Outcome::Accept, 0, ""},    // chosen: accept, the B2BUA answers 420
    {"rfc4475/invut.dat", "4475 3.3.6", Outcome::Accept, 0, ""},     // chosen: accept, the B2BUA answers 415
    {"rfc4475/regaut01.dat", "4475 3.3.7", Outcome::Accept, 0, ""},  // chosen: accept (unauthenticated)
    {"rfc4475/multi01.dat", "4475 3.3.8", Outcome::Refuse, 400, "more than one"},
    {"rfc4475/mcl01.dat", "4475 3.3.9", Outcome::Refuse, 400, "Content-Length"},
    {"rfc4475/bcast.dat", "4475 3.3.10", Outcome::Accept, 0, ""},   // a response; never relayed to broadcast
    {"rfc4475/zeromf.dat", "4475 3.3.11", Outcome::Accept, 0, ""},  // OPTIONS answered by OptionsResponder
    {"rfc4475/cparam01.dat", "4475 3.3.12", Outcome::Accept, 0, ""},
    {"rfc4475/cparam02.dat", "4475 3.3.13", Outcome::Accept, 0, ""},
    {"rfc4475/regescrt.dat", "4475 3.3.14", Outcome::Accept, 0, ""},
    {"rfc4475/sdp01.dat", "4475 3.3.15", Outcome::Accept, 0, ""},   // chosen: accept, the B2BUA answers 406
    {"rfc4475/inv2543.dat", "4475 3.4.1", Outcome::Accept, 0, ""},  // RFC 2543: no Max-Forwards, no length
    // RFC 5118 §4
    {"rfc5118/ipv6-good.dat", "5118 4.1", Outcome::Accept, 0, ""},
    {"rfc5118/ipv6-bad.dat", "5118 4.2", Outcome::Refuse, 400, "host or port"},
    {"rfc5118/port-ambiguous.dat", "5118 4.3", Outcome::Accept, 0, ""},
    {"rfc5118/port-unambiguous.dat", "5118 4.4", Outcome::Accept, 0, ""},
    {"rfc5118/via-received-param-with-delim.dat", "5118 4.5", Outcome::Accept, 0, ""},
    {"rfc5118/via-received-param-no-delim.dat", "5118 4.5", Outcome::Accept, 0, ""},
    {"rfc5118/ipv6-in-sdp.dat", "5118 4.6", Outcome::Accept, 0, ""},
    {"rfc5118/mult-ip-in-header.dat", "5118 4.7", Outcome::Accept, 0, ""},
    {"rfc5118/mult-ip-in-sdp.dat", "5118 4.8", Outcome::Accept, 0, ""},
    {"rfc5118/ipv4-mapped-ipv6.dat", "5118 4.9", Outcome::Accept, 0, ""},
    {"rfc5118/ipv6-bug-abnf-3-colons.dat", "5118 4.10", Outcome::Accept, 0, ""},
    {"rfc5118/ipv6-correct-abnf-2-colons.dat", "5118 4.10", Outcome::Accept, 0, ""},
}};

void PrintTo(const TortureCase& c, std::ostream* out) {
    *out << c.file << " (RFC " << c.section << ")";
}

std::string caseName(const testing::TestParamInfo<TortureCase>& info) {
    std::string name(info.param.file);
    name = name.substr(0, name.rfind('.'));
    std::replace_if(
        name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; },
        '_');
    return name;
}

std::vector<TortureCase> casesWhere(bool (*keep)(const TortureCase&)) {
    std::vector<TortureCase> out;
    std::copy_if(kCases.begin(), kCases.end(), std::back_inserter(out), keep);
    return out;
}

class SipTorture : public testing::TestWithParam<TortureCase> {};
class SipTortureAccepted : public testing::TestWithParam<TortureCase> {};
class SipTortureAnswered : public testing::TestWithParam<TortureCase> {};

TEST_P(SipTorture, OutcomeIsTheOneTheRfcAsksFor) {
    const auto& c = GetParam();
    const auto result = parseSipMessage(test::tortureMessage(c.file));
    if (c.outcome == Outcome::Accept) {
        ASSERT_TRUE(result.ok()) << c.section << ": " << result.failure->reason;
        EXPECT_FALSE(result.message.empty());
        return;
    }
    ASSERT_FALSE(result.ok()) << c.section << " was accepted";
    EXPECT_NE(result.failure->reason.find(c.reason), std::string::npos)
        << c.section << ": reason \"" << result.failure->reason << "\" lacks \"" << c.reason << "\"";
    EXPECT_EQ(result.canAnswer(), c.answer != 0) << c.section;
    if (c.answer != 0) {
        EXPECT_EQ(result.failure->status, c.answer);
    }
}

// Every prefix of every message, as a datagram cut short or a stream read too early: never a crash (this
// suite runs under ASan/UBSan in the sanitizer build), never a message accepted without its header section,
// and whatever is answered serialises. Both the wire form and the archived bytes (bare LF for RFC 5118).
TEST_P(SipTorture, EveryTruncationIsHandled) {
    const auto& c = GetParam();
    for (const std::string& full : {test::tortureMessage(c.file), test::readTortureFile(c.file)}) {
        const auto headerEnd = full.find("\r\n\r\n");
        for (std::size_t length = 0; length <= full.size(); ++length) {
            const auto result = parseSipMessage(std::string_view(full.data(), length));
            if (headerEnd == std::string::npos || length < headerEnd + 4) {
                EXPECT_FALSE(result.ok()) << "accepted a prefix of " << length << " octets";
            }
            if (result.ok()) {
                EXPECT_FALSE(result.message.toString().empty());
            } else if (const auto answer = buildRejection(result, "test")) {
                EXPECT_FALSE(answer->toString().empty()) << "prefix of " << length << " octets";
            }
        }
    }
}

TEST_P(SipTortureAccepted, SurvivesARoundTrip) {
    const auto first = parseSipMessage(test::tortureMessage(GetParam().file));
    ASSERT_TRUE(first.ok());
    const std::string wire = first.message.toString();
    ASSERT_FALSE(wire.empty());
    const auto second = parseSipMessage(wire);
    ASSERT_TRUE(second.ok()) << second.failure->reason << "\n" << wire;
    const auto& a = first.message;
    const auto& b = second.message;
    EXPECT_EQ(a.isRequest(), b.isRequest());
    EXPECT_EQ(a.method(), b.method());
    EXPECT_EQ(a.requestUri(), b.requestUri());
    EXPECT_EQ(a.status(), b.status());
    EXPECT_EQ(a.reason(), b.reason());
    EXPECT_EQ(a.callId(), b.callId());
    EXPECT_EQ(a.cseqNumber(), b.cseqNumber());
    EXPECT_EQ(a.cseqMethod(), b.cseqMethod());
    EXPECT_EQ(a.fromTag(), b.fromTag());
    EXPECT_EQ(a.toTag(), b.toTag());
    EXPECT_EQ(a.fromUri(), b.fromUri());
    EXPECT_EQ(a.toUri(), b.toUri());
    EXPECT_EQ(a.headers("Contact"), b.headers("Contact"));
    EXPECT_EQ(a.headers("Via"), b.headers("Via"));
    EXPECT_EQ(a.contentType(), b.contentType());
    EXPECT_EQ(a.body(), b.body());
}

// The answer carries what the client needs to match it (top Via branch, CSeq) and names the problem; fields
// copied from the request stay as the request had them (so badvers' "SIP/7.0" Via comes back as it came).
TEST_P(SipTortureAnswered, AnswerIsWellFormed) {
    const auto& c = GetParam();
    const auto result = parseSipMessage(test::tortureMessage(c.file));
    const auto answer = buildRejection(result, "192.0.2.10:5060");
    ASSERT_TRUE(answer.has_value());
    const std::string wire = answer->toString();
    EXPECT_TRUE(wire.starts_with("SIP/2.0 " + std::to_string(c.answer) + " ")) << wire;
    EXPECT_EQ(answer->headers("Via"), result.message.headers("Via"));
    EXPECT_NE(wire.find("\r\nWarning: 399 192.0.2.10:5060 \""), std::string::npos) << wire;
    EXPECT_TRUE(wire.ends_with("\r\nContent-Length: 0\r\n\r\n")) << wire;
    EXPECT_EQ(answer->status(), c.answer);
    EXPECT_EQ(answer->cseqNumber(), result.message.cseqNumber());
    EXPECT_EQ(answer->cseqMethod(), result.message.cseqMethod());
}

INSTANTIATE_TEST_SUITE_P(SipRfc4475AndRfc5118, SipTorture, testing::ValuesIn(kCases), caseName);
INSTANTIATE_TEST_SUITE_P(SipRfc4475AndRfc5118, SipTortureAccepted,
                         testing::ValuesIn(casesWhere([](const TortureCase& c) {
                             return c.outcome == Outcome::Accept;
                         })),
                         caseName);
INSTANTIATE_TEST_SUITE_P(SipRfc4475AndRfc5118, SipTortureAnswered,
                         testing::ValuesIn(casesWhere([](const TortureCase& c) { return c.answer != 0; })),
                         caseName);

TEST(SipTortureTable, CoversEveryArchivedFile) {
    std::set<std::string> inTable;
    for (const auto& c : kCases) {
        inTable.emplace(c.file);
    }
    std::set<std::string> archived;
    for (const char* folder : {"rfc4475", "rfc5118"}) {
        for (const auto& entry : std::filesystem::directory_iterator(test::tortureDir() + "/" + folder)) {
            if (entry.path().extension() == ".dat") {
                archived.insert(std::string(folder) + "/" + entry.path().filename().string());
            }
        }
    }
    EXPECT_EQ(archived.size(), 61U);  // 49 of RFC 4475, 12 of RFC 5118
    EXPECT_EQ(inTable, archived);
}

}  // namespace
}  // namespace callvault::server::sip
