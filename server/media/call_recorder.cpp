#include "server/media/call_recorder.h"

#include "server/media/g711.h"

#include <algorithm>

namespace callvault::server::media {
namespace {

// 4 s of both legs at 50 packets/s: spool creation normally takes milliseconds.
constexpr std::size_t kMaxBuffered = 400;

record::RtpPayload toPayload(const RtpHeader& header) {
    return record::RtpPayload{header.payloadType, header.sequence, header.timestamp, header.ssrc,
                              header.payload};
}

}  // namespace

void CallRecorder::addPending(const std::string& callId, Leg userLeg) {
    Entry entry;
    entry.callId = callId;
    entry.userLeg = userLeg;
    m_entries.push_back(std::move(entry));
}

bool CallRecorder::install(const std::string& callId, std::unique_ptr<record::RecordingSession>& session) {
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const Entry& e) { return e.callId == callId && !e.session; });
    if (it == m_entries.end()) {
        return false;
    }
    it->session = std::move(session);
    auto buffered = std::move(it->buffered);
    it->buffered.clear();
    for (auto& packet : buffered) {
        packet.header.payload = packet.bytes;
        feed(*it, packet.leg, packet.header, packet.arrival);
    }
    return true;
}

void CallRecorder::removePending(const std::string& callId) {
    std::erase_if(m_entries, [&](const Entry& e) { return e.callId == callId && !e.session; });
}

void CallRecorder::feed(const AudioBatch& batch) {
    batch.forEach([this](Leg leg, const RtpHeader& header, Clock::time_point arrival) {
        for (auto& entry : m_entries) {
            if (entry.session) {
                feed(entry, leg, header, arrival);
            } else if (entry.buffered.size() < kMaxBuffered) {
                entry.buffered.push_back(
                    Buffered{leg, header, {header.payload.begin(), header.payload.end()}, arrival});
            }
        }
    });
}

void CallRecorder::tick(Clock::time_point now) {
    for (auto& entry : m_entries) {
        if (entry.session) {
            guarded(entry, [&] { entry.session->tick(now); });
        }
    }
}

void CallRecorder::updateMetadata(const record::RecordingMetadata& metadata) {
    for (auto& entry : m_entries) {
        if (entry.session && entry.callId == metadata.callId) {
            guarded(entry, [&] { entry.session->updateMetadata(metadata); });
        }
    }
}

std::vector<std::unique_ptr<record::RecordingSession>> CallRecorder::takeSessions() {
    std::vector<std::unique_ptr<record::RecordingSession>> sessions;
    std::vector<Entry> pending;
    for (auto& entry : m_entries) {
        if (entry.session) {
            const auto stats = entry.session->stats();
            m_lateOfTaken += stats.user.late + stats.other.late;
            sessions.push_back(std::move(entry.session));
        } else {
            pending.push_back(std::move(entry));
        }
    }
    m_entries = std::move(pending);
    return sessions;
}

std::size_t CallRecorder::pendingCount() const {
    return static_cast<std::size_t>(
        std::count_if(m_entries.begin(), m_entries.end(), [](const Entry& e) { return !e.session; }));
}

std::uint64_t CallRecorder::latePackets() const {
    std::uint64_t late = m_lateOfTaken;
    for (const auto& entry : m_entries) {
        if (entry.session) {
            const auto stats = entry.session->stats();
            late += stats.user.late + stats.other.late;
        }
    }
    return late;
}

void CallRecorder::feed(Entry& entry, Leg leg, const RtpHeader& header, Clock::time_point arrival) {
    const auto channel = leg == entry.userLeg ? record::Channel::User : record::Channel::Other;
    guarded(entry, [&] { entry.session->onRtp(channel, toPayload(header), arrival); });
}

template <typename Step>
void CallRecorder::guarded(Entry& entry, Step&& step) {
    try {
        step();
    } catch (const std::exception& e) {
        // RecordingError (disk full, EIO) or anything else: this recording stops, the call goes on.
        if (!entry.failureReported) {
            entry.failureReported = true;
            m_onFailure(entry.callId, e.what());
        }
    }
}

}  // namespace callvault::server::media
