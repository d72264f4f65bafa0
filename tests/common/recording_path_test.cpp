#include "common/formats/recording_path.h"

#include "common/formats/call_id.h"

#include <gtest/gtest.h>

namespace callvault {
namespace {

TEST(RecordingPath, ManualExample) {
    EXPECT_EQ(recordingPath("1809071001000A010000015", 1536314460),
              "/2018/09/07/10/1809071001000A010000015.mp3");
}

TEST(RecordingPath, ZeroPaddedFieldsAtMidnight) {
    EXPECT_EQ(recordingPath("0001010000000A000000000", 946684800),
              "/2000/01/01/00/0001010000000A000000000.mp3");
}

TEST(RecordingPath, LastSecondOfAnHourStaysInThatHour) {
    // 2024-02-29T23:59:59Z: leap day, hour 23.
    EXPECT_EQ(recordingPath("2402292359590B000000001", 1709251199),
              "/2024/02/29/23/2402292359590B000000001.mp3");
    // One second later is the next day, month and folder.
    EXPECT_EQ(recordingPath("2403010000000B000000002", 1709251200),
              "/2024/03/01/00/2403010000000B000000002.mp3");
}

TEST(RecordingPath, FolderAgreesWithTheCallIdTime) {
    const CallId id{1795604165, "1A", 77};  // 2026-11-25T10:56:05Z
    const std::string callId = formatCallId(id);
    const std::string path = recordingPath(callId, id.startUtc);
    EXPECT_EQ(path, "/2026/11/25/10/" + callId + ".mp3");
    // The folder is yyyy/MM/dd/HH of the same instant the call ID encodes as yyMMddHH.
    EXPECT_EQ(path.substr(3, 2) + path.substr(6, 2) + path.substr(9, 2) + path.substr(12, 2),
              callId.substr(0, 8));
}

}  // namespace
}  // namespace callvault
