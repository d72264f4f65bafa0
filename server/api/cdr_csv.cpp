#include "server/api/cdr_csv.h"

#include <algorithm>

namespace callvault::server::api {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kHeader =
    "Call ID,Call Date,User No.,Group ID,Inbound/Outbound No.,Call Type,Duration,Signature,File Path";

bool isPhoneNumber(std::string_view value) {
    return value.size() >= 2 && value.front() == '+' &&
           std::all_of(value.begin() + 1, value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

std::string csvCell(std::string_view value) {
    std::string cell;
    const bool formula =
        !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
    if (formula && !isPhoneNumber(value))
        cell.push_back('\'');
    cell.append(value);
    if (cell.find_first_of(",\"\r\n") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        quoted.push_back(c);
        if (c == '"')
            quoted.push_back('"');
    }
    quoted.push_back('"');
    return quoted;
}

std::string cdrCallDate(std::int64_t unixMs, const TimeZone& zone) {
    const std::int64_t seconds = floorDiv(unixMs, 1000);
    const CivilTime local = civilFromUnix(seconds + zone.offsetSeconds(seconds));
    std::string minute = std::to_string(local.minute);
    if (minute.size() < 2)
        minute.insert(0, "0");
    return std::to_string(local.month) + "/" + std::to_string(local.day) + "/" + std::to_string(local.year) +
           " " + std::to_string(local.hour) + ":" + minute;
}

std::string formatCdrCsv(const std::vector<Recording>& recordings, const TimeZone& zone) {
    std::string csv(kBom);
    csv += kHeader;
    csv += "\r\n";
    for (const Recording& r : recordings) {
        const std::string cells[] = {
            r.callId,
            cdrCallDate(r.startUtcMs, zone),
            r.userNumber,
            r.groupId ? std::to_string(*r.groupId) : std::string(),
            r.otherNumber,
            r.callType == CallType::Inbound ? "Inbound" : "Outbound",
            std::to_string((r.durationMs + 500) / 1000),
            r.signatureHex,
            r.filePath,
        };
        bool firstCell = true;
        for (const std::string& cell : cells) {
            if (!firstCell)
                csv.push_back(',');
            firstCell = false;
            csv += csvCell(cell);
        }
        csv += "\r\n";
    }
    return csv;
}

}  // namespace callvault::server::api
