#pragma once

#include "media_test_support.h"
#include "record_test_support.h"

#include "common/crypto/signature.h"
#include "server/media/media_metrics.h"
#include "server/store/store.h"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace callvault::server::media::test {

/// A MediaRelay on a real io_context (two threads, so strands matter), a real blocking pool and a real
/// SQLite store in a temp folder, with RTP ports from a range of its own.
class MediaRelayFixture : public ::testing::Test {
protected:
    MediaRelayFixture()
        : m_store(store::openSqliteStore((m_dir.path() / "callvault.db").string())),
          m_key(std::make_shared<const SigningKey>(generateSigningKey())),
          m_guard(boost::asio::make_work_guard(m_io)) {
        Company company;
        company.name = "Media Test Ltd";
        company.retentionDays = 90;
        company.timeZone = "Asia/Hong_Kong";
        m_companyId = m_store->createCompany(company).id;
        for (int i = 0; i < 2; ++i) {
            m_threads.emplace_back([this] { m_io.run(); });
        }
    }

    ~MediaRelayFixture() override {
        if (m_relay) {
            std::promise<void> stopped;
            m_relay->stopAll([&stopped] { stopped.set_value(); });
            stopped.get_future().wait_for(std::chrono::seconds(20));
        }
        m_guard.reset();
        m_pool.join();
        m_io.stop();
        for (auto& thread : m_threads) {
            thread.join();
        }
        m_relay.reset();
    }

    /// A port range of `pairs` pairs, different for every test process so parallel runs do not collide, and
    /// below the kernel's ephemeral ports (32768-60999), which any socket bound to port 0 may take.
    static std::pair<std::uint16_t, std::uint16_t> portRange(int pairs, int slot = 0) {
        const int base = 30000 + (static_cast<int>(::getpid()) % 65) * 40 + slot * 20;
        return {static_cast<std::uint16_t>(base), static_cast<std::uint16_t>(base + 2 * pairs - 1)};
    }

    MediaRelay& makeRelay(int pairs = 4, int slot = 0,
                          std::chrono::milliseconds tick = std::chrono::milliseconds(100)) {
        MediaSettings settings;
        const auto [min, max] = portRange(pairs, slot);
        settings.portMin = min;
        settings.portMax = max;
        settings.dataDir = m_dir.path();
        settings.tickInterval = tick;
        settings.alarmProbeInterval = std::chrono::milliseconds(100);
        m_relay.emplace(m_io, m_pool, settings, *m_store, m_key, m_metrics);
        return *m_relay;
    }

    record::RecordingMetadata metadata(std::uint32_t sequence) const {
        auto m = record::test::sampleMetadata(sequence);
        m.companyId = m_companyId;
        m.userId.reset();
        m.groupId.reset();
        return m;
    }

    record::test::TempDir m_dir;
    std::unique_ptr<store::Store> m_store;
    std::shared_ptr<const SigningKey> m_key;
    Metrics m_metrics;
    boost::asio::io_context m_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_guard;
    boost::asio::thread_pool m_pool{2};
    std::vector<std::thread> m_threads;
    std::optional<MediaRelay> m_relay;
    std::int64_t m_companyId = 0;
};

}  // namespace callvault::server::media::test
