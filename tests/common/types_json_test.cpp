#include "common/types/audit_entry.h"
#include "common/types/company.h"
#include "common/types/group.h"
#include "common/types/label.h"
#include "common/types/user.h"
#include "common/types/user_number.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace callvault {
namespace {

using nlohmann::json;

template <typename T>
T roundTrip(const T& value) {
    const json j = value;
    // Through text as well, as on the wire.
    return json::parse(j.dump()).get<T>();
}

Company sampleCompany() {
    return {7, "Acme 香港", 365, "Asia/Hong_Kong", 1795604165};
}
Group sampleGroup() {
    return {3, 7, "Default Group", 1795604165};
}
Label sampleLabel() {
    return {11, 7, "Complaint", "客戶投訴", 42, "Alice Chan", 1795604165};
}

User sampleUser() {
    User user;
    user.id = 42;
    user.companyId = 7;
    user.login = "alice";
    user.name = "陳大文";
    user.email = "alice@example.com";
    user.role = Role::Supervisor;
    user.groupId = 3;
    user.supervisedGroupIds = {3, 4};
    user.recordingStartDate = "2026-01-01";
    user.notify = true;
    user.enabled = true;
    user.mustChangePassword = true;
    user.lockedUntil = 1795605065;
    user.createdAt = 1795604165;
    user.updatedAt = 1795604166;
    return user;
}

UserNumber sampleNumber() {
    UserNumber number;
    number.id = 5;
    number.companyId = 7;
    number.number = "+85221122560";
    number.inbound = true;
    number.outbound = false;
    number.userId = 42;
    number.userName = "陳大文";
    number.groupId = 3;
    number.effectiveDate = "2026-12-01";
    number.activated = true;
    number.hasPin = true;
    number.status = NumberStatus::PendingEffective;
    return number;
}

AuditEntry sampleAudit() {
    AuditEntry entry;
    entry.id = 900;
    entry.companyId = 7;
    entry.at = 1795604165123;
    entry.operatorId = 42;
    entry.operatorLogin = "alice";
    entry.operation = "user.update";
    entry.target = "user:12";
    entry.address = "192.0.2.1";
    entry.details = json{{"changed", json::array({"name", "email"})}, {"old_name", "Bob"}};
    return entry;
}

TEST(CompanyJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleCompany()), sampleCompany());
}

TEST(CompanyJson, ExactJson) {
    EXPECT_EQ(json(sampleCompany()), json::parse(R"({"id": 7, "name": "Acme 香港", "retention_days": 365,
        "time_zone": "Asia/Hong_Kong", "created_at": "2026-11-25T10:56:05Z"})"));
}

TEST(CompanyJson, WrongTypesThrow) {
    json j = sampleCompany();
    j["retention_days"] = "365";
    EXPECT_THROW(j.get<Company>(), json::type_error);
    j = sampleCompany();
    j["created_at"] = 1795604165;
    EXPECT_THROW(j.get<Company>(), json::type_error);
    j = sampleCompany();
    j["created_at"] = "yesterday";
    EXPECT_THROW(j.get<Company>(), json::type_error);
    j = sampleCompany();
    j.erase("name");
    EXPECT_THROW(j.get<Company>(), json::out_of_range);
    EXPECT_THROW(json::array().get<Company>(), json::exception);
}

TEST(GroupJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleGroup()), sampleGroup());
}

TEST(GroupJson, ExactJson) {
    EXPECT_EQ(json(sampleGroup()), json::parse(R"({"id": 3, "company_id": 7, "name": "Default Group",
        "created_at": "2026-11-25T10:56:05Z"})"));
}

TEST(GroupJson, WrongTypesThrow) {
    json j = sampleGroup();
    j["company_id"] = nullptr;
    EXPECT_THROW(j.get<Group>(), json::type_error);
    j = sampleGroup();
    j.erase("created_at");
    EXPECT_THROW(j.get<Group>(), json::out_of_range);
}

