#include "tests/server/api/mp3_samples.h"

#include "common/crypto/signature.h"
#include "common/formats/hex.h"
#include "server/app/seed_audio.h"
#include "server/record/file_io.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <span>
#include <system_error>

namespace callvault::test {

std::string freshMp3(double seconds) {
    static std::atomic<std::uint32_t> counter{1};
    const std::uint32_t seed = counter++ * 7919U + static_cast<std::uint32_t>(::getpid());
    const auto dir = std::filesystem::temp_directory_path();
    const auto stem = "callvault-sample-" + std::to_string(::getpid()) + "-" + std::to_string(seed);
    const auto mp3 = dir / (stem + ".mp3");
    const auto peaks = dir / (stem + ".peaks");
    server::seed::writeConversationMp3(mp3, peaks, seconds, seed);
    std::string bytes = server::record::readWholeFile(mp3);
    std::error_code ec;
    std::filesystem::remove(mp3, ec);
    std::filesystem::remove(peaks, ec);
    return bytes;
}

std::string sha256Hex(const std::string& bytes) {
    return toHex(sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size())));
}

}  // namespace callvault::test
