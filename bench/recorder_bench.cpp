// callvault_bench_recorder: CPU cost of recording, per call-second, on this machine.
//
// N concurrent recordings are fed 20 ms G.711 packets of speech-like audio on both channels as fast as the
// CPU allows (a simulated clock advances 20 ms per round), single-threaded, measured in thread CPU time:
//   lame     Mp3Writer alone on decoded PCM, to /dev/null: the encoder's share
//   session  RecordingSession: G.711 decode, timestamp placement, peaks, LAME, spool files (the real path)
// and prints one table row per kind, quality and bitrate. Not a test: never run by ctest.
//
//   callvault_bench_recorder [--calls N] [--seconds S] [--qualities 7,5] [--bitrates 32]
//                            [--short-blocks on,off] [--repeat R] [--audio synthetic|espeak]

#include "bench/speech_signal.h"
#include "common/crypto/signature.h"
#include "common/formats/call_id.h"
#include "server/media/g711.h"
#include "server/record/file_io.h"
#include "server/record/mp3_writer.h"
#include "server/record/recording_finalizer.h"
#include "server/record/recording_session.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace callvault;
using namespace callvault::server::record;
namespace fs = std::filesystem;

struct Options {
    int calls = 100;
    double seconds = 60;
    std::vector<int> qualities = {7, 5};
    std::vector<int> bitrates = {32};
    std::vector<bool> shortBlocks = {true};
    int repeat = 3;
    std::string audio = "synthetic";
};

struct Result {
    double cpuMsPerCallSecond = 0;
    double kibPerCall = 0;
    double finishMsPerCall = 0;
};

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::vector<int> parseList(const char* text) {
    std::vector<int> values;
    for (const char* p = text; *p != '\0';) {
        char* end = nullptr;
        values.push_back(static_cast<int>(std::strtol(p, &end, 10)));
        p = *end == ',' ? end + 1 : end;
        if (end == p && *p != '\0') {
            break;
        }
    }
    return values;
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        if (key == "--calls") {
            o.calls = std::max(1, std::atoi(argv[i + 1]));
        } else if (key == "--seconds") {
            o.seconds = std::max(1.0, std::atof(argv[i + 1]));
        } else if (key == "--qualities") {
            o.qualities = parseList(argv[i + 1]);
        } else if (key == "--bitrates") {
            o.bitrates = parseList(argv[i + 1]);
        } else if (key == "--short-blocks") {
            const std::string value = argv[i + 1];
            o.shortBlocks.clear();
            if (value.find("on") != std::string::npos) {
                o.shortBlocks.push_back(true);
            }
            if (value.find("off") != std::string::npos) {
                o.shortBlocks.push_back(false);
            }
        } else if (key == "--repeat") {
            o.repeat = std::max(1, std::atoi(argv[i + 1]));
        } else if (key == "--audio") {
            o.audio = argv[i + 1];
        } else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            std::exit(2);
        }
    }
    return o;
}

std::size_t heapInUse() {
    return mallinfo2().uordblks;
}

/// The two parties' speech as µ-law, long enough that calls can start at different offsets.
struct Streams {
    std::vector<std::uint8_t> user;
    std::vector<std::uint8_t> other;
    std::vector<std::int16_t> userPcm;
    std::vector<std::int16_t> otherPcm;
};

std::size_t offsetOf(int call, std::size_t length) {
    return (static_cast<std::size_t>(call) * 1237 * 160) % (length - length % 160);
}

Result runLame(const Options& o, const Streams& s, const Mp3Settings& settings) {
    const std::size_t before = heapInUse();
    std::vector<std::unique_ptr<Mp3Writer>> writers;
    for (int c = 0; c < o.calls; ++c) {
        writers.push_back(std::make_unique<Mp3Writer>(openForAppend("/dev/null"), "/dev/null", settings));
    }
    Result r;
    const auto rounds = static_cast<std::size_t>(o.seconds * 50);
    const std::size_t length = s.userPcm.size();
    const double start = threadCpuMs();
    for (std::size_t k = 0; k < rounds; ++k) {
        for (int c = 0; c < o.calls; ++c) {
            const std::size_t at = (offsetOf(c, length) + k * 160) % (length - length % 160);
            writers[static_cast<std::size_t>(c)]->write(std::span(s.userPcm).subspan(at, 160),
                                                        std::span(s.otherPcm).subspan(at, 160));
        }
    }
    r.cpuMsPerCallSecond = (threadCpuMs() - start) / (o.calls * o.seconds);
    r.kibPerCall = (static_cast<double>(heapInUse()) - static_cast<double>(before)) / 1024.0 /
                   o.calls;  // LAME allocates lazily too
    const double finishStart = threadCpuMs();
    for (auto& w : writers) {
        w->finish();
    }
    r.finishMsPerCall = (threadCpuMs() - finishStart) / o.calls;
    return r;
}