TEST(LabelJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleLabel()), sampleLabel());
    Label noModifier = sampleLabel();
    noModifier.modifiedBy.reset();
    noModifier.modifiedByName.clear();
    EXPECT_EQ(roundTrip(noModifier), noModifier);
}

TEST(LabelJson, ExactJson) {
    EXPECT_EQ(json(sampleLabel()), json::parse(R"({"id": 11, "company_id": 7, "name": "Complaint",
        "remark": "客戶投訴", "modified_by": 42, "modified_by_name": "Alice Chan",
        "modified_at": "2026-11-25T10:56:05Z"})"));
    Label noModifier = sampleLabel();
    noModifier.modifiedBy.reset();
    EXPECT_TRUE(json(noModifier).at("modified_by").is_null());
}

TEST(LabelJson, WrongTypesThrow) {
    json j = sampleLabel();
    j["modified_by"] = "42";
    EXPECT_THROW(j.get<Label>(), json::type_error);
    j = sampleLabel();
    j.erase("modified_by");  // optional ids are null, never absent
    EXPECT_THROW(j.get<Label>(), json::out_of_range);
}

TEST(UserJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleUser()), sampleUser());
    User provider = sampleUser();
    provider.companyId.reset();
    provider.groupId.reset();
    provider.role = Role::Provider;
    provider.supervisedGroupIds.clear();
    provider.lockedUntil = 0;
    provider.recordingStartDate.clear();
    provider.enabled = false;
    EXPECT_EQ(roundTrip(provider), provider);
}

TEST(UserJson, ExactJson) {
    EXPECT_EQ(json(sampleUser()),
              json::parse(R"({"id": 42, "company_id": 7, "login": "alice", "name": "陳大文",
        "email": "alice@example.com", "role": "supervisor", "group_id": 3, "supervised_group_ids": [3, 4],
        "recording_start_date": "2026-01-01", "notify": true, "enabled": true, "must_change_password": true,
        "locked_until": "2026-11-25T11:11:05Z", "created_at": "2026-11-25T10:56:05Z",
        "updated_at": "2026-11-25T10:56:06Z"})"));
}

TEST(UserJson, NotLockedAndNoCompanyAreNull) {
    User user = sampleUser();
    user.lockedUntil = 0;
    user.companyId.reset();
    user.groupId.reset();
    const json j = user;
    EXPECT_TRUE(j.at("locked_until").is_null());
    EXPECT_TRUE(j.at("company_id").is_null());
    EXPECT_TRUE(j.at("group_id").is_null());
}

TEST(UserJson, WrongTypesThrow) {
    json j = sampleUser();
    j["role"] = "owner";
    EXPECT_THROW(j.get<User>(), json::type_error);
    j = sampleUser();
    j["role"] = 1;
    EXPECT_THROW(j.get<User>(), json::type_error);
    j = sampleUser();
    j["supervised_group_ids"] = json::array({1, "2"});
    EXPECT_THROW(j.get<User>(), json::type_error);
    j = sampleUser();
    j["enabled"] = "yes";
    EXPECT_THROW(j.get<User>(), json::type_error);
    j = sampleUser();
    j["locked_until"] = 0;
    EXPECT_THROW(j.get<User>(), json::type_error);
    j = sampleUser();
    j.erase("must_change_password");
    EXPECT_THROW(j.get<User>(), json::out_of_range);
}

TEST(UserNumberJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleNumber()), sampleNumber());
    UserNumber unassigned = sampleNumber();
    unassigned.userId.reset();
    unassigned.groupId.reset();
    unassigned.userName.clear();
    unassigned.status = NumberStatus::PendingActivation;
    EXPECT_EQ(roundTrip(unassigned), unassigned);
}

TEST(UserNumberJson, ExactJson) {
    EXPECT_EQ(json(sampleNumber()), json::parse(R"({"id": 5, "company_id": 7, "number": "+85221122560",
        "inbound": true, "outbound": false, "user_id": 42, "user_name": "陳大文", "group_id": 3,
        "effective_date": "2026-12-01", "activated": true, "has_pin": true, "status": "pending_effective"})"));
}

