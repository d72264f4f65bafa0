#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace callvault::server {

/// Prometheus counters and gauges, cheap to bump from any thread.
/// Names follow Prometheus conventions ("callvault_http_requests_total").
class Metrics {
public:
    /// Adds `delta` to the counter `name` with an optional label set, e.g. `{status="200"}`.
    void add(const std::string& name, const std::string& labels = "", std::int64_t delta = 1);
    /// Sets the gauge `name` to `value`.
    void set(const std::string& name, const std::string& labels, std::int64_t value);
    std::int64_t value(const std::string& name, const std::string& labels = "") const;

    /// The text exposition format (version 0.0.4).
    std::string render() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::map<std::string, std::int64_t>> m_values;
};

}  // namespace callvault::server
