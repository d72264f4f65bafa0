#include "server/sip/number_directory.h"

#include "common/time/time_zone.h"
#include "server/store/store.h"

#include <chrono>

namespace callvault::server::sip {

std::optional<NumberRecord> StoreNumberDirectory::find(const std::string& number) {
    if (number.empty()) {
        return std::nullopt;
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    for (const auto& company : m_store.companies()) {
        const auto zone = TimeZone::load(company.timeZone);
        const std::string today = zone ? zone->localDate(now) : utcDate(now);
        auto found = m_store.number(company.id, number, today);
        if (!found) {
            continue;
        }
        NumberRecord record;
        record.today = today;
        record.groupId = found->groupId;
        if (found->userId) {
            if (const auto user = m_store.user(company.id, *found->userId)) {
                record.recordingStartDate = user->recordingStartDate;
                record.groupId = user->groupId;
            }
        }
        record.number = std::move(*found);
        return record;
    }
    return std::nullopt;
}

}  // namespace callvault::server::sip
