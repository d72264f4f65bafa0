#include "server/app/server_app.h"

#include "server/api/api_service.h"
#include "server/api/http_server.h"
#include "server/api/mailer.h"
#include "server/app/admin_cli.h"
#include "server/app/config_loader.h"
#include "server/app/data_dir.h"
#include "server/app/retention_scheduler.h"
#include "server/app/sip_service.h"
#include "server/store/store.h"
#include "server/util/log.h"
#include "server/util/metrics.h"
#include "server/util/tls_certificate.h"

// Asio's scheduler trips GCC 12's flow-based -Wnull-dereference once inlined (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#pragma GCC diagnostic pop

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

namespace callvault::server {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;

constexpr std::size_t kBlockingThreads = 4;
constexpr auto kDrainLimit = 5s;
constexpr auto kSessionSweepInterval = 60s;
constexpr auto kSipDrainLimit = 60s;  // ending calls and finishing their recordings

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Writes "<port>\n" through a temporary file and a rename, so a reader never sees half a line.
void writeReadyFile(const std::string& path, std::uint16_t port) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << port << "\n";
        if (!out.flush()) {
            throw std::runtime_error("cannot write " + temporary);
        }
    }
    std::filesystem::rename(temporary, path);
}

std::string urlHost(const std::string& address) {
    return address.find(':') == std::string::npos ? address : "[" + address + "]";
}

/// Deletes sessions idle for longer than the limit, every minute, on the blocking pool (it writes SQLite).
class SessionSweeper {
public:
    SessionSweeper(net::io_context& io, net::thread_pool& pool, store::Store& store, int idleSeconds)
        : m_timer(io), m_pool(pool), m_store(store), m_idleSeconds(idleSeconds) {}

    void start() {
        m_timer.expires_after(kSessionSweepInterval);
        m_timer.async_wait([this](const boost::system::error_code& ec) {
            if (ec) {
                return;
            }
            net::post(m_pool, [this] {
                try {
                    m_store.deleteSessionsIdleSince(nowMs() / 1000 - m_idleSeconds);
                } catch (const std::exception& e) {
                    log::error(std::string("cannot delete idle sessions: ") + e.what());
                }
            });
            start();
        });
    }
    void stop() { m_timer.cancel(); }

private:
    net::steady_timer m_timer;
    net::thread_pool& m_pool;
    store::Store& m_store;
    int m_idleSeconds;
};

/// Polls until no request is in flight or the drain limit passes, then stops `io`.
void drainThenStop(net::io_context& io, api::HttpServer& server, std::shared_ptr<net::steady_timer> timer,
                   std::chrono::steady_clock::time_point deadline, const std::atomic<bool>& sipDone,
                   std::chrono::steady_clock::time_point sipDeadline) {
    const auto now = std::chrono::steady_clock::now();
    if (!sipDone && now < sipDeadline) {
        timer->expires_after(50ms);
        timer->async_wait([&io, &server, timer, deadline, &sipDone, sipDeadline](const boost::system::error_code&) {
            drainThenStop(io, server, timer, deadline, sipDone, sipDeadline);
        });
        return;
    }
    if (!sipDone) {
        log::warning("stopping before every call ended; their recordings are recovered at the next start");
    }
    if (server.requestsInFlight() == 0 || std::chrono::steady_clock::now() >= deadline) {
        if (server.requestsInFlight() != 0) {
            log::warning("stopping with " + std::to_string(server.requestsInFlight()) +
                         " request(s) unanswered");
        }
        io.stop();
        return;
    }
    timer->expires_after(50ms);
    timer->async_wait([&io, &server, timer, deadline, &sipDone, sipDeadline](const boost::system::error_code&) {
        drainThenStop(io, server, timer, deadline, sipDone, sipDeadline);
    });
}

}  // namespace

