#include "common/types/recording.h"

#include "common/types/json_helpers.h"

namespace callvault {

std::string_view toString(CallType type) { return type == CallType::Inbound ? "inbound" : "outbound"; }

std::optional<CallType> callTypeFromString(std::string_view name) {
    if (name == "inbound") {
        return CallType::Inbound;
    }
    if (name == "outbound") {
        return CallType::Outbound;
    }
    return std::nullopt;
}

void to_json(nlohmann::json& j, const Recording& v) {
    j = nlohmann::json{
        {"call_id", v.callId},
        {"company_id", v.companyId},
        {"start_time", formatUtcMs(v.startUtcMs)},
        {"duration_ms", v.durationMs},
        {"user_number", v.userNumber},
        {"user_id", json_fields::optionalId(v.userId)},
        {"group_id", json_fields::optionalId(v.groupId)},
        {"other_number", v.otherNumber},
        {"calling_number", v.callingNumber()},
        {"called_number", v.calledNumber()},
        {"call_type", toString(v.callType)},
        {"file_path", v.filePath},
        {"file_size", v.fileSize},
        {"sha256", v.sha256Hex},
        {"signature", v.signatureHex},
        {"recovered", v.recovered},
        {"locked", v.locked},
        {"listened", v.listened},
        {"downloaded", v.downloaded},
        {"note", v.note},
        {"label_id", json_fields::optionalId(v.labelId)},
    };
}

void from_json(const nlohmann::json& j, Recording& v) {
    j.at("call_id").get_to(v.callId);
    j.at("company_id").get_to(v.companyId);
    v.startUtcMs = json_fields::readUtcMilliseconds(j, "start_time");
    j.at("duration_ms").get_to(v.durationMs);
    j.at("user_number").get_to(v.userNumber);
    v.userId = json_fields::readOptionalId(j, "user_id");
    v.groupId = json_fields::readOptionalId(j, "group_id");
    j.at("other_number").get_to(v.otherNumber);
    const auto type = callTypeFromString(j.at("call_type").get<std::string>());
    if (!type) {
        throw nlohmann::json::type_error::create(302, "call_type must be inbound or outbound", &j);
    }
    v.callType = *type;
    j.at("file_path").get_to(v.filePath);
    j.at("file_size").get_to(v.fileSize);
    j.at("sha256").get_to(v.sha256Hex);
    j.at("signature").get_to(v.signatureHex);
    j.at("recovered").get_to(v.recovered);
    j.at("locked").get_to(v.locked);
    j.at("listened").get_to(v.listened);
    j.at("downloaded").get_to(v.downloaded);
    j.at("note").get_to(v.note);
    v.labelId = json_fields::readOptionalId(j, "label_id");
}

void to_json(nlohmann::json& j, const Bookmark& v) {
    j = nlohmann::json{
        {"id", v.id},
        {"company_id", v.companyId},
        {"call_id", v.callId},
        {"start_ms", v.startMs},
        {"end_ms", v.endMs},
        {"text", v.text},
        {"created_by", json_fields::optionalId(v.createdBy)},
        {"created_at", formatUtc(v.createdAt)},
    };
}

void from_json(const nlohmann::json& j, Bookmark& v) {
    j.at("id").get_to(v.id);
    j.at("company_id").get_to(v.companyId);
    j.at("call_id").get_to(v.callId);
    j.at("start_ms").get_to(v.startMs);
    j.at("end_ms").get_to(v.endMs);
    j.at("text").get_to(v.text);
    v.createdBy = json_fields::readOptionalId(j, "created_by");
    v.createdAt = json_fields::readUtcSeconds(j, "created_at");
}

}  // namespace callvault
