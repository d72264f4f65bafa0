#pragma once

#include "bench/rtp_load_generator.h"

#include <cstdint>
#include <string>

namespace callvault::bench {

/// Encoders that fall behind for good show a lag of seconds within one step, growing with its length; under
/// this the spool MP3 trails the call by less than 2.65 s (docs/recording.md).
inline constexpr std::int64_t kMaxRecorderLagMs = 1000;

/// One step of the call-load benchmark: N concurrent calls for a fixed time.
struct StepResult {
    int calls = 0;
    LoadReport load;                 ///< what the generator saw
    std::int64_t relayReceived = 0;  ///< RTP packets the relay counted in
    std::int64_t relaySent = 0;      ///< and relayed out
    std::int64_t recorderLate = 0;   ///< packets the recorders got after their audio was written
    long kernelDrops = 0;            ///< UDP receive-buffer drops, machine-wide, during the run
    double relayCpuPercentOf2 = 0;   ///< the relay's CPU (process minus generator threads), % of 2 cores
    double relayMsPerCallSecond = 0;
    double generatorCpuPercentOf2 = 0;
    double rssKibPerCall = 0;
    double cdrP50Ms = 0;  ///< hang-up to CDR row stored
    double cdrMaxMs = 0;
    std::int64_t recorderLagMaxMs = 0;  ///< longest a recorder's tick waited for an encoder thread
    std::int64_t recordingsWritten = 0;
    std::int64_t recordingsFailed = 0;
    bool cdrVisible = true;

    /// Zero loss anywhere, nothing late for the recorder, no relayed packet later than 60 ms, every recording
    /// stored, and the encoders keeping up: no tick waited longer than kMaxRecorderLagMs for them.
    bool clean() const;
};

void printHeader(double seconds, unsigned threads, bool record, const std::string& audio);
void printRow(const StepResult& step);
void printFooter(int bestCalls);

}  // namespace callvault::bench
