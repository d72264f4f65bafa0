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
// recordings_controller.cpp, recording_marks_controller.cpp
ApiResponse searchRecordings(RequestContext& ctx);
ApiResponse getRecording(RequestContext& ctx);
ApiResponse updateRecording(RequestContext& ctx);
ApiResponse listBookmarks(RequestContext& ctx);
ApiResponse createBookmark(RequestContext& ctx);
ApiResponse deleteBookmark(RequestContext& ctx);
ApiResponse lockRecording(RequestContext& ctx);
// recording_audio_controller.cpp
ApiResponse recordingAudio(RequestContext& ctx);
ApiResponse downloadRecording(RequestContext& ctx);
ApiResponse recordingPeaks(RequestContext& ctx);
// cdr_controller.cpp
ApiResponse exportCdr(RequestContext& ctx);
// verify_controller.cpp
ApiResponse verifyRecording(RequestContext& ctx);
ApiResponse signingKey(RequestContext& ctx);
// reassign_controller.cpp
ApiResponse reassignRecordings(RequestContext& ctx);
// greetings_controller.cpp, greeting_upload_controller.cpp (user and group slots share the handlers)
ApiResponse listGreetings(RequestContext& ctx);
ApiResponse getGreeting(RequestContext& ctx);
ApiResponse putGreeting(RequestContext& ctx);
ApiResponse deleteGreeting(RequestContext& ctx);
ApiResponse updateGreetingSettings(RequestContext& ctx);
// terms_controller.cpp, term_upload_controller.cpp
ApiResponse listTerms(RequestContext& ctx);
ApiResponse createTerm(RequestContext& ctx);
ApiResponse updateTerm(RequestContext& ctx);
ApiResponse deleteTerm(RequestContext& ctx);
ApiResponse termAudio(RequestContext& ctx);
ApiResponse replaceTermAudio(RequestContext& ctx);

}  // namespace callvault::server::api::controllers
