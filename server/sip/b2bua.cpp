#include "server/sip/b2bua.h"

#include "server/sip/sip_ids.h"
#include "server/sip/sip_response_builder.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <vector>

namespace callvault::server::sip {

B2bua::B2bua(boost::asio::io_context& io, B2buaEnvironment env) : m_io(io), m_env(std::move(env)) {
    m_env.registerLegB = [this](const std::string& callIdB, const std::shared_ptr<B2buaCall>& call) {
        const std::lock_guard lock(m_mutex);
        m_byCallId[callIdB] = {call, LegSide::B};
    };
    m_env.onFinished = [this](const B2buaCall& call) { finished(call); };
    m_env.onReleased = [this](const B2buaCall& call) { released(call); };
}

void B2bua::attachTransport(SipSender& sender, std::string contactHost,
                            std::function<SipViaSpec(SipTransportKind)> via) {
    const std::lock_guard lock(m_mutex);
    m_env.sender = &sender;
    m_env.contactHost = std::move(contactHost);
    m_env.via = std::move(via);
    m_attached = true;
}

bool B2bua::handle(SipIncoming& incoming, SipSender& sender) {
    const auto& message = incoming.message;
    const std::string callId = message.callId();
    std::shared_ptr<B2buaCall> call;
    LegSide side = LegSide::A;
    {
        const std::lock_guard lock(m_mutex);
        if (const auto it = m_byCallId.find(callId); it != m_byCallId.end()) {
            call = it->second.first;
            side = it->second.second;
        }
    }
    if (call) {
        call->receive(side, std::move(incoming));
        return true;
    }
    if (message.isResponse()) {
        log::debug("SIP response for no call (Call-ID " + callId + ") dropped");
        return true;  // a response to a call that is gone: drop it
    }
    const std::string method = message.method();
    if (method == "ACK") {
        return true;
    }
    if (method != "INVITE") {
        if (!message.toTag().empty() || method == "BYE" || method == "CANCEL") {
            sender.sendResponse(buildResponse(message, 481, "Call/Transaction Does Not Exist", newTag()),
                                incoming.source);
            return true;
        }
        return false;
    }
    if (!message.toTag().empty()) {
        sender.sendResponse(buildResponse(message, 481, "Call/Transaction Does Not Exist", newTag()),
                            incoming.source);
        return true;
    }
    call = std::make_shared<B2buaCall>(m_io, m_env);
    {
        const std::lock_guard lock(m_mutex);
        if (m_stopping || !m_attached) {
            call.reset();
        } else {
            m_byCallId[callId] = {call, LegSide::A};
            ++m_active;
        }
    }
    if (!call) {
        auto refusal = buildResponse(message, 503, "Service Unavailable", newTag());
        refusal.addHeader("Retry-After", "30");
        sender.sendResponse(refusal, incoming.source);
        return true;
    }
    publishGauge();
    call->start(std::move(incoming));
    return true;
}

void B2bua::shutdown(std::function<void()> done) {
    std::vector<std::shared_ptr<B2buaCall>> calls;
    bool idle = false;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_onIdle = std::move(done);
        for (const auto& [id, entry] : m_byCallId) {
            if (entry.second == LegSide::A) {
                calls.push_back(entry.first);
            }
        }
        idle = m_active == 0;
    }
    for (const auto& call : calls) {
        call->terminate(503);
    }
    if (idle) {
        std::function<void()> callback;
        {
            const std::lock_guard lock(m_mutex);
            callback = std::move(m_onIdle);
        }
        if (callback) {
            callback();
        }
    }
}

void B2bua::finished(const B2buaCall& /*call*/) {
    std::function<void()> callback;
    {
        const std::lock_guard lock(m_mutex);
        if (m_active > 0) {
            --m_active;
        }
        if (m_stopping && m_active == 0) {
            callback = std::move(m_onIdle);
        }
    }
    publishGauge();
    if (callback) {
        callback();
    }
}

void B2bua::released(const B2buaCall& call) {
    const std::lock_guard lock(m_mutex);
    for (const auto& id : {call.callIdA(), call.callIdB()}) {
        if (const auto it = m_byCallId.find(id); it != m_byCallId.end() && it->second.first.get() == &call) {
            m_byCallId.erase(it);
        }
    }
}

std::size_t B2bua::activeCalls() const {
    const std::lock_guard lock(m_mutex);
    return m_active;
}

std::size_t B2bua::knownCalls() const {
    const std::lock_guard lock(m_mutex);
    return m_byCallId.size();
}

void B2bua::publishGauge() {
    if (m_env.metrics != nullptr) {
        m_env.metrics->set("callvault_sip_calls_active", "", static_cast<std::int64_t>(activeCalls()));
    }
}

}  // namespace callvault::server::sip
