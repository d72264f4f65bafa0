#include "server/record/recording_error.h"
#include "server/record/signing_key_store.h"

#include "tests/server/unit/record_test_support.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace callvault::server::record {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

unsigned modeOf(const fs::path& path) {
    struct stat info {};
    ::stat(path.c_str(), &info);
    return info.st_mode & 0777;
}

TEST(RecordSigningKey, CreatedOnceWithPrivatePermissionsAndExportedPublicKey) {
    TempDir data;
    const SigningKey key = loadOrCreateSigningKey(data.path());
    EXPECT_EQ(modeOf(data.path() / "keys"), 0700u);
    EXPECT_EQ(modeOf(signingKeyPath(data.path())), 0600u);
    EXPECT_EQ(modeOf(signingPublicKeyPath(data.path())), 0644u);

    const std::string publicText = test::fileBytes(signingPublicKeyPath(data.path()));
    EXPECT_NE(publicText.find("-----BEGIN CALLVAULT RECORDING PUBLIC KEY-----"), std::string::npos);
    const auto exported = parsePublicKey(publicText);
    ASSERT_TRUE(exported);
    EXPECT_EQ(*exported, key.publicKey);
    EXPECT_EQ(publicText.find(toHex(key.secretKey)), std::string::npos);

    // The exported public key verifies what the stored secret key signs.
    const auto digest = sha256(test::asBytes(std::string("mp3 bytes")));
    const std::string signature = signRecording(key, "1809071001000A010000015", digest);
    EXPECT_TRUE(verifyRecording(*exported, "1809071001000A010000015", digest, signature));

    // Loaded again, not replaced.
    const SigningKey again = loadOrCreateSigningKey(data.path());
    EXPECT_EQ(again.secretKey, key.secretKey);
    EXPECT_EQ(again.publicKey, key.publicKey);
}

TEST(RecordSigningKey, MissingPublicFileIsExportedAgain) {
    TempDir data;
    const SigningKey key = loadOrCreateSigningKey(data.path());
    fs::remove(signingPublicKeyPath(data.path()));
    loadOrCreateSigningKey(data.path());
    EXPECT_EQ(parsePublicKey(test::fileBytes(signingPublicKeyPath(data.path()))), key.publicKey);
}

TEST(RecordSigningKey, RefusesAKeyOthersCanRead) {
    TempDir data;
    loadOrCreateSigningKey(data.path());
    fs::permissions(signingKeyPath(data.path()), fs::perms::group_read, fs::perm_options::add);
    try {
        loadOrCreateSigningKey(data.path());
        FAIL() << "a group-readable key was accepted";
    } catch (const RecordingError& e) {
        EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
    }
}

TEST(RecordSigningKey, RefusesAMalformedOrInconsistentKey) {
    TempDir data;
    const SigningKey key = loadOrCreateSigningKey(data.path());
    const fs::path path = signingKeyPath(data.path());
    const std::string original = test::fileBytes(path);

    std::ofstream(path, std::ios::trunc) << "callvault-recording-signing-key-v1\nnot hex\n";
    EXPECT_THROW(loadOrCreateSigningKey(data.path()), RecordingError);
    std::ofstream(path, std::ios::trunc) << "something else\n" << toHex(key.secretKey) << "\n";
    EXPECT_THROW(loadOrCreateSigningKey(data.path()), RecordingError);
    // The public half no longer belongs to the seed.
    SigningKey mixed = key;
    mixed.secretKey[40] ^= 0x01;
    std::ofstream(path, std::ios::trunc) << "callvault-recording-signing-key-v1\n" << toHex(mixed.secretKey) << "\n";
    EXPECT_THROW(loadOrCreateSigningKey(data.path()), RecordingError);

    std::ofstream(path, std::ios::trunc) << original;
    EXPECT_EQ(loadOrCreateSigningKey(data.path()).publicKey, key.publicKey);
}

TEST(RecordSigningKey, ParsesPublicKeyTextStrictly) {
    const SigningKey key = generateSigningKey();
    EXPECT_EQ(parsePublicKey(formatPublicKey(key.publicKey)), key.publicKey);
    EXPECT_EQ(parsePublicKey("  " + toHex(key.publicKey) + "\n"), key.publicKey);
    EXPECT_FALSE(parsePublicKey(""));
    EXPECT_FALSE(parsePublicKey(toHex(key.secretKey)));  // 64 bytes, not 32
    EXPECT_FALSE(parsePublicKey("-----BEGIN CALLVAULT RECORDING PUBLIC KEY-----\n" + toHex(key.publicKey)));
    EXPECT_FALSE(parsePublicKey("zz" + toHex(key.publicKey).substr(2)));
}

}  // namespace
}  // namespace callvault::server::record
