#include "server/app/sip_service.h"

#include "server/media/media_relay.h"
#include "server/media/recording_cdr.h"
#include "server/record/signing_key_store.h"
#include "server/sip/b2bua.h"
#include "server/sip/number_directory.h"
#include "server/sip/options_responder.h"
#include "server/sip/relay_media_factory.h"
#include "server/sip/sip_handler_chain.h"
#include "server/sip/sip_ids.h"
#include "server/sip/sip_transport.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#pragma GCC diagnostic pop

#include <optional>

namespace callvault::server {

struct SipService::Parts {
    boost::asio::io_context& io;
    boost::asio::thread_pool& pool;
    const Config& config;
    store::Store& store;
    Metrics& metrics;
    std::optional<media::MediaRelay> relay;
    std::optional<sip::RelayMediaFactory> mediaFactory;
    std::optional<sip::StoreNumberDirectory> directory;
    std::optional<sip::CallIdGenerator> callIds;
    std::optional<sip::B2bua> b2bua;
    sip::OptionsResponder options;
    sip::SipHandlerChain chain;
    std::optional<sip::SipTransport> transport;

    Parts(boost::asio::io_context& i, boost::asio::thread_pool& p, const Config& c, store::Store& s, Metrics& m)
        : io(i), pool(p), config(c), store(s), metrics(m) {}
};

SipService::SipService(boost::asio::io_context& io, boost::asio::thread_pool& blockingPool, const Config& config,
                       store::Store& store, Metrics& metrics)
    : m_parts(std::make_unique<Parts>(io, blockingPool, config, store, metrics)) {}

SipService::~SipService() {
    if (m_parts->transport) {
        m_parts->transport->stop();
    }
}

void SipService::start() {
    auto& p = *m_parts;
    const auto& sipConfig = p.config.sip;
    const std::string host = sipConfig.advertisedHost.empty() ? sipConfig.address : sipConfig.advertisedHost;

    auto key = std::make_shared<const SigningKey>(record::loadOrCreateSigningKey(p.config.dataDir));
    const auto report = media::recoverRecordingsAtStartup(p.config.dataDir, *key, p.store, p.metrics);
    if (report.recovered + report.failed + report.cdrErrors > 0) {
        log::info("spool recovery: " + std::to_string(report.recovered) + " recording(s) recovered, " +
                  std::to_string(report.failed) + " set aside, " + std::to_string(report.cdrErrors) +
                  " CDR row(s) not stored");
    }

    media::MediaSettings mediaSettings;
    mediaSettings.bindAddress = sipConfig.address;
    mediaSettings.advertisedAddress = host;
    mediaSettings.portMin = sipConfig.rtpPortMin;
    mediaSettings.portMax = sipConfig.rtpPortMax;
    mediaSettings.dataDir = p.config.dataDir;
    p.relay.emplace(p.io, p.pool, mediaSettings, p.store, key, p.metrics);
    p.mediaFactory.emplace(*p.relay);
    p.directory.emplace(p.store);
    p.callIds.emplace(sipConfig.nodeId);

    sip::SipTransportConfig transportConfig;
    transportConfig.address = sipConfig.address;
    transportConfig.port = sipConfig.port;
    transportConfig.advertisedHost = host;

    sip::B2buaEnvironment env;
    env.directory = &*p.directory;
    env.media = &*p.mediaFactory;
    env.callIds = &*p.callIds;
    env.metrics = &p.metrics;
    env.routing.downstream = sipConfig.downstream;
    env.routing.contacts = sipConfig.contacts;
    env.runBlocking = [&pool = p.pool](std::function<void()> work) { boost::asio::post(pool, std::move(work)); };
    // The transport is made after the B2BUA (it needs the handler chain): these read it once it exists.
    env.sender = nullptr;
    p.b2bua.emplace(p.io, env);
    p.chain.add(p.options);
    p.chain.add(*p.b2bua);
    p.transport.emplace(p.io, transportConfig, p.chain, &p.metrics);
    p.transport->start();
    p.b2bua->attachTransport(*p.transport, sip::uriHost(host) + ":" + std::to_string(p.transport->port()),
                             [transport = &*p.transport](sip::SipTransportKind kind) {
                                 return transport->viaFor(kind);
                             });
    log::info("SIP B2BUA ready on " + sip::uriHost(sipConfig.address) + ":" + std::to_string(port()) +
              " (UDP and TCP); RTP ports " + std::to_string(sipConfig.rtpPortMin) + "-" +
              std::to_string(sipConfig.rtpPortMax) +
              (sipConfig.downstream.empty() ? std::string() : "; downstream " + sipConfig.downstream) + "; " +
              std::to_string(sipConfig.contacts.size()) + " contact(s)");
}

void SipService::shutdown(std::function<void()> done) {
    auto& p = *m_parts;
    if (!p.b2bua) {
        if (done) {
            done();
        }
        return;
    }
    p.b2bua->shutdown([&p, done = std::move(done)]() mutable {
        p.relay->stopAll([&p, done = std::move(done)] {
            log::info("SIP: every call ended and every recording finished");
            if (done) {
                done();
            }
        });
    });
}

std::uint16_t SipService::port() const {
    return m_parts->transport ? m_parts->transport->port() : 0;
}

}  // namespace callvault::server
