#include "server/sip/call_id_generator.h"

#include "common/formats/call_id.h"

#include <chrono>

namespace callvault::server::sip {

namespace {

constexpr std::uint32_t kSequenceLimit = 1'000'000'000;

std::uint32_t initialSequence() {
    // Microseconds of the start-up time, so two runs in the same second start far apart.
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    return static_cast<std::uint32_t>((us % 1'000'000) * 500 % kSequenceLimit);
}

}  // namespace

CallIdGenerator::CallIdGenerator(std::string node) : m_node(std::move(node)), m_sequence(initialSequence()) {}

std::string CallIdGenerator::next(std::int64_t unixSeconds) {
    const std::uint32_t sequence = m_sequence.fetch_add(1) % kSequenceLimit;
    return formatCallId(CallId{unixSeconds, m_node, sequence});
}

}  // namespace callvault::server::sip
