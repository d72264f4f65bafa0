#include "bench/call_load_report.h"

#include <cstdio>
#include <fstream>
#include <string>

namespace callvault::bench {
namespace {

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    std::string five;
    std::string fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

}  // namespace

bool StepResult::clean() const {
    const auto lost = static_cast<std::int64_t>(load.sent) - relayReceived +
                      (relaySent - static_cast<std::int64_t>(load.received));
    // The generator falling behind its own schedule is reported but not held against the relay: latency is
    // taken from the moment each packet really left.
    return lost == 0 && load.received == load.sent && kernelDrops == 0 && recorderLate == 0 &&
           load.late == 0 && recordingsFailed == 0 && cdrVisible && recorderLagMaxMs <= kMaxRecorderLagMs;
}

void printHeader(double seconds, unsigned threads, bool record, const std::string& audio) {
    std::printf(
        "# callvault_bench_call_load: %.0f s of real-rate G.711 %s speech both ways per step, %u network "
        "thread(s), %s\n",
        seconds, audio.c_str(), threads,
        record ? "every call recorded (stereo MP3 q7, CDR row)" : "relay only");
    std::printf("# load average at start: %s (other work on this machine counts against every figure)\n",
                loadAverage().c_str());
    std::printf(
        "| calls | relay CPU %% of 2 cores | relay ms CPU per call-s | generator CPU %% | KiB per call | "
        "packets sent | lost | kernel drops | >60 ms | recorder late | p50 / p99 / max latency us | "
        "recorder lag max ms | hang-up to CDR p50 / max ms | clean |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

void printRow(const StepResult& step) {
    const auto lost = static_cast<long long>(step.load.sent) - step.relayReceived +
                      (step.relaySent - static_cast<long long>(step.load.received));
    std::printf(
        "| %d | %.1f | %.2f | %.1f | %.0f | %llu | %lld | %ld | %llu | %lld | %.0f / %.0f / %.0f | %lld | "
        "%.0f / %.0f | %s |\n",
        step.calls, step.relayCpuPercentOf2, step.relayMsPerCallSecond, step.generatorCpuPercentOf2,
        step.rssKibPerCall, static_cast<unsigned long long>(step.load.sent), lost, step.kernelDrops,
        static_cast<unsigned long long>(step.load.late), static_cast<long long>(step.recorderLate),
        step.load.p50LatencyUs, step.load.p99LatencyUs, step.load.maxLatencyUs,
        static_cast<long long>(step.recorderLagMaxMs), step.cdrP50Ms, step.cdrMaxMs,
        step.clean() ? "yes" : "NO");
    if (step.load.sendBehind != 0) {
        std::printf("#   the generator itself sent %llu packets more than 5 ms after their time\n",
                    static_cast<unsigned long long>(step.load.sendBehind));
    }
    std::fflush(stdout);
}

void printFooter(int bestCalls) {
    std::printf("# largest N with zero loss and nothing late: %d; load average at end: %s\n", bestCalls,
                loadAverage().c_str());
}

}  // namespace callvault::bench
