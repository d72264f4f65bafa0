// callvault-verify: checks a recording against its CDR signature and the server's exported public key,
// without the server (§14, docs/api.md "Offline verification").
//   callvault-verify --key pubkey.txt --call-id ID --signature HEX file.mp3
// Exit status: 0 unmodified, 1 modified (or signed by another key), 2 usage or I/O error.

#include "common/crypto/signature.h"
#include "common/formats/call_id.h"
#include "server/record/signing_key_store.h"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kUnmodified = 0;
constexpr int kModified = 1;
constexpr int kUsage = 2;

constexpr const char* kUsageText =
    "usage: callvault-verify --key PUBLIC_KEY_FILE --call-id CALL_ID --signature HEX FILE.mp3\n"
    "  PUBLIC_KEY_FILE  the key from GET /api/v1/signing-key or <data>/keys/recording-signing.pub\n"
    "                   (the BEGIN/END text, or the 64 hexadecimal characters alone)\n"
    "  exit status 0: unmodified, 1: modified, 2: usage or read error\n";

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return bytes.str();
}

int usage(const std::string& problem) {
    std::cerr << "callvault-verify: " << problem << "\n" << kUsageText;
    return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    std::string keyPath;
    std::string callId;
    std::string signature;
    std::string filePath;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsageText;
            return kUsage;
        }
        if (arg == "--key" || arg == "--call-id" || arg == "--signature") {
            if (i + 1 >= args.size()) {
                return usage(arg + " needs a value");
            }
            std::string& target = arg == "--key" ? keyPath : arg == "--call-id" ? callId : signature;
            target = args[++i];
        } else if (!arg.empty() && arg.front() == '-') {
            return usage("unknown option " + arg);
        } else if (filePath.empty()) {
            filePath = arg;
        } else {
            return usage("more than one file given");
        }
    }
    if (keyPath.empty() || callId.empty() || signature.empty() || filePath.empty()) {
        return usage("--key, --call-id, --signature and the file are all required");
    }
    if (!callvault::isValidCallId(callId)) {
        return usage("'" + callId + "' is not a call ID (23 characters, as in the CDR)");
    }
    const std::optional<std::string> keyText = readFile(keyPath);
    if (!keyText) {
        return usage("cannot read the key file " + keyPath);
    }
    const auto key = callvault::server::record::parsePublicKey(*keyText);
    if (!key) {
        return usage(keyPath + " holds no CallVault public key");
    }
    const std::optional<std::string> file = readFile(filePath);
    if (!file) {
        return usage("cannot read " + filePath);
    }
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(file->data()),
                                              file->size());
    if (callvault::verifyRecording(*key, callId, callvault::sha256(bytes), signature)) {
        std::cout << "unmodified: " << filePath << " is the recording " << callId << " as it was signed\n";
        return kUnmodified;
    }
    std::cout << "modified: " << filePath << " does not match the signature of " << callId << "\n";
    return kModified;
}
