// callvault_bench_call_load: how many concurrent recorded calls the media path carries on this machine.
//
// For each N of --calls, N calls are set up on a real MediaRelay (plain UDP sockets on --threads network
// threads, waking per datagram or, with --poll-us, polling in rounds of that length, recordings finished on a
// 4-thread blocking pool, CDR rows in a real SQLite store in a temp folder); an in-process load generator
// sends real-rate G.711 speech both ways on every call for --seconds and checks that every packet comes back,
// and how late. Then every call hangs up at once and the
// time until each recording's CDR row is stored (searchable) is taken. One table row per N.
// Not a test: never run by ctest.
//
//   callvault_bench_call_load [--calls 100,200,400] [--seconds 10] [--threads 2] [--poll-us 0]
//                             [--no-record] [--port-base 30000] [--sockets 8] [--audio synthetic|espeak]
//
// --audio espeak sends espeak-ng's speech (needs espeak-ng) instead of the synthetic signal: its sharper
// attacks make LAME switch to short blocks more often, ~16 % more encoder CPU (docs/recording.md).

#include "bench/call_load_report.h"
#include "bench/rtp_load_generator.h"
#include "bench/speech_signal.h"
#include "common/formats/call_id.h"
#include "server/media/g711.h"
#include "server/media/media_asio.h"
#include "server/media/media_metrics.h"
#include "server/media/media_relay.h"
#include "server/store/store.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace callvault;
using namespace callvault::server;
namespace fs = std::filesystem;

struct Options {
    std::vector<int> calls = {100, 200, 400};
    double seconds = 10;
    unsigned threads = 2;
    int pollMicroseconds = 0;
    bool record = true;
    int portBase = 30000;
    std::size_t sockets = 8;
    std::string audio = "synthetic";
};

std::vector<int> parseList(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        out.push_back(std::stoi(item));
    }
    return out;
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--calls") {
            o.calls = parseList(value());
        } else if (arg == "--seconds") {
            o.seconds = std::stod(value());
        } else if (arg == "--threads") {
            o.threads = static_cast<unsigned>(std::stoul(value()));
        } else if (arg == "--poll-us") {
            o.pollMicroseconds = std::stoi(value());
        } else if (arg == "--no-record") {
            o.record = false;
        } else if (arg == "--port-base") {
            o.portBase = std::stoi(value());
        } else if (arg == "--audio") {
            o.audio = value();
            if (o.audio != "synthetic" && o.audio != "espeak") {
                throw std::invalid_argument("--audio is synthetic or espeak");
            }
        } else if (arg == "--sockets") {
            o.sockets = std::stoul(value());
        } else {
            throw std::invalid_argument("unknown option " + arg);
        }
    }
    return o;
}

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// A field of /proc/self/status in KiB ("VmRSS").
long statusKib(const std::string& field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(field + ":", 0) == 0) {
            return std::stol(line.substr(field.size() + 1));
        }
    }
    return 0;
}

/// Datagrams the kernel dropped for full receive buffers, machine-wide (/proc/net/snmp Udp RcvbufErrors).
long udpReceiveBufferErrors() {
    std::ifstream in("/proc/net/snmp");
    std::string header;
    std::string values;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("Udp: ", 0) == 0) {
            if (header.empty()) {
                header = line;
            } else {
                values = line;
                break;
            }
        }
    }
    std::stringstream h(header);
    std::stringstream v(values);
    for (std::string name, value; h >> name && v >> value;) {
        if (name == "RcvbufErrors") {
            return std::stol(value);
        }
    }
    return -1;
}

std::vector<std::uint8_t> ulawSpeech(const std::string& audio, double seconds, std::uint32_t seed) {
    auto pcm = audio == "espeak" ? bench::espeakSpeech(seconds) : bench::syntheticSpeech(seconds, seed);
    if (pcm.empty()) {
        throw std::runtime_error("--audio espeak needs espeak-ng (apt-get install espeak-ng)");
    }
    if (audio == "espeak" && seed == 2) {
        std::rotate(pcm.begin(), pcm.begin() + static_cast<std::ptrdiff_t>(pcm.size() / 2), pcm.end());
    }
    std::vector<std::uint8_t> out(pcm.size());
    media::encodeUlaw(pcm, out);
    return out;
}

