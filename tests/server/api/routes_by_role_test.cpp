// Every route of docs/api.md × every role: allowed (2xx), forbidden (403) and out of scope (404), each row
// its own test. Writes act on fresh throw-away rows, and every row re-reads what it touched, so a refused
// call is shown to have changed nothing.
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <regex>
#include <set>

#ifndef CALLVAULT_TEST_DATA_DIR
#error "CALLVAULT_TEST_DATA_DIR must name tests/data"
#endif

namespace callvault::test {
namespace {

struct Expect {
    long status;
    const char* code;  ///< the JSON error code, "" for a success
};

constexpr Expect k200{200, ""};
constexpr Expect k201{201, ""};
constexpr Expect k204{204, ""};
constexpr Expect k401{401, "unauthorized"};
constexpr Expect k403{403, "forbidden"};
constexpr Expect k404{404, "not_found"};
constexpr Expect kBadLogin{401, "invalid_credentials"};

constexpr std::array<const char*, 6> kRoles{"admin", "manager",  "supervisor",
                                            "agent", "provider", "anonymous"};

struct Row {
    std::string route;
    std::string role;
    Target target;
    Expect expect;
};

std::string rowName(const Row& row);

void PrintTo(const Row& row, std::ostream* out) {
    *out << rowName(row);
}

std::string rowName(const Row& row) {
    std::string name = row.route + "_by_" + row.role;
    if (row.target == Target::OutOfScope) {
        name += "_out_of_scope";
    } else if (row.target == Target::OtherCompany) {
        name += "_company_b";
    }
    return name;
}

/// Rows of one route for every role (admin, manager, supervisor, agent, provider, anonymous), in scope.
void byRole(std::vector<Row>& rows, const std::string& route, const std::array<Expect, 6>& expects) {
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
        rows.push_back({route, kRoles[i], Target::InScope, expects[i]});
    }
}

std::vector<Row> buildRows() {
    std::vector<Row> rows;
    // clang-format off
    //                                            admin manager supervisor agent provider anonymous
    byRole(rows, "POST_session",                  {k200, k200, k200, k200, k200, kBadLogin});
    byRole(rows, "DELETE_session",                {k204, k204, k204, k204, k204, k401});
    byRole(rows, "GET_me",                        {k200, k200, k200, k200, k200, k401});
    byRole(rows, "PUT_me_password",               {k204, k204, k204, k204, k204, k401});
    byRole(rows, "GET_company",                   {k200, k200, k200, k200, k403, k401});
    byRole(rows, "GET_users",                     {k200, k200, k200, k403, k403, k401});
    byRole(rows, "POST_users",                    {k201, k403, k403, k403, k403, k401});
    byRole(rows, "GET_users_id",                  {k200, k200, k200, k403, k403, k401});
    byRole(rows, "PATCH_users_id",                {k200, k403, k403, k403, k403, k401});
    byRole(rows, "POST_users_id_reset_password",  {k200, k403, k403, k403, k403, k401});
    byRole(rows, "GET_groups",                    {k200, k200, k200, k403, k403, k401});
    byRole(rows, "POST_groups",                   {k201, k403, k403, k403, k403, k401});
    byRole(rows, "PATCH_groups_id",               {k200, k403, k403, k403, k403, k401});
    byRole(rows, "DELETE_groups_id",              {k204, k403, k403, k403, k403, k401});
    byRole(rows, "GET_labels",                    {k200, k200, k200, k200, k403, k401});
    byRole(rows, "POST_labels",                   {k201, k403, k403, k403, k403, k401});
    byRole(rows, "PATCH_labels_id",               {k200, k403, k403, k403, k403, k401});
    byRole(rows, "DELETE_labels_id",              {k204, k403, k403, k403, k403, k401});
    byRole(rows, "GET_numbers",                   {k200, k200, k200, k200, k403, k401});
    byRole(rows, "GET_numbers_number",            {k200, k200, k200, k200, k403, k401});
    byRole(rows, "PUT_numbers_number_pin",        {k204, k204, k204, k204, k403, k401});
    byRole(rows, "GET_audit",                     {k200, k403, k403, k403, k403, k401});
    byRole(rows, "GET_audit_id",                  {k200, k403, k403, k403, k403, k401});
    byRole(rows, "GET_health",                    {k200, k200, k200, k200, k200, k200});
    byRole(rows, "GET_metrics",                   {k200, k200, k200, k200, k200, k200});
    byRole(rows, "GET_greetings",                 {k200, k200, k200, k200, k403, k401});
    for (const char* kind : {"users_number", "groups_id"}) {
        const bool user = std::string(kind) == "users_number";
        const Expect agentGet = user ? k200 : k403;
        const Expect agentPut = user ? k201 : k403;
        const Expect agentDelete = user ? k204 : k403;
        byRole(rows, std::string("GET_greetings_") + kind + "_direction",
               {k200, k200, k200, agentGet, k403, k401});
        byRole(rows, std::string("PUT_greetings_") + kind + "_direction",
               {k201, k201, k201, agentPut, k403, k401});
        byRole(rows, std::string("DELETE_greetings_") + kind + "_direction",
               {k204, k204, k204, agentDelete, k403, k401});
        byRole(rows, std::string("PATCH_greetings_") + kind + "_settings",
               {k200, k200, k200, agentGet, k403, k401});
    }
    byRole(rows, "GET_terms",                     {k200, k200, k200, k200, k403, k401});
    byRole(rows, "POST_terms",                    {k201, k201, k403, k403, k403, k401});
    byRole(rows, "PATCH_terms_id",                {k200, k200, k403, k403, k403, k401});
    byRole(rows, "DELETE_terms_id",               {k204, k204, k403, k403, k403, k401});
    byRole(rows, "GET_terms_id_audio",            {k200, k200, k200, k200, k403, k401});
    byRole(rows, "PUT_terms_id_audio",            {k200, k200, k403, k403, k403, k401});
    byRole(rows, "GET_recordings",                {k200, k200, k200, k200, k200, k401});
    byRole(rows, "GET_recordings_call_id",        {k200, k200, k200, k200, k200, k401});
    byRole(rows, "PATCH_recordings_call_id",      {k200, k200, k200, k200, k403, k401});
    byRole(rows, "GET_recordings_call_id_audio",  {k200, k200, k200, k200, k200, k401});
    byRole(rows, "GET_recordings_call_id_download", {k200, k200, k200, k403, k200, k401});
    byRole(rows, "GET_recordings_call_id_peaks",  {k200, k200, k200, k200, k200, k401});
    byRole(rows, "GET_recordings_call_id_bookmarks", {k200, k200, k200, k200, k200, k401});
    byRole(rows, "POST_recordings_call_id_bookmarks", {k201, k201, k201, k201, k403, k401});
    byRole(rows, "DELETE_recordings_call_id_bookmarks_id", {k204, k204, k204, k204, k403, k401});
    byRole(rows, "PUT_recordings_call_id_lock",   {k200, k403, k403, k403, k403, k401});
    byRole(rows, "POST_cdr_export",               {k200, k403, k403, k403, k403, k401});
    byRole(rows, "POST_verify",                   {k200, k403, k403, k403, k403, k401});
    byRole(rows, "GET_signing_key",               {k200, k403, k403, k403, k403, k401});
    byRole(rows, "POST_reassign",                 {k200, k403, k403, k403, k403, k401});
    // clang-format on

    // A row of company B is absent for every role that may use the route (the others get 403 first).
    for (const char* role : {"admin", "manager", "supervisor"}) {
        rows.push_back({"GET_users_id", role, Target::OtherCompany, k404});
    }
    for (const char* route : {"PATCH_users_id", "POST_users_id_reset_password", "PATCH_groups_id",
                              "DELETE_groups_id", "PATCH_labels_id", "DELETE_labels_id", "GET_audit_id"}) {
        rows.push_back({route, "admin", Target::OtherCompany, k404});
    }
    for (const char* role : {"admin", "manager", "supervisor", "agent"}) {
        rows.push_back({"GET_numbers_number", role, Target::OtherCompany, k404});
        rows.push_back({"PUT_numbers_number_pin", role, Target::OtherCompany, k404});
    }
    // Same company, outside the scope: agent2, G2 and 21110002 for the supervisor; 21110002 for agent1.
    rows.push_back({"GET_users_id", "supervisor", Target::OutOfScope, k404});
    for (const char* role : {"supervisor", "agent"}) {
        rows.push_back({"GET_numbers_number", role, Target::OutOfScope, k404});
        rows.push_back({"PUT_numbers_number_pin", role, Target::OutOfScope, k404});
    }
    // Greetings (§10, §11): numbers / groups of company B are absent; the supervisor reaches G1 and its users'
    // numbers only, the agent his own number only (and no group slot at all).
    for (const char* verb : {"GET", "PUT", "DELETE"}) {
        const std::string userRoute = std::string(verb) + "_greetings_users_number_direction";
        const std::string groupRoute = std::string(verb) + "_greetings_groups_id_direction";
        for (const char* role : {"admin", "manager", "supervisor", "agent"}) {
            rows.push_back({userRoute, role, Target::OtherCompany, k404});
        }
        for (const char* role : {"admin", "manager", "supervisor"}) {
            rows.push_back({groupRoute, role, Target::OtherCompany, k404});
        }
        rows.push_back({userRoute, "supervisor", Target::OutOfScope, k404});
        rows.push_back({userRoute, "agent", Target::OutOfScope, k404});
        rows.push_back({groupRoute, "supervisor", Target::OutOfScope, k404});
    }
    rows.push_back({"PATCH_greetings_users_number_settings", "admin", Target::OtherCompany, k404});
    rows.push_back({"PATCH_greetings_users_number_settings", "agent", Target::OutOfScope, k404});
    rows.push_back({"PATCH_greetings_groups_id_settings", "supervisor", Target::OutOfScope, k404});
    // Terms (§19): every role reads the terms of its scope (agent: his group; supervisor: G1); Admin and
    // Manager edit the company's.
    for (const char* role : {"admin", "manager", "supervisor", "agent"}) {
        rows.push_back({"GET_terms_id_audio", role, Target::OtherCompany, k404});
    }
    rows.push_back({"GET_terms_id_audio", "supervisor", Target::OutOfScope, k404});
    rows.push_back({"GET_terms_id_audio", "agent", Target::OutOfScope, k404});
    for (const char* route : {"PATCH_terms_id", "DELETE_terms_id", "PUT_terms_id_audio"}) {
        rows.push_back({route, "admin", Target::OtherCompany, k404});
        rows.push_back({route, "manager", Target::OtherCompany, k404});
    }
    // Recordings (§2–§9): company B's are absent for every company role, the supervisor reaches G1 and his own,
    // the agent his own, the Provider unlocked ones only (the out-of-scope row is locked).
    for (const char* route : {"GET_recordings_call_id", "GET_recordings_call_id_audio", "GET_recordings_call_id_peaks",
                              "GET_recordings_call_id_bookmarks", "PATCH_recordings_call_id",
                              "POST_recordings_call_id_bookmarks", "DELETE_recordings_call_id_bookmarks_id"}) {
        for (const char* role : {"admin", "manager", "supervisor", "agent"}) {
            rows.push_back({route, role, Target::OtherCompany, k404});
        }
        rows.push_back({route, "supervisor", Target::OutOfScope, k404});
        rows.push_back({route, "agent", Target::OutOfScope, k404});
    }
    for (const char* route : {"GET_recordings_call_id", "GET_recordings_call_id_audio",
                              "GET_recordings_call_id_download", "GET_recordings_call_id_peaks"}) {
        rows.push_back({route, "provider", Target::OutOfScope, k404});
    }
    for (const char* role : {"admin", "manager", "supervisor"}) {
        rows.push_back({"GET_recordings_call_id_download", role, Target::OtherCompany, k404});
    }
    rows.push_back({"GET_recordings_call_id_download", "supervisor", Target::OutOfScope, k404});
    rows.push_back({"PUT_recordings_call_id_lock", "admin", Target::OtherCompany, k404});
    rows.push_back({"POST_cdr_export", "admin", Target::OtherCompany, k404});
    // A search finds nothing outside the scope (200, total 0): checked by the route's verify step.
    for (const char* role : {"admin", "manager", "supervisor", "agent"}) {
        rows.push_back({"GET_recordings", role, Target::OtherCompany, k200});
    }
    rows.push_back({"GET_recordings", "supervisor", Target::OutOfScope, k200});
    rows.push_back({"GET_recordings", "agent", Target::OutOfScope, k200});
    rows.push_back({"GET_recordings", "provider", Target::OutOfScope, k200});
    return rows;
}

const std::vector<Row>& allRows() {
    static const std::vector<Row> rows = buildRows();
    return rows;
}

class RoutesByRole : public ::testing::TestWithParam<Row> {
protected:
    static void SetUpTestSuite() {
        try {
            s_world = ApiWorld::start();
        } catch (const std::exception& e) {
            s_setupError = e.what();
        }
    }
    static void TearDownTestSuite() { s_world.reset(); }

