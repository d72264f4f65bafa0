#include "common/api/error_codes.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>

namespace callvault {
namespace {

TEST(ErrorCodes, TableHasOneRowPerCodeInEnumOrder) {
    const auto table = errorTable();
    ASSERT_EQ(table.size(), static_cast<std::size_t>(ErrorCode::DateRangeTooLong) + 1);
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(table[i].code), i);
        EXPECT_EQ(&errorInfo(table[i].code), &table[i]);
    }
}

TEST(ErrorCodes, NamesAreUniqueSnakeCase) {
    std::set<std::string> names;
    for (const ErrorInfo& info : errorTable()) {
        ASSERT_FALSE(info.name.empty());
        for (char c : info.name) {
            EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << info.name;
        }
        EXPECT_TRUE(names.insert(std::string(info.name)).second) << "duplicate " << info.name;
    }
}

TEST(ErrorCodes, StatusesAreHttpErrors) {
    for (const ErrorInfo& info : errorTable()) {
        EXPECT_GE(info.httpStatus, 400) << info.name;
        EXPECT_LT(info.httpStatus, 600) << info.name;
    }
}

TEST(ErrorCodes, KnownCodesMapToTheirStatus) {
    EXPECT_EQ(errorInfo(ErrorCode::BadRequest).httpStatus, 400);
    EXPECT_EQ(errorInfo(ErrorCode::InvalidJson).name, "invalid_json");
    EXPECT_EQ(errorInfo(ErrorCode::ValidationFailed).httpStatus, 400);
    EXPECT_EQ(errorInfo(ErrorCode::Unauthorized).httpStatus, 401);
    EXPECT_EQ(errorInfo(ErrorCode::SessionExpired).httpStatus, 401);
    EXPECT_EQ(errorInfo(ErrorCode::InvalidCredentials).httpStatus, 401);
    EXPECT_EQ(errorInfo(ErrorCode::Forbidden).httpStatus, 403);
    EXPECT_EQ(errorInfo(ErrorCode::PasswordChangeRequired).name, "password_change_required");
    EXPECT_EQ(errorInfo(ErrorCode::AccountDisabled).httpStatus, 403);
    EXPECT_EQ(errorInfo(ErrorCode::NotFound).httpStatus, 404);
    EXPECT_EQ(errorInfo(ErrorCode::MethodNotAllowed).httpStatus, 405);
    EXPECT_EQ(errorInfo(ErrorCode::RequestTimeout).httpStatus, 408);
    EXPECT_EQ(errorInfo(ErrorCode::Conflict).httpStatus, 409);
    EXPECT_EQ(errorInfo(ErrorCode::PayloadTooLarge).httpStatus, 413);
    EXPECT_EQ(errorInfo(ErrorCode::UnsupportedMediaType).httpStatus, 415);
    EXPECT_EQ(errorInfo(ErrorCode::AccountLocked).httpStatus, 429);
    EXPECT_EQ(errorInfo(ErrorCode::HeadersTooLarge).httpStatus, 431);
    EXPECT_EQ(errorInfo(ErrorCode::InternalError).httpStatus, 500);
    EXPECT_EQ(errorInfo(ErrorCode::ServiceUnavailable).name, "service_unavailable");
    EXPECT_EQ(errorInfo(ErrorCode::ServiceUnavailable).httpStatus, 503);
}

TEST(ErrorCodes, OutOfRangeCodeFallsBackToInternalError) {
    const auto bogus = static_cast<ErrorCode>(999);
    EXPECT_EQ(errorInfo(bogus).code, ErrorCode::InternalError);
    EXPECT_EQ(errorInfo(bogus).httpStatus, 500);
}

}  // namespace
}  // namespace callvault
