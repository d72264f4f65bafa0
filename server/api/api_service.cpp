#include "server/api/api_service.h"

#include "server/api/auth_service.h"
#include "server/api/controllers/controllers.h"
#include "server/api/mailer.h"
#include "server/api/request_context.h"
#include "server/api/router.h"
#include "server/store/store.h"
#include "server/util/log.h"

#include <nlohmann/json.hpp>

#include <array>

namespace callvault::server::api {
namespace {

struct RouteHandler {
    RouteId route;
    bool needsSession;
    controllers::Handler handler;
};

// One row per RouteId, in enum order.
constexpr std::array kHandlers{
    RouteHandler{RouteId::Login, false, &controllers::login},
    RouteHandler{RouteId::Logout, true, &controllers::logout},
    RouteHandler{RouteId::Me, true, &controllers::getMe},
    RouteHandler{RouteId::ChangePassword, true, &controllers::changeOwnPassword},
    RouteHandler{RouteId::Company, true, &controllers::getCompany},
    RouteHandler{RouteId::ListUsers, true, &controllers::listUsers},
    RouteHandler{RouteId::CreateUser, true, &controllers::createUser},
    RouteHandler{RouteId::GetUser, true, &controllers::getUser},
    RouteHandler{RouteId::UpdateUser, true, &controllers::updateUser},
    RouteHandler{RouteId::ResetUserPassword, true, &controllers::resetUserPassword},
    RouteHandler{RouteId::ListGroups, true, &controllers::listGroups},
    RouteHandler{RouteId::CreateGroup, true, &controllers::createGroup},
    RouteHandler{RouteId::UpdateGroup, true, &controllers::updateGroup},
    RouteHandler{RouteId::DeleteGroup, true, &controllers::deleteGroup},
    RouteHandler{RouteId::ListLabels, true, &controllers::listLabels},
    RouteHandler{RouteId::CreateLabel, true, &controllers::createLabel},
    RouteHandler{RouteId::UpdateLabel, true, &controllers::updateLabel},
    RouteHandler{RouteId::DeleteLabel, true, &controllers::deleteLabel},
    RouteHandler{RouteId::ListNumbers, true, &controllers::listNumbers},
    RouteHandler{RouteId::GetNumber, true, &controllers::getNumber},
    RouteHandler{RouteId::SetNumberPin, true, &controllers::setNumberPin},
    RouteHandler{RouteId::ListAudit, true, &controllers::listAudit},
    RouteHandler{RouteId::GetAuditEntry, true, &controllers::getAuditEntry},
    RouteHandler{RouteId::Health, false, &controllers::health},
    RouteHandler{RouteId::Metrics, false, &controllers::metrics},
    RouteHandler{RouteId::SearchRecordings, true, &controllers::searchRecordings},
    RouteHandler{RouteId::GetRecording, true, &controllers::getRecording},
    RouteHandler{RouteId::UpdateRecording, true, &controllers::updateRecording},
    RouteHandler{RouteId::RecordingAudio, true, &controllers::recordingAudio},
    RouteHandler{RouteId::DownloadRecording, true, &controllers::downloadRecording},
    RouteHandler{RouteId::RecordingPeaks, true, &controllers::recordingPeaks},
    RouteHandler{RouteId::ListBookmarks, true, &controllers::listBookmarks},
    RouteHandler{RouteId::CreateBookmark, true, &controllers::createBookmark},
    RouteHandler{RouteId::DeleteBookmark, true, &controllers::deleteBookmark},
    RouteHandler{RouteId::LockRecording, true, &controllers::lockRecording},
    RouteHandler{RouteId::ExportCdr, true, &controllers::exportCdr},
    RouteHandler{RouteId::VerifyRecording, true, &controllers::verifyRecording},
    RouteHandler{RouteId::SigningKey, true, &controllers::signingKey},
    RouteHandler{RouteId::ReassignRecordings, true, &controllers::reassignRecordings},
    RouteHandler{RouteId::ListGreetings, true, &controllers::listGreetings},
    RouteHandler{RouteId::GetUserGreeting, true, &controllers::getGreeting},
    RouteHandler{RouteId::PutUserGreeting, true, &controllers::putGreeting},
    RouteHandler{RouteId::DeleteUserGreeting, true, &controllers::deleteGreeting},
    RouteHandler{RouteId::UpdateUserGreetingSettings, true, &controllers::updateGreetingSettings},
    RouteHandler{RouteId::GetGroupGreeting, true, &controllers::getGreeting},
    RouteHandler{RouteId::PutGroupGreeting, true, &controllers::putGreeting},
    RouteHandler{RouteId::DeleteGroupGreeting, true, &controllers::deleteGreeting},
    RouteHandler{RouteId::UpdateGroupGreetingSettings, true, &controllers::updateGreetingSettings},
    RouteHandler{RouteId::ListTerms, true, &controllers::listTerms},
    RouteHandler{RouteId::CreateTerm, true, &controllers::createTerm},
    RouteHandler{RouteId::UpdateTerm, true, &controllers::updateTerm},
    RouteHandler{RouteId::DeleteTerm, true, &controllers::deleteTerm},
    RouteHandler{RouteId::TermAudio, true, &controllers::termAudio},
    RouteHandler{RouteId::ReplaceTermAudio, true, &controllers::replaceTermAudio},
};

constexpr bool handlersFollowEnumOrder() {
    for (std::size_t i = 0; i < kHandlers.size(); ++i) {
        if (static_cast<std::size_t>(kHandlers[i].route) != i) {
            return false;
        }
    }
    return true;
}
static_assert(handlersFollowEnumOrder(), "one handler per RouteId, in enum order");
static_assert(static_cast<std::size_t>(RouteId::ReplaceTermAudio) + 1 == kHandlers.size(), "a RouteId has no handler");

ApiResponse internalError(const ApiRequest& request, std::string_view detail) {
    log::error("API " + request.method.substr(0, 16) + " " + request.target.substr(0, 256) +
               " failed: " + std::string(detail));
    return errorResponse(ErrorCode::InternalError, "the server failed; the details are in its log");
}

}  // namespace

struct ApiService::Impl {
    ApiContext context;