TEST(UserNumberJson, WrongTypesThrow) {
    json j = sampleNumber();
    j["status"] = "active";
    EXPECT_THROW(j.get<UserNumber>(), json::type_error);
    j = sampleNumber();
    j["inbound"] = 1;
    EXPECT_THROW(j.get<UserNumber>(), json::type_error);
    j = sampleNumber();
    j.erase("has_pin");
    EXPECT_THROW(j.get<UserNumber>(), json::out_of_range);
}

TEST(NumberStatus, DerivedFromActivationAndEffectiveDate) {
    EXPECT_EQ(numberStatus(false, "2020-01-01", "2026-11-25"), NumberStatus::PendingActivation);
    EXPECT_EQ(numberStatus(false, "2030-01-01", "2026-11-25"), NumberStatus::PendingActivation);
    EXPECT_EQ(numberStatus(true, "2026-11-26", "2026-11-25"), NumberStatus::PendingEffective);
    EXPECT_EQ(numberStatus(true, "2026-11-25", "2026-11-25"), NumberStatus::Normal);
    EXPECT_EQ(numberStatus(true, "2026-11-24", "2026-11-25"), NumberStatus::Normal);
    EXPECT_EQ(numberStatus(true, "2027-01-01", "2026-12-31"), NumberStatus::PendingEffective);
}

TEST(NumberStatus, NamesRoundTrip) {
    for (NumberStatus status :
         {NumberStatus::Normal, NumberStatus::PendingEffective, NumberStatus::PendingActivation}) {
        EXPECT_EQ(numberStatusFromString(toString(status)), status);
    }
    EXPECT_EQ(toString(NumberStatus::Normal), "normal");
    EXPECT_EQ(toString(NumberStatus::PendingEffective), "pending_effective");
    EXPECT_EQ(toString(NumberStatus::PendingActivation), "pending_activation");
    EXPECT_FALSE(numberStatusFromString("Normal").has_value());
    EXPECT_FALSE(numberStatusFromString("").has_value());
}

TEST(AuditEntryJson, RoundTrip) {
    EXPECT_EQ(roundTrip(sampleAudit()), sampleAudit());
    AuditEntry anonymous = sampleAudit();
    anonymous.companyId.reset();
    anonymous.operatorId.reset();
    anonymous.operation = "login_failed";
    anonymous.details = json::object();
    EXPECT_EQ(roundTrip(anonymous), anonymous);
}

TEST(AuditEntryJson, ExactJson) {
    EXPECT_EQ(json(sampleAudit()),
              json::parse(R"({"id": 900, "company_id": 7, "at": "2026-11-25T10:56:05.123Z",
        "operator_id": 42, "operator_login": "alice", "operation": "user.update", "target": "user:12",
        "address": "192.0.2.1", "details": {"changed": ["name", "email"], "old_name": "Bob"}})"));
}

TEST(AuditEntryJson, WrongTypesThrow) {
    json j = sampleAudit();
    j["at"] = 1795604165123;
    EXPECT_THROW(j.get<AuditEntry>(), json::type_error);
    j = sampleAudit();
    j["at"] = "2026-11-25";
    EXPECT_THROW(j.get<AuditEntry>(), json::type_error);
    j = sampleAudit();
    j["operator_id"] = true;
    EXPECT_THROW(j.get<AuditEntry>(), json::type_error);
    j = sampleAudit();
    j.erase("details");
    EXPECT_THROW(j.get<AuditEntry>(), json::out_of_range);
}

TEST(AuditEntryJson, AcceptsWholeSecondTimes) {
    json j = sampleAudit();
    j["at"] = "2026-11-25T10:56:05Z";
    EXPECT_EQ(j.get<AuditEntry>().at, 1795604165000);
}

}  // namespace
}  // namespace callvault
