#include "server/util/metrics.h"

#include <string_view>

namespace callvault::server {
namespace {

// Prometheus convention: counters end in "_total"; everything else we expose is a gauge.
bool isCounter(std::string_view name) {
    return name.size() > 6 && name.substr(name.size() - 6) == "_total";
}

// Labels are accepted with or without their braces (`{status="200"}` or `status="200"`) and kept without.
std::string normalised(const std::string& labels) {
    if (labels.size() >= 2 && labels.front() == '{' && labels.back() == '}') {
        return labels.substr(1, labels.size() - 2);
    }
    return labels;
}

std::string sample(const std::string& name, const std::string& labels) {
    return labels.empty() ? name : name + '{' + labels + '}';
}

}  // namespace

void Metrics::add(const std::string& name, const std::string& labels, std::int64_t delta) {
    const std::lock_guard lock(m_mutex);
    m_values[name][normalised(labels)] += delta;
}

void Metrics::set(const std::string& name, const std::string& labels, std::int64_t value) {
    const std::lock_guard lock(m_mutex);
    m_values[name][normalised(labels)] = value;
}

std::int64_t Metrics::value(const std::string& name, const std::string& labels) const {
    const std::lock_guard lock(m_mutex);
    const auto family = m_values.find(name);
    if (family == m_values.end()) {
        return 0;
    }
    const auto series = family->second.find(normalised(labels));
    return series == family->second.end() ? 0 : series->second;
}

std::string Metrics::render() const {
    const std::lock_guard lock(m_mutex);
    std::string text;
    for (const auto& [name, series] : m_values) {
        text += "# TYPE " + name + (isCounter(name) ? " counter\n" : " gauge\n");
        for (const auto& [labels, value] : series) {
            text += sample(name, labels) + ' ' + std::to_string(value) + '\n';
        }
    }
    return text;
}

}  // namespace callvault::server
