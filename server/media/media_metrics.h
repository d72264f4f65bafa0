#pragma once

namespace callvault::server::media {

// Metric names of the media path (Prometheus; counters end in _total). Listed in docs/media.md.
inline constexpr const char* kMetricCallsInProgress = "callvault_calls_in_progress";
inline constexpr const char* kMetricRecordingsInProgress = "callvault_recordings_in_progress";
inline constexpr const char* kMetricRecordingsWritten = "callvault_recordings_written_total";
inline constexpr const char* kMetricRecordingsFailed = "callvault_recordings_failed_total";
inline constexpr const char* kMetricRecordingsRefused = "callvault_recordings_refused_total";
inline constexpr const char* kMetricRecordingsRecovered = "callvault_recordings_recovered_total";
inline constexpr const char* kMetricRecordingAlarm = "callvault_recording_alarm";
inline constexpr const char* kMetricCdrErrors = "callvault_cdr_errors_total";
inline constexpr const char* kMetricRtpReceived = "callvault_rtp_packets_received_total";
inline constexpr const char* kMetricRtpSent = "callvault_rtp_packets_sent_total";
inline constexpr const char* kMetricRtpBad = "callvault_rtp_bad_packets_total";
inline constexpr const char* kMetricRtpLost = "callvault_rtp_lost_packets_total";
inline constexpr const char* kMetricRtpLate = "callvault_rtp_late_packets_total";
inline constexpr const char* kMetricRtpSendErrors = "callvault_rtp_send_errors_total";
inline constexpr const char* kMetricDtmfEvents = "callvault_dtmf_events_total";
inline constexpr const char* kMetricPortPairsFree = "callvault_rtp_port_pairs_free";
inline constexpr const char* kMetricRecorderLag = "callvault_recorder_lag_ms";
inline constexpr const char* kMetricMediaErrors = "callvault_media_setup_errors_total";

}  // namespace callvault::server::media
