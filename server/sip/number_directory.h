#pragma once

#include "common/types/user_number.h"

#include <cstdint>
#include <optional>
#include <string>

namespace callvault::server::store {
class Store;
}

namespace callvault::server::sip {

/// A user number as the B2BUA needs it at call time.
struct NumberRecord {
    UserNumber number;                   ///< status derived for today in the company's zone
    std::optional<std::int64_t> groupId;  ///< the user's group now
    std::string today;                   ///< "YYYY-MM-DD" in the company's zone
    std::string recordingStartDate;      ///< the user's; "" = no restriction
};

/// Finds user numbers. May block (it reads the database): call it on the blocking pool.
class NumberDirectory {
public:
    virtual ~NumberDirectory() = default;
    /// The number `number` of any company; nullopt when none has it.
    virtual std::optional<NumberRecord> find(const std::string& number) = 0;
};

/// Looks numbers up in the store (numbers are unique across the service), with the status of today in
/// each company's time zone.
class StoreNumberDirectory : public NumberDirectory {
public:
    explicit StoreNumberDirectory(store::Store& store) : m_store(store) {}
    std::optional<NumberRecord> find(const std::string& number) override;

private:
    store::Store& m_store;
};

}  // namespace callvault::server::sip
