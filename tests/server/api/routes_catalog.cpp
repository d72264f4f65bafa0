#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

namespace callvault::test {
namespace {

/// Groups and labels share their shape: /api/v1/<kind> lists `{<kind>: [...]}` and rows have id and name.
struct Catalog {
    std::string kind;  ///< "groups" or "labels"
    std::string routeSuffix;
    std::int64_t (*create)(ApiWorld&, const std::string&);
};

const Catalog kGroups{"groups", "groups", &createThrowawayGroup};
const Catalog kLabels{"labels", "labels", &createThrowawayLabel};

std::string listPath(const Catalog& catalog) {
    return "/api/v1/" + catalog.kind;
}
std::string rowPath(const Catalog& catalog, std::int64_t id) {
    return listPath(catalog) + "/" + std::to_string(id);
}

nlohmann::json rowAs(RouteContext& c, const Catalog& catalog, std::int64_t id) {
    return findBy(readAs(c.world, c.ownerKey(), listPath(catalog))[catalog.kind], "id", id);
}

RouteDef postRow(const Catalog& catalog) {
    return {
        "POST_" + catalog.routeSuffix,
        [catalog](RouteContext&) {
            const std::string name = uniqueName("New " + catalog.kind + " ");
            PreparedCall call{"POST", listPath(catalog), nlohmann::json{{"name", name}}};
            call.state["name"] = name;
            return call;
        },
        [catalog](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
            const auto row =
                findBy(readAs(c.world, "admin", listPath(catalog))[catalog.kind], "name", call.state["name"]);
            EXPECT_EQ(row.is_null(), !succeeded) << "listed: " << row.dump();
            if (succeeded) {
                EXPECT_TRUE(response.json()["id"].is_number_integer()) << response;
                EXPECT_EQ(response.json()["name"], call.state["name"]) << response;
            }
        }};
}

RouteDef patchRow(const Catalog& catalog) {
    return {
        "PATCH_" + catalog.routeSuffix + "_id",
        [catalog](RouteContext& c) {
            const std::int64_t id = catalog.create(c.world, c.ownerKey());
            const std::string name = uniqueName("Renamed " + catalog.kind + " ");
            PreparedCall call{"PATCH", rowPath(catalog, id), nlohmann::json{{"name", name}}};
            call.state = {{"id", id}, {"new", name}, {"old", rowAs(c, catalog, id)["name"]}};
            return call;
        },
        [catalog](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
            const auto row = rowAs(c, catalog, call.state["id"].get<std::int64_t>());
            EXPECT_EQ(row["name"], call.state[succeeded ? "new" : "old"]) << row.dump();
            if (succeeded) {
                EXPECT_EQ(response.json()["name"], call.state["new"]) << response;
            }
        }};
}

RouteDef deleteRow(const Catalog& catalog) {
    return {
        "DELETE_" + catalog.routeSuffix + "_id",
        [catalog](RouteContext& c) {
            const std::int64_t id = catalog.create(c.world, c.ownerKey());
            PreparedCall call{"DELETE", rowPath(catalog, id)};
            call.state["id"] = id;
            return call;
        },
        [catalog](RouteContext& c, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
            const auto row = rowAs(c, catalog, call.state["id"].get<std::int64_t>());
            EXPECT_EQ(row.is_null(), succeeded) << "after DELETE: " << row.dump();
            if (succeeded) {
                EXPECT_TRUE(response.body.empty()) << "204 has no body: " << response;
            }
        }};
}

RouteDef getGroups() {
    return {"GET_groups",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/groups"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto groups = response.json()["groups"];
                const World& w = c.world.world();
                EXPECT_FALSE(findBy(groups, "id", w.groupG1).is_null()) << response;
                EXPECT_EQ(findBy(groups, "id", w.groupG2).is_null(), c.role == "supervisor") << response;
                EXPECT_TRUE(findBy(groups, "id", w.groupB).is_null())
                    << "company B's group leaked: " << response;
            }};
}

RouteDef getLabels() {
    return {"GET_labels",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/labels"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    const auto labels = response.json()["labels"];
                    EXPECT_FALSE(findBy(labels, "id", c.world.world().labelA).is_null()) << response;
                    EXPECT_TRUE(findBy(labels, "id", c.world.world().labelB).is_null()) << response;
                }
            }};
}

/// The number a row reaches: company B's, agent2's (outside G1, not agent1's) or one in the caller's scope.
std::string targetNumber(const RouteContext& c) {
    const World& w = c.world.world();
    switch (c.target) {
        case Target::OtherCompany:
            return w.numberB;
        case Target::OutOfScope:
            return w.number2;
        case Target::InScope:
            break;
    }
    return c.role == "admin" || c.role == "manager" ? w.number2 : w.number1;
}

std::string numberPath(const std::string& number) {
    return "/api/v1/numbers/" + number;
}

RouteDef getNumbers() {
    return {"GET_numbers",
            [](RouteContext&) {
                return PreparedCall{"GET", "/api/v1/numbers"};
            },
            [](RouteContext& c, const PreparedCall&, const HttpResponse& response, bool succeeded) {
                if (!succeeded) {
                    return;
                }
                const auto numbers = response.json()["numbers"];
                const World& w = c.world.world();
                const bool companyWide = c.role == "admin" || c.role == "manager";
                EXPECT_FALSE(findBy(numbers, "number", w.number1).is_null()) << response;
                EXPECT_EQ(findBy(numbers, "number", w.number2).is_null(), !companyWide) << response;
                EXPECT_TRUE(findBy(numbers, "number", w.numberB).is_null()) << response;
            }};
}

RouteDef getNumber() {
    return {"GET_numbers_number",
            [](RouteContext& c) {
                PreparedCall call{"GET", numberPath(targetNumber(c))};
                call.state["number"] = targetNumber(c);
                return call;
            },
            [](RouteContext&, const PreparedCall& call, const HttpResponse& response, bool succeeded) {
                if (succeeded) {
                    EXPECT_EQ(response.json()["number"], call.state["number"]) << response;
                    EXPECT_FALSE(response.json().contains("pin")) << "the PIN never leaves the server";
                }
            }};
}

RouteDef putPin() {
    return {"PUT_numbers_number_pin",
            [](RouteContext& c) {
                const std::string number = targetNumber(c);
                PreparedCall call{"PUT", numberPath(number) + "/pin", nlohmann::json{{"pin", "4321"}}};
                call.state = {{"number", number},
                              {"had_pin", readAs(c.world, c.ownerKey(), numberPath(number))["has_pin"]}};
                return call;
            },
            [](RouteContext& c, const PreparedCall& call, const HttpResponse&, bool succeeded) {
                const auto stored =
                    readAs(c.world, c.ownerKey(), numberPath(call.state["number"].get<std::string>()));
                EXPECT_EQ(stored["has_pin"], succeeded ? nlohmann::json(true) : call.state["had_pin"])
                    << stored.dump();
            }};
}

}  // namespace

std::vector<RouteDef> catalogRoutes() {
    return {getGroups(),  postRow(kGroups), patchRow(kGroups), deleteRow(kGroups),
            getLabels(),  postRow(kLabels), patchRow(kLabels), deleteRow(kLabels),
            getNumbers(), getNumber(),      putPin()};
}

}  // namespace callvault::test
