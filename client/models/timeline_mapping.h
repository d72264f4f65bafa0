#pragma once

#include <QtGlobal>

namespace callvault::client {

/// The one time↔pixel mapping of the waveform (Mixxx style): `durationMs` spread over `widthPx` pixels from
/// x = 0. Every drawing step and every mouse handler goes through it.
class TimelineMapping {
public:
    TimelineMapping(qint64 durationMs, int widthPx) : m_durationMs(durationMs), m_widthPx(widthPx) {}

    /// The x of time `ms` (clamped to the recording), 0 … widthPx.
    double xOf(qint64 ms) const {
        if (m_durationMs <= 0 || m_widthPx <= 0) {
            return 0.0;
        }
        const qint64 clamped = qBound<qint64>(0, ms, m_durationMs);
        return static_cast<double>(clamped) * m_widthPx / static_cast<double>(m_durationMs);
    }
    /// The time under x (clamped), rounded to the millisecond.
    qint64 msAt(double x) const {
        if (m_durationMs <= 0 || m_widthPx <= 0) {
            return 0;
        }
        const double clamped = qBound(0.0, x, static_cast<double>(m_widthPx));
        return qRound64(clamped * static_cast<double>(m_durationMs) / m_widthPx);
    }
    qint64 durationMs() const { return m_durationMs; }
    int widthPx() const { return m_widthPx; }

private:
    qint64 m_durationMs;
    int m_widthPx;
};

}  // namespace callvault::client