    ApiResponse dispatch(const ApiRequest& request) const {
        RouteResult routed = routeRequest(request.method, request.target);
        if (!routed.ok()) {
            ApiResponse response = errorResponse(routed.error, routed.message);
            if (!routed.allow.empty()) {
                response.headers.emplace_back("Allow", routed.allow);
            }
            return response;
        }
        const std::int64_t nowMs = context.nowMs();
        const RouteHandler& entry = kHandlers[static_cast<std::size_t>(routed.match->route)];
        std::optional<Caller> caller;
        if (entry.needsSession) {
            caller = authenticate(context, request, nowMs);
            enforcePasswordChange(caller->user, entry.route);
        }
        RequestContext ctx(context, request, std::move(*routed.match), std::move(caller), nowMs);
        return entry.handler(ctx);
    }
};

ApiService::ApiService(ApiContext context) : m_impl(std::make_unique<Impl>(Impl{std::move(context)})) {}

ApiService::~ApiService() = default;

ApiResponse ApiService::handle(const ApiRequest& request) noexcept {
    try {
        try {
            return m_impl->dispatch(request);
        } catch (const ApiError& error) {
            return errorResponse(error.code(), error.what());
        } catch (const store::ConflictError& error) {
            return errorResponse(ErrorCode::Conflict, error.what());
        } catch (const nlohmann::json::exception& error) {
            log::warning(std::string("API JSON error: ") + error.what());
            return errorResponse(ErrorCode::ValidationFailed, "a field has the wrong type or form");
        } catch (const MailError& error) {
            log::warning(std::string("API mail error: ") + error.what());
            return errorResponse(ErrorCode::ServiceUnavailable, "the mail server could not be reached");
        } catch (const store::StoreError& error) {
            return internalError(request, error.what());
        } catch (const std::exception& error) {
            return internalError(request, error.what());
        } catch (...) {
            return internalError(request, "unknown exception");
        }
    } catch (...) {
        // Building the error itself failed (out of memory): answer with what needs no allocation we control.
        ApiResponse response;
        response.status = 500;
        return response;
    }
}

}  // namespace callvault::server::api
