#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace callvault::server::sip {

/// Makes §5 call IDs (`yyMMddHHmmss` UTC + node + 9-digit sequence) for this node. The sequence starts at a
/// value taken from the start-up clock, so a restart within the same second does not repeat an ID. Thread safe.
class CallIdGenerator {
public:
    /// `node`: two of [0-9A-Z] (validated by the config loader).
    explicit CallIdGenerator(std::string node);
    /// A new call ID for a call that started at `unixSeconds`.
    std::string next(std::int64_t unixSeconds);

private:
    std::string m_node;
    std::atomic<std::uint32_t> m_sequence;
};

}  // namespace callvault::server::sip
