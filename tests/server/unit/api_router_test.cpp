#include "server/api/router.h"

#include <gtest/gtest.h>

#include <string>

namespace callvault::server::api {
namespace {

RouteMatch matched(std::string_view method, std::string_view target) {
    RouteResult result = routeRequest(method, target);
    EXPECT_TRUE(result.ok()) << method << ' ' << target << ": " << result.message;
    return result.match.value_or(RouteMatch{});
}

void expectError(std::string_view method, std::string_view target, ErrorCode code) {
    const RouteResult result = routeRequest(method, target);
    EXPECT_FALSE(result.ok()) << method << ' ' << target;
    EXPECT_EQ(result.error, code) << method << ' ' << target << ": " << result.message;
    EXPECT_FALSE(result.message.empty());
}

TEST(RouterTest, MatchesEveryRoute) {
    EXPECT_EQ(matched("POST", "/api/v1/session").route, RouteId::Login);
    EXPECT_EQ(matched("DELETE", "/api/v1/session").route, RouteId::Logout);
    EXPECT_EQ(matched("GET", "/api/v1/me").route, RouteId::Me);
    EXPECT_EQ(matched("PUT", "/api/v1/me/password").route, RouteId::ChangePassword);
    EXPECT_EQ(matched("GET", "/api/v1/company").route, RouteId::Company);
    EXPECT_EQ(matched("GET", "/api/v1/users").route, RouteId::ListUsers);
    EXPECT_EQ(matched("POST", "/api/v1/users").route, RouteId::CreateUser);
    EXPECT_EQ(matched("GET", "/api/v1/users/12").route, RouteId::GetUser);
    EXPECT_EQ(matched("PATCH", "/api/v1/users/12").route, RouteId::UpdateUser);
    EXPECT_EQ(matched("POST", "/api/v1/users/12/reset-password").route, RouteId::ResetUserPassword);
    EXPECT_EQ(matched("GET", "/api/v1/groups").route, RouteId::ListGroups);
    EXPECT_EQ(matched("POST", "/api/v1/groups").route, RouteId::CreateGroup);
    EXPECT_EQ(matched("PATCH", "/api/v1/groups/3").route, RouteId::UpdateGroup);
    EXPECT_EQ(matched("DELETE", "/api/v1/groups/3").route, RouteId::DeleteGroup);
    EXPECT_EQ(matched("GET", "/api/v1/labels").route, RouteId::ListLabels);
    EXPECT_EQ(matched("POST", "/api/v1/labels").route, RouteId::CreateLabel);
    EXPECT_EQ(matched("PATCH", "/api/v1/labels/4").route, RouteId::UpdateLabel);
    EXPECT_EQ(matched("DELETE", "/api/v1/labels/4").route, RouteId::DeleteLabel);
    EXPECT_EQ(matched("GET", "/api/v1/numbers").route, RouteId::ListNumbers);
    EXPECT_EQ(matched("GET", "/api/v1/numbers/21122560").route, RouteId::GetNumber);
    EXPECT_EQ(matched("PUT", "/api/v1/numbers/21122560/pin").route, RouteId::SetNumberPin);
    EXPECT_EQ(matched("GET", "/api/v1/audit").route, RouteId::ListAudit);
    EXPECT_EQ(matched("GET", "/api/v1/audit/9").route, RouteId::GetAuditEntry);
    EXPECT_EQ(matched("GET", "/api/v1/health").route, RouteId::Health);
    EXPECT_EQ(matched("GET", "/metrics").route, RouteId::Metrics);
}

TEST(RouterTest, ExtractsPathParameters) {
    EXPECT_EQ(matched("GET", "/api/v1/users/12").rowId, 12);
    EXPECT_EQ(matched("POST", "/api/v1/users/9223372036854775807/reset-password").rowId, INT64_MAX);
    EXPECT_EQ(matched("GET", "/api/v1/numbers/+85221122560").number, "+85221122560");
    EXPECT_EQ(matched("PUT", "/api/v1/numbers/%2B85221122560/pin").number, "+85221122560");
}

TEST(RouterTest, IdsMustBePositive64BitIntegers) {
    for (const char* id : {"0", "-1", "+1", "01", "1.0", "abc", "1e3", "9223372036854775808", "99999999999999999999",
                           "%31"}) {
        if (std::string(id) == "%31") {
            // A percent-encoded digit is still the id 1.
            EXPECT_EQ(matched("GET", std::string("/api/v1/users/") + id).rowId, 1);
            continue;
        }
        expectError("GET", std::string("/api/v1/users/") + id, ErrorCode::NotFound);
        expectError("DELETE", std::string("/api/v1/groups/") + id, ErrorCode::NotFound);
    }
}

TEST(RouterTest, NumbersMustBePhoneNumbers) {
    expectError("GET", "/api/v1/numbers/12ab", ErrorCode::NotFound);
    expectError("GET", "/api/v1/numbers/12", ErrorCode::NotFound);
    expectError("PUT", "/api/v1/numbers/%20123456/pin", ErrorCode::NotFound);
}

TEST(RouterTest, UnknownPathsAreNotFound) {
    expectError("GET", "/", ErrorCode::NotFound);
    expectError("GET", "/api/v1", ErrorCode::NotFound);
    expectError("GET", "/api/v1/users/", ErrorCode::NotFound);
    expectError("GET", "/api/v1//users", ErrorCode::NotFound);
    expectError("GET", "/api/v1/Users", ErrorCode::NotFound);
    expectError("GET", "/api/v2/users", ErrorCode::NotFound);
    expectError("GET", "/api/v1/users/../users", ErrorCode::NotFound);
    expectError("GET", "/api/v1/users%2F5", ErrorCode::NotFound);  // an encoded slash stays in its segment
    expectError("GET", "/api/v1/users/5/extra", ErrorCode::NotFound);
}

TEST(RouterTest, KnownPathWithOtherMethodIs405WithAllow) {
    RouteResult result = routeRequest("DELETE", "/api/v1/users");
    EXPECT_EQ(result.error, ErrorCode::MethodNotAllowed);
    EXPECT_EQ(result.allow, "GET, POST");
    result = routeRequest("GET", "/api/v1/groups/5");
    EXPECT_EQ(result.error, ErrorCode::MethodNotAllowed);
    EXPECT_EQ(result.allow, "PATCH, DELETE");
    result = routeRequest("GET", "/api/v1/session");
    EXPECT_EQ(result.allow, "POST, DELETE");
    result = routeRequest("HEAD", "/api/v1/health");
    EXPECT_EQ(result.error, ErrorCode::MethodNotAllowed);
    EXPECT_EQ(result.allow, "GET");
    result = routeRequest("get", "/api/v1/health");  // methods are case-sensitive
    EXPECT_EQ(result.error, ErrorCode::MethodNotAllowed);
}

TEST(RouterTest, MalformedTargetsAreBadRequests) {
    expectError("GET", "", ErrorCode::BadRequest);
    expectError("GET", "api/v1/health", ErrorCode::BadRequest);
    expectError("GET", "http://example.com/api/v1/health", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/%G1", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/%4", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/%", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/1%00", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/%0A", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users/%FF", ErrorCode::BadRequest);  // not UTF-8
    expectError("GET", std::string("/api/v1/users/1\0", 16), ErrorCode::BadRequest);
    expectError("GET", "/api/v1/users /1", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/health#top", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/h\xc3\xa9", ErrorCode::BadRequest);  // raw non-ASCII must be encoded
    expectError("GET", "/api/v1/audit?from=%ZZ", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/audit?limit=1&limit=2", ErrorCode::BadRequest);
    expectError("GET", "/api/v1/audit?=5", ErrorCode::BadRequest);
}

TEST(RouterTest, TargetLengthIsBounded) {
    const std::string base = "/api/v1/audit?operator=";
    const std::string atLimit = base + std::string(kMaxTargetLength - base.size(), 'a');
    EXPECT_TRUE(routeRequest("GET", atLimit).ok());
    expectError("GET", atLimit + "a", ErrorCode::BadRequest);
}

TEST(RouterTest, ParsesAndDecodesTheQuery) {
    const RouteMatch match =
        matched("GET", "/api/v1/audit?from=2026-11-01T00%3A00%3A00Z&operator=a%20b&operation=user.&&x=1+2&flag");
    EXPECT_EQ(match.query.at("from"), "2026-11-01T00:00:00Z");
    EXPECT_EQ(match.query.at("operator"), "a b");
    EXPECT_EQ(match.query.at("operation"), "user.");
    EXPECT_EQ(match.query.at("x"), "1+2");  // '+' is a literal plus
    EXPECT_EQ(match.query.at("flag"), "");
    EXPECT_EQ(match.query.size(), 5U);
    EXPECT_TRUE(matched("GET", "/api/v1/health?").query.empty());
}

TEST(RouterTest, ParseTargetKeepsSegments) {
    std::string error;
    const auto parsed = parseTarget("/a/b%2Fc/%E4%BD%A0", &error);
    ASSERT_TRUE(parsed) << error;
    ASSERT_EQ(parsed->segments.size(), 3U);
    EXPECT_EQ(parsed->segments[1], "b/c");
    EXPECT_EQ(parsed->segments[2], "\xe4\xbd\xa0");
    EXPECT_FALSE(parseTarget("/a%2", &error));
    EXPECT_FALSE(error.empty());
}

TEST(RouterTest, ParsePositiveId) {
    EXPECT_EQ(parsePositiveId("1"), 1);
    EXPECT_EQ(parsePositiveId("9223372036854775807"), INT64_MAX);
    EXPECT_FALSE(parsePositiveId(""));
    EXPECT_FALSE(parsePositiveId("0"));
    EXPECT_FALSE(parsePositiveId("9223372036854775808"));
    EXPECT_FALSE(parsePositiveId(" 1"));
}

}  // namespace
}  // namespace callvault::server::api
