// OptionsResponder: which OPTIONS it answers and what its 200 says.

#include "server/sip/options_responder.h"

#include "server/sip/sip_parse.h"
#include "tests/server/unit/sip_test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace callvault::server::sip {
namespace {

using test::parse;

TEST(SipOptionsResponder, AnswersOptionsForTheServerItself) {
    const auto request = parse(test::optionsRequest());
    ASSERT_TRUE(OptionsResponder::isForUs(request));
    OptionsResponderConfig config;
    config.supported = "replaces";
    const auto answer = parse(OptionsResponder(config).answer(request).toString());
    EXPECT_EQ(answer.status(), 200);
    EXPECT_EQ(answer.topVia()->branch, "z9hG4bK-test-1");
    EXPECT_EQ(answer.cseqNumber(), 7U);
    EXPECT_FALSE(answer.toTag().empty());
    const std::vector<std::string> allow{"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO"};
    EXPECT_EQ(answer.headers("Allow"), allow);  // libosip2 keeps a list field one value per entry
    EXPECT_EQ(answer.header("Accept"), "application/sdp");
    EXPECT_EQ(answer.header("Accept-Encoding"), "identity");
    EXPECT_EQ(answer.header("Accept-Language"), "en");
    EXPECT_EQ(answer.header("Supported"), "replaces");
}

TEST(SipOptionsResponder, AnswersMaxForwardsZeroAsTheLastHop) {
    // RFC 4475 §3.3.11 zeromf: OPTIONS to a user with Max-Forwards 0.
    EXPECT_TRUE(OptionsResponder::isForUs(parse(test::tortureMessage("rfc4475/zeromf.dat"))));
}

TEST(SipOptionsResponder, LeavesOtherMessagesToTheNextHandler) {
    std::string toUser = test::optionsRequest();
    toUser.replace(toUser.find("OPTIONS sip:192.0.2.10"), 22, "OPTIONS sip:+15551230000@192.0.2.10");
    EXPECT_FALSE(OptionsResponder::isForUs(parse(toUser)));  // a user number: the B2BUA's
    std::string inDialog = test::optionsRequest();
    inDialog.replace(inDialog.find("To: <sip:192.0.2.10>"), 20, "To: <sip:192.0.2.10>;tag=x");
    EXPECT_FALSE(OptionsResponder::isForUs(parse(inDialog)));
    EXPECT_FALSE(OptionsResponder::isForUs(parse(test::tortureMessage("rfc4475/wsinv.dat"))));
    EXPECT_FALSE(OptionsResponder::isForUs(parse(test::tortureMessage("rfc4475/noreason.dat"))));
}

}  // namespace
}  // namespace callvault::server::sip
