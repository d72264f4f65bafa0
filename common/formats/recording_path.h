#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace callvault {

/// §5 "File Path": `/YYYY/MM/DD/HH/<call-id>.mp3`, the hour of the start time in UTC.
/// The same relative path is used under `<data-dir>/recordings`.
std::string recordingPath(std::string_view callId, std::int64_t startUtc);

}  // namespace callvault
