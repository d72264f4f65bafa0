#include "server/record/recording_metadata.h"

#include <nlohmann/json.hpp>

namespace callvault::server::record {
namespace {

nlohmann::json optionalNumber(const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<std::int64_t> readOptionalNumber(const nlohmann::json& j, const char* key) {
    const nlohmann::json& value = j.at(key);
    if (value.is_null()) {
        return std::nullopt;
    }
    return value.get<std::int64_t>();
}

}  // namespace

std::string_view toString(CallDirection direction) {
    return direction == CallDirection::Inbound ? "inbound" : "outbound";
}

std::optional<CallDirection> callDirectionFromString(std::string_view name) {
    if (name == "inbound") {
        return CallDirection::Inbound;
    }
    if (name == "outbound") {
        return CallDirection::Outbound;
    }
    return std::nullopt;
}

void to_json(nlohmann::json& j, const RecordingMetadata& v) {
    j = nlohmann::json{{"callId", v.callId},
                       {"startUtcMs", v.startUtcMs},
                       {"companyId", v.companyId},
                       {"userId", optionalNumber(v.userId)},
                       {"groupId", optionalNumber(v.groupId)},
                       {"userNumber", v.userNumber},
                       {"otherNumber", v.otherNumber},
                       {"direction", toString(v.direction)},
                       {"node", v.node}};
}

void from_json(const nlohmann::json& j, RecordingMetadata& v) {
    j.at("callId").get_to(v.callId);
    j.at("startUtcMs").get_to(v.startUtcMs);
    j.at("companyId").get_to(v.companyId);
    v.userId = readOptionalNumber(j, "userId");
    v.groupId = readOptionalNumber(j, "groupId");
    j.at("userNumber").get_to(v.userNumber);
    j.at("otherNumber").get_to(v.otherNumber);
    const nlohmann::json& direction = j.at("direction");
    const auto parsed = callDirectionFromString(direction.get<std::string>());
    if (!parsed) {
        throw nlohmann::json::type_error::create(302, "unknown direction " + direction.dump(), &direction);
    }
    v.direction = *parsed;
    j.at("node").get_to(v.node);
}

void to_json(nlohmann::json& j, const FinishedRecording& v) {
    j = nlohmann::json{{"metadata", v.metadata},     {"filePath", v.filePath},   {"durationMs", v.durationMs},
                       {"signature", v.signatureHex}, {"sha256", v.sha256Hex},    {"fileSize", v.fileSize},
                       {"recovered", v.recovered}};
}

void from_json(const nlohmann::json& j, FinishedRecording& v) {
    j.at("metadata").get_to(v.metadata);
    j.at("filePath").get_to(v.filePath);
    j.at("durationMs").get_to(v.durationMs);
    j.at("signature").get_to(v.signatureHex);
    j.at("sha256").get_to(v.sha256Hex);
    j.at("fileSize").get_to(v.fileSize);
    j.at("recovered").get_to(v.recovered);
}

std::filesystem::path spoolDirectory(const std::filesystem::path& dataDir) { return dataDir / "spool"; }

std::filesystem::path recordingsDirectory(const std::filesystem::path& dataDir) { return dataDir / "recordings"; }

SpoolPaths spoolPaths(const std::filesystem::path& dataDir, std::string_view callId) {
    const std::filesystem::path base = spoolDirectory(dataDir) / std::string(callId);
    SpoolPaths paths;
    paths.sidecar = base;
    paths.sidecar += ".json";
    paths.mp3 = base;
    paths.mp3 += ".mp3";
    paths.peaks = base;
    paths.peaks += ".peaks.tmp";
    paths.done = base;
    paths.done += ".done.json";
    return paths;
}

std::filesystem::path finishedMp3Path(const std::filesystem::path& dataDir, std::string_view filePath) {
    // The CDR path starts with '/', which operator/ would treat as absolute.
    return recordingsDirectory(dataDir) / std::filesystem::path(filePath).relative_path();
}

std::filesystem::path finishedPeaksPath(const std::filesystem::path& dataDir, std::string_view filePath) {
    return finishedMp3Path(dataDir, filePath).replace_extension(".peaks");
}

}  // namespace callvault::server::record
