#include "server/util/password_hash.h"

#include "common/validation/validation.h"

#include <gtest/gtest.h>

#include <set>

namespace callvault::server {
namespace {

TEST(PasswordHash, HashIsArgon2idAndVerifies) {
    const auto hash = hashPassword("correct horse 42");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0U) << hash;
    EXPECT_TRUE(verifyPassword(hash, "correct horse 42"));
}

TEST(PasswordHash, WrongPasswordFails) {
    const auto hash = hashPassword("secret123");
    EXPECT_FALSE(verifyPassword(hash, "secret124"));
    EXPECT_FALSE(verifyPassword(hash, ""));
    EXPECT_FALSE(verifyPassword(hash, "Secret123"));
}

TEST(PasswordHash, SamePasswordHashesDifferently) {
    const auto a = hashPassword("secret123");
    const auto b = hashPassword("secret123");
    EXPECT_NE(a, b);  // random salt
    EXPECT_TRUE(verifyPassword(a, "secret123"));
    EXPECT_TRUE(verifyPassword(b, "secret123"));
}

TEST(PasswordHash, MalformedHashIsNoMatch) {
    EXPECT_FALSE(verifyPassword("", "x"));
    EXPECT_FALSE(verifyPassword("not a hash", "not a hash"));
    EXPECT_FALSE(verifyPassword(std::string(500, '$'), "x"));
}

TEST(PasswordHash, OneTimePasswordPassesTheRulesAndDiffers) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const auto password = generateOneTimePassword();
        ASSERT_EQ(password.size(), 12U);
        EXPECT_EQ(checkPassword(password), std::nullopt) << password;
        for (const char c : password) {
            EXPECT_EQ(std::string_view("0O1lI").find(c), std::string_view::npos)
                << "ambiguous in " << password;
        }
        seen.insert(password);
    }
    EXPECT_EQ(seen.size(), 200U);
}

TEST(PasswordHash, OneTimePasswordVerifiesAfterHashing) {
    const auto password = generateOneTimePassword();
    EXPECT_TRUE(verifyPassword(hashPassword(password), password));
}

}  // namespace
}  // namespace callvault::server
