// Route definitions of the greeting (§10, §11) and playback term (§19) routes for the role × scope table.
#include "tests/server/api/mp3_samples.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <atomic>

namespace callvault::test {
namespace {

// ---- greetings

struct SlotKind {
    bool user;  ///< /greetings/users/{number}/… or /greetings/groups/{id}/…
    std::string idPart() const { return user ? "users_number" : "groups_id"; }
};

/// The number or group a row reaches: company B's, one outside the supervisor's / agent's scope, or in it.
std::string slotOwner(RouteContext& c, const SlotKind& kind) {
    const World& w = c.world.world();
    switch (c.target) {
        case Target::OtherCompany:
            return kind.user ? w.numberB : std::to_string(w.groupB);
        case Target::OutOfScope:
            return kind.user ? w.number2 : std::to_string(w.groupG2);
        case Target::InScope:
            break;
    }
    return kind.user ? w.number1 : std::to_string(w.groupG1);
}

std::string slotPath(const SlotKind& kind, const std::string& owner, const std::string& last) {
    return std::string("/api/v1/greetings/") + (kind.user ? "users/" : "groups/") + owner + "/" + last;
}

HttpResponse uploadAs(ApiWorld& world, const std::string& key, const std::string& method,
                      const std::string& path, const std::string& bytes) {
    RequestOptions options;
    options.rawBody = bytes;
    options.headers.push_back("Content-Type: audio/mpeg");
    options.token = world.token(key);
    return world.client().request(method, path, options);
}

/// The listing's entry for the owner, as the row's owning admin sees it (null when absent).
nlohmann::json slotsAs(RouteContext& c, const SlotKind& kind, const std::string& owner) {
    const auto list = readAs(c.world, c.ownerKey(), "/api/v1/greetings");
    return kind.user ? findBy(list["users"], "number", owner)
                     : findBy(list["groups"], "group_id", std::stoll(owner));
}

void ensureSlot(RouteContext& c, const SlotKind& kind, const std::string& owner,
                const std::string& direction) {
    const auto response =
        uploadAs(c.world, c.ownerKey(), "PUT", slotPath(kind, owner, direction), freshMp3(0.5));
    if (response.status != 200 && response.status != 201) {
        throw ProvisionError("setting a greeting as the owner failed: " + response.body);
    }
}

void clearSlot(RouteContext& c, const SlotKind& kind, const std::string& owner,
               const std::string& direction) {
    c.world.client().del(slotPath(kind, owner, direction), c.world.token(c.ownerKey()));
}

std::string slotSha(RouteContext& c, const SlotKind& kind, const std::string& owner, const std::string& dir) {
    const auto slots = slotsAs(c, kind, owner);
    return slots.is_object() && slots[dir].is_object() ? slots[dir]["sha256"].get<std::string>() : "";
}

RouteDef slotGet(const SlotKind& kind) {
    return {"GET_greetings_" + kind.idPart() + "_direction",
            [kind](RouteContext& c) {
                const std::string owner = slotOwner(c, kind);
                ensureSlot(c, kind, owner, "inbound");
                PreparedCall call{"GET", slotPath(kind, owner, "inbound")};
                call.state = {{"owner", owner}, {"sha", slotSha(c, kind, owner, "inbound")}};
                return call;
            },
            [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.header("content-type"), "audio/mpeg") << response;
                    EXPECT_EQ(sha256Hex(response.body), call.state["sha"]) << "the stored bytes come back";
                }
            }};
}

RouteDef slotPut(const SlotKind& kind) {
    return {"PUT_greetings_" + kind.idPart() + "_direction",
            [kind](RouteContext& c) {
                const std::string owner = slotOwner(c, kind);
                clearSlot(c, kind, owner, "inbound");
                PreparedCall call{"PUT", slotPath(kind, owner, "inbound")};
                call.rawBody = freshMp3(0.5);
                call.state = {{"owner", owner}, {"sha", sha256Hex(*call.rawBody)}};
                return call;
            },
            [kind](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const std::string after = slotSha(c, kind, call.state["owner"], "inbound");
                EXPECT_EQ(after, succeeded ? call.state["sha"].get<std::string>() : "") << response;
                if (succeeded) {
                    EXPECT_EQ(response.json()["sha256"], call.state["sha"]) << response;
                }
            }};
}