Result runSessions(const Options& o, const Streams& s, const Mp3Settings& settings) {
    std::string pattern = (fs::temp_directory_path() / "callvault-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        std::exit(1);
    }
    const fs::path data = pattern;
    const auto key = std::make_shared<const SigningKey>(generateSigningKey());
    RecorderSettings recorder;
    recorder.mp3 = settings;
    const auto start = RecordingSession::Clock::now();

    const std::size_t before = heapInUse();
    std::vector<std::unique_ptr<RecordingSession>> sessions;
    for (int c = 0; c < o.calls; ++c) {
        RecordingMetadata m;
        m.callId = formatCallId(CallId{1'795'604'165, "0B", static_cast<std::uint32_t>(c)});
        m.startUtcMs = 1'795'604'165'000;
        m.userNumber = "21122560";
        m.otherNumber = "92015794";
        m.node = "0B";
        sessions.push_back(std::make_unique<RecordingSession>(data, m, key, start, recorder));
    }
    Result r;
    const auto rounds = static_cast<std::size_t>(o.seconds * 50);
    const std::size_t length = s.user.size();
    const double cpuStart = threadCpuMs();
    for (std::size_t k = 0; k < rounds; ++k) {
        const auto now = start + std::chrono::milliseconds(20 * static_cast<std::int64_t>(k));
        for (int c = 0; c < o.calls; ++c) {
            const std::size_t at = (offsetOf(c, length) + k * 160) % (length - length % 160);
            RtpPayload packet;
            packet.sequence = static_cast<std::uint16_t>(k);
            packet.timestamp = static_cast<std::uint32_t>(k * 160);
            packet.ssrc = 1;
            packet.payload = std::span(s.user).subspan(at, 160);
            auto& session = *sessions[static_cast<std::size_t>(c)];
            session.onRtp(Channel::User, packet, now);
            packet.ssrc = 2;
            packet.payload = std::span(s.other).subspan(at, 160);
            session.onRtp(Channel::Other, packet, now);
            session.tick(now);
        }
    }
    r.cpuMsPerCallSecond = (threadCpuMs() - cpuStart) / (o.calls * o.seconds);
    r.kibPerCall = (static_cast<double>(heapInUse()) - static_cast<double>(before)) / 1024.0 / o.calls;

    const double finishStart = threadCpuMs();
    const auto end = start + std::chrono::milliseconds(static_cast<std::int64_t>(o.seconds * 1000));
    for (auto& session : sessions) {
        const FinishedRecording f = session->finish(end);
        releaseSpoolEntry(data, f.metadata.callId);
    }
    r.finishMsPerCall = (threadCpuMs() - finishStart) / o.calls;
    sessions.clear();
    fs::remove_all(data);
    return r;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double rmsDbfs(const std::vector<std::int16_t>& pcm) {
    double sum = 0;
    for (std::int16_t x : pcm) {
        sum += static_cast<double>(x) * x;
    }
    return 20 * std::log10(std::sqrt(sum / static_cast<double>(pcm.size())) / 32768.0);
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv);
    Streams s;
    const double streamSeconds = 90;
    if (o.audio == "espeak") {
        s.userPcm = bench::espeakSpeech(streamSeconds);
        s.otherPcm = s.userPcm;
        std::rotate(s.otherPcm.begin(),
                    s.otherPcm.begin() + static_cast<std::ptrdiff_t>(s.otherPcm.size() / 3),
                    s.otherPcm.end());
        if (s.userPcm.empty()) {
            std::fprintf(stderr, "espeak-ng is not available; using synthetic speech\n");
        }
    }
    const bool synthetic = s.userPcm.empty();
    if (synthetic) {
        s.userPcm = bench::syntheticSpeech(streamSeconds, 1);
        s.otherPcm = bench::syntheticSpeech(streamSeconds, 2);
    }
    // What goes over the wire is µ-law; decode it back so both kinds encode the same audio.
    for (auto* pcm : {&s.userPcm, &s.otherPcm}) {
        std::vector<std::uint8_t> ulaw(pcm->size());
        callvault::server::media::encodeUlaw(*pcm, ulaw);
        callvault::server::media::decodeUlaw(ulaw, *pcm);
        (pcm == &s.userPcm ? s.user : s.other) = std::move(ulaw);
    }

    std::printf(
        "CallVault recorder benchmark: %d concurrent calls x %.0f s, %s speech (%.1f / %.1f dBFS RMS),\n"
        "one thread, thread CPU time, median of %d runs\n\n",
        o.calls, o.seconds, synthetic ? "synthetic" : "espeak-ng", rmsDbfs(s.userPcm), rmsDbfs(s.otherPcm),
        o.repeat);
    std::printf("%-8s %7s %5s %6s %16s %14s %10s %16s\n", "kind", "quality", "kbps", "short", "ms CPU/call-s",
                "calls/core", "KiB/call", "finish ms/call");
    for (const int bitrate : o.bitrates) {
        for (const int quality : o.qualities) {
            for (const bool shortBlocks : o.shortBlocks) {
                Mp3Settings settings;
                settings.bitrateKbps = bitrate;
                settings.quality = quality;
                settings.shortBlocks = shortBlocks;
                for (const bool full : {false, true}) {
                    std::vector<double> cpu;
                    std::vector<double> kib;
                    std::vector<double> finish;
                    for (int run = 0; run < o.repeat; ++run) {
                        const Result r = full ? runSessions(o, s, settings) : runLame(o, s, settings);
                        cpu.push_back(r.cpuMsPerCallSecond);
                        kib.push_back(r.kibPerCall);
                        finish.push_back(r.finishMsPerCall);
                    }
                    const double ms = median(cpu);
                    std::printf("%-8s %7d %5d %6s %16.3f %14.0f %10.0f %16.3f\n", full ? "session" : "lame",
                                quality, bitrate, shortBlocks ? "on" : "off", ms, 1000.0 / ms, median(kib),
                                median(finish));
                    std::fflush(stdout);
                }
            }
        }
    }
    return 0;
}