int runServer(const Config& config) {
    log::setLevel(config.logLevel);
    // A client closing its socket must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);
    log::info("callvaultd " + std::string(versionString()) + " starting, data directory " + config.dataDir);

    std::unique_ptr<store::Store> store;
    TlsCertificate certificate;
    try {
        prepareDataDirectory(config.dataDir);
        store = store::openSqliteStore(databasePath(config.dataDir));
        certificate =
            loadOrCreateTlsCertificate(config.tlsCert, config.tlsKey, config.dataDir, config.apiAddress);
    } catch (const std::exception& e) {
        log::error(std::string("cannot start: ") + e.what());
        return 1;
    }
    if (certificate.generated) {
        log::info("generated a self-signed TLS certificate: " + certificate.certificatePath);
    }
    log::info("TLS certificate SHA-256 fingerprint: " + certificate.fingerprint);

    Metrics metrics;
    api::Mailer mailer(config.smtp);
    api::ApiService service(api::ApiContext{config, *store, metrics, mailer, nowMs});

    net::thread_pool blockingPool(kBlockingThreads);
    const unsigned threadCount =
        config.threads != 0 ? config.threads : std::max(1U, std::thread::hardware_concurrency());
    net::io_context io(static_cast<int>(threadCount));

    api::HttpLimits limits;
    limits.readTimeout = std::chrono::seconds(config.readTimeoutSeconds);
    limits.bodyBytes = config.maxBodyBytes;
    std::unique_ptr<api::HttpServer> server;
    std::uint16_t port = 0;
    try {
        server = std::make_unique<api::HttpServer>(
            io, blockingPool, certificate, limits,
            [&service](const api::ApiRequest& request) { return service.handle(request); }, metrics);
        port = server->listen(config.apiAddress, config.apiPort);
    } catch (const std::exception& e) {
        log::error(std::string("cannot start the API: ") + e.what());
        return 1;
    }
    log::info("callvaultd listening on https://" + urlHost(config.apiAddress) + ":" + std::to_string(port));
    std::unique_ptr<SipService> sip;
    std::atomic<bool> sipDone{true};
    if (config.sip.enabled) {
        try {
            sip = std::make_unique<SipService>(io, blockingPool, config, *store, metrics);
            sip->start();
        } catch (const std::exception& e) {
            log::error(std::string("cannot start SIP: ") + e.what());
            return 1;
        }
    }
    if (!config.readyFile.empty()) {
        try {
            writeReadyFile(config.readyFile, port);
        } catch (const std::exception& e) {
            log::error(std::string("cannot write the ready file: ") + e.what());
            return 1;
        }
    }

    SessionSweeper sweeper(io, blockingPool, *store, config.sessionIdleSeconds);
    sweeper.start();
    RetentionScheduler retention(io, blockingPool, *store, config.dataDir);
    retention.start();


    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) {
            return;
        }
        log::info(std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ", stopping");
        server->stopAccepting();
        sweeper.stop();
        retention.stop();
        const auto now = std::chrono::steady_clock::now();
        if (sip) {
            sipDone = false;
            sip->shutdown([&sipDone] { sipDone = true; });
        }
        drainThenStop(io, *server, std::make_shared<net::steady_timer>(io), now + kDrainLimit, sipDone,
                      now + kSipDrainLimit);
    });

    std::vector<std::thread> threads;
    for (unsigned i = 1; i < threadCount; ++i) {
        threads.emplace_back([&io] { io.run(); });
    }
    io.run();
    for (auto& thread : threads) {
        thread.join();
    }
    // Handlers still running finish before the service they use goes away; their replies are dropped.
    blockingPool.join();
    log::info("callvaultd stopped");
    return 0;
}

int callvaultdMain(int argc, char** argv) {
    std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    if (!args.empty() && args.front() == "admin") {
        return runAdminCli(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
    }
    const auto loaded = loadConfig(args);
    if (!loaded.ok()) {
        std::cerr << "callvaultd: " << loaded.error << "\n";
        return 2;
    }
    if (loaded.action != StartAction::Run) {
        std::cout << loaded.text;
        return 0;
    }
    return runServer(loaded.config);
}

}  // namespace callvault::server