RouteDef slotDelete(const SlotKind& kind) {
    return {"DELETE_greetings_" + kind.idPart() + "_direction",
            [kind](RouteContext& c) {
                const std::string owner = slotOwner(c, kind);
                ensureSlot(c, kind, owner, "outbound");
                PreparedCall call{"DELETE", slotPath(kind, owner, "outbound")};
                call.state = {{"owner", owner}};
                return call;
            },
            [kind](RouteContext& c, const PreparedCall& call, const HttpResponse&, bool succeeded) {
                const std::string after = slotSha(c, kind, call.state["owner"], "outbound");
                EXPECT_EQ(after.empty(), succeeded) << "outbound slot after DELETE";
            }};
}

RouteDef slotSettings(const SlotKind& kind) {
    return {"PATCH_greetings_" + kind.idPart() + "_settings",
            [kind](RouteContext& c) {
                const std::string owner = slotOwner(c, kind);
                const auto slots = slotsAs(c, kind, owner);
                const bool before = slots.is_object() && slots["barge_in"] == true;
                PreparedCall call{"PATCH", slotPath(kind, owner, "settings"),
                                  nlohmann::json{{"barge_in", !before}}};
                call.state = {{"owner", owner}, {"before", before}};
                return call;
            },
            [kind](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const auto slots = slotsAs(c, kind, call.state["owner"]);
                const bool before = call.state["before"].get<bool>();
                EXPECT_EQ(slots["barge_in"], succeeded ? !before : before) << response;
                if (succeeded) {
                    EXPECT_EQ(response.json()["barge_in"], !before) << response;
                }
            }};
}

RouteDef listGreetings() {
    return {"GET_greetings",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/greetings"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto j = response.json();
                const World& w = c.world.world();
                const bool wide = c.role == "admin" || c.role == "manager";
                EXPECT_FALSE(findBy(j["users"], "number", w.number1).is_null()) << response;
                EXPECT_EQ(findBy(j["users"], "number", w.number2).is_null(), !wide) << response;
                EXPECT_TRUE(findBy(j["users"], "number", w.numberB).is_null()) << response;
                EXPECT_EQ(findBy(j["groups"], "group_id", w.groupG1).is_null(), c.role == "agent")
                    << response;
                EXPECT_EQ(findBy(j["groups"], "group_id", w.groupG2).is_null(), !wide) << response;
            }};
}

// ---- terms

std::string nextTermNumber() {
    static std::atomic<int> counter{100};
    return std::to_string(counter++);
}

std::int64_t termGroup(RouteContext& c) {
    const World& w = c.world.world();
    switch (c.target) {
        case Target::OtherCompany:
            return w.groupB;
        case Target::OutOfScope:
            return w.groupG2;
        case Target::InScope:
            break;
    }
    return w.groupG1;
}

nlohmann::json createTermAs(ApiWorld& world, const std::string& key, std::int64_t groupId) {
    const auto response = uploadAs(world, key, "POST",
                                   "/api/v1/terms?group_id=" + std::to_string(groupId) +
                                       "&number=" + nextTermNumber() + "&remark=before",
                                   freshMp3(0.5));
    requireStatus(response, 201, "making a throw-away term as " + key);
    return response.json();
}

nlohmann::json termAs(RouteContext& c, std::int64_t id) {
    return findBy(readAs(c.world, c.ownerKey(), "/api/v1/terms")["terms"], "id", id);
}

std::string termPath(std::int64_t id, const std::string& suffix = "") {
    return "/api/v1/terms/" + std::to_string(id) + suffix;
}

