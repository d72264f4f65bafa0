#include "common/crypto/signature.h"
#include "common/formats/call_id.h"
#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/responses.h"
#include "server/app/config.h"
#include "server/record/file_io.h"
#include "server/record/signing_key_store.h"

#include <algorithm>
#include <span>

namespace callvault::server::api::controllers {
namespace {

/// The server's public key: the exported file, or (before the recorder first made it) the pair made now.
std::array<std::uint8_t, 32> publicKey(const RequestContext& ctx) {
    const std::filesystem::path& dataDir = ctx.api().config.dataDir;
    std::error_code ec;
    if (std::filesystem::exists(record::signingPublicKeyPath(dataDir), ec)) {
        if (auto key = record::parsePublicKey(record::readWholeFile(record::signingPublicKeyPath(dataDir)))) {
            return *key;
        }
    }
    return record::loadOrCreateSigningKey(dataDir).publicKey;
}

bool isHex(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

}  // namespace

ApiResponse verifyRecording(RequestContext& ctx) {
    ctx.requirePermission(Permission::VerifyRecording);
    ctx.allowQuery({"call_id", "signature"});
    const std::string* callId = queryParameter(ctx, "call_id");
    const std::string* signature = queryParameter(ctx, "signature");
    if (callId == nullptr || !isValidCallId(*callId)) {
        throw ApiError(ErrorCode::BadRequest, "call_id: required, the recording's call ID from the CDR");
    }
    if (signature == nullptr || signature->size() != 128 || !isHex(*signature)) {
        throw ApiError(ErrorCode::BadRequest,
                       "signature: required, the 128 hexadecimal characters of the CDR");
    }
    const auto type = ctx.request().headers.find("content-type");
    if (type != ctx.request().headers.end() && type->second.rfind("multipart/", 0) == 0) {
        throw ApiError(ErrorCode::UnsupportedMediaType,
                       "send the MP3 file itself as the body (Content-Type audio/mpeg), not a form");
    }
    const std::string& body = ctx.request().body;
    if (body.empty()) {
        throw ApiError(ErrorCode::ValidationFailed, "the body must be the recording's MP3 file");
    }
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(body.data()),
                                              body.size());
    const std::array<std::uint8_t, 32> digest = sha256(bytes);
    std::string lowerSignature = *signature;
    std::transform(lowerSignature.begin(), lowerSignature.end(), lowerSignature.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'F' ? c + 32 : c); });
    const bool intact = callvault::verifyRecording(publicKey(ctx), *callId, digest, lowerSignature);
    const std::string digestHex = toHex(digest);
    writeAudit(ctx, "recording.verify", recordingTarget(*callId),
               {{"modified", !intact}, {"sha256", digestHex}, {"bytes", body.size()}});
    return jsonResponse(200,
                        nlohmann::json{{"modified", !intact}, {"call_id", *callId}, {"sha256", digestHex}});
}

ApiResponse signingKey(RequestContext& ctx) {
    ctx.requirePermission(Permission::VerifyRecording);
    ctx.allowQuery({});
    const std::array<std::uint8_t, 32> key = publicKey(ctx);
    return jsonResponse(200, nlohmann::json{{"algorithm", "ed25519"},
                                            {"public_key", toHex(key)},
                                            {"text", record::formatPublicKey(key)}});
}

}  // namespace callvault::server::api::controllers
