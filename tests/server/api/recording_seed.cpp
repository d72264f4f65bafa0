#include "tests/server/api/recording_seed.h"

#include "common/formats/call_id.h"
#include "common/time/time_zone.h"
#include "server/app/data_dir.h"
#include "server/media/g711.h"
#include "server/record/recording_finalizer.h"
#include "server/record/recording_session.h"
#include "server/record/signing_key_store.h"
#include "server/store/store.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace callvault::test {
namespace {

using Clock = server::record::RecordingSession::Clock;

std::vector<std::uint8_t> ulawTone(double frequency, std::int64_t firstSample) {
    std::vector<std::int16_t> pcm(160);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const double t = static_cast<double>(firstSample + static_cast<std::int64_t>(i)) / 8000.0;
        pcm[i] =
            static_cast<std::int16_t>(std::lround(8000.0 * std::sin(2.0 * std::numbers::pi * frequency * t)));
    }
    std::vector<std::uint8_t> out(pcm.size());
    server::media::encodeUlaw(pcm, out);
    return out;
}

std::string nextCallId(std::int64_t startUtcMs) {
    static std::atomic<std::uint32_t> sequence{0};
    // The node "9T" marks test recordings; the pid keeps parallel test processes apart.
    const std::uint32_t value = (static_cast<std::uint32_t>(::getpid()) % 1000) * 1'000'000 + ++sequence;
    return formatCallId(CallId{startUtcMs / 1000, "9T", value});
}

}  // namespace

std::int64_t unixMs(std::chrono::system_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

std::int64_t nowUnixMs() {
    return unixMs(std::chrono::system_clock::now());
}

std::string isoMs(std::int64_t unixMilliseconds) {
    return formatUtcMs(unixMilliseconds);
}

std::filesystem::path seededMp3(const std::filesystem::path& dataDir, const Recording& recording) {
    return server::record::finishedMp3Path(dataDir, recording.filePath);
}

Recording seedRecording(const std::filesystem::path& dataDir, const SeedCall& call) {
    namespace record = server::record;
    record::RecordingMetadata metadata;
    metadata.callId = nextCallId(call.startUtcMs);
    metadata.startUtcMs = call.startUtcMs;
    metadata.companyId = call.companyId;
    metadata.userId = call.userId;
    metadata.groupId = call.groupId;
    metadata.userNumber = call.userNumber;
    metadata.otherNumber = call.otherNumber;
    metadata.direction =
        call.callType == CallType::Inbound ? record::CallDirection::Inbound : record::CallDirection::Outbound;
    metadata.node = "9T";

    const auto key = std::make_shared<const SigningKey>(record::loadOrCreateSigningKey(dataDir));
    const Clock::time_point start = Clock::now();
    record::RecordingSession session(dataDir, metadata, key, start);
    const std::int64_t packets = call.durationMs / 20;
    for (std::int64_t k = 0; k < packets; ++k) {
        for (const auto& [channel, frequency] :
             {std::pair{record::Channel::User, 440.0}, std::pair{record::Channel::Other, 880.0}}) {
            const std::vector<std::uint8_t> payload = ulawTone(frequency, k * 160);
            record::RtpPayload packet;
            packet.payloadType = 0;
            packet.sequence = static_cast<std::uint16_t>(k);
            packet.timestamp = static_cast<std::uint32_t>(k * 160);
            packet.ssrc = channel == record::Channel::User ? 0x1111U : 0x2222U;
            packet.payload = payload;
            session.onRtp(channel, packet, start + std::chrono::milliseconds(20 * k));
        }
        session.tick(start + std::chrono::milliseconds(20 * (k + 1)));
    }
    const record::FinishedRecording finished =
        session.finish(start + std::chrono::milliseconds(call.durationMs));

    Recording row;
    row.callId = metadata.callId;
    row.companyId = call.companyId;
    row.startUtcMs = call.startUtcMs;
    row.durationMs = finished.durationMs;
    row.userNumber = call.userNumber;
    row.userId = call.userId;
    row.groupId = call.groupId;
    row.otherNumber = call.otherNumber;
    row.callType = call.callType;
    row.filePath = finished.filePath;
    row.fileSize = finished.fileSize;
    row.sha256Hex = finished.sha256Hex;
    row.signatureHex = finished.signatureHex;
    row.locked = call.locked;
    row.note = call.note;
    row.labelId = call.labelId;
    const std::unique_ptr<server::store::Store> store =
        server::store::openSqliteStore(server::databasePath(dataDir.string()));
    if (!store->insertRecording(row)) {
        throw std::runtime_error("call ID " + row.callId + " was already stored");
    }
    record::releaseSpoolEntry(dataDir, row.callId);
    return row;
}

std::string readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace callvault::test
