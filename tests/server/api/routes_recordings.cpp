// The recording routes of docs/api.md for the role table (routes_by_role_test.cpp). Every row records its own
// real call (recording_seed.h) in the target's company, so rows never share state.
#include "tests/server/api/recording_seed.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace callvault::test {
namespace {

const std::string kBase = "/api/v1/recordings/";

/// A recording the caller's target names: agent1's in G1 (in scope; unlocked for the Provider), agent2's in
/// G2 (out of scope), or buser's in company B.
Recording seedFor(RouteContext& ctx) {
    static std::atomic<int> counter{0};
    World& w = ctx.world.world();
    SeedCall call;
    call.startUtcMs = nowUnixMs() - 2 * 3600 * 1000 + 1000 * (++counter);
    if (ctx.target == Target::OtherCompany) {
        call.companyId = w.companyB;
        call.userNumber = w.numberB;
        call.userId = ctx.world.account("userB").id;
        call.groupId = w.groupB;
    } else if (ctx.target == Target::OutOfScope) {
        call.companyId = w.companyA;
        call.userNumber = w.number2;
        call.userId = ctx.world.account("agent2").id;
        call.groupId = w.groupG2;
    } else {
        call.companyId = w.companyA;
        call.userNumber = w.number1;
        call.userId = ctx.world.account("agent1").id;
        call.groupId = w.groupG1;
        call.locked = ctx.role != "provider";
    }
    return seedRecording(ctx.world.server().dataDir(), call);
}

Recording recordingOf(const PreparedCall& call) {
    Recording r;
    from_json(call.state.at("recording"), r);
    return r;
}

PreparedCall withRecording(PreparedCall call, const Recording& recording) {
    call.state["recording"] = recording;
    return call;
}

/// The recording as its company's Admin reads it now.
nlohmann::json ownerView(RouteContext& ctx, const PreparedCall& call) {
    return readAs(ctx.world, ctx.ownerKey(), kBase + recordingOf(call).callId);
}

RouteDef readRoute(const std::string& id, const std::string& suffix,
                   std::function<void(RouteContext&, const PreparedCall&, const HttpResponse&)> check) {
    return {id,
            [suffix](RouteContext& ctx) {
                const Recording r = seedFor(ctx);
                return withRecording(PreparedCall("GET", kBase + r.callId + suffix), r);
            },
            [check](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
                if (ok) {
                    check(ctx, call, response);
                }
            }};
}

}  // namespace

