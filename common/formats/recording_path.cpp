#include "common/formats/recording_path.h"

#include "common/time/time_zone.h"

#include <cstdio>

namespace callvault {

std::string recordingPath(std::string_view callId, std::int64_t startUtc) {
    const CivilTime t = civilFromUnix(startUtc);
    char folder[48];
    std::snprintf(folder, sizeof folder, "/%04lld/%02u/%02u/%02u/", static_cast<long long>(t.year), t.month,
                  t.day, t.hour);
    return std::string(folder) + std::string(callId) + ".mp3";
}

}  // namespace callvault
