#pragma once

#include "server/api/api_request.h"
#include "server/api/request_context.h"

namespace callvault::server::api::controllers {

/// One handler per route of docs/api.md. Each checks the caller's role (403) from the permission matrix,
/// then the query and body (400), then the row and its scope (404), then conflicts (409), in that order,
/// and audits what it changes. Handlers throw ApiError; ApiService turns it into the JSON error.
using Handler = ApiResponse (*)(RequestContext& ctx);

// session_controller.cpp
ApiResponse login(RequestContext& ctx);
ApiResponse logout(RequestContext& ctx);
// me_controller.cpp
ApiResponse getMe(RequestContext& ctx);
ApiResponse changeOwnPassword(RequestContext& ctx);
// company_controller.cpp
ApiResponse getCompany(RequestContext& ctx);
// users_controller.cpp, users_create_controller.cpp
ApiResponse listUsers(RequestContext& ctx);
ApiResponse getUser(RequestContext& ctx);
ApiResponse updateUser(RequestContext& ctx);
ApiResponse createUser(RequestContext& ctx);
ApiResponse resetUserPassword(RequestContext& ctx);
// groups_controller.cpp
ApiResponse listGroups(RequestContext& ctx);
ApiResponse createGroup(RequestContext& ctx);
ApiResponse updateGroup(RequestContext& ctx);
ApiResponse deleteGroup(RequestContext& ctx);
// labels_controller.cpp
ApiResponse listLabels(RequestContext& ctx);
ApiResponse createLabel(RequestContext& ctx);
ApiResponse updateLabel(RequestContext& ctx);
ApiResponse deleteLabel(RequestContext& ctx);
// numbers_controller.cpp
ApiResponse listNumbers(RequestContext& ctx);
ApiResponse getNumber(RequestContext& ctx);
ApiResponse setNumberPin(RequestContext& ctx);
// audit_controller.cpp
ApiResponse listAudit(RequestContext& ctx);
ApiResponse getAuditEntry(RequestContext& ctx);
// health_controller.cpp
ApiResponse health(RequestContext& ctx);
ApiResponse metrics(RequestContext& ctx);

}  // namespace callvault::server::api::controllers
