#include "common/formats/call_id.h"
#include "server/api/audit_writer.h"
#include "server/api/cdr_csv.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/json_body.h"
#include "server/util/log.h"

#include <algorithm>

namespace callvault::server::api::controllers {
namespace {

constexpr std::size_t kMaxCallIds = 10'000;

std::vector<std::string> requireCallIds(const JsonBody& body) {
    std::vector<std::string> ids = requiredStringArray(body, "call_ids", kMaxCallIds, "call IDs");
    for (const std::string& id : ids) {
        if (!isValidCallId(id)) {
            throw ApiError(ErrorCode::ValidationFailed,
                           "call_ids: '" + id.substr(0, 32) + "' is not a call ID");
        }
    }
    return ids;
}

}  // namespace

ApiResponse exportCdr(RequestContext& ctx) {
    ctx.requirePermission(Permission::ExportCdr);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"call_ids"});
    const std::vector<std::string> callIds = requireCallIds(body);
    const Company& company = ctx.company();
    std::vector<Recording> recordings;
    recordings.reserve(callIds.size());
    for (store::RecordingRow& row : ctx.store().recordingsByCallIds(company.id, callIds)) {
        recordings.push_back(std::move(row.recording));
    }
    if (recordings.size() != callIds.size()) {
        for (const std::string& id : callIds) {
            const bool found = std::any_of(recordings.begin(), recordings.end(),
                                           [&](const Recording& r) { return r.callId == id; });
            if (!found) {
                throw ApiError(ErrorCode::NotFound, "no such recording: " + id);
            }
        }
    }
    std::optional<TimeZone> zone = TimeZone::load(company.timeZone);
    if (!zone) {
        log::warning("company " + std::to_string(company.id) + " has an unknown time zone '" +
                     company.timeZone + "'; the CDR export uses UTC");
        zone = TimeZone::load("UTC");
    }
    if (!zone) {
        throw ApiError(ErrorCode::InternalError, "no time zone data on the server");
    }
    ApiResponse response;
    response.contentType = "text/csv; charset=utf-8";
    response.body = formatCdrCsv(recordings, *zone);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"cdr.csv\"");
    writeAudit(ctx, "cdr.export", "company:" + std::to_string(company.id),
               {{"count", recordings.size()}, {"call_ids", callIds}});
    return response;
}

}  // namespace callvault::server::api::controllers