bench::StepResult runStep(const Options& options, int calls, const std::vector<std::uint8_t>& speechA,
                          const std::vector<std::uint8_t>& speechB) {
    bench::StepResult result;
    result.calls = calls;
    std::string pattern = (fs::temp_directory_path() / "callvault-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    const fs::path dir = pattern;
    {
        auto store = store::openSqliteStore((dir / "callvault.db").string());
        Company company;
        company.name = "Bench";
        company.retentionDays = 90;
        company.timeZone = "UTC";
        const auto companyId = store->createCompany(company).id;
        auto key = std::make_shared<const SigningKey>(generateSigningKey());
        Metrics metrics;
        boost::asio::io_context io(1);  // the relay's alarm probe only: the relay runs its own threads
        auto guard = boost::asio::make_work_guard(io);
        std::vector<std::thread> threads;
        threads.emplace_back([&io] { io.run(); });
        boost::asio::thread_pool pool(4);
        media::MediaSettings settings;
        settings.portMin = static_cast<std::uint16_t>(options.portBase);
        settings.portMax = static_cast<std::uint16_t>(options.portBase + 4 * calls + 99);
        settings.dataDir = dir;
        settings.networkThreads = options.threads;
        settings.pollInterval = std::chrono::microseconds(options.pollMicroseconds);
        const long rssBefore = statusKib("VmRSS");
        {
            media::MediaRelay relay(io, pool, settings, *store, key, metrics);
            bench::RtpLoadGenerator generator(options.sockets, speechA, speechB);
            std::vector<std::shared_ptr<media::CallMedia>> media;
            std::vector<bench::LoadStream> streams;
            const auto nowSeconds = std::time(nullptr);
            for (int c = 0; c < calls; ++c) {
                auto call = relay.createCall("bench-" + std::to_string(c));
                for (const auto leg : {media::Leg::A, media::Leg::B}) {
                    const std::size_t stream =
                        2 * static_cast<std::size_t>(c) + (leg == media::Leg::B ? 1 : 0);
                    media::RemoteMedia remote;
                    remote.address = "127.0.0.1";
                    remote.port = generator.socketPort(stream % options.sockets);
                    remote.audioPayloadTypes = {0};
                    remote.telephoneEventPayloadType = 101;
                    call->setRemote(leg, remote);
                    streams.push_back(
                        bench::LoadStream{call->localEndpoint(leg).port, stream % options.sockets});
                }
                if (options.record) {
                    record::RecordingMetadata m;
                    m.callId = formatCallId(CallId{nowSeconds, "0B", static_cast<std::uint32_t>(c)});
                    m.startUtcMs = static_cast<std::int64_t>(nowSeconds) * 1000;
                    m.companyId = companyId;
                    m.userNumber = "2000" + std::to_string(c);
                    m.otherNumber = "9000" + std::to_string(c);
                    m.node = "0B";
                    call->startRecording(m, media::Leg::A);
                }
                media.push_back(std::move(call));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(300));  // spool files are made on the pool

            const long dropsBefore = udpReceiveBufferErrors();
            const double cpuBefore = processCpuMs();
            const auto wallBefore = std::chrono::steady_clock::now();
            const auto load = generator.run(streams, options.seconds, std::chrono::milliseconds(500));
            const double wallMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallBefore)
                    .count();
            result.rssKibPerCall = static_cast<double>(statusKib("VmRSS") - rssBefore) / calls;
            result.kernelDrops = udpReceiveBufferErrors() - dropsBefore;
            result.generatorCpuPercentOf2 = load.cpuMs / wallMs * 50.0;
            result.load = load;

            // Every call hangs up at once; time until each CDR row is stored.
            std::mutex mutex;
            std::vector<double> doneMs;
            std::promise<void> all;
            const auto hangup = std::chrono::steady_clock::now();
            for (auto& call : media) {
                call->stop([&, hangup](const media::CallMediaResult&) {
                    const std::lock_guard lock(mutex);
                    doneMs.push_back(
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - hangup)
                            .count());
                    if (doneMs.size() == media.size()) {
                        all.set_value();
                    }
                });
            }
            all.get_future().wait();
            // The relay's CPU runs to the last CDR row, so encoding that trails the call is counted too.
            const double relayCpuMs = processCpuMs() - cpuBefore - load.cpuMs;
            result.relayCpuPercentOf2 = relayCpuMs / wallMs * 50.0;
            result.relayMsPerCallSecond = relayCpuMs / (calls * (wallMs / 1000.0));
            result.recorderLagMaxMs = relay.maxRecorderLag().count();
            // The calls add their counters to the metrics every tick and at stop: read them now.
            result.relayReceived = metrics.value(media::kMetricRtpReceived);
            result.relaySent = metrics.value(media::kMetricRtpSent);
            result.recorderLate = metrics.value(media::kMetricRtpLate);
            std::sort(doneMs.begin(), doneMs.end());
            result.cdrP50Ms = doneMs[doneMs.size() / 2];
            result.cdrMaxMs = doneMs.back();
            result.recordingsWritten = metrics.value(media::kMetricRecordingsWritten);
            result.recordingsFailed = metrics.value(media::kMetricRecordingsFailed);
            if (options.record) {
                const auto first = formatCallId(CallId{nowSeconds, "0B", 0});
                result.cdrVisible = store->recording(companyId, first).has_value();
            }
            std::promise<void> stopped;
            relay.stopAll([&stopped] { stopped.set_value(); });
            stopped.get_future().wait();
        }
        guard.reset();
        pool.join();
        io.stop();
        for (auto& thread : threads) {
            thread.join();
        }
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parseOptions(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "callvault_bench_call_load: %s\n", e.what());
        return 2;
    }
    server::log::setLevel(server::log::Level::Warning);
    const auto speechA = ulawSpeech(options.audio, 20, 1);
    const auto speechB = ulawSpeech(options.audio, 20, 2);
    bench::printHeader(options.seconds, options.threads, options.record, options.audio);
    int best = 0;
    for (const int calls : options.calls) {
        const auto step = runStep(options, calls, speechA, speechB);
        bench::printRow(step);
        if (step.clean()) {
            best = std::max(best, calls);
        } else {
            break;  // loss or lateness: larger N only gets worse
        }
    }
    bench::printFooter(best);
    return 0;
}
