#include "server/app/admin_commands.h"
#include "server/record/retention_purger.h"
#include "server/store/store.h"

#include <chrono>

namespace callvault::server::admin {

void purgeExpired(const Options& options, store::Store& store, std::ostream& out) {
    const auto dataDir = options.find("data-dir");
    if (dataDir == options.end()) {
        throw UsageError("the data directory is not known");
    }
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    std::int64_t total = 0;
    for (const record::RetentionReport& report : record::runRetention(store, dataDir->second, nowMs)) {
        out << "company_" << report.companyId << "_purged: " << report.purged << "\n";
        total += report.purged;
    }
    out << "purged: " << total << "\n";
}

}  // namespace callvault::server::admin
