#include "common/validation/validation.h"

#include <gtest/gtest.h>

#include <string>

namespace callvault {
namespace {

std::string repeat(std::string_view piece, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text.append(piece);
    }
    return text;
}

TEST(Utf8, AcceptsAsciiAndMultiByteText) {
    EXPECT_TRUE(isValidUtf8(""));
    EXPECT_TRUE(isValidUtf8("hello"));
    EXPECT_TRUE(isValidUtf8("陳大文"));
    EXPECT_TRUE(isValidUtf8("Grüße"));
    EXPECT_TRUE(isValidUtf8("\xF0\x9F\x93\x9E"));  // U+1F4DE telephone receiver
    EXPECT_TRUE(isValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
    EXPECT_TRUE(isValidUtf8("\xED\x9F\xBF"));      // U+D7FF just below the surrogates
    EXPECT_TRUE(isValidUtf8("\xEE\x80\x80"));      // U+E000 just above them
}

TEST(Utf8, RejectsMalformedSequences) {
    EXPECT_FALSE(isValidUtf8("\x80"));      // lone continuation byte
    EXPECT_FALSE(isValidUtf8("abc\xFF"));   // never valid
    EXPECT_FALSE(isValidUtf8("\xE9\x99"));  // truncated 3-byte sequence
    EXPECT_FALSE(
        isValidUtf8("\xE9\x99"
                    "A"));                          // continuation replaced by ASCII
    EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(isValidUtf8("\xC1\xBF"));          // overlong
    EXPECT_FALSE(isValidUtf8("\xE0\x80\xAF"));      // overlong 3-byte
    EXPECT_FALSE(isValidUtf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
    EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // U+D800 surrogate
    EXPECT_FALSE(isValidUtf8("\xED\xBF\xBF"));      // U+DFFF surrogate
    EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(isValidUtf8("\xF5\x80\x80\x80"));  // lead byte beyond F4
}

TEST(Password, LengthBoundaries) {
    EXPECT_TRUE(checkPassword("abcdef1").has_value());               // 7
    EXPECT_FALSE(checkPassword("abcdefg1").has_value());             // 8
    EXPECT_FALSE(checkPassword(repeat("a1", 64)).has_value());       // 128
    EXPECT_TRUE(checkPassword(repeat("a1", 64) + "x").has_value());  // 129
    EXPECT_TRUE(checkPassword("").has_value());
}

TEST(Password, NeedsLettersAndDigits) {
    EXPECT_TRUE(checkPassword("abcdefgh").has_value());
    EXPECT_TRUE(checkPassword("12345678").has_value());
    EXPECT_TRUE(checkPassword("!!!!!!!!").has_value());
    EXPECT_FALSE(checkPassword("1234567A").has_value());
    EXPECT_FALSE(checkPassword("pass word 1").has_value());
    EXPECT_FALSE(checkPassword("Secret-2026!").has_value());
}

TEST(Password, CountsCharactersNotBytesAndNeedsUtf8) {
    // 6 Chinese characters (18 bytes) + "a1" = 8 characters.
    EXPECT_FALSE(checkPassword("密碼密碼密碼a1").has_value());
    // 5 Chinese characters + "a1" = 7 characters although 17 bytes.
    EXPECT_TRUE(checkPassword("密碼密碼密a1").has_value());
    EXPECT_TRUE(checkPassword("abcdefg1\xFF").has_value());
}

TEST(Password, MessagesAreSentences) {
    const auto error = checkPassword("short1");
    ASSERT_TRUE(error.has_value());
    EXPECT_FALSE(error->empty());
    EXPECT_EQ(error->back(), '.');
    EXPECT_NE(error->find("8"), std::string::npos);
}

TEST(Pin, OneToSixDigits) {
    EXPECT_TRUE(checkPin("").has_value());
    EXPECT_FALSE(checkPin("0").has_value());
    EXPECT_FALSE(checkPin("123456").has_value());
    EXPECT_TRUE(checkPin("1234567").has_value());
    EXPECT_TRUE(checkPin("12a4").has_value());
    EXPECT_TRUE(checkPin(" 1234").has_value());
    EXPECT_TRUE(checkPin("-123").has_value());
    EXPECT_TRUE(checkPin("１２３").has_value());  // full-width digits are not ASCII digits
}

TEST(PhoneNumber, DigitsWithOptionalPlus) {
    EXPECT_FALSE(checkPhoneNumber("123").has_value());
    EXPECT_FALSE(checkPhoneNumber("+85221122560").has_value());
    EXPECT_FALSE(checkPhoneNumber("21122560").has_value());
    EXPECT_FALSE(checkPhoneNumber(repeat("9", 20)).has_value());
    EXPECT_FALSE(checkPhoneNumber("+" + repeat("9", 20)).has_value());
    EXPECT_TRUE(checkPhoneNumber("12").has_value());
    EXPECT_TRUE(checkPhoneNumber("+12").has_value());
    EXPECT_TRUE(checkPhoneNumber(repeat("9", 21)).has_value());
    EXPECT_TRUE(checkPhoneNumber("").has_value());
    EXPECT_TRUE(checkPhoneNumber("+").has_value());
    EXPECT_TRUE(checkPhoneNumber("++852").has_value());
    EXPECT_TRUE(checkPhoneNumber("852+123").has_value());
    EXPECT_TRUE(checkPhoneNumber("2112 2560").has_value());
    EXPECT_TRUE(checkPhoneNumber("2112-2560").has_value());
    EXPECT_TRUE(checkPhoneNumber("anonymous").has_value());
}

TEST(Name, AcceptsChineseAndOrdinaryNames) {
    EXPECT_FALSE(checkName("陳大文").has_value());
    EXPECT_FALSE(checkName("Default Group").has_value());
    EXPECT_FALSE(checkName("A").has_value());
    EXPECT_FALSE(checkName("O'Brien-Smith Jr.").has_value());
    EXPECT_FALSE(checkName("客戶服務部 Team 2").has_value());
}

TEST(Name, LengthCountedInCodePoints) {
    EXPECT_TRUE(checkName("").has_value());
    EXPECT_FALSE(checkName(repeat("x", 100)).has_value());
    EXPECT_TRUE(checkName(repeat("x", 101)).has_value());
    EXPECT_FALSE(checkName(repeat("文", 100)).has_value());  // 300 bytes, 100 characters
    EXPECT_TRUE(checkName(repeat("文", 101)).has_value());
}

TEST(Name, RejectsSurroundingSpacesControlsAndBadUtf8) {
    EXPECT_TRUE(checkName(" Alice").has_value());
    EXPECT_TRUE(checkName("Alice ").has_value());
    EXPECT_TRUE(checkName(" ").has_value());
    EXPECT_TRUE(checkName("Al\tice").has_value());
    EXPECT_TRUE(checkName("Alice\n").has_value());
    EXPECT_TRUE(checkName(std::string("Al\0ice", 6)).has_value());
    EXPECT_TRUE(checkName("Al\x7Fice").has_value());
    EXPECT_TRUE(checkName("Al\xC2\x85ice").has_value());  // U+0085 NEL, a C1 control
    EXPECT_TRUE(checkName("Al\xFFice").has_value());
    EXPECT_TRUE(checkName("\xE9\x99").has_value());
}

TEST(Login, AllowedCharactersAndLength) {
    EXPECT_FALSE(checkLogin("bob").has_value());
    EXPECT_FALSE(checkLogin("alice.chan_01@acme-hk").has_value());
    EXPECT_FALSE(checkLogin(repeat("a", 64)).has_value());
    EXPECT_TRUE(checkLogin("ab").has_value());
    EXPECT_TRUE(checkLogin(repeat("a", 65)).has_value());
    EXPECT_TRUE(checkLogin("bob smith").has_value());
    EXPECT_TRUE(checkLogin("bob/smith").has_value());
    EXPECT_TRUE(checkLogin("陳大文").has_value());
    EXPECT_TRUE(checkLogin("bob+1").has_value());
}

TEST(Email, EmptyIsAllowed) {
    EXPECT_FALSE(checkEmail("").has_value());
}

TEST(Email, AcceptsOrdinaryAddresses) {
    EXPECT_FALSE(checkEmail("alice@example.com").has_value());
    EXPECT_FALSE(checkEmail("a.b+tag@mail.example.com.hk").has_value());
}

TEST(Email, RejectsMalformedAddresses) {
    EXPECT_TRUE(checkEmail("alice").has_value());
    EXPECT_TRUE(checkEmail("@example.com").has_value());
    EXPECT_TRUE(checkEmail("alice@").has_value());
    EXPECT_TRUE(checkEmail("alice@localhost").has_value());
    EXPECT_TRUE(checkEmail("alice@@example.com").has_value());
    EXPECT_TRUE(checkEmail("a@b@example.com").has_value());
    EXPECT_TRUE(checkEmail("alice @example.com").has_value());
    EXPECT_TRUE(checkEmail("alice@exa mple.com").has_value());
    EXPECT_TRUE(checkEmail("alice@.example.com").has_value());
    EXPECT_TRUE(checkEmail("alice@example.com.").has_value());
    EXPECT_TRUE(checkEmail("alice@example..com").has_value());
    EXPECT_TRUE(checkEmail("alice@example.com\n").has_value());
}

TEST(Email, LengthLimit) {
    const std::string domain = "@example.com";  // 12 characters
    EXPECT_FALSE(checkEmail(repeat("a", 254 - domain.size()) + domain).has_value());
    EXPECT_TRUE(checkEmail(repeat("a", 255 - domain.size()) + domain).has_value());
}

TEST(Date, RealCalendarDates) {
    EXPECT_FALSE(checkDate("2026-11-25").has_value());
    EXPECT_FALSE(checkDate("2024-02-29").has_value());
    EXPECT_TRUE(checkDate("2023-02-29").has_value());
    EXPECT_FALSE(checkDate("2000-02-29").has_value());  // divisible by 400
    EXPECT_TRUE(checkDate("1900-02-29").has_value());   // divisible by 100 only
    EXPECT_FALSE(checkDate("2026-12-31").has_value());
    EXPECT_FALSE(checkDate("2026-01-01").has_value());
    EXPECT_TRUE(checkDate("2026-04-31").has_value());
    EXPECT_TRUE(checkDate("2026-13-01").has_value());
    EXPECT_TRUE(checkDate("2026-00-10").has_value());
    EXPECT_TRUE(checkDate("2026-01-00").has_value());
    EXPECT_TRUE(checkDate("2026-01-32").has_value());
    EXPECT_TRUE(checkDate("0000-01-01").has_value());
}

TEST(Date, RejectsOtherShapes) {
    EXPECT_TRUE(checkDate("").has_value());
    EXPECT_TRUE(checkDate("2026-1-05").has_value());
    EXPECT_TRUE(checkDate("2026/01/05").has_value());
    EXPECT_TRUE(checkDate("26-01-05").has_value());
    EXPECT_TRUE(checkDate("2026-01-05T00:00").has_value());
    EXPECT_TRUE(checkDate(" 2026-01-05").has_value());
    EXPECT_TRUE(checkDate("2026-0a-05").has_value());
    EXPECT_TRUE(checkDate("+026-01-05").has_value());
}

TEST(Remark, LengthUtf8AndControls) {
    EXPECT_FALSE(checkRemark("").has_value());
    EXPECT_FALSE(checkRemark("用於客戶投訴").has_value());
    EXPECT_FALSE(checkRemark(repeat("字", 500)).has_value());
    EXPECT_TRUE(checkRemark(repeat("字", 501)).has_value());
    EXPECT_TRUE(checkRemark("bad\xC0\xAF").has_value());
    EXPECT_TRUE(checkRemark("line\nbreak").has_value());
    EXPECT_TRUE(checkRemark("tab\there").has_value());
}

}  // namespace
}  // namespace callvault
