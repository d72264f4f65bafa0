#include "common/time/time_zone.h"
#include "server/api/controllers/controllers.h"
#include "server/api/responses.h"

#include <algorithm>

namespace callvault::server::api::controllers {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kMaxRangeMs = 366 * kDayMs;
constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;
constexpr std::size_t kMaxOperationLength = 64;
constexpr std::size_t kMaxOperatorLength = 64;

[[noreturn]] void badQuery(const std::string& message) { throw ApiError(ErrorCode::BadRequest, message); }

const std::string* findQuery(const RequestContext& ctx, std::string_view name) {
    const auto it = ctx.route().query.find(name);
    return it == ctx.route().query.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> timeParameter(const RequestContext& ctx, std::string_view name) {
    const std::string* text = findQuery(ctx, name);
    if (text == nullptr) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> ms = parseUtcMs(*text);
    if (!ms) {
        badQuery(std::string(name) + ": must be an ISO 8601 UTC time such as 2026-11-25T10:56:05Z");
    }
    return ms;
}

/// A non-negative decimal integer no larger than `maximum`.
std::optional<int> countParameter(const RequestContext& ctx, std::string_view name, int maximum) {
    const std::string* text = findQuery(ctx, name);
    if (text == nullptr) {
        return std::nullopt;
    }
    if (text->empty() || text->size() > 10 ||
        !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        badQuery(std::string(name) + ": must be a whole number");
    }
    const long long value = std::stoll(*text);
    if (value > maximum) {
        badQuery(std::string(name) + ": must be at most " + std::to_string(maximum));
    }
    return static_cast<int>(value);
}

bool isOperationName(const std::string& text) {
    return !text.empty() && text.size() <= kMaxOperationLength && text.front() != '.' &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; });
}

store::AuditQuery parseAuditQuery(const RequestContext& ctx) {
    ctx.allowQuery({"from", "to", "operator", "operation", "offset", "limit"});
    store::AuditQuery query;
    query.companyId = ctx.companyId();
    const std::optional<std::int64_t> from = timeParameter(ctx, "from");
    const std::optional<std::int64_t> to = timeParameter(ctx, "to");
    query.toMs = to.value_or(ctx.nowMs() + 1);  // the store's bound is exclusive: include this very millisecond
    query.fromMs = from.value_or(*query.toMs - kDayMs);
    if (*query.toMs <= *query.fromMs) {
        badQuery("to: must be later than from");
    }
    if (*query.toMs - *query.fromMs > kMaxRangeMs) {
        badQuery("from, to: at most 366 days apart");
    }
    if (const std::string* login = findQuery(ctx, "operator")) {
        if (login->empty() || login->size() > kMaxOperatorLength) {
            badQuery("operator: must be a login name");
        }
        query.operatorLogin = *login;
    }
    if (const std::string* operation = findQuery(ctx, "operation")) {
        if (!isOperationName(*operation)) {
            badQuery("operation: must be an operation name such as user.create, or a prefix such as user.");
        }
        query.operation = *operation;
    }
    query.offset = countParameter(ctx, "offset", 1'000'000'000).value_or(0);
    query.limit = countParameter(ctx, "limit", kMaxLimit).value_or(kDefaultLimit);
    if (query.limit < 1) {
        badQuery("limit: must be between 1 and 500");
    }
    return query;
}

}  // namespace

ApiResponse listAudit(RequestContext& ctx) {
    ctx.requirePermission(Permission::ViewAudit);
    const store::AuditQuery query = parseAuditQuery(ctx);
    const store::AuditPage page = ctx.store().audit(query);
    return jsonResponse(200, nlohmann::json{{"entries", page.entries}, {"total", page.total}});
}

ApiResponse getAuditEntry(RequestContext& ctx) {
    ctx.requirePermission(Permission::ViewAudit);
    ctx.allowQuery({});
    const std::optional<AuditEntry> entry = ctx.store().auditEntry(ctx.companyId(), ctx.route().rowId);
    if (!entry) {
        throw ApiError(ErrorCode::NotFound, "no such audit entry");
    }
    return jsonResponse(200, nlohmann::json(*entry));
}

}  // namespace callvault::server::api::controllers
