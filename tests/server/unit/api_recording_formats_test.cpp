// Pure pieces of the recording routes: HTTP Range parsing, the CDR CSV cells and dates, and the router's
// {call_id} parameter and upload routes.
#include "server/api/cdr_csv.h"
#include "server/api/http_range.h"
#include "server/api/router.h"

#include <gtest/gtest.h>

namespace callvault::server::api {
namespace {

using Kind = RangeRequest::Kind;

RangeRequest range(std::string_view header, std::uint64_t size = 1000, std::uint64_t max = 0) {
    return parseRange(header, size, max);
}

TEST(HttpRange, NoHeaderOrAnotherUnitIsTheWholeFile) {
    EXPECT_EQ(parseRange(std::nullopt, 1000, 0).kind, Kind::Whole);
    EXPECT_EQ(range("items=0-5").kind, Kind::Whole);
}

TEST(HttpRange, FirstMiddleLastOpenAndSuffixRanges) {
    EXPECT_EQ(range("bytes=0-99").range, (ByteRange{0, 99}));
    EXPECT_EQ(range("bytes=500-599").range, (ByteRange{500, 599}));
    EXPECT_EQ(range("bytes=999-999").range, (ByteRange{999, 999}));
    EXPECT_EQ(range("bytes=900-").range, (ByteRange{900, 999}));
    EXPECT_EQ(range("bytes=-100").range, (ByteRange{900, 999}));
    EXPECT_EQ(range("bytes=-5000").range, (ByteRange{0, 999}));  // more than the file: all of it
    EXPECT_EQ(range("bytes=10-5000").range, (ByteRange{10, 999}));
    EXPECT_EQ(range("Bytes = 1-2").range, (ByteRange{1, 2}));
    EXPECT_EQ(range("bytes=0-1,5-9").range, (ByteRange{0, 1}));  // the first of several
    EXPECT_EQ(range("bytes=0-99").kind, Kind::Partial);
}

TEST(HttpRange, LongRangesAreCutToTheLimit) {
    EXPECT_EQ(range("bytes=0-", 1000, 300).range, (ByteRange{0, 299}));
    EXPECT_EQ(range("bytes=100-199", 1000, 300).range, (ByteRange{100, 199}));
}

TEST(HttpRange, MalformedOrOutsideIsUnsatisfiable) {
    for (const char* bad : {"bytes=1000-", "bytes=5-2", "bytes=abc", "bytes=-0", "bytes", "bytes=-",
                            "bytes=1-x", "bytes=99999999999999999999-", "bytes=+1-2"}) {
        EXPECT_EQ(range(bad).kind, Kind::Unsatisfiable) << bad;
    }
    EXPECT_EQ(range("bytes=0-0", 0).kind, Kind::Unsatisfiable);  // an empty file has no bytes to give
}

TEST(CdrCsv, CellsAreQuotedAndGuardedAgainstFormulas) {
    EXPECT_EQ(csvCell("92015794"), "92015794");
    EXPECT_EQ(csvCell("+85291234567"), "+85291234567");  // a phone number is not a formula
    EXPECT_EQ(csvCell("+852 9123"), "'+852 9123");
    EXPECT_EQ(csvCell("=1+1"), "'=1+1");
    EXPECT_EQ(csvCell("-2"), "'-2");
    EXPECT_EQ(csvCell("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csvCell("\tx"), "'\tx");
    EXPECT_EQ(csvCell("\rx"), "\"'\rx\"");
    EXPECT_EQ(csvCell("a,b"), "\"a,b\"");
    EXPECT_EQ(csvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvCell("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvCell("陳大文"), "陳大文");
    EXPECT_EQ(csvCell(""), "");
}

TEST(CdrCsv, CallDateIsInTheCompanyZone) {
    const auto hongKong = TimeZone::load("Asia/Hong_Kong");
    ASSERT_TRUE(hongKong);
    EXPECT_EQ(cdrCallDate(1536285660000, *hongKong), "9/7/2018 10:01");  // 02:01Z
    EXPECT_EQ(cdrCallDate(1536285660000 + 14 * 3600000, *hongKong), "9/8/2018 0:01");
    const auto london = TimeZone::load("Europe/London");
    ASSERT_TRUE(london);
    EXPECT_EQ(cdrCallDate(1536285660000, *london), "9/7/2018 3:01");   // BST
    EXPECT_EQ(cdrCallDate(1543629600000, *london), "12/1/2018 2:00");  // GMT
}

TEST(CdrCsv, DocumentHasBomHeaderAndCrlfRows) {
    Recording r;
    r.callId = "1809070201000A000000001";
    r.startUtcMs = 1536285660000;
    r.durationMs = 4499;
    r.userNumber = "21122560";
    r.groupId = 8;
    r.otherNumber = "92015794";
    r.callType = CallType::Outbound;
    r.signatureHex = "ab";
    r.filePath = "/2018/09/07/02/1809070201000A000000001.mp3";
    const auto zone = TimeZone::load("Asia/Hong_Kong");
    ASSERT_TRUE(zone);
    EXPECT_EQ(
        formatCdrCsv({r}, *zone),
        "\xEF\xBB\xBF"
        "Call ID,Call Date,User No.,Group ID,Inbound/Outbound No.,Call Type,Duration,Signature,File Path\r\n"
        "1809070201000A000000001,9/7/2018 10:01,21122560,8,92015794,Outbound,4,ab,"
        "/2018/09/07/02/1809070201000A000000001.mp3\r\n");
}

TEST(RecordingRoutes, CallIdSegmentsAndUploadRoutes) {
    const RouteResult audio = routeRequest("GET", "/api/v1/recordings/1809070201000A000000001/audio");
    ASSERT_TRUE(audio.ok());
    EXPECT_EQ(audio.match->route, RouteId::RecordingAudio);
    EXPECT_EQ(audio.match->callId, "1809070201000A000000001");
    const RouteResult bookmark =
        routeRequest("DELETE", "/api/v1/recordings/1809070201000A000000001/bookmarks/7");
    ASSERT_TRUE(bookmark.ok());
    EXPECT_EQ(bookmark.match->route, RouteId::DeleteBookmark);
    EXPECT_EQ(bookmark.match->rowId, 7);
    EXPECT_EQ(routeRequest("GET", "/api/v1/recordings/1809070201000A00000001").error, ErrorCode::NotFound);
    EXPECT_EQ(routeRequest("GET", "/api/v1/recordings/1813070201000A000000001").error, ErrorCode::NotFound);
    EXPECT_EQ(routeRequest("PUT", "/api/v1/recordings/1809070201000A000000001").error,
              ErrorCode::MethodNotAllowed);
    EXPECT_TRUE(acceptsUpload("POST", "/api/v1/verify?call_id=x"));
    EXPECT_FALSE(acceptsUpload("GET", "/api/v1/verify"));
    EXPECT_FALSE(acceptsUpload("PATCH", "/api/v1/recordings/1809070201000A000000001"));
    EXPECT_FALSE(acceptsUpload("POST", "/api/v1/nowhere"));
}

}  // namespace
}  // namespace callvault::server::api