RouteDef listTerms() {
    return {"GET_terms",
            [](RouteContext& c) {
                PreparedCall call{"GET", "/api/v1/terms"};
                call.state = {{"g1", createTermAs(c.world, "admin", c.world.world().groupG1)["id"]},
                              {"g2", createTermAs(c.world, "admin", c.world.world().groupG2)["id"]}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto terms = response.json()["terms"];
                const bool wide = c.role == "admin" || c.role == "manager";
                EXPECT_FALSE(findBy(terms, "id", call.state["g1"]).is_null()) << response;
                EXPECT_EQ(findBy(terms, "id", call.state["g2"]).is_null(), !wide) << response;
            }};
}

RouteDef createTerm() {
    return {"POST_terms",
            [](RouteContext& c) {
                const std::string number = nextTermNumber();
                PreparedCall call{"POST", "/api/v1/terms?group_id=" + std::to_string(termGroup(c)) +
                                              "&number=" + number + "&remark=new%20term"};
                call.rawBody = freshMp3(0.5);
                call.state = {{"number", number}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const auto terms = readAs(c.world, c.ownerKey(), "/api/v1/terms")["terms"];
                EXPECT_EQ(findBy(terms, "number", call.state["number"]).is_null(), !succeeded) << response;
                if (succeeded) {
                    EXPECT_EQ(response.json()["remark"], "new term") << response;
                }
            }};
}

RouteDef updateTerm() {
    return {"PATCH_terms_id",
            [](RouteContext& c) {
                const auto term = createTermAs(c.world, c.ownerKey(), termGroup(c));
                const std::string remark = uniqueName("remark ");
                PreparedCall call{"PATCH", termPath(term["id"]), nlohmann::json{{"remark", remark}}};
                call.state = {{"id", term["id"]}, {"remark", remark}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                const auto term = termAs(c, call.state["id"]);
                EXPECT_EQ(term["remark"], succeeded ? call.state["remark"] : nlohmann::json("before"))
                    << response;
            }};
}

RouteDef deleteTerm() {
    return {"DELETE_terms_id",
            [](RouteContext& c) {
                const auto term = createTermAs(c.world, c.ownerKey(), termGroup(c));
                PreparedCall call{"DELETE", termPath(term["id"])};
                call.state = {{"id", term["id"]}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                EXPECT_EQ(termAs(c, call.state["id"]).is_null(), succeeded) << response;
            }};
}

RouteDef termAudio() {
    return {"GET_terms_id_audio",
            [](RouteContext& c) {
                const auto term = createTermAs(c.world, c.ownerKey(), termGroup(c));
                PreparedCall call{"GET", termPath(term["id"], "/audio")};
                call.state = {{"sha", term["sha256"]}};
                return call;
            },
            [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.header("content-type"), "audio/mpeg") << response;
                    EXPECT_EQ(sha256Hex(response.body), call.state["sha"]);
                }
            }};
}

RouteDef replaceTermAudio() {
    return {"PUT_terms_id_audio",
            [](RouteContext& c) {
                const auto term = createTermAs(c.world, c.ownerKey(), termGroup(c));
                PreparedCall call{"PUT", termPath(term["id"], "/audio")};
                call.rawBody = freshMp3(0.5);
                call.state = {{"id", term["id"]}, {"old", term["sha256"]}, {"new", sha256Hex(*call.rawBody)}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                EXPECT_EQ(termAs(c, call.state["id"])["sha256"], call.state[succeeded ? "new" : "old"])
                    << response;
            }};
}

}  // namespace

std::vector<RouteDef> greetingRoutes() {
    std::vector<RouteDef> routes{listGreetings()};
    for (const SlotKind kind : {SlotKind{true}, SlotKind{false}}) {
        routes.push_back(slotGet(kind));
        routes.push_back(slotPut(kind));
        routes.push_back(slotDelete(kind));
        routes.push_back(slotSettings(kind));
    }
    for (RouteDef route :
         {listTerms(), createTerm(), updateTerm(), deleteTerm(), termAudio(), replaceTermAudio()}) {
        routes.push_back(std::move(route));
    }
    return routes;
}

}  // namespace callvault::test
