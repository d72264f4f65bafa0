#pragma once

#include "common/time/time_zone.h"
#include "common/types/recording.h"

#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::api {

/// §5 "Export CDR" as CSV (docs/api.md "CDR export"): UTF-8 with a byte-order mark (so Excel reads Chinese
/// text), CRLF line ends, RFC 4180 quoting, and the manual's columns in its order:
///   Call ID, Call Date, User No., Group ID, Inbound/Outbound No., Call Type, Duration, Signature, File Path
/// Call Date is "M/d/yyyy H:mm" in `zone`; Group ID the group's id (empty without one); Call Type "Inbound"
/// or "Outbound"; Duration whole seconds, rounded to the nearest.
std::string formatCdrCsv(const std::vector<Recording>& recordings, const TimeZone& zone);

/// One CSV cell: guarded against spreadsheet formulas (a leading = + - @ TAB or CR gets an apostrophe in
/// front, except a phone number "+digits", which no spreadsheet runs as a formula) and quoted when it
/// contains a comma, quote, CR or LF (quotes doubled).
std::string csvCell(std::string_view value);

/// "M/d/yyyy H:mm" of a Unix time in `zone` (the manual's example: "9/7/2018 10:01").
std::string cdrCallDate(std::int64_t unixMs, const TimeZone& zone);

}  // namespace callvault::server::api
