#include "common/crypto/signature.h"

#include <gtest/gtest.h>

#include <sodium.h>

#include <string>
#include <vector>

namespace callvault {
namespace {

std::span<const std::uint8_t> bytesOf(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

class Signature : public ::testing::Test {
protected:
    const SigningKey m_key = generateSigningKey();
    const std::string m_callId = "1809071001000A010000015";
    const std::array<std::uint8_t, 32> m_hash = sha256(bytesOf("ID3 pretend mp3 bytes \x01\x02\x03"));
};

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(toHex(sha256(bytesOf(""))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(toHex(sha256(bytesOf("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Signature, SignsAs128LowerCaseHexAndVerifies) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    ASSERT_EQ(signature.size(), 128u);
    for (char c : signature) {
        EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << signature;
    }
    EXPECT_TRUE(verifyRecording(m_key.publicKey, m_callId, m_hash, signature));
}

TEST_F(Signature, IsDeterministic) {
    EXPECT_EQ(signRecording(m_key, m_callId, m_hash), signRecording(m_key, m_callId, m_hash));
}

TEST_F(Signature, SignsTheDocumentedMessage) {
    // Independent of signRecording: the raw Ed25519 signature over the spelled-out message must verify.
    std::string message = "callvault-recording-v1\n" + m_callId + "\n";
    message.append(reinterpret_cast<const char*>(m_hash.data()), m_hash.size());
    const auto raw = fromHex(signRecording(m_key, m_callId, m_hash));
    ASSERT_TRUE(raw.has_value());
    ASSERT_EQ(raw->size(), static_cast<std::size_t>(crypto_sign_BYTES));
    EXPECT_EQ(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(raw->data()),
                                          reinterpret_cast<const unsigned char*>(message.data()),
                                          message.size(), m_key.publicKey.data()),
              0);
}

TEST_F(Signature, FailsWhenOneBitOfTheHashChanges) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    for (std::size_t byte : {0u, 17u, 31u}) {
        auto tampered = m_hash;
        tampered[byte] ^= 0x01;
        EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, tampered, signature)) << byte;
    }
}

TEST_F(Signature, FailsWhenTheFileChanges) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId,
                                 sha256(bytesOf("ID3 pretend mp3 bytes \x01\x02\x04")), signature));
}

TEST_F(Signature, FailsWhenTheCallIdChanges) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    std::string otherId = m_callId;
    otherId.back() ^= 0x01;  // '5' → '4'
    EXPECT_FALSE(verifyRecording(m_key.publicKey, otherId, m_hash, signature));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, "", m_hash, signature));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId + "\n", m_hash, signature));
}

TEST_F(Signature, FailsWhenOneBitOfTheSignatureChanges) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    auto raw = fromHex(signature);
    ASSERT_TRUE(raw.has_value());
    for (std::size_t byte : {0u, 31u, 32u, 63u}) {
        std::string flipped = *raw;
        flipped[byte] = static_cast<char>(flipped[byte] ^ 0x01);
        EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, toHex(bytesOf(flipped)))) << byte;
    }
}

TEST_F(Signature, FailsWithAnotherKey) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    const SigningKey other = generateSigningKey();
    EXPECT_NE(other.publicKey, m_key.publicKey);
    EXPECT_FALSE(verifyRecording(other.publicKey, m_callId, m_hash, signature));
}

TEST_F(Signature, MalformedSignaturesAreRejectedNotThrown) {
    const std::string signature = signRecording(m_key, m_callId, m_hash);
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, ""));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, signature.substr(0, 127)));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, signature.substr(0, 126)));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, signature + "00"));
    std::string notHex = signature;
    notHex[10] = 'g';
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, notHex));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, std::string(128, ' ')));
    EXPECT_FALSE(verifyRecording(m_key.publicKey, m_callId, m_hash, std::string(128, '0')));
}

TEST_F(Signature, UpperCaseHexOfAValidSignatureStillVerifies) {
    std::string signature = signRecording(m_key, m_callId, m_hash);
    for (char& c : signature) {
        if (c >= 'a' && c <= 'f') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    EXPECT_TRUE(verifyRecording(m_key.publicKey, m_callId, m_hash, signature));
}

TEST(Hex, RoundTripAndCase) {
    const std::vector<std::uint8_t> bytes{0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    EXPECT_EQ(toHex(bytes), "00017f80abff");
    const auto back = fromHex("00017F80abFF");
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, std::string("\x00\x01\x7f\x80\xab\xff", 6));
    EXPECT_EQ(toHex({}), "");
    ASSERT_TRUE(fromHex("").has_value());
    EXPECT_TRUE(fromHex("")->empty());
}

TEST(Hex, RejectsOddLengthAndNonHex) {
    EXPECT_FALSE(fromHex("0").has_value());
    EXPECT_FALSE(fromHex("abc").has_value());
    EXPECT_FALSE(fromHex("zz").has_value());
    EXPECT_FALSE(fromHex("0x").has_value());
    EXPECT_FALSE(fromHex("a ").has_value());
    EXPECT_FALSE(fromHex("-1").has_value());
    EXPECT_FALSE(fromHex(std::string("a\0", 2)).has_value());
}

TEST(SigningKeys, AreFreshAndConsistent) {
    const SigningKey a = generateSigningKey();
    const SigningKey b = generateSigningKey();
    EXPECT_NE(a.publicKey, b.publicKey);
    // libsodium's secret key carries the public key in its last 32 bytes.
    EXPECT_TRUE(std::equal(a.publicKey.begin(), a.publicKey.end(), a.secretKey.begin() + 32));
}

}  // namespace
}  // namespace callvault
