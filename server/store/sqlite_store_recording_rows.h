#pragma once

#include "server/store/sqlite_db.h"
#include "server/store/store.h"

#include <string_view>

namespace callvault::server::store {

/// The SELECT of a RecordingRow (recordings r, with its group g and label l); append WHERE / ORDER BY.
inline constexpr std::string_view kRecordingRowSelect =
    "SELECT r.call_id, r.company_id, r.start_ms, r.duration_ms, r.user_number, r.user_id, r.group_id, "
    "r.other_number, r.call_type, r.file_path, r.file_size, r.sha256, r.signature, r.recovered, r.locked, "
    "r.listened, r.downloaded, r.note, r.label_id, COALESCE(g.name, ''), COALESCE(l.name, '') "
    "FROM recordings r LEFT JOIN groups g ON g.id = r.group_id LEFT JOIN labels l ON l.id = r.label_id ";

/// Inserts one Recording bound by bindRecording(); a call ID that exists changes nothing (changes() == 0).
inline constexpr std::string_view kRecordingInsert =
    "INSERT INTO recordings (call_id, company_id, start_ms, duration_ms, user_number, user_id, group_id, "
    "other_number, call_type, file_path, file_size, sha256, signature, recovered, locked, listened, "
    "downloaded, note, label_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (call_id) DO NOTHING";

/// Binds every parameter of kRecordingInsert.
Statement& bindRecording(Statement& insert, const Recording& recording);

/// Reads a row of kRecordingRowSelect. Throws StoreError on a call type the schema should have refused.
RecordingRow recordingRowFromStatement(const Statement& row);

}  // namespace callvault::server::store