    void SetUp() override { ASSERT_TRUE(s_world) << "no server for the table: " << s_setupError; }
    void TearDown() override {
        if (s_world) {
            s_world->server().printLogIfFailed();
        }
    }

    static inline std::unique_ptr<ApiWorld> s_world;
    static inline std::string s_setupError;
};

TEST_P(RoutesByRole, AnswersAsDocumented) {
    const Row& row = GetParam();
    const RouteDef& route = findRoute(row.route);
    RouteContext context{*s_world, row.role, row.target};
    try {
        const PreparedCall call = route.prepare(context);
        RequestOptions options;
        options.json = call.body;
        if (call.rawBody) {
            options.json.reset();
            options.rawBody = call.rawBody;
            options.headers.push_back("Content-Type: audio/mpeg");
        }
        if (call.token) {
            options.token = *call.token;
        } else if (!context.actorKey().empty()) {
            options.token = s_world->token(context.actorKey());
        }
        const HttpResponse response = s_world->client().request(call.method, call.path, options);
        EXPECT_EQ(response.status, row.expect.status)
            << call.method << " " << call.path << " as " << row.role << ": " << response;
        if (*row.expect.code != '\0') {
            EXPECT_EQ(response.errorCode(), row.expect.code) << response;
            EXPECT_FALSE(response.errorMessage().empty()) << "an error carries a message: " << response;
        }
        const bool succeeded = response.status >= 200 && response.status < 300;
        route.verify(context, call, response, succeeded);
    } catch (const std::exception& e) {
        FAIL() << "setting up or checking the row failed: " << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Table, RoutesByRole, ::testing::ValuesIn(allRows()),
                         [](const ::testing::TestParamInfo<Row>& param) { return rowName(param.param); });

/// "GET /api/v1/users/{id}" → "GET_users_id", as the route ids of the table.
std::string routeId(const std::string& method, std::string path) {
    const std::string prefix = "/api/v1/";
    if (path.rfind(prefix, 0) == 0) {
        path = path.substr(prefix.size());
    } else if (!path.empty() && path.front() == '/') {
        path = path.substr(1);
    }
    std::string id = method + "_";
    for (char c : path) {
        if (c == '/' || c == '-') {
            id += '_';
        } else if (c != '{' && c != '}') {
            id += c;
        }
    }
    return id;
}

TEST(RouteTable, CoversEveryRouteOfTheApiDocumentForEveryRole) {
    const auto docPath =
        std::filesystem::path(CALLVAULT_TEST_DATA_DIR).parent_path().parent_path() / "docs" / "api.md";
    std::ifstream in(docPath);
    ASSERT_TRUE(in) << "cannot read " << docPath;
    const std::regex routeCell(R"(^\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)`)");
    std::set<std::string> documented;
    std::string line;
    while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_search(line, match, routeCell)) {
            documented.insert(routeId(match[1], match[2]));
        }
    }
    ASSERT_GE(documented.size(), 20u) << "the route table of docs/api.md was not found";
    std::set<std::string> tested;
    for (const auto& route : allRoutes()) {
        tested.insert(route.id);
    }
    for (const auto& id : documented) {
        EXPECT_EQ(tested.count(id), 1u) << id << " is documented but has no rows in the table test";
    }
    for (const auto& id : tested) {
        EXPECT_EQ(documented.count(id), 1u) << id << " is tested but no longer documented";
    }
    for (const auto& route : allRoutes()) {
        for (const char* role : kRoles) {
            const bool present = std::any_of(allRows().begin(), allRows().end(), [&](const Row& row) {
                return row.route == route.id && row.role == role && row.target == Target::InScope;
            });
            EXPECT_TRUE(present) << route.id << " has no row for " << role;
        }
    }
}

}  // namespace
}  // namespace callvault::test