std::vector<RouteDef> recordingRoutes() {
    std::vector<RouteDef> routes;
    routes.push_back(
        {"GET_recordings",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             const std::string query = "?from=" + isoMs(r.startUtcMs - 60'000) +
                                       "&to=" + isoMs(r.startUtcMs + 60'000) + "&call_id=" + r.callId;
             return withRecording(PreparedCall("GET", "/api/v1/recordings" + query), r);
         },
         [](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
             if (!ok) {
                 return;
             }
             const bool visible = ctx.target == Target::InScope;
             EXPECT_EQ(response.json().at("total"), visible ? 1 : 0) << response;
             if (visible) {
                 EXPECT_EQ(response.json().at("recordings").at(0).at("call_id"), recordingOf(call).callId);
             }
         }});
    routes.push_back(readRoute("GET_recordings_call_id", "",
                               [](RouteContext&, const PreparedCall& call, const HttpResponse& response) {
                                   EXPECT_EQ(response.json().at("call_id"), recordingOf(call).callId);
                                   EXPECT_EQ(response.json().at("signature"), recordingOf(call).signatureHex);
                               }));
    routes.push_back(
        {"PATCH_recordings_call_id",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             return withRecording(
                 PreparedCall("PATCH", kBase + r.callId, nlohmann::json{{"note", "新備註 by " + ctx.role}}),
                 r);
         },
         [](RouteContext& ctx, const PreparedCall& call, const HttpResponse&, bool ok) {
             EXPECT_EQ(ownerView(ctx, call).at("note"), ok ? "新備註 by " + ctx.role : "");
         }});
    routes.push_back({"GET_recordings_call_id_audio",
                      [](RouteContext& ctx) {
                          const Recording r = seedFor(ctx);
                          return withRecording(PreparedCall("GET", kBase + r.callId + "/audio"), r);
                      },
                      [](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
                          const Recording r = recordingOf(call);
                          if (ok) {
                              EXPECT_EQ(response.body, readBytes(seededMp3(ctx.world.server().dataDir(), r)));
                              EXPECT_EQ(response.header("content-type"), "audio/mpeg");
                          }
                          const nlohmann::json after = ownerView(ctx, call);
                          EXPECT_EQ(after.at("listened"), ok);
                          EXPECT_EQ(after.at("status"), ok ? "listened" : "");
                      }});
    routes.push_back({"GET_recordings_call_id_download",
                      [](RouteContext& ctx) {
                          const Recording r = seedFor(ctx);
                          return withRecording(PreparedCall("GET", kBase + r.callId + "/download"), r);
                      },
                      [](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
                          const Recording r = recordingOf(call);
                          if (ok) {
                              EXPECT_EQ(response.body, readBytes(seededMp3(ctx.world.server().dataDir(), r)));
                              EXPECT_EQ(response.header("content-disposition"),
                                        "attachment; filename=\"" + r.callId + ".mp3\"");
                          }
                          EXPECT_EQ(ownerView(ctx, call).at("downloaded"), ok);
                      }});
    routes.push_back(readRoute("GET_recordings_call_id_peaks", "/peaks",
                               [](RouteContext&, const PreparedCall&, const HttpResponse& response) {
                                   EXPECT_EQ(response.body.substr(0, 4), "CVPK");
                                   EXPECT_EQ(response.header("content-type"),
                                             "application/vnd.callvault.peaks");
                               }));
    routes.push_back(readRoute("GET_recordings_call_id_bookmarks", "/bookmarks",
                               [](RouteContext&, const PreparedCall&, const HttpResponse& response) {
                                   EXPECT_TRUE(response.json().at("bookmarks").is_array());
                               }));
    routes.push_back(
        {"POST_recordings_call_id_bookmarks",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             return withRecording(
                 PreparedCall("POST", kBase + r.callId + "/bookmarks",
                              nlohmann::json{{"start_ms", 100}, {"end_ms", 900}, {"text", "重點"}}),
                 r);
         },
         [](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
             const nlohmann::json list =
                 readAs(ctx.world, ctx.ownerKey(), kBase + recordingOf(call).callId + "/bookmarks");
             ASSERT_TRUE(list.contains("bookmarks"));
             EXPECT_EQ(list.at("bookmarks").size(), ok ? 1U : 0U);
             if (ok) {
                 EXPECT_EQ(response.json().at("text"), "重點");
             }
         }});
    routes.push_back(
        {"DELETE_recordings_call_id_bookmarks_id",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             const HttpResponse made =
                 ctx.world.client().post(kBase + r.callId + "/bookmarks", {{"start_ms", 0}, {"end_ms", 500}},
                                         ctx.world.token(ctx.ownerKey()));
             requireStatus(made, 201, "making a bookmark as " + ctx.ownerKey());
             const std::int64_t id = made.json().at("id").get<std::int64_t>();
             return withRecording(
                 PreparedCall("DELETE", kBase + r.callId + "/bookmarks/" + std::to_string(id)), r);
         },
         [](RouteContext& ctx, const PreparedCall& call, const HttpResponse&, bool ok) {
             const nlohmann::json list =
                 readAs(ctx.world, ctx.ownerKey(), kBase + recordingOf(call).callId + "/bookmarks");
             ASSERT_TRUE(list.contains("bookmarks"));
             EXPECT_EQ(list.at("bookmarks").size(), ok ? 0U : 1U);
         }});
    routes.push_back(
        {"PUT_recordings_call_id_lock",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             return withRecording(
                 PreparedCall("PUT", kBase + r.callId + "/lock", nlohmann::json{{"locked", !r.locked}}), r);
         },
         [](RouteContext& ctx, const PreparedCall& call, const HttpResponse&, bool ok) {
             const bool before = recordingOf(call).locked;
             EXPECT_EQ(ownerView(ctx, call).at("locked"), ok ? !before : before);
         }});
    routes.push_back(
        {"POST_cdr_export",
         [](RouteContext& ctx) {
             const Recording r = seedFor(ctx);
             return withRecording(
                 PreparedCall("POST", "/api/v1/cdr/export", nlohmann::json{{"call_ids", {r.callId}}}), r);
         },
         [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool ok) {
             if (ok) {
                 EXPECT_EQ(response.body.substr(0, 3), "\xEF\xBB\xBF");
                 EXPECT_NE(response.body.find(recordingOf(call).signatureHex), std::string::npos);
             }
         }});
    routes.push_back({"POST_verify",
                      [](RouteContext& ctx) {
                          const Recording r = seedFor(ctx);
                          PreparedCall call(
                              "POST", "/api/v1/verify?call_id=" + r.callId + "&signature=" + r.signatureHex);
                          call.rawBody = readBytes(seededMp3(ctx.world.server().dataDir(), r));
                          return withRecording(std::move(call), r);
                      },
                      [](RouteContext&, const PreparedCall&, const HttpResponse& response, bool ok) {
                          if (ok) {
                              EXPECT_EQ(response.json().at("modified"), false) << response;
                          }
                      }});
    routes.push_back({"GET_signing_key",
                      [](RouteContext&) { return PreparedCall("GET", "/api/v1/signing-key"); },
                      [](RouteContext&, const PreparedCall&, const HttpResponse& response, bool ok) {
                          if (ok) {
                              EXPECT_EQ(response.json().at("public_key").get<std::string>().size(), 64U);
                          }
                      }});
    routes.push_back({"POST_reassign",
                      [](RouteContext& ctx) {
                          const Recording r = seedFor(ctx);
                          const World& w = ctx.world.world();
                          const std::int64_t target =
                              ctx.target == Target::OtherCompany ? w.groupB : w.groupG2;
                          return withRecording(PreparedCall("POST", "/api/v1/reassign",
                                                            nlohmann::json{{"from", isoMs(r.startUtcMs)},
                                                                           {"to", isoMs(r.startUtcMs + 1)},
                                                                           {"user_numbers", {r.userNumber}},
                                                                           {"group_id", target}}),
                                               r);
                      },
                      [](RouteContext& ctx, const PreparedCall& call, const HttpResponse& response, bool ok) {
                          const std::int64_t target = call.body->at("group_id").get<std::int64_t>();
                          const std::int64_t before = *recordingOf(call).groupId;
                          if (ok) {
                              EXPECT_EQ(response.json().at("moved"), 1) << response;
                          }
                          EXPECT_EQ(ownerView(ctx, call).at("group_id"), ok ? target : before);
                      }});
    return routes;
}

}  // namespace callvault::test
